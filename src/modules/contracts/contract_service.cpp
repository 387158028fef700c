#include "modules/contracts/contract_service.hpp"

#include <algorithm>
#include <map>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "modules/audit/audit_log.hpp"
#include "modules/contracts/access.hpp"
#include "modules/contracts/contract_print.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/rate_cards.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::contracts {

namespace json = boost::json;
using namespace std::chrono;

namespace {

// Contract days are China's: Asia/Shanghai is UTC+8 all year (no daylight saving).
Date Today(Instant now) { return Date{floor<days>(now + hours{8})}; }
Instant StartOfDay(Date date) { return Instant{sys_days{date} - hours{8}}; }

bool IsPortal(const Principal& who) { return who.role == Role::kPortal; }

Status Audit(Scope& scope, std::string_view action, const StoredContract& c, json::object detail) {
  detail["state"] = StateName(c.state);
  detail["version"] = c.current_version;
  detail["number"] = c.number;
  return audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::string(action), "contract",
                                    std::to_string(c.id.value()), std::nullopt, json::serialize(detail),
                                    scope.request_id()});
}

// The account as the caller may see it (the customers module's record rule), or 404.
Result<customers::Customer> Account(Scope& scope, CustomerId id) { return customers::Get(scope, id.value()); }

// The record rule. Returns the account's name when the caller may see the contract.
Result<std::string> CheckVisible(Scope& scope, const StoredContract& c) {
  const Principal& who = scope.principal();
  if (IsPortal(who)) {
    if (!who.customer_id || *who.customer_id != c.customer_id ||
        (c.state != State::kActive && c.state != State::kExpiring))
      return NotFound("Contract");
  }
  auto account = Account(scope, c.customer_id);
  if (!account) {
    // A salesperson also sees the contracts they own or drafted, whoever owns the account now.
    const bool own = who.role == Role::kSales && (c.owner == who.user_id || c.created_by == who.user_id);
    if (!own) return NotFound("Contract");
    return std::string();
  }
  return account->name;
}

Result<StoredContract> LoadVisible(Scope& scope, ContractId id, bool for_update) {
  std::optional<StoredContract> c = LoadContract(scope.tx(), id, for_update);
  if (!c) return NotFound("Contract");
  CONSIGN_TRY(CheckVisible(scope, *c));
  return *std::move(c);
}

std::vector<Approver> DecidedInRound(const std::vector<StoredApproval>& approvals, int round) {
  std::vector<Approver> decided;
  for (const StoredApproval& a : approvals)
    if (a.round == round && a.approved) decided.push_back(a.step);
  return decided;
}

Result<ContractDetail> Detail(Scope& scope, StoredContract c) {
  ContractDetail d;
  auto name = CheckVisible(scope, c);
  if (!name) return std::move(name).error();
  d.customer_name = *name;
  d.customer_facing = !Holds(scope.principal(), kInternal);
  if (!d.customer_facing) {
    const ApprovalRules rules = LoadRules(scope.tx());
    d.required = RequiredApprovers(c.terms, rules);
    d.approvals = ListApprovals(scope.tx(), c.id);
    if (c.pending_version) {
      d.pending = LoadVersion(scope.tx(), c.id, *c.pending_version);
      if (d.pending) d.pending_required = RequiredApprovers(d.pending->terms, rules);
    }
  }
  d.contract = std::move(c);
  return d;
}

Status CheckOverlap(db::Transaction& tx, const StoredContract& c, const Terms& terms) {
  const std::vector<Coverage> others = CoverageOfAccount(tx, c.customer_id);
  const Coverage candidate{c.id, c.state, terms.services, terms.start_date, terms.end_date};
  if (auto other = FindOverlap(candidate, others)) {
    Error e = Conflict("services", "overlap",
                       "The account already has a contract in force for one of these services in these dates (contract " +
                           std::to_string(other->id.value()) + ", " + FormatDate(other->start_date) + " – " +
                           FormatDate(other->end_date) + ").");
    return e;
  }
  return Ok();
}

Status CheckTransition(const StoredContract& c, Event event) {
  auto next = Transition(c.state, event);
  if (!next) return std::move(next).error();
  return Ok();
}

