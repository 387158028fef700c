#include "modules/sales/sales_service.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/contracts/access.hpp"
#include "modules/contracts/contract_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/sales/access.hpp"
#include "modules/sales/sales_json.hpp"

namespace consign::sales {

namespace {

bool SeesAll(const Principal& who) { return who.role == Role::kAdmin || who.role == Role::kManager; }

Error StateError(std::string field, std::string reason, std::string message) {
  Error e{ErrorCode::kInvalidState, message, {}, {}};
  e.fields.push_back({std::move(field), std::move(reason), std::move(message)});
  return e;
}

std::optional<std::string> Snapshot(const boost::json::object* o) {
  if (!o) return std::nullopt;
  return boost::json::serialize(*o);
}

Status Audit(Scope& scope, std::string action, std::string entity, int64_t id, const boost::json::object* before,
             const boost::json::object* after) {
  return audit::AuditLog{}.Record(scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::move(action),
                                                                std::move(entity), std::to_string(id), Snapshot(before),
                                                                Snapshot(after), scope.request_id()});
}

Status AuditLead(Scope& scope, std::string action, const Lead* before, const Lead& after) {
  const boost::json::object a = LeadJson(after);
  if (!before) return Audit(scope, "lead." + action, "lead", after.id.value(), nullptr, &a);
  const boost::json::object b = LeadJson(*before);
  return Audit(scope, "lead." + action, "lead", after.id.value(), &b, &a);
}

Status AuditOpportunity(Scope& scope, std::string action, const Opportunity* before, const Opportunity& after) {
  const boost::json::object a = OpportunityJson(after);
  if (!before) return Audit(scope, "opportunity." + action, "opportunity", after.id.value(), nullptr, &a);
  const boost::json::object b = OpportunityJson(*before);
  return Audit(scope, "opportunity." + action, "opportunity", after.id.value(), &b, &a);
}

// A create under the caller's Idempotency-Key `key`. "The same request" is, as for accounts, the
// SHA-256 of the draft as parsed from the body (`request`: its audit-trail JSON, one fixed shape, so
// key order and spacing of the body do not matter). Answers the id of the key's earlier create when
// this is its retry; kConflict naming Idempotency-Key (idempotency_key_reused) when the key was used
// for another request; nullopt when the key is new, and then this create holds it (SetIdempotentResource
// after the insert).
Result<std::optional<int64_t>> EarlierCreate(Scope& scope, CreateKind kind, const std::string& key,
                                             const boost::json::object& request) {
  db::Transaction& tx = scope.tx();
  const UserId user = scope.principal().user_id;
  const std::string request_hash = audit::Sha256Hex(boost::json::serialize(request));
  std::optional<IdempotentCreate> earlier = FindIdempotentCreate(tx, user, kind, key);
  if (!earlier) {
    if (ClaimIdempotencyKey(tx, user, kind, key, request_hash, scope.now())) return std::optional<int64_t>{};
    // A concurrent create under the same key claimed it first and has committed: this is its retry.
    earlier = FindIdempotentCreate(tx, user, kind, key);
  }
  if (!earlier || !earlier->resource_id) return Internal("sales_idempotency: a claimed key without its create");
  if (earlier->request_hash != request_hash)
    return Conflict("Idempotency-Key", "idempotency_key_reused",
                    "this Idempotency-Key was used for another request; use a new key for a new one");
  return earlier->resource_id;
}

bool KnownDivision(std::string_view code) {
  switch (code.size()) {
    case 2:
      return std::ranges::any_of(geo::Provinces(), [&](const geo::Province& p) { return p.code == code; });
    case 4:
      return std::ranges::any_of(geo::Cities(), [&](const geo::City& c) { return c.code == code; });
    case 6:
      return std::ranges::any_of(geo::Districts(), [&](const geo::District& d) { return d.code == code; });
    default:
      return false;
  }
}

// ValidateLead, then what needs the other modules' reference data.
Status CheckLead(Lead& lead) {
  CONSIGN_TRY(ValidateLead(lead));
  if (!customers::IsOneOf(lead.industry, customers::kIndustries))
    return InvalidField("industry", "invalid_enum", "industry must be one of the account industries");
  if (!lead.region_code.empty() && !KnownDivision(lead.region_code))
    return InvalidField("region_code", "not_found", "region_code names no province, city or district (GB/T 2260)");
  return Ok();
}

std::vector<DuplicateMatch> FindDuplicates(db::Transaction& tx, LeadId self, const Lead& lead) {
  std::vector<std::string> phones;
  for (const LeadContact& c : lead.contacts)
    if (!c.phone.empty()) phones.push_back(c.phone);
  std::vector<DuplicateMatch> matches = FindMatchingLeads(tx, self, lead.credit_code, lead.company, phones);
  for (const customers::AccountMatch& m : customers::FindMatchingAccounts(tx, lead.credit_code, lead.company, phones))
    matches.push_back({"account", m.id, "", m.match});
  // Accounts converted from a lead before accounts kept their credit code: found through that lead.
  for (DuplicateMatch& m : FindAccountsByCreditCode(tx, self, lead.credit_code)) {
    const bool known = std::any_of(matches.begin(), matches.end(), [&](const DuplicateMatch& k) {
      return k.kind == m.kind && k.id == m.id && k.match == m.match;
    });
    if (!known) matches.push_back(std::move(m));
  }
  return matches;
}

Result<Lead> LoadInScope(Scope& scope, LeadId id, bool for_update) {
  std::optional<Lead> lead = LoadLead(scope.tx(), id, for_update);
  if (!lead || !InScope(scope.principal(), lead->owner_id, lead->team_id)) return NotFound("Lead");
  return *std::move(lead);
}

Result<Lead> LoadForChange(Scope& scope, LeadId id) {
  auto lead = LoadInScope(scope, id, /*for_update=*/true);
  if (!lead) return lead;
  if (lead->status == LeadStatus::kConverted)
    return StateError("status", "converted", "the lead is converted; its account and opportunity carry on");
  return lead;
}

Result<Lead> StoreChange(Scope& scope, std::string action, const Lead& before, Lead after) {
  after.updated_at = scope.now();
  if (!UpdateLead(scope.tx(), after)) return NotFound("Lead");
  CONSIGN_TRY(AuditLead(scope, std::move(action), &before, after));
  return after;
}

// Staff who may own leads: active sales, managers and admins.
bool MayOwnLeads(const auth::UserSummary& user) {
  return user.active && (user.role == Role::kSales || user.role == Role::kManager || user.role == Role::kAdmin);
}

struct Placement {
  UserId owner;
  std::optional<TeamId> team;
};

Result<Placement> ToUser(Scope& scope, UserId owner) {
  db::Transaction& tx = scope.tx();
  const UserId ids[] = {owner};
  const auto users = auth::DescribeUsers(tx, ids);
  auto it = users.find(owner);
  if (it == users.end() || !it->second.active) return InvalidField("owner_id", "not_found", "owner_id names no active user");
  if (!MayOwnLeads(it->second)) return InvalidField("owner_id", "not_sales", "leads go to sales, managers or admins");
  auto options = auth::ListUserOptions(tx, Principal::System("sales"));
  if (!options) return std::move(options).error();
  for (const auth::store::StaffOption& s : options->users)
    if (s.id == owner) return Placement{owner, s.team_id};
  return Placement{owner, std::nullopt};
}

Result<Placement> RoundRobin(Scope& scope, TeamId team) {
  db::Transaction& tx = scope.tx();
  if (!auth::TeamExists(tx, team)) return InvalidField("team_id", "not_found", "team_id names no team");
  auto options = auth::ListUserOptions(tx, Principal::System("sales"));
  if (!options) return std::move(options).error();
  std::vector<UserId> members;
  for (const auth::store::StaffOption& s : options->users)
    if (s.team_id == team) members.push_back(s.id);
  const auto users = auth::DescribeUsers(tx, members);
  std::erase_if(members, [&](UserId id) {
    auto it = users.find(id);
    return it == users.end() || !it->second.active || it->second.role != Role::kSales;
  });
  if (members.empty()) return InvalidField("team_id", "no_sales", "the team has no active salesperson");
  std::ranges::sort(members);
  const std::optional<int64_t> last = LastRoundRobin(tx, team.value());
  UserId next = members.front();
  if (last)
    for (UserId m : members)
      if (m.value() > *last) {
        next = m;
        break;
      }
  RememberRoundRobin(tx, team.value(), next.value());
  return Placement{next, team};
}

const RegionRule* LongestPrefixRule(const std::vector<RegionRule>& rules, std::string_view code) {
  const RegionRule* best = nullptr;
  for (const RegionRule& r : rules)
    if (code.starts_with(r.region_prefix) && (!best || r.region_prefix.size() > best->region_prefix.size())) best = &r;
  return best;
}

Result<Opportunity> LoadOpportunityInScope(Scope& scope, OpportunityId id, bool for_update) {
  std::optional<Opportunity> o = LoadOpportunity(scope.tx(), id, for_update);
  if (!o || !InScope(scope.principal(), o->owner_id, o->team_id)) return NotFound("Opportunity");
  return *std::move(o);
}

Result<Opportunity> StoreOpportunityChange(Scope& scope, std::string action, const Opportunity& before,
                                           Opportunity after) {
  after.updated_at = scope.now();
  if (!UpdateOpportunity(scope.tx(), after)) return NotFound("Opportunity");
  CONSIGN_TRY(AuditOpportunity(scope, std::move(action), &before, after));
  return after;
}

std::optional<UserId> CallerAsOwner(const Principal& who) {
  if (who.user_id.value() == 0) return std::nullopt;  // the system (CLI, demo): nobody's
  return who.user_id;
}

size_t ClassificationIndex(std::string_view key) {
  for (size_t i = 0; i < customers::kClassificationKeys.size(); ++i)
    if (customers::kClassificationKeys[i].name == key) return i;
  return customers::kClassificationKeys.size();
}

}  // namespace

