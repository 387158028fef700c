#include "modules/contracts/contract_json.hpp"

#include <boost/json/array.hpp>

namespace consign::contracts {

namespace json = boost::json;

json::object MoneyToJson(Money money) {
  return json::object{{"amount_minor", money.minor}, {"currency", std::string(money.currency.view())}};
}

json::object TermsToJson(const Terms& t, TermsView view) {
  json::object o;
  json::array services;
  for (const std::string& s : t.services) services.emplace_back(s);
  o["services"] = std::move(services);
  if (t.rate_card_id) o["rate_card_id"] = *t.rate_card_id;
  else o["rate_card_id"] = nullptr;
  json::array promises;
  for (const TransitPromise& p : t.transit_promises)
    promises.push_back(json::object{{"product", p.product}, {"zone", p.zone}, {"hours", p.hours}});
  o["transit_promises"] = std::move(promises);
  o["quality"] = json::object{{"reports_on_time_bp", t.quality.reports_on_time_bp},
                              {"on_time_delivery_bp", t.quality.on_time_delivery_bp},
                              {"complaint_free_bp", t.quality.complaint_free_bp},
                              {"damage_max_bp", t.quality.damage_max_bp},
                              {"delivery_accuracy_bp", t.quality.delivery_accuracy_bp},
                              {"inventory_accuracy_bp", t.quality.inventory_accuracy_bp}};
  if (view == TermsView::kStaff) o["annual_value"] = MoneyToJson(t.annual_value);
  o["declared_value_limit"] = MoneyToJson(t.declared_value_limit);
  o["compensation_cap"] = MoneyToJson(t.compensation_cap);
  o["insurance_clause"] = t.insurance_clause;
  o["account_period_days"] = t.account_period_days;
  o["billing_cycle"] = t.billing_cycle;
  if (t.cod)
    o["cod"] = json::object{{"fee_rate_bp", t.cod->fee_rate_bp},
                            {"minimum_fee", MoneyToJson(t.cod->minimum_fee)},
                            {"remittance_days", t.cod->remittance_days}};
  else
    o["cod"] = nullptr;
  o["signed_receipt"] = t.signed_receipt;
  o["packaging"] = t.packaging;
  o["vehicle"] = t.vehicle;
  o["pickup_frequency"] = t.pickup_frequency;
  o["start_date"] = t.start_date.ok() ? json::value(FormatDate(t.start_date)) : json::value(nullptr);
  o["end_date"] = t.end_date.ok() ? json::value(FormatDate(t.end_date)) : json::value(nullptr);
  o["auto_renewal"] = t.auto_renewal;
  json::array clauses;
  for (const std::string& c : t.clauses) clauses.emplace_back(c);
  o["clauses"] = std::move(clauses);
  if (view == TermsView::kStaff) o["internal_notes"] = t.internal_notes;
  return o;
}

namespace {

constexpr int kMaxInt = 1'000'000'000;

// Reads a money object at `field` into `money` when present.
void ReadMoney(http::JsonFields& fields, std::string_view field, Money& money) {
  if (!fields.IsPresent(field)) return;
  const json::object* obj = fields.OptObject(field);
  if (!obj) {
    if (fields.ok()) fields.Add(fields.Path(field), "required", "an amount {amount_minor, currency}");
    return;
  }
  http::JsonFields sub(*obj, fields.Path(field));
  const int64_t minor = sub.Int("amount_minor");
  const std::string code = sub.OptString("currency", 3).value_or("CNY");
  if (Status s = sub.Finish(); !s) {
    fields.Merge(s.error());
    return;
  }
  auto currency = ParseCurrency(code, sub.Path("currency"));
  if (!currency) {
    fields.Merge(currency.error());
    return;
  }
  money = Money{minor, *currency};
}

void ReadDate(http::JsonFields& fields, std::string_view field, Date& date) {
  if (!fields.IsPresent(field)) return;
  auto text = fields.OptString(field, 10);
  if (!text) {
    if (fields.ok()) date = Date{};
    return;
  }
  auto parsed = ParseDate(*text);
  if (!parsed) {
    fields.Add(fields.Path(field), "invalid_format", std::string(field) + " must be a date, YYYY-MM-DD");
    return;
  }
  date = *parsed;
}

int ReadSmallInt(http::JsonFields& fields, std::string_view field) {
  return static_cast<int>(fields.Int(field, -kMaxInt, kMaxInt));
}

}  // namespace

void ReadTerms(http::JsonFields& f, Terms& t) {
  if (f.IsPresent("services")) t.services = f.StringArray("services", 30, 40);
  if (f.IsPresent("rate_card_id")) t.rate_card_id = f.OptInt("rate_card_id", -kMaxInt, INT64_MAX);
  if (f.IsPresent("transit_promises")) {
    t.transit_promises.clear();
    if (const json::array* promises = f.OptArray("transit_promises")) {
      for (size_t i = 0; i < promises->size() && i <= kMaxTransitPromises; ++i) {
        const std::string at = http::FieldPath(f.Path("transit_promises"), i);
        if (!(*promises)[i].is_object()) {
          f.Add(at, "invalid_type", "a promise is an object {product, zone, hours}");
          continue;
        }
        http::JsonFields p((*promises)[i].as_object(), at);
        TransitPromise promise;
        promise.product = p.String("product", kMaxProductChars);
        promise.zone = p.String("zone", 40);
        promise.hours = ReadSmallInt(p, "hours");
        if (Status s = p.Finish(); !s) f.Merge(s.error());
        t.transit_promises.push_back(std::move(promise));
      }
      if (promises->size() > kMaxTransitPromises)
        f.Add(f.Path("transit_promises"), "too_long", "at most 100 transit-time promises");
    }
  }
  if (const json::object* q = f.IsPresent("quality") ? f.OptObject("quality") : nullptr) {
    http::JsonFields qf(*q, f.Path("quality"));
    auto opt = [&](std::string_view field, int& target) {
      if (qf.IsPresent(field)) target = ReadSmallInt(qf, field);
    };
    opt("reports_on_time_bp", t.quality.reports_on_time_bp);
    opt("on_time_delivery_bp", t.quality.on_time_delivery_bp);
    opt("complaint_free_bp", t.quality.complaint_free_bp);
    opt("damage_max_bp", t.quality.damage_max_bp);
    opt("delivery_accuracy_bp", t.quality.delivery_accuracy_bp);
    opt("inventory_accuracy_bp", t.quality.inventory_accuracy_bp);
    if (Status s = qf.Finish(); !s) f.Merge(s.error());
  }
  ReadMoney(f, "annual_value", t.annual_value);
  ReadMoney(f, "declared_value_limit", t.declared_value_limit);
  ReadMoney(f, "compensation_cap", t.compensation_cap);
  if (f.IsPresent("insurance_clause")) t.insurance_clause = f.Bool("insurance_clause");
  if (f.IsPresent("account_period_days")) t.account_period_days = ReadSmallInt(f, "account_period_days");
  if (f.IsPresent("billing_cycle")) t.billing_cycle = f.String("billing_cycle", 40);
  if (f.IsPresent("cod")) {
    if (const json::object* cod = f.OptObject("cod")) {
      http::JsonFields cf(*cod, f.Path("cod"));
      CodTerms terms;
      terms.fee_rate_bp = ReadSmallInt(cf, "fee_rate_bp");
      ReadMoney(cf, "minimum_fee", terms.minimum_fee);
      if (!cf.IsPresent("minimum_fee") && cf.ok()) cf.Add(cf.Path("minimum_fee"), "required", "minimum_fee is required");
      terms.remittance_days = ReadSmallInt(cf, "remittance_days");
      if (Status s = cf.Finish(); !s) f.Merge(s.error());
      t.cod = terms;
    } else {
      t.cod.reset();
    }
  }
  if (f.IsPresent("signed_receipt")) t.signed_receipt = f.Bool("signed_receipt");
  if (f.IsPresent("packaging")) t.packaging = f.OptMultilineString("packaging", kMaxPackagingChars).value_or("");
  if (f.IsPresent("vehicle")) t.vehicle = f.String("vehicle", 40);
  if (f.IsPresent("pickup_frequency")) t.pickup_frequency = f.String("pickup_frequency", 40);
  ReadDate(f, "start_date", t.start_date);
  ReadDate(f, "end_date", t.end_date);
  if (f.IsPresent("auto_renewal")) t.auto_renewal = f.Bool("auto_renewal");
  if (f.IsPresent("clauses")) {
    t.clauses.clear();
    if (const json::array* clauses = f.OptArray("clauses")) {
      for (size_t i = 0; i < clauses->size() && i <= kMaxClauses; ++i) {
        if (!(*clauses)[i].is_string()) {
          f.Add(http::FieldPath(f.Path("clauses"), i), "invalid_type", "a clause is text");
          continue;
        }
        t.clauses.emplace_back((*clauses)[i].as_string());
      }
    }
  }
  if (f.IsPresent("internal_notes"))
    t.internal_notes = f.OptMultilineString("internal_notes", kMaxNotesChars).value_or("");
}

Result<Terms> TermsFromStoredJson(std::string_view text) {
  auto value = http::ParseJsonText(text);
  if (!value || !value->is_object()) return Internal("contracts: stored terms are not a JSON object");
  Terms terms;
  http::JsonFields fields(value->as_object());
  ReadTerms(fields, terms);
  if (Status s = fields.Finish(); !s) return Internal("contracts: stored terms do not read back: " + s.error().public_message);
  return terms;
}

}  // namespace consign::contracts