void QueueExpiryWarning(Scope& scope, const StoredContract& c, const ApprovalRules& rules) {
  const Date due{sys_days{c.terms.end_date} - days{rules.expiry_warning_days}};
  jobs::Enqueue(scope.tx(), kExpiryWarningJob, std::to_string(c.id.value()), std::max(StartOfDay(due), scope.now()));
}

// The day after the last day: the contract renews itself or ends (RunExpiryEnd).
void QueueExpiryEnd(Scope& scope, const StoredContract& c) {
  const Date after{sys_days{c.terms.end_date} + days{1}};
  jobs::Enqueue(scope.tx(), kExpiryEndJob, std::to_string(c.id.value()), std::max(StartOfDay(after), scope.now()));
}

// A contract that ends or is renewed drops the amendment still awaiting approval.
void WithdrawPending(Scope& scope, StoredContract& c) {
  if (!c.pending_version) return;
  SetVersionStatus(scope.tx(), c.id, *c.pending_version, VersionStatus::kWithdrawn);
  c.pending_version.reset();
}

// `c` comes into force: active, its expiry warning and end queued, its agreement card active for its
// dates (pricing quotes by date); audited as contract.activate with `detail`.
Status MakeActive(Scope& scope, StoredContract& c, json::object detail) {
  c.state = State::kActive;
  c.revision += 1;
  c.updated_at = scope.now();
  UpdateContract(scope.tx(), c);
  QueueExpiryWarning(scope, c, LoadRules(scope.tx()));
  QueueExpiryEnd(scope, c);
  if (c.terms.rate_card_id) {
    auto card = pricing::ActivateForContract(scope, pricing::RateCardId{*c.terms.rate_card_id}, c.id.value(),
                                             c.terms.start_date, c.terms.end_date);
    if (!card) return std::move(card).error();
  }
  return Audit(scope, "contract.activate", c, std::move(detail));
}

// `c` ends now, its pending amendment withdrawn and its agreement card ended with it (quotes fall back
// to the published price); audited as contract.end with `detail`.
Status MakeEnded(Scope& scope, StoredContract& c, json::object detail) {
  WithdrawPending(scope, c);
  c.state = State::kEnded;
  c.revision += 1;
  c.updated_at = scope.now();
  UpdateContract(scope.tx(), c);
  if (c.terms.rate_card_id) {
    auto card = pricing::EndForContract(scope, pricing::RateCardId{*c.terms.rate_card_id}, c.id.value());
    if (!card) return std::move(card).error();
  }
  return Audit(scope, "contract.end", c, std::move(detail));
}

// A transit promise is kept per service product of the pricing module (by its code, as quotes and
// orders name it), so the promise of a shipment's product and zone can be found.
Status CheckPromiseProducts(Scope& scope, const Terms& terms) {
  if (terms.transit_promises.empty()) return Ok();
  auto products = pricing::ListProducts(scope);
  if (!products) return products.error();
  FieldErrors errors;
  for (size_t i = 0; i < terms.transit_promises.size(); ++i)
    if (std::ranges::find(*products, terms.transit_promises[i].product, &pricing::ServiceProduct::code) ==
        products->end())
      errors.Add("transit_promises[" + std::to_string(i) + "].product", "unknown_product",
                 "no service product with this code (GET /api/v1/service-products)");
  if (errors.empty()) return Ok();
  return std::move(errors).ToError();
}

Result<Terms> Edited(Scope& scope, Terms terms, const TermsEdit& edit) {
  CONSIGN_TRY(edit(terms));
  CONSIGN_TRY(ValidateTerms(terms));
  CONSIGN_TRY(CheckPromiseProducts(scope, terms));
  return terms;
}

// A draft may name only its own agreement card (协议价): one the pricing module made for this contract and
// customer (AttachRateCard). pricing::GetCard applies rate_cards.read and the customers record rule.
Status CheckRateCard(Scope& scope, const StoredContract& c, std::optional<int64_t> card_id) {
  if (!card_id || card_id == c.terms.rate_card_id) return Ok();
  auto card = pricing::GetCard(scope, pricing::RateCardId{*card_id});
  if (!card && card.error().code != ErrorCode::kNotFound) return card.error();
  if (!card || card->kind != pricing::CardKind::kAgreement || card->contract_id != c.id.value() ||
      card->customer_id != c.customer_id)
    return InvalidField("rate_card_id", "not_found", "rate_card_id names no agreement card of this contract");
  return Ok();
}