bool InScope(const Principal& who, std::optional<UserId> owner, std::optional<TeamId> team) {
  if (SeesAll(who)) return true;
  if (!owner && !team) return true;  // the unassigned pool
  if (owner && *owner == who.user_id) return true;
  return team && who.team_id && *team == *who.team_id;
}

// --- leads ---------------------------------------------------------------------------------------

Result<Lead> CreateLead(Scope& scope, Lead draft, const std::optional<std::string>& idempotency_key) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kLeadsCreate));
  if (idempotency_key) {
    auto earlier = EarlierCreate(scope, CreateKind::kLead, *idempotency_key, LeadJson(draft));
    if (!earlier) return std::move(earlier).error();
    if (*earlier) return GetLead(scope, LeadId{**earlier});
  }
  CONSIGN_TRY(CheckNoMaskedContacts(draft));
  CONSIGN_TRY(CheckLead(draft));
  if (who.role == Role::kSales) {
    draft.owner_id = who.user_id;
    draft.team_id = who.team_id;
  } else {
    draft.owner_id.reset();
    draft.team_id.reset();
  }
  draft.status = LeadStatus::kOpen;
  draft.qualification = {};
  draft.ratings.reset();
  draft.score.reset();
  draft.account_id.reset();
  draft.opportunity_id.reset();
  draft.created_at = draft.updated_at = scope.now();
  db::Transaction& tx = scope.tx();
  draft.duplicates = FindDuplicates(tx, LeadId{0}, draft);
  draft.id = InsertLead(tx, draft, who.user_id);
  if (idempotency_key) SetIdempotentResource(tx, who.user_id, CreateKind::kLead, *idempotency_key, draft.id.value());
  CONSIGN_TRY(AuditLead(scope, "create", nullptr, draft));
  return draft;
}

