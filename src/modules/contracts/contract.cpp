#include "modules/contracts/contract.hpp"

#include <algorithm>
#include <cstdio>

#include "core/text.hpp"
#include "modules/customers/customer.hpp"

namespace consign::contracts {

using namespace std::chrono;

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> std::optional<int> {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d) return std::nullopt;
  Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

const CatalogueService* FindService(std::string_view code) {
  for (const CatalogueService& s : kCatalogue)
    if (s.code == code) return &s;
  return nullptr;
}

std::string_view TierName(ServiceTier tier) {
  switch (tier) {
    case ServiceTier::kBasic: return "basic";
    case ServiceTier::kValueAdded: return "value_added";
    case ServiceTier::kAdvanced: return "advanced";
  }
  return "basic";
}

namespace {

// The Chinese name beside each code, in the order of the code list.
std::string_view Lookup(std::string_view value, std::span<const std::string_view> codes,
                        std::initializer_list<std::string_view> names_zh) {
  for (size_t i = 0; i < codes.size() && i < names_zh.size(); ++i)
    if (codes[i] == value) return names_zh.begin()[i];
  return value;
}

bool IsOneOf(std::string_view value, std::span<const std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Join(std::span<const std::string_view> values) {
  std::string out;
  for (std::string_view v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

}  // namespace

std::string_view ZoneNameZh(std::string_view zone) {
  return Lookup(zone, kZones, {"同城", "省内", "邻省", "跨省", "偏远地区"});
}
std::string_view BillingCycleNameZh(std::string_view cycle) {
  return Lookup(cycle, kBillingCycles, {"现结", "周结", "半月结", "月结"});
}
std::string_view VehicleNameZh(std::string_view vehicle) {
  return Lookup(vehicle, kVehicles, {"不限", "厢式车", "冷藏车", "平板车"});
}
std::string_view PickupFrequencyNameZh(std::string_view frequency) {
  return Lookup(frequency, kPickupFrequencies, {"按需揽收", "每天一次", "每天两次", "每周一次"});
}

Status ValidateTerms(const Terms& t) {
  FieldErrors errors;
  auto money = [&](const std::string& field, Money m, bool may_be_zero) {
    if (m.currency != kCny) errors.Add(field + ".currency", "currency", "contracts are in CNY");
    if (m.minor < 0 || (!may_be_zero && m.minor == 0))
      errors.Add(field, "out_of_range", field + " must be " + (may_be_zero ? "zero or more" : "more than zero"));
  };
  auto bp = [&](const std::string& field, int value) {
    if (value < 0 || value > 10'000) errors.Add(field, "out_of_range", field + " must be 0..10000 basis points");
  };
  auto text_field = [&](const std::string& field, const std::string& value, size_t max, bool multiline) {
    if (CodePoints(value) > max) errors.Add(field, "too_long", field + " is longer than " + std::to_string(max));
    if (text::HasUnsafeCharacters(value, multiline))
      errors.Add(field, "invalid_characters", field + " holds a control character or a bidirectional override");
  };

  if (t.services.empty()) errors.Add("services", "required", "at least one service from the catalogue");
  for (size_t i = 0; i < t.services.size(); ++i) {
    const std::string field = "services[" + std::to_string(i) + "]";
    if (!FindService(t.services[i]))
      errors.Add(field, "invalid_enum", "not a service of the catalogue");
    else if (std::find(t.services.begin(), t.services.begin() + static_cast<std::ptrdiff_t>(i), t.services[i]) !=
             t.services.begin() + static_cast<std::ptrdiff_t>(i))
      errors.Add(field, "duplicate", "the service is listed twice");
  }
  if (t.rate_card_id && *t.rate_card_id <= 0) errors.Add("rate_card_id", "out_of_range", "rate_card_id must be positive");

  if (t.transit_promises.size() > kMaxTransitPromises)
    errors.Add("transit_promises", "too_long", "at most 100 transit-time promises");
  for (size_t i = 0; i < t.transit_promises.size(); ++i) {
    const TransitPromise& p = t.transit_promises[i];
    const std::string at = "transit_promises[" + std::to_string(i) + "]";
    if (p.product.empty()) errors.Add(at + ".product", "required", "the service product is required");
    text_field(at + ".product", p.product, kMaxProductChars, false);
    if (!IsOneOf(p.zone, kZones)) errors.Add(at + ".zone", "invalid_enum", "zone must be one of: " + Join(kZones));
    if (p.hours < 1 || p.hours > 720) errors.Add(at + ".hours", "out_of_range", "hours must be 1..720");
    for (size_t j = 0; j < i; ++j)
      if (t.transit_promises[j].product == p.product && t.transit_promises[j].zone == p.zone) {
        errors.Add(at, "duplicate", "a promise for this product and zone is already listed");
        break;
      }
  }

  bp("quality.reports_on_time_bp", t.quality.reports_on_time_bp);
  bp("quality.on_time_delivery_bp", t.quality.on_time_delivery_bp);
  bp("quality.complaint_free_bp", t.quality.complaint_free_bp);
  bp("quality.damage_max_bp", t.quality.damage_max_bp);
  bp("quality.delivery_accuracy_bp", t.quality.delivery_accuracy_bp);
  bp("quality.inventory_accuracy_bp", t.quality.inventory_accuracy_bp);

  money("annual_value", t.annual_value, true);
  money("declared_value_limit", t.declared_value_limit, true);
  money("compensation_cap", t.compensation_cap, false);
  if (t.account_period_days < 0 || t.account_period_days > 365)
    errors.Add("account_period_days", "out_of_range", "account_period_days must be 0..365");
  if (!IsOneOf(t.billing_cycle, kBillingCycles))
    errors.Add("billing_cycle", "invalid_enum", "billing_cycle must be one of: " + Join(kBillingCycles));
  if (t.cod) {
    bp("cod.fee_rate_bp", t.cod->fee_rate_bp);
    if (t.cod->fee_rate_bp == 0) errors.Add("cod.fee_rate_bp", "out_of_range", "a COD fee rate is more than zero");
    money("cod.minimum_fee", t.cod->minimum_fee, true);
    if (t.cod->remittance_days < 0 || t.cod->remittance_days > 60)
      errors.Add("cod.remittance_days", "out_of_range", "remittance_days (T+N) must be 0..60");
    if (std::find(t.services.begin(), t.services.end(), "cod") == t.services.end())
      errors.Add("cod", "service_missing", "COD terms need the cod service in services");
  }
  text_field("packaging", t.packaging, kMaxPackagingChars, true);
  if (!IsOneOf(t.vehicle, kVehicles)) errors.Add("vehicle", "invalid_enum", "vehicle must be one of: " + Join(kVehicles));
  if (!IsOneOf(t.pickup_frequency, kPickupFrequencies))
    errors.Add("pickup_frequency", "invalid_enum", "pickup_frequency must be one of: " + Join(kPickupFrequencies));
  if (!t.start_date.ok()) errors.Add("start_date", "required", "start_date is required");
  if (!t.end_date.ok()) errors.Add("end_date", "required", "end_date is required");
  if (t.start_date.ok() && t.end_date.ok()) {
    if (sys_days{t.end_date} < sys_days{t.start_date})
      errors.Add("end_date", "out_of_range", "end_date is before start_date");
    else if (sys_days{t.end_date} - sys_days{t.start_date} > days{10 * 366})
      errors.Add("end_date", "out_of_range", "a contract runs at most ten years");
  }
  if (t.clauses.size() > kMaxClauses) errors.Add("clauses", "too_long", "at most 30 clauses");
  for (size_t i = 0; i < t.clauses.size(); ++i) {
    const std::string field = "clauses[" + std::to_string(i) + "]";
    if (t.clauses[i].empty()) errors.Add(field, "required", "a clause is not empty");
    text_field(field, t.clauses[i], kMaxClauseChars, true);
  }
  text_field("internal_notes", t.internal_notes, kMaxNotesChars, true);
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

namespace {

void AddService(Terms& t, std::string_view code) {
  if (std::find(t.services.begin(), t.services.end(), code) == t.services.end()) t.services.emplace_back(code);
}
void AddClause(Terms& t, std::string clause) {
  if (std::find(t.clauses.begin(), t.clauses.end(), clause) == t.clauses.end()) t.clauses.push_back(std::move(clause));
}
void AddPackaging(Terms& t, std::string_view rule) {
  if (t.packaging.find(rule) != std::string::npos) return;
  if (!t.packaging.empty()) t.packaging += "；";
  t.packaging += rule;
}

}  // namespace

Terms DraftFromTemplate(std::string_view industry, Date start) {
  Terms t;
  t.services = {"transport", "delivery"};
  t.compensation_cap = ApprovalRules{}.standard_compensation_cap;
  t.account_period_days = 30;
  t.billing_cycle = "monthly";
  t.start_date = start;
  t.end_date = Date{sys_days{start + years{1}} - days{1}};
  const auto requirements = customers::TemplateFor(industry);
  if (!requirements) return t;
  for (const auto& [flag, on] : requirements->flags) {
    if (!on) continue;
    if (flag == "insurance_clause") {
      t.insurance_clause = true;
      AddService(t, "insurance");
      t.declared_value_limit = Money::Cny(5'000'000);  // ¥50,000 per shipment
    } else if (flag == "compensation_clause") {
      t.compensation_cap = Money::Cny(1'000'000);  // ¥10,000: very high value goods
    } else if (flag == "signed_receipt" || flag == "receipt_with_id_and_stamp") {
      t.signed_receipt = true;
      if (flag == "receipt_with_id_and_stamp") AddClause(t, "签收回单须有收货人身份证号及盖章。");
    } else if (flag == "account_period") {
      t.account_period_days = 60;
    } else if (flag == "original_packaging_intact") {
      AddPackaging(t, "原包装完好");
    } else if (flag == "box_truck") {
      t.vehicle = "box_truck";
    } else if (flag == "barcode_warehousing" || flag == "warehousing") {
      AddService(t, "warehousing");
      if (flag == "barcode_warehousing") AddClause(t, "仓储实行条码化管理。");
    } else if (flag == "tight_transit_time") {
      AddClause(t, "严格执行约定运输时效。");
    } else if (flag == "fragile_packaging") {
      AddService(t, "packaging");
      AddPackaging(t, "易碎品包装");
    } else if (flag == "anti_shock") {
      AddPackaging(t, "防震");
    } else if (flag == "wooden_crate") {
      AddPackaging(t, "木箱");
    } else if (flag == "foam_filling") {
      AddPackaging(t, "泡沫填充");
    } else if (flag == "volumetric_weight_explicit") {
      AddClause(t, "计费重量取实际重量与体积重量之较大者。");
    } else if (flag == "packaging_clean") {
      AddPackaging(t, "外包装不得污损");
    } else if (flag == "batch_sorting") {
      AddClause(t, "按批次分拣。");
    } else if (flag == "zero_tolerance_for_lateness") {
      AddClause(t, "展会物品零延误。");
    } else if (flag == "project_billing") {
      AddClause(t, "按项目结算。");
    } else if (flag == "daily_pickup") {
      t.pickup_frequency = "daily";
    } else if (flag == "cod") {
      AddService(t, "cod");
      t.cod = CodTerms{100, Money::Cny(200), 7};  // 1 %, at least ¥2, remitted T+7
    } else if (flag == "full_tracking") {
      AddClause(t, "提供全程跟踪信息。");
    } else if (flag == "volume_discount") {
      AddClause(t, "按月度货量给予折扣。");
    }
    // light_bulky is what volumetric_weight_explicit answers; a flag added later gets no term here.
  }
  return t;
}

std::string_view StateName(State state) { return kStateNames[static_cast<size_t>(state)]; }

std::optional<State> ParseState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i)
    if (kStateNames[i] == name) return static_cast<State>(i);
  return std::nullopt;
}

std::string_view EventName(Event event) {
  switch (event) {
    case Event::kSubmit: return "submit";
    case Event::kApprove: return "approve";
    case Event::kReject: return "reject";
    case Event::kActivate: return "activate";
    case Event::kWarnExpiry: return "warn_expiry";
    case Event::kRenew: return "renew";
    case Event::kEnd: return "end";
  }
  return "?";
}

Result<State> Transition(State from, Event event) {
  std::optional<State> to;
  switch (from) {
    case State::kDraft:
      if (event == Event::kSubmit) to = State::kInApproval;
      break;
    case State::kInApproval:
      if (event == Event::kApprove) to = State::kApproved;
      if (event == Event::kReject) to = State::kDraft;
      break;
    case State::kApproved:
      if (event == Event::kActivate) to = State::kActive;
      break;
    case State::kActive:
      if (event == Event::kWarnExpiry) to = State::kExpiring;
      if (event == Event::kRenew) to = State::kRenewed;
      if (event == Event::kEnd) to = State::kEnded;
      break;
    case State::kExpiring:
      if (event == Event::kRenew) to = State::kRenewed;
      if (event == Event::kEnd) to = State::kEnded;
      break;
    case State::kRenewed:
    case State::kEnded:
      break;
  }
  if (to) return *to;
  Error e{ErrorCode::kInvalidState,
          "A contract in state " + std::string(StateName(from)) + " cannot " + std::string(EventName(event)) + ".",
          {},
          {}};
  e.fields.push_back({"state", "invalid_state", "the contract is " + std::string(StateName(from))});
  return e;
}

bool IsEditable(State state) { return state == State::kDraft; }

bool IsInForce(State state) {
  return state == State::kApproved || state == State::kActive || state == State::kExpiring;
}

Status ValidateRules(const ApprovalRules& r) {
  FieldErrors errors;
  if (r.manager_threshold.minor < 0 || r.manager_threshold.currency != kCny)
    errors.Add("manager_threshold", "out_of_range", "manager_threshold is zero or more, in CNY");
  if (r.standard_compensation_cap.minor <= 0 || r.standard_compensation_cap.currency != kCny)
    errors.Add("standard_compensation_cap", "out_of_range", "standard_compensation_cap is more than zero, in CNY");
  if (r.standard_account_period_days < 0 || r.standard_account_period_days > 365)
    errors.Add("standard_account_period_days", "out_of_range", "standard_account_period_days must be 0..365");
  if (r.expiry_warning_days < 1 || r.expiry_warning_days > 365)
    errors.Add("expiry_warning_days", "out_of_range", "expiry_warning_days must be 1..365");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::string_view ApproverName(Approver approver) { return approver == Approver::kManager ? "manager" : "finance"; }

std::optional<Approver> ParseApprover(std::string_view name) {
  if (name == "manager") return Approver::kManager;
  if (name == "finance") return Approver::kFinance;
  return std::nullopt;
}

std::vector<Approver> RequiredApprovers(const Terms& terms, const ApprovalRules& rules) {
  std::vector<Approver> required;
  const bool manager = terms.annual_value.minor > rules.manager_threshold.minor;
  const bool finance = terms.compensation_cap.minor > rules.standard_compensation_cap.minor ||
                       terms.account_period_days > rules.standard_account_period_days ||
                       (terms.cod.has_value() && rules.cod_needs_finance);
  if (manager || !finance) required.push_back(Approver::kManager);
  if (finance) required.push_back(Approver::kFinance);
  return required;
}

std::vector<Difference> DifferencesFromStandard(const Terms& terms, const ApprovalRules& rules) {
  std::vector<Difference> out;
  auto yuan = [](Money m) { return "¥" + FormatYuan(m); };
  if (terms.annual_value.minor > rules.manager_threshold.minor)
    out.push_back({"annual_value", "≤ " + yuan(rules.manager_threshold), yuan(terms.annual_value)});
  if (terms.compensation_cap.minor > rules.standard_compensation_cap.minor)
    out.push_back({"compensation_cap", yuan(rules.standard_compensation_cap), yuan(terms.compensation_cap)});
  if (terms.account_period_days > rules.standard_account_period_days)
    out.push_back({"account_period_days", std::to_string(rules.standard_account_period_days),
                   std::to_string(terms.account_period_days)});
  if (terms.cod)
    out.push_back({"cod", "none",
                   std::to_string(terms.cod->fee_rate_bp) + " bp, min " + yuan(terms.cod->minimum_fee) + ", T+" +
                       std::to_string(terms.cod->remittance_days)});
  const QualityTargets standard;
  auto target = [&](const char* field, int standard_bp, int proposed_bp) {
    if (standard_bp != proposed_bp)
      out.push_back({std::string("quality.") + field, std::to_string(standard_bp), std::to_string(proposed_bp)});
  };
  target("reports_on_time_bp", standard.reports_on_time_bp, terms.quality.reports_on_time_bp);
  target("on_time_delivery_bp", standard.on_time_delivery_bp, terms.quality.on_time_delivery_bp);
  target("complaint_free_bp", standard.complaint_free_bp, terms.quality.complaint_free_bp);
  target("damage_max_bp", standard.damage_max_bp, terms.quality.damage_max_bp);
  target("delivery_accuracy_bp", standard.delivery_accuracy_bp, terms.quality.delivery_accuracy_bp);
  target("inventory_accuracy_bp", standard.inventory_accuracy_bp, terms.quality.inventory_accuracy_bp);
  return out;
}

Status CheckApprover(UserId approver_user, Approver as, UserId owner, UserId submitter,
                     std::span<const Approver> required, std::span<const Approver> decided) {
  if (approver_user == owner || approver_user == submitter) {
    Error e = Forbidden("Nobody approves their own contract.");
    e.fields.push_back({"approver", "self_approval", "the approver owns or submitted this contract"});
    return e;
  }
  const std::string step(ApproverName(as));
  if (std::find(required.begin(), required.end(), as) == required.end()) {
    Error e = MakeError(ErrorCode::kInvalidState, "This contract needs no " + step + " approval.");
    e.fields.push_back({"approver", "not_required", step + " approval is not required"});
    return e;
  }
  if (std::find(decided.begin(), decided.end(), as) != decided.end()) {
    Error e = MakeError(ErrorCode::kInvalidState, "The " + step + " approval is already recorded.");
    e.fields.push_back({"approver", "already_decided", step + " already approved"});
    return e;
  }
  return Ok();
}

std::optional<Coverage> FindOverlap(const Coverage& candidate, std::span<const Coverage> others) {
  for (const Coverage& other : others) {
    if (other.id == candidate.id || !IsInForce(other.state)) continue;
    const bool dates_meet = sys_days{other.start_date} <= sys_days{candidate.end_date} &&
                            sys_days{candidate.start_date} <= sys_days{other.end_date};
    if (!dates_meet) continue;
    for (const std::string& s : candidate.services)
      if (std::find(other.services.begin(), other.services.end(), s) != other.services.end()) return other;
  }
  return std::nullopt;
}

}  // namespace consign::contracts