// The draft `id`, locked, for an edit that needs If-Match: kInvalidState (field state) unless a draft.
Result<StoredContract> LoadDraftForEdit(Scope& scope, ContractId id, std::optional<int> expected_revision) {
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  if (!IsEditable(c->state)) {
    Error e = MakeError(ErrorCode::kInvalidState, "A contract in state " + std::string(StateName(c->state)) +
                                                      " is never edited: amend it (POST …/amendments).");
    e.fields.push_back({"state", "not_editable", "the contract is " + std::string(StateName(c->state))});
    return e;
  }
  if (!expected_revision)
    return Error{ErrorCode::kPreconditionRequired, "Send If-Match with the contract's ETag to change it.", {},
                 {{"If-Match", "required", "If-Match is required"}}};
  if (*expected_revision != c->revision)
    return Error{ErrorCode::kPreconditionFailed, "The contract changed since you read it; reload it.", {},
                 {{"If-Match", "stale", "the contract's revision is " + std::to_string(c->revision)}}};
  return c;
}

// Stores a draft's changed terms (its one version follows them) and audits the update.
Result<ContractDetail> SaveDraft(Scope& scope, StoredContract c, json::object detail) {
  c.effective_from = c.terms.start_date;
  c.revision += 1;
  c.updated_at = scope.now();
  UpdateVersionTerms(scope.tx(), c.id, c.current_version, c.terms, c.effective_from);
  UpdateContract(scope.tx(), c);
  CONSIGN_TRY(Audit(scope, audit::action::kUpdate, c, std::move(detail)));
  return Detail(scope, std::move(c));
}

}  // namespace

Result<ContractDetail> Create(Scope& scope, CustomerId customer, std::optional<Date> start, const TermsEdit& edit) {
  CONSIGN_TRY(Require(scope.principal(), kCreate));
  auto account = Account(scope, customer);
  if (!account) return InvalidField("customer_id", "not_found", "no such account");
  if (!start) {
    const Date today = Today(scope.now());
    start = Date{today.year() / today.month() / day{1}} + months{1};
  }
  auto terms = Edited(scope, DraftFromTemplate(account->industry, *start), edit);
  if (!terms) return std::move(terms).error();
  if (terms->rate_card_id)  // its own card is made once the draft exists (AttachRateCard)
    return InvalidField("rate_card_id", "not_found", "a new draft names no rate card; price it with POST …/rate-card");
  StoredContract c;
  c.customer_id = customer;
  c.state = State::kDraft;
  c.created_by = scope.principal().user_id;
  c.owner = account->owner_user_id ? UserId{*account->owner_user_id} : scope.principal().user_id;
  if (account->team_id) c.team = TeamId{*account->team_id};
  c.created_at = c.updated_at = scope.now();
  c.terms = *std::move(terms);
  c.effective_from = c.terms.start_date;
  c = InsertContract(scope.tx(), std::move(c));
  CONSIGN_TRY(Audit(scope, audit::action::kCreate, c,
                    json::object{{"customer_id", customer.value()}, {"template", account->industry}}));
  return Detail(scope, std::move(c));
}

Result<ContractDetail> Get(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  std::optional<StoredContract> c = LoadContract(scope.tx(), id, false);
  if (!c) return NotFound("Contract");
  return Detail(scope, *std::move(c));
}

Result<std::vector<StoredContract>> List(Scope& scope, ContractFilter filter) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  if (IsPortal(who)) {
    if (!who.customer_id) return std::vector<StoredContract>{};
    filter.customer_id = *who.customer_id;
    filter.customer_facing = true;
  } else if (who.role == Role::kSales) {
    filter.owner_or_creator = who.user_id;
    filter.or_team = who.team_id;
  }
  return ListContracts(scope.tx(), filter);
}

std::optional<StoredContract> ContractInForce(db::Transaction& tx, CustomerId customer, Date date) {
  ContractFilter filter;
  filter.customer_id = customer;
  filter.customer_facing = true;  // active and expiring
  filter.limit = 100;             // an account has a handful of contracts, one per service in force
  std::optional<StoredContract> best;
  for (StoredContract& c : ListContracts(tx, filter)) {
    const bool holds = std::chrono::sys_days{c.terms.start_date} <= std::chrono::sys_days{date} &&
                       std::chrono::sys_days{date} <= std::chrono::sys_days{c.terms.end_date};
    if (holds && (!best || std::chrono::sys_days{c.terms.start_date} > std::chrono::sys_days{best->terms.start_date}))
      best = std::move(c);
  }
  return best;
}