Result<Lead> GetLead(Scope& scope, LeadId id) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsRead));
  return LoadInScope(scope, id, false);
}

Result<Lead> LoadLeadForEdit(Scope& scope, LeadId id) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsUpdate));
  return LoadForChange(scope, id);
}

Result<Lead> SaveLead(Scope& scope, const Lead& before, Lead changed) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsUpdate));
  // Only the fields; the rest has use cases of its own.
  changed.id = before.id;
  changed.owner_id = before.owner_id;
  changed.team_id = before.team_id;
  changed.status = before.status;
  changed.qualification = before.qualification;
  changed.ratings = before.ratings;
  changed.score = before.score;
  changed.account_id = before.account_id;
  changed.opportunity_id = before.opportunity_id;
  changed.created_at = before.created_at;
  RestoreMaskedContacts(before, changed);
  CONSIGN_TRY(CheckNoMaskedContacts(changed));
  CONSIGN_TRY(CheckLead(changed));
  if (before.status == LeadStatus::kQualified && changed.credit_code != before.credit_code)
    return StateError("credit_code", "qualified", "the review qualified this credit code; it cannot change now");
  changed.duplicates = FindDuplicates(scope.tx(), before.id, changed);
  return StoreChange(scope, "update", before, std::move(changed));
}

Result<std::string> RevealContact(Scope& scope, LeadId id, size_t contact_index, ContactField field,
                                  const audit::StatedReason& reason, std::chrono::seconds* retry_after) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kLeadsRead));
  CONSIGN_TRY(Require(who, audit::kPiiView));
  boost::json::object what{{"field", kContactFieldNames[static_cast<size_t>(field)]},
                           {"contact_index", contact_index},
                           {"reason", audit::ReasonCode(reason.reason)}};
  if (!reason.text.empty()) what["reason_text"] = reason.text;
  audit::AuditEntry entry;
  entry.at = scope.now();
  entry.actor = who;
  entry.action = std::string(audit::action::kPiiReveal);
  entry.entity = "lead";
  entry.entity_id = std::to_string(id.value());
  entry.after_json = boost::json::serialize(what);
  entry.request_id = scope.request_id();
  CONSIGN_TRY(audit::CountReveal(scope.database(), entry, retry_after));

  auto lead = LoadInScope(scope, id, /*for_update=*/false);
  if (!lead) return std::move(lead).error();
  Result<std::string> value = ContactValue(*lead, contact_index, field);
  if (!value) return value;
  CONSIGN_TRY(audit::AuditLog{}.Record(scope.tx(), entry));
  return value;
}

Result<LeadPage> FindLeads(Scope& scope, LeadQuery query, bool mine) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kLeadsRead));
  if (mine) query.owner_id = who.user_id.value();
  if (!SeesAll(who)) {
    query.visible_to_user = who.user_id.value();
    if (who.team_id) query.visible_to_team = who.team_id->value();
  }
  LeadPage page;
  page.items = ListLeads(scope.tx(), query);
  if (page.items.size() > static_cast<size_t>(query.limit)) {
    page.items.resize(static_cast<size_t>(query.limit));
    page.next_cursor = page.items.back().id.value();
  }
  return page;
}

Result<Lead> AssignLead(Scope& scope, LeadId id, const Assignment& assignment) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsAssign));
  auto before = LoadForChange(scope, id);
  if (!before) return before;
  Result<Placement> placement = InvalidField("mode", "required", "mode is required");
  switch (assignment.mode) {
    case Assignment::Mode::kUser:
      if (!assignment.owner_id) return InvalidField("owner_id", "required", "owner_id is required");
      placement = ToUser(scope, *assignment.owner_id);
      break;
    case Assignment::Mode::kRoundRobin:
      if (!assignment.team_id) return InvalidField("team_id", "required", "team_id is required");
      placement = RoundRobin(scope, *assignment.team_id);
      break;
    case Assignment::Mode::kRegion: {
      if (before->region_code.empty())
        return InvalidField("region_code", "required", "the lead has no region_code to route by");
      const std::vector<RegionRule> rules = LoadRegionRules(scope.tx());
      const RegionRule* rule = LongestPrefixRule(rules, before->region_code);
      if (!rule) return InvalidField("region_code", "no_rule", "no region rule covers the lead's region_code");
      if (rule->owner_id) placement = ToUser(scope, UserId{*rule->owner_id});
      else if (rule->team_id) placement = RoundRobin(scope, TeamId{*rule->team_id});
      break;
    }
  }
  if (!placement) return std::move(placement).error();
  Lead after = *before;
  after.owner_id = placement->owner;
  after.team_id = placement->team;
  return StoreChange(scope, "assign", *before, std::move(after));
}