Result<ContractDetail> EditDraft(Scope& scope, ContractId id, std::optional<int> expected_revision,
                                 const TermsEdit& edit) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  auto c = LoadDraftForEdit(scope, id, expected_revision);
  if (!c) return std::move(c).error();
  auto terms = Edited(scope, c->terms, edit);
  if (!terms) return std::move(terms).error();
  CONSIGN_TRY(CheckRateCard(scope, *c, terms->rate_card_id));
  c->terms = *std::move(terms);
  return SaveDraft(scope, *std::move(c), json::object{});
}

Result<ContractDetail> AttachRateCard(Scope& scope, ContractId id, std::optional<int> expected_revision,
                                      std::string_view product_code) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  auto c = LoadDraftForEdit(scope, id, expected_revision);
  if (!c) return std::move(c).error();
  if (c->terms.rate_card_id)
    return Conflict("rate_card_id", "already_priced",
                    "The contract has agreement card " + std::to_string(*c->terms.rate_card_id) + "; edit that one.");
  auto card = pricing::CreateAgreementDraft(scope, c->customer_id, c->id.value(), product_code, std::nullopt);
  if (!card) return std::move(card).error();
  c->terms.rate_card_id = card->id.value();
  return SaveDraft(scope, *std::move(c), json::object{{"rate_card_id", card->id.value()}});
}

Result<ContractDetail> Submit(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  CONSIGN_TRY(CheckTransition(*c, Event::kSubmit));
  CONSIGN_TRY(ValidateTerms(c->terms));
  CONSIGN_TRY(CheckOverlap(scope.tx(), *c, c->terms));
  c->state = State::kInApproval;
  c->submitted_by = scope.principal().user_id;
  c->approval_round += 1;
  c->rejection_reasons.clear();
  c->revision += 1;
  c->updated_at = scope.now();
  UpdateContract(scope.tx(), *c);
  json::array required;
  for (Approver a : RequiredApprovers(c->terms, LoadRules(scope.tx()))) required.emplace_back(ApproverName(a));
  CONSIGN_TRY(Audit(scope, "contract.submit", *c, json::object{{"required", std::move(required)}}));
  return Detail(scope, *std::move(c));
}