Result<Lead> RecordCheck(Scope& scope, LeadId id, Condition condition, bool met, std::string evidence) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsUpdate));
  auto before = LoadForChange(scope, id);
  if (!before) return before;
  if (before->status == LeadStatus::kQualified)
    return StateError("status", "qualified", "the review has qualified the lead; its checks are closed");
  if (evidence.find_first_not_of(" \t") == std::string::npos)
    return InvalidField("evidence", "required", "say what the check rests on");
  ConditionCheck check{met, scope.principal().user_id, scope.now(), std::move(evidence)};
  WriteCheck(scope.tx(), id, condition, check);
  Lead after = *before;
  after.qualification.checks[static_cast<size_t>(condition)] = std::move(check);
  return StoreChange(scope, "check", *before, std::move(after));
}

Result<Lead> Evaluate(Scope& scope, LeadId id, const Ratings& ratings) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsUpdate));
  CONSIGN_TRY(ValidateRatings(ratings));
  auto before = LoadForChange(scope, id);
  if (!before) return before;
  Lead after = *before;
  after.ratings = ratings;
  after.score = Score(ratings, LoadWeights(scope.tx()));
  return StoreChange(scope, "evaluate", *before, std::move(after));
}

Result<Lead> Review(Scope& scope, LeadId id, bool qualified, std::string reason) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsReview));
  auto before = LoadForChange(scope, id);
  if (!before) return before;
  if (before->status == LeadStatus::kQualified)
    return StateError("status", "qualified", "the lead is qualified already");
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return InvalidField("reason", "required", "a review decision records why");
  if (qualified) CONSIGN_TRY(CanQualify(before->qualification, before->credit_code));
  Lead after = *before;
  after.status = qualified ? LeadStatus::kQualified : LeadStatus::kDisqualified;
  after.qualification.qualified = qualified;
  after.qualification.reviewed_by = CallerAsOwner(scope.principal());  // the system (demo, CLI): nobody
  after.qualification.reviewed_at = scope.now();
  after.qualification.review_reason = std::move(reason);
  return StoreChange(scope, "review", *before, std::move(after));
}