namespace {

Result<Approver> StepOf(const Principal& who) {
  if (who.role == Role::kManager) return Approver::kManager;
  if (who.role == Role::kFinance) return Approver::kFinance;
  return Forbidden("Only a manager or finance decides on contracts.");
}

Result<ContractDetail> DecideAmendment(Scope& scope, StoredContract c, Approver step, bool approve,
                                       const std::vector<std::string>& reasons) {
  std::optional<StoredVersion> pending = LoadVersion(scope.tx(), c.id, *c.pending_version);
  if (!pending) return Internal("contracts: pending version missing");
  const ApprovalRules rules = LoadRules(scope.tx());
  const std::vector<Approver> required = RequiredApprovers(pending->terms, rules);
  std::vector<Approver> decided = DecidedInRound(ListApprovals(scope.tx(), c.id), c.approval_round);
  CONSIGN_TRY(CheckApprover(scope.principal().user_id, step, c.owner, pending->created_by, required, decided));
  std::string reason_text;
  for (const std::string& r : reasons) reason_text += (reason_text.empty() ? "" : "\n") + r;
  InsertApproval(scope.tx(), c.id,
                 StoredApproval{c.approval_round, step, approve, scope.principal().user_id, "", reason_text, scope.now()});
  decided.push_back(step);
  const bool all = std::all_of(required.begin(), required.end(), [&](Approver a) {
    return std::find(decided.begin(), decided.end(), a) != decided.end();
  });
  const int version = pending->version;
  if (!approve) {
    SetVersionStatus(scope.tx(), c.id, version, VersionStatus::kRejected);
    c.pending_version.reset();
    c.rejection_reasons = reasons;
  } else if (all) {
    // Checked again: another contract of the account may have come into force since the proposal.
    CONSIGN_TRY(CheckOverlap(scope.tx(), c, pending->terms));
    SetVersionStatus(scope.tx(), c.id, version, VersionStatus::kEffective);
    const bool end_moved = pending->terms.end_date != c.terms.end_date;
    c.current_version = version;
    c.terms = pending->terms;
    c.effective_from = pending->effective_from;
    c.pending_version.reset();
    if (end_moved && c.state == State::kActive) QueueExpiryWarning(scope, c, rules);
    if (end_moved) QueueExpiryEnd(scope, c);
  }
  c.revision += 1;
  c.updated_at = scope.now();
  UpdateContract(scope.tx(), c);
  json::array reason_list;
  for (const std::string& r : reasons) reason_list.emplace_back(r);
  CONSIGN_TRY(Audit(scope, approve ? "contract.amendment.approve" : "contract.amendment.reject", c,
                    json::object{{"step", ApproverName(step)},
                                 {"decision", approve ? "approved" : "rejected"},
                                 {"amendment_version", version},
                                 {"round", c.approval_round},
                                 {"reasons", std::move(reason_list)}}));
  return Detail(scope, std::move(c));
}

Result<ContractDetail> Decide(Scope& scope, ContractId id, bool approve, std::vector<std::string> reasons) {
  CONSIGN_TRY(Require(scope.principal(), kApprove));
  auto step = StepOf(scope.principal());
  if (!step) return std::move(step).error();
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  if (IsInForce(c->state) && c->pending_version) return DecideAmendment(scope, *std::move(c), *step, approve, reasons);
  CONSIGN_TRY(CheckTransition(*c, approve ? Event::kApprove : Event::kReject));
  const std::vector<Approver> required = RequiredApprovers(c->terms, LoadRules(scope.tx()));
  const std::vector<StoredApproval> approvals = ListApprovals(scope.tx(), c->id);
  std::vector<Approver> decided = DecidedInRound(approvals, c->approval_round);
  CONSIGN_TRY(CheckApprover(scope.principal().user_id, *step, c->owner, c->submitted_by.value_or(c->created_by),
                            required, decided));
  std::string reason_text;
  for (const std::string& r : reasons) reason_text += (reason_text.empty() ? "" : "\n") + r;
  InsertApproval(scope.tx(), c->id,
                 StoredApproval{c->approval_round, *step, approve, scope.principal().user_id, "", reason_text,
                                scope.now()});
  decided.push_back(*step);
  const bool all = std::all_of(required.begin(), required.end(), [&](Approver a) {
    return std::find(decided.begin(), decided.end(), a) != decided.end();
  });
  if (!approve) {
    c->state = State::kDraft;
    c->rejection_reasons = reasons;
  } else if (all) {
    c->state = State::kApproved;
  }
  c->revision += 1;
  c->updated_at = scope.now();
  UpdateContract(scope.tx(), *c);
  json::array reason_list;
  for (const std::string& r : reasons) reason_list.emplace_back(r);
  CONSIGN_TRY(Audit(scope, approve ? "contract.approve" : "contract.reject", *c,
                    json::object{{"step", ApproverName(*step)},
                                 {"decision", approve ? "approved" : "rejected"},
                                 {"round", c->approval_round},
                                 {"reasons", std::move(reason_list)}}));
  return Detail(scope, *std::move(c));
}

}  // namespace

Result<ContractDetail> Approve(Scope& scope, ContractId id) { return Decide(scope, id, true, {}); }

Result<ContractDetail> Reject(Scope& scope, ContractId id, std::vector<std::string> reasons) {
  if (reasons.empty()) return InvalidField("reasons", "required", "a rejection gives its reasons");
  return Decide(scope, id, false, std::move(reasons));
}

Result<ContractDetail> Activate(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kActivate));
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  CONSIGN_TRY(CheckTransition(*c, Event::kActivate));
  CONSIGN_TRY(CheckOverlap(scope.tx(), *c, c->terms));
  CONSIGN_TRY(MakeActive(scope, *c, json::object{}));
  return Detail(scope, *std::move(c));
}