Result<Conversion> Convert(Scope& scope, LeadId id, ConvertRequest request) {
  CONSIGN_TRY(Require(scope.principal(), kLeadsConvert));
  auto before = LoadForChange(scope, id);
  if (!before) return std::move(before).error();
  if (before->status != LeadStatus::kQualified)
    return StateError("status", "not_qualified", "only a lead the review qualified converts");

  customers::Customer draft;
  draft.name = before->company;
  draft.credit_code = before->credit_code;  // an account already holding it makes this a 409 naming credit_code
  draft.kind = "organization";
  draft.industry = before->industry;
  draft.classification[ClassificationIndex("maturity")] = "potential";
  draft.classification[ClassificationIndex("lifecycle_stage")] = "potential";
  draft.classification[ClassificationIndex("development_stage")] = "potential";
  if (before->owner_id) draft.owner_user_id = before->owner_id->value();
  if (before->team_id) draft.team_id = before->team_id->value();
  for (const LeadContact& c : before->contacts) {
    customers::Contact contact;
    contact.name = c.name;
    contact.title = c.title;
    contact.phone = c.phone;
    contact.email = c.email;
    contact.is_primary = draft.contacts.empty();
    draft.contacts.push_back(std::move(contact));
  }
  auto account = customers::Create(scope, std::move(draft), std::nullopt);
  if (!account) return std::move(account).error();

  Opportunity o;
  o.name = request.opportunity_name.empty() ? before->company : request.opportunity_name;
  o.account_id = CustomerId{account->id};
  o.lead_id = before->id;
  o.owner_id = before->owner_id;
  o.team_id = before->team_id;
  o.monthly_volume = request.monthly_volume ? request.monthly_volume : before->monthly_volume;
  o.monthly_revenue = request.monthly_revenue ? request.monthly_revenue : before->monthly_spend;
  o.created_at = o.updated_at = scope.now();
  CONSIGN_TRY(ValidateOpportunity(o));
  o.id = InsertOpportunity(scope.tx(), o);
  CONSIGN_TRY(AuditOpportunity(scope, "create", nullptr, o));

  Lead after = *before;
  after.status = LeadStatus::kConverted;
  after.account_id = CustomerId{account->id};
  after.opportunity_id = o.id.value();
  auto lead = StoreChange(scope, "convert", *before, std::move(after));
  if (!lead) return std::move(lead).error();
  return Conversion{*std::move(lead), *std::move(account), std::move(o)};
}

// --- opportunities -------------------------------------------------------------------------------

Result<Opportunity> CreateOpportunity(Scope& scope, Opportunity draft,
                                      const std::optional<std::string>& idempotency_key) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kOpportunitiesCreate));
  if (idempotency_key) {
    auto earlier = EarlierCreate(scope, CreateKind::kOpportunity, *idempotency_key, OpportunityJson(draft));
    if (!earlier) return std::move(earlier).error();
    if (*earlier) return GetOpportunity(scope, OpportunityId{**earlier});
  }
  if (draft.stage == Stage::kMaintenance)
    return InvalidField("stage", "invalid_enum", "an opportunity starts at an open stage; 维护 follows a win");
  auto account = customers::Get(scope, draft.account_id.value());
  if (!account) {
    if (account.error().code == ErrorCode::kNotFound)
      return InvalidField("account_id", "not_found", "account_id names no account you can see");
    return std::move(account).error();
  }
  draft.owner_id = CallerAsOwner(who);
  draft.team_id = who.team_id;
  draft.outcome = Outcome::kOpen;
  draft.lead_id.reset();
  draft.lost_reason.clear();
  draft.lost_note.clear();
  draft.closed_at.reset();
  draft.created_at = draft.updated_at = scope.now();
  CONSIGN_TRY(ValidateOpportunity(draft));
  draft.id = InsertOpportunity(scope.tx(), draft);
  if (idempotency_key)
    SetIdempotentResource(scope.tx(), who.user_id, CreateKind::kOpportunity, *idempotency_key, draft.id.value());
  CONSIGN_TRY(AuditOpportunity(scope, "create", nullptr, draft));
  return draft;
}

Result<Opportunity> GetOpportunity(Scope& scope, OpportunityId id) {
  CONSIGN_TRY(Require(scope.principal(), kOpportunitiesRead));
  return LoadOpportunityInScope(scope, id, false);
}

Result<Opportunity> LoadOpportunityForEdit(Scope& scope, OpportunityId id) {
  CONSIGN_TRY(Require(scope.principal(), kOpportunitiesUpdate));
  return LoadOpportunityInScope(scope, id, true);
}

Result<Opportunity> SaveOpportunity(Scope& scope, const Opportunity& before, Opportunity changed) {
  CONSIGN_TRY(Require(scope.principal(), kOpportunitiesUpdate));
  if (before.outcome != Outcome::kOpen)
    return StateError("stage", "closed", "the opportunity is " + std::string(OutcomeName(before.outcome)));
  Opportunity after = before;
  after.name = std::move(changed.name);
  after.monthly_volume = changed.monthly_volume;
  after.monthly_revenue = changed.monthly_revenue;
  after.probability = changed.probability;
  CONSIGN_TRY(ValidateOpportunity(after));
  return StoreOpportunityChange(scope, "update", before, std::move(after));
}

Result<OpportunityPage> FindOpportunities(Scope& scope, OpportunityQuery query, bool mine) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kOpportunitiesRead));
  if (mine) query.owner_id = who.user_id.value();
  if (!SeesAll(who)) {
    query.visible_to_user = who.user_id.value();
    if (who.team_id) query.visible_to_team = who.team_id->value();
  }
  OpportunityPage page;
  page.items = ListOpportunities(scope.tx(), query);
  if (page.items.size() > static_cast<size_t>(query.limit)) {
    page.items.resize(static_cast<size_t>(query.limit));
    page.next_cursor = page.items.back().id.value();
  }
  return page;
}

Result<Opportunity> ChangeStage(Scope& scope, OpportunityId id, Stage to) {
  auto before = LoadOpportunityForEdit(scope, id);
  if (!before) return before;
  CONSIGN_TRY(CheckStageChange(before->outcome, before->stage, to));
  Opportunity after = *before;
  after.stage = to;
  after.probability = DefaultProbability(to);
  return StoreOpportunityChange(scope, "stage", *before, std::move(after));
}

Result<Opportunity> MarkWon(Scope& scope, OpportunityId id) {
  auto before = LoadOpportunityForEdit(scope, id);
  if (!before) return before;
  CONSIGN_TRY(CheckWin(before->outcome, before->stage));
  Opportunity after = *before;
  after.stage = Stage::kMaintenance;
  after.outcome = Outcome::kWon;
  after.probability = 100;
  after.closed_at = scope.now();
  return StoreOpportunityChange(scope, "won", *before, std::move(after));
}

Result<Win> WinAndDraftContract(Scope& scope, OpportunityId id) {
  CONSIGN_TRY(Require(scope.principal(), contracts::kCreate));
  auto won = MarkWon(scope, id);
  if (!won) return std::move(won).error();
  auto draft = contracts::Create(scope, won->account_id, std::nullopt, [](contracts::Terms&) { return Ok(); });
  if (!draft) return std::move(draft).error();
  return Win{*std::move(won), draft->contract.id.value()};
}

Result<Opportunity> MarkLost(Scope& scope, OpportunityId id, std::string reason, std::string note) {
  auto before = LoadOpportunityForEdit(scope, id);
  if (!before) return before;
  CONSIGN_TRY(CheckLoss(before->outcome, reason));
  Opportunity after = *before;
  after.outcome = Outcome::kLost;
  after.probability = 0;
  after.lost_reason = std::move(reason);
  after.lost_note = std::move(note);
  after.closed_at = scope.now();
  return StoreOpportunityChange(scope, "lost", *before, std::move(after));
}

// --- the pipeline report ---------------------------------------------------------------------------

namespace {

// The instant `date` began in the company's time zone. Noon UTC of a date falls on that same date in
// every zone within ±11 hours of UTC (Asia/Shanghai is +8), so the day holding it is `date`.
std::optional<LocalDay> CompanyDay(Date date) {
  const Instant noon = std::chrono::sys_days{date} + std::chrono::hours{12};
  auto day = DayAt(noon, kDefaultTimeZone);
  if (!day || day->date != date) return std::nullopt;
  return day;
}

}  // namespace

Result<PipelineReport> GetPipelineReport(Scope& scope, const ReportFilter& filter) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kOpportunitiesRead));
  if (filter.from && filter.to && *filter.to < *filter.from)
    return InvalidField("to", "before_from", "to is a day on or after from");
  ReportQuery query;
  query.owner_id = filter.owner_id;
  query.team_id = filter.team_id;
  if (filter.from) {
    auto day = CompanyDay(*filter.from);
    if (!day) return InvalidField("from", "invalid_format", "from is a date, YYYY-MM-DD");
    query.created_from = day->start;
  }
  if (filter.to) {
    auto day = CompanyDay(*filter.to);
    if (!day) return InvalidField("to", "invalid_format", "to is a date, YYYY-MM-DD");
    query.created_before = day->end;
  }
  if (!SeesAll(who)) {
    query.visible_to_user = who.user_id.value();
    if (who.team_id) query.visible_to_team = who.team_id->value();
  }
  db::Transaction& tx = scope.tx();
  const std::vector<OpportunityGroup> opportunities = PipelineGroups(tx, query);
  const std::vector<SourceGroup> sources = SourceGroups(tx, query);
  return BuildPipelineReport(opportunities, sources);
}