Result<ContractDetail> Amend(Scope& scope, ContractId id, Date effective_from, std::string note, const TermsEdit& edit) {
  CONSIGN_TRY(Require(scope.principal(), kAmend));
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  if (!IsInForce(c->state)) {
    Error e = MakeError(ErrorCode::kInvalidState, "A contract in state " + std::string(StateName(c->state)) +
                                                      " is not amended" +
                                                      (IsEditable(c->state) ? ": edit the draft." : "."));
    e.fields.push_back({"state", "not_in_force", "the contract is " + std::string(StateName(c->state))});
    return e;
  }
  if (c->pending_version)
    return Conflict("pending_version", "amendment_pending",
                    "Version " + std::to_string(*c->pending_version) + " awaits approval; decide it first.");
  if (!effective_from.ok()) return InvalidField("effective_from", "required", "effective_from is required");
  auto terms = Edited(scope, c->terms, edit);
  if (!terms) return std::move(terms).error();
  if (terms->rate_card_id != c->terms.rate_card_id)
    return InvalidField("rate_card_id", "fixed_in_force",
                        "a contract in force keeps its agreement card; its prices change with a renewal");
  if (sys_days{effective_from} < sys_days{c->effective_from} || sys_days{effective_from} > sys_days{terms->end_date})
    return InvalidField("effective_from", "out_of_range",
                        "effective_from is between the current version's date (" + FormatDate(c->effective_from) +
                            ") and the end date");
  if (*terms == c->terms) return InvalidField("terms", "unchanged", "an amendment changes at least one term");
  CONSIGN_TRY(CheckOverlap(scope.tx(), *c, *terms));
  const int version = static_cast<int>(ListVersions(scope.tx(), c->id).size()) + 1;
  InsertVersion(scope.tx(), c->id,
                StoredVersion{version, effective_from, *terms, scope.principal().user_id, scope.now(), note,
                              VersionStatus::kProposed});
  c->pending_version = version;
  c->approval_round += 1;
  c->rejection_reasons.clear();
  c->revision += 1;
  c->updated_at = scope.now();
  UpdateContract(scope.tx(), *c);
  json::array required;
  for (Approver a : RequiredApprovers(*terms, LoadRules(scope.tx()))) required.emplace_back(ApproverName(a));
  CONSIGN_TRY(Audit(scope, "contract.amendment.submit", *c,
                    json::object{{"amendment_version", version},
                                 {"effective_from", FormatDate(effective_from)},
                                 {"note", note},
                                 {"required", std::move(required)}}));
  return Detail(scope, *std::move(c));
}

Result<std::vector<StoredVersion>> Versions(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  if (!Holds(scope.principal(), kInternal)) return NotFound("Contract");
  auto c = LoadVisible(scope, id, false);
  if (!c) return std::move(c).error();
  return ListVersions(scope.tx(), c->id);
}

namespace {

// The renewal of `c`: a draft for the same length from the day after its end, with its terms and a
// draft copy of its agreement card (the old card runs to the old end date, its valid_to); `c` becomes
// renewed. Audited as `action` on `c` and as a create on the renewal.
Result<StoredContract> RenewInto(Scope& scope, StoredContract& c, std::string_view action) {
  StoredContract next;
  next.customer_id = c.customer_id;
  next.state = State::kDraft;
  next.owner = c.owner;
  next.team = c.team;
  // A job renews as no user: the renewal is then recorded as made by whoever made the contract.
  next.created_by = scope.principal().user_id.value() > 0 ? scope.principal().user_id : c.created_by;
  next.created_at = next.updated_at = scope.now();
  next.terms = c.terms;
  const days length = sys_days{c.terms.end_date} - sys_days{c.terms.start_date};
  next.terms.start_date = Date{sys_days{c.terms.end_date} + days{1}};
  next.terms.end_date = Date{sys_days{next.terms.start_date} + length};
  next.effective_from = next.terms.start_date;
  next.renewed_from = c.id;
  next.terms.rate_card_id.reset();
  next = InsertContract(scope.tx(), std::move(next));
  if (c.terms.rate_card_id) {
    auto old_card = pricing::GetCard(scope, pricing::RateCardId{*c.terms.rate_card_id});
    if (!old_card) return std::move(old_card).error();
    auto copy = pricing::CreateAgreementDraft(scope, next.customer_id, next.id.value(), old_card->card.product_code,
                                              old_card->card);
    if (!copy) return std::move(copy).error();
    next.terms.rate_card_id = copy->id.value();
    UpdateVersionTerms(scope.tx(), next.id, next.current_version, next.terms, next.effective_from);
    UpdateContract(scope.tx(), next);
  }
  WithdrawPending(scope, c);
  c.state = State::kRenewed;
  c.renewed_by = next.id;
  c.revision += 1;
  c.updated_at = scope.now();
  UpdateContract(scope.tx(), c);
  CONSIGN_TRY(Audit(scope, action, c, json::object{{"renewal_id", next.id.value()}}));
  CONSIGN_TRY(Audit(scope, audit::action::kCreate, next, json::object{{"renewed_from", c.id.value()}}));
  return next;
}

}  // namespace