// --- settings ------------------------------------------------------------------------------------

Result<Weights> GetWeights(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kSalesSettingsRead));
  return LoadWeights(scope.tx());
}

namespace {

boost::json::object WeightsJson(const Weights& w) {
  boost::json::object o;
  for (size_t i = 0; i < kCriteria.size(); ++i) o[kCriteria[i]] = w[i];
  return o;
}

boost::json::object RulesJson(const std::vector<RegionRule>& rules) {
  boost::json::array a;
  for (const RegionRule& r : rules)
    a.push_back(boost::json::object{
        {"region_prefix", r.region_prefix},
        {"owner_id", r.owner_id ? boost::json::value(*r.owner_id) : boost::json::value(nullptr)},
        {"team_id", r.team_id ? boost::json::value(*r.team_id) : boost::json::value(nullptr)}});
  return boost::json::object{{"rules", std::move(a)}};
}

}  // namespace

Result<Weights> SetWeights(Scope& scope, const Weights& weights) {
  CONSIGN_TRY(Require(scope.principal(), kSalesSettingsUpdate));
  CONSIGN_TRY(ValidateWeights(weights));
  const Weights before = LoadWeights(scope.tx());
  SaveWeights(scope.tx(), weights);
  const boost::json::object b = WeightsJson(before), a = WeightsJson(weights);
  CONSIGN_TRY(Audit(scope, "sales.score_weights", "sales_settings", 1, &b, &a));
  return weights;
}

Result<std::vector<RegionRule>> GetRegionRules(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kSalesSettingsRead));
  return LoadRegionRules(scope.tx());
}

Result<std::vector<RegionRule>> SetRegionRules(Scope& scope, const std::vector<RegionRule>& rules) {
  CONSIGN_TRY(Require(scope.principal(), kSalesSettingsUpdate));
  db::Transaction& tx = scope.tx();
  FieldErrors errors;
  for (size_t i = 0; i < rules.size(); ++i) {
    const RegionRule& r = rules[i];
    const std::string at = "rules[" + std::to_string(i) + "].";
    if (!KnownDivision(r.region_prefix))
      errors.Add(at + "region_prefix", "not_found", "region_prefix is a province, city or district code (GB/T 2260)");
    for (size_t j = 0; j < i; ++j)
      if (rules[j].region_prefix == r.region_prefix)
        errors.Add(at + "region_prefix", "duplicate", "each region_prefix has one rule");
    if (!r.owner_id && !r.team_id) errors.Add(at + "owner_id", "required", "a rule names an owner or a team");
    if (r.owner_id) {
      const UserId ids[] = {UserId{*r.owner_id}};
      const auto users = auth::DescribeUsers(tx, ids);
      auto it = users.find(ids[0]);
      if (it == users.end() || !MayOwnLeads(it->second))
        errors.Add(at + "owner_id", "not_found", "owner_id names no active sales, manager or admin user");
    }
    if (r.team_id && !auth::TeamExists(tx, TeamId{*r.team_id}))
      errors.Add(at + "team_id", "not_found", "team_id names no team");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  const std::vector<RegionRule> before = LoadRegionRules(tx);
  ReplaceRegionRules(tx, rules);
  const boost::json::object b = RulesJson(before), a = RulesJson(rules);
  CONSIGN_TRY(Audit(scope, "sales.region_rules", "sales_settings", 2, &b, &a));
  return LoadRegionRules(tx);
}

}  // namespace consign::sales