Result<ContractDetail> Renew(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kEnd));
  CONSIGN_TRY(Require(scope.principal(), kCreate));
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  CONSIGN_TRY(CheckTransition(*c, Event::kRenew));
  auto next = RenewInto(scope, *c, "contract.renew");
  if (!next) return std::move(next).error();
  return Detail(scope, *std::move(next));
}

Result<ContractDetail> End(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kEnd));
  auto c = LoadVisible(scope, id, true);
  if (!c) return std::move(c).error();
  CONSIGN_TRY(CheckTransition(*c, Event::kEnd));
  CONSIGN_TRY(MakeEnded(scope, *c, json::object{}));
  return Detail(scope, *std::move(c));
}

Result<Inbox> InboxFor(Scope& scope) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kInternal));
  Inbox inbox;
  inbox.notices = ListNotices(scope.tx(), who.user_id, 100);
  auto step = StepOf(who);
  if (!step || !Holds(who, kApprove)) return inbox;
  const ApprovalRules rules = LoadRules(scope.tx());
  for (StoredContract& c : InApproval(scope.tx())) {
    // What awaits: the contract itself, or its pending amendment (the proposed terms, its proposer).
    std::optional<StoredVersion> pending;
    if (IsInForce(c.state) && c.pending_version) pending = LoadVersion(scope.tx(), c.id, *c.pending_version);
    if (c.state != State::kInApproval && !pending) continue;
    const Terms& terms = pending ? pending->terms : c.terms;
    const UserId submitter = pending ? pending->created_by : c.submitted_by.value_or(c.created_by);
    const std::vector<Approver> required = RequiredApprovers(terms, rules);
    const std::vector<Approver> decided = DecidedInRound(ListApprovals(scope.tx(), c.id), c.approval_round);
    if (!CheckApprover(who.user_id, *step, c.owner, submitter, required, decided)) continue;
    auto name = CheckVisible(scope, c);
    if (!name) continue;
    std::vector<Difference> differences = DifferencesFromStandard(terms, rules);
    std::optional<int> amendment;
    if (pending) {
      amendment = pending->version;
      c.terms = pending->terms;  // the inbox shows what is to be decided
    }
    inbox.approvals.push_back(InboxItem{std::move(c), *name, *step, amendment, std::move(differences)});
  }
  return inbox;
}

Result<ApprovalRules> GetRules(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kRules));
  return LoadRules(scope.tx());
}

Result<ApprovalRules> SetRules(Scope& scope, const ApprovalRules& rules) {
  CONSIGN_TRY(Require(scope.principal(), kRules));
  CONSIGN_TRY(ValidateRules(rules));
  SaveRules(scope.tx(), rules, scope.principal().user_id, scope.now());
  json::object after{{"manager_threshold", rules.manager_threshold.minor},
                     {"standard_compensation_cap", rules.standard_compensation_cap.minor},
                     {"standard_account_period_days", rules.standard_account_period_days},
                     {"cod_needs_finance", rules.cod_needs_finance},
                     {"expiry_warning_days", rules.expiry_warning_days}};
  CONSIGN_TRY(audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::string(audit::action::kUpdate),
                                    "contract_rules", "1", std::nullopt, json::serialize(after), scope.request_id()}));
  return rules;
}

Result<std::string> Print(Scope& scope, ContractId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto detail = Get(scope, id);
  if (!detail) return std::move(detail).error();
  auto products = pricing::ListProducts(scope);
  if (!products) return std::move(products).error();
  std::map<std::string, std::string, std::less<>> product_names;
  for (const pricing::ServiceProduct& p : *products) product_names.emplace(p.code, p.name_zh);
  return RenderPrint(detail->contract.number, detail->customer_name, detail->contract.current_version,
                     detail->contract.terms, product_names);
}

Status RunExpiryWarning(db::Database& database, const Clock& clock, ContractId id) {
  Principal system = Principal::System("job");
  Result<bool> done = RunInScope<bool>(database, clock, system, "job-" + std::string(kExpiryWarningJob),
                          [&](Scope& scope) -> Result<bool> {
                            std::optional<StoredContract> c = LoadContract(scope.tx(), id, true);
                            if (!c || c->state != State::kActive) return true;
                            const ApprovalRules rules = LoadRules(scope.tx());
                            const Date due{sys_days{c->terms.end_date} - days{rules.expiry_warning_days}};
                            if (sys_days{Today(scope.now())} < sys_days{due}) {
                              QueueExpiryWarning(scope, *c, rules);  // the end moved later: its day
                              return true;
                            }
                            auto next = Transition(c->state, Event::kWarnExpiry);
                            if (!next) return std::move(next).error();
                            c->state = *next;
                            c->revision += 1;
                            c->updated_at = scope.now();
                            UpdateContract(scope.tx(), *c);
                            const std::string end = FormatDate(c->terms.end_date);
                            const bool told = InsertNotice(
                                scope.tx(), c->owner,
                                Notice{0, c->id, "expiry_warning", end,
                                       "合同 " + c->number + " 将于 " + end + " 到期，请跟进续签。", scope.now()});
                            if (told)
                              CONSIGN_TRY(Audit(scope, "contract.expiry_warning", *c,
                                                json::object{{"owner_user_id", c->owner.value()}, {"end_date", end}}));
                            return true;
                          });
  if (!done) return std::move(done).error();
  return Ok();
}

Status RunExpiryEnd(db::Database& database, const Clock& clock, ContractId id) {
  Result<bool> done = RunInScope<bool>(
      database, clock, Principal::System("job"), "job-" + std::string(kExpiryEndJob), [&](Scope& scope) -> Result<bool> {
        std::optional<StoredContract> c = LoadContract(scope.tx(), id, true);
        if (!c || (c->state != State::kActive && c->state != State::kExpiring)) return true;
        if (sys_days{Today(scope.now())} <= sys_days{c->terms.end_date}) {
          QueueExpiryEnd(scope, *c);  // the end moved later: its day
          return true;
        }
        const std::string end = FormatDate(c->terms.end_date);
        if (c->terms.auto_renewal) {
          auto next = RenewInto(scope, *c, "contract.auto_renew");
          if (!next) return std::move(next).error();
          if (CheckOverlap(scope.tx(), *next, next->terms)) {
            CONSIGN_TRY(MakeActive(scope, *next, json::object{{"auto_renewal_of", c->id.value()}}));
            InsertNotice(scope.tx(), c->owner,
                         Notice{0, c->id, "auto_renewed", end,
                                "合同 " + c->number + " 已于 " + end + " 期满，按自动续约条款续签为合同 " + next->number +
                                    "（" + FormatDate(next->terms.start_date) + " 至 " +
                                    FormatDate(next->terms.end_date) + "）。",
                                scope.now()});
            return true;
          }
          // Another contract of the account is in force for one of its services: the renewal may not
          // start, so the contract simply ends (the renewal stays a draft for the owner to decide).
          c->renewed_by.reset();
          CONSIGN_TRY(MakeEnded(scope, *c, json::object{{"reason", "renewal_overlaps"}}));
          InsertNotice(scope.tx(), c->owner,
                       Notice{0, c->id, "ended", end,
                              "合同 " + c->number + " 已于 " + end + " 期满终止：该客户另有生效合同，自动续约的合同 " +
                                  next->number + " 留作草稿，请处理。",
                              scope.now()});
          return true;
        }
        CONSIGN_TRY(MakeEnded(scope, *c, json::object{{"reason", "expired"}}));
        InsertNotice(scope.tx(), c->owner,
                     Notice{0, c->id, "ended", end, "合同 " + c->number + " 已于 " + end + " 期满终止。", scope.now()});
        return true;
      });
  if (!done) return std::move(done).error();
  return Ok();
}

}  // namespace consign::contracts
