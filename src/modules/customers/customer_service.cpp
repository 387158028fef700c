#include "modules/customers/customer_service.hpp"

#include <boost/json.hpp>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/brand_store.hpp"
#include "modules/customers/customer_json.hpp"

namespace consign::customers {

bool InScope(const Principal& who, const Customer& c) {
  const CustomerScope rule = ScopeFor(who);
  std::optional<UserId> owner;
  if (c.owner_user_id) owner = UserId{*c.owner_user_id};
  std::optional<TeamId> team;
  if (c.team_id) team = TeamId{*c.team_id};
  return rule.Covers(CustomerId{c.id}, owner, team);
}

namespace {

Status Audit(Scope& scope, std::string_view action, int64_t id, const Customer* before, const Customer* after) {
  audit::AuditEntry entry;
  entry.at = scope.clock().Now();
  entry.actor = scope.principal();
  entry.action = std::string(action);
  entry.entity = "customer";
  entry.entity_id = std::to_string(id);
  if (before) entry.before_json = AuditJson(*before);
  if (after) entry.after_json = AuditJson(*after);
  entry.request_id = scope.request_id();
  return audit::AuditLog{}.Record(scope.tx(), entry);
}

// Whether an edit leaves every stored field as it was (the version and timestamps aside).
bool SameContent(const Customer& before, Customer after) {
  after.version = before.version;
  after.created_at = before.created_at;
  after.updated_at = before.updated_at;
  after.owner = before.owner;
  after.masked = before.masked;
  return AuditJson(before) == AuditJson(after);
}

// What makes two creates "the same request" for an Idempotency-Key: SHA-256 (hex) of the draft as
// parsed from the body, serialised in the one fixed shape of the audit trail. The body's key order,
// spacing and unknown-to-the-parser formatting do not matter; every value it set does.
std::string RequestHash(const Customer& draft) { return audit::Sha256Hex(AuditJson(draft)); }

// An account's owner is an active staff user: not a portal user (a customer's own staff), not a
// deactivated one. Named by the API's field, owner_id.
Status CheckOwner(db::Transaction& tx, std::optional<int64_t> owner_id) {
  if (!owner_id) return Ok();
  const UserId owner{*owner_id};
  const std::map<UserId, auth::UserSummary> described = auth::DescribeUsers(tx, std::span<const UserId>(&owner, 1));
  const auto it = described.find(owner);
  if (it == described.end()) return InvalidField("owner_id", "not_found", "no user has this id");
  if (it->second.role == Role::kPortal)
    return InvalidField("owner_id", "not_staff", "a portal user cannot own accounts; choose a staff member");
  if (!it->second.active)
    return InvalidField("owner_id", "inactive", "this user is deactivated; choose an active staff member");
  return Ok();
}

// Teams are the auth module's; an account names one that exists.
Status CheckTeam(db::Transaction& tx, std::optional<int64_t> team_id) {
  if (team_id && !auth::TeamExists(tx, TeamId{*team_id}))
    return InvalidField("team_id", "not_found", "there is no team with this id");
  return Ok();
}

Placement PlacementOf(const Customer& c) {
  Placement p;
  if (c.owner_user_id) p.owner = UserId{*c.owner_user_id};
  if (c.team_id) p.team = TeamId{*c.team_id};
  return p;
}

// The record rules on writes, for a new account (`before` null) or a change: the caller's scope
// (CheckPlacement: sales only for themselves, in their own team), then that a new or changed owner is
// active staff and a new or changed team exists. An owner or team the write leaves alone is not
// judged again: an account whose owner has left can still be edited, and reassigned.
Status CheckRecordRulesOnWrite(Scope& scope, const Customer* before, const Customer& after) {
  const Placement now = PlacementOf(after);
  std::optional<Placement> was;
  if (before) was = PlacementOf(*before);
  CONSIGN_TRY(CheckPlacement(ScopeFor(scope.principal()), was ? &*was : nullptr, now));
  if (!before || before->owner_user_id != after.owner_user_id) CONSIGN_TRY(CheckOwner(scope.tx(), after.owner_user_id));
  if (!before || before->team_id != after.team_id) CONSIGN_TRY(CheckTeam(scope.tx(), after.team_id));
  return Ok();
}

// What a customer-facing caller (a portal user) may filter its list by: the fields it is shown. A
// filter on an internal field (value class, owner, tag ...) would tell the field's value by whether
// the one account comes back, so it is refused by name, as is asking for archived accounts.
Status CheckCustomerFacingFilters(const ListQuery& q) {
  FieldErrors errors;
  const auto internal = [&](std::string_view name) {
    errors.Add(std::string(name), "not_allowed", std::string(name) + " is not a filter of your account's view");
  };
  for (size_t i = 0; i < kClassificationKeys.size(); ++i)
    if (!q.classification[i].empty()) internal(kClassificationKeys[i].name);
  if (q.owner_id) internal("owner_id");
  if (q.team_id) internal("team_id");
  if (!q.tag.empty()) internal("tag");
  if (q.status == CustomerStatus::kArchived) internal("status");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

}  // namespace

bool MaySeePersonalData(const Principal& who) { return Holds(who, audit::kPiiView); }

void DescribeOwners(db::Transaction& tx, std::span<Customer> customers) {
  std::vector<UserId> owners;
  for (const Customer& c : customers)
    if (c.owner_user_id) owners.push_back(UserId{*c.owner_user_id});
  const std::map<UserId, auth::UserSummary> described = auth::DescribeUsers(tx, owners);
  for (Customer& c : customers) {
    c.owner.reset();
    if (!c.owner_user_id) continue;
    if (auto it = described.find(UserId{*c.owner_user_id}); it != described.end())
      c.owner = OwnerView{*c.owner_user_id, it->second.login, it->second.name};
  }
}

namespace {

// One account read for an answer: its owner described, personal data masked whoever asks (a value is
// seen only by revealing it, customer_reveal.hpp).
Customer ForAnswer(Scope& scope, Customer c) {
  DescribeOwners(scope.tx(), std::span<Customer>(&c, 1));
  MaskPersonalData(c);
  return c;
}

}  // namespace

void PrepareNew(Customer& draft, const Principal& who, Instant now) {
  // Sales create accounts for themselves unless they name an owner; a new account belongs to the
  // creator's team so the record rule lets them see what they made.
  if (!draft.owner_user_id && who.role == Role::kSales) draft.owner_user_id = who.user_id.value();
  if (!draft.team_id && who.team_id) draft.team_id = who.team_id->value();
  if (auto tmpl = TemplateFor(draft.industry); tmpl && draft.requirements.template_industry.empty()) {
    if (!draft.requirements.notes.empty()) tmpl->notes += "\n" + draft.requirements.notes;
    for (const auto& flag : draft.requirements.flags) tmpl->flags.push_back(flag);
    draft.requirements = std::move(*tmpl);
  }
  draft.status = CustomerStatus::kActive;
  draft.version = 1;
  draft.created_at = draft.updated_at = now;
}

Status AuditCreate(Scope& scope, const Customer& created) {
  return Audit(scope, audit::action::kCreate, created.id, nullptr, &created);
}

Result<Customer> Create(Scope& scope, Customer draft, const std::optional<std::string>& idempotency_key) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kCreate));
  db::Transaction& tx = scope.tx();
  const std::string request_hash = RequestHash(draft);
  if (idempotency_key) {
    if (auto earlier = FindIdempotentCreate(tx, who.user_id.value(), *idempotency_key)) {
      // Keys remembered before hashes were kept (empty) answer as they always did.
      if (!earlier->request_hash.empty() && earlier->request_hash != request_hash)
        return Conflict("Idempotency-Key", "idempotency_key_reused",
                        "this Idempotency-Key was used for another request; use a new key for a new customer");
      return Get(scope, earlier->customer_id);
    }
  }
  CONSIGN_TRY(Validate(draft));
  if (!draft.code.empty() && CodeTaken(tx, draft.code))
    return Conflict("code", "duplicate", "another customer already has this code");
  if (!draft.credit_code.empty() && CreditCodeTaken(tx, draft.credit_code))
    return Conflict("credit_code", "duplicate", "another account already has this unified social credit code");
  PrepareNew(draft, who, scope.clock().Now());
  CONSIGN_TRY(CheckRecordRulesOnWrite(scope, nullptr, draft));
  InsertCustomer(tx, draft);
  if (idempotency_key)
    RememberIdempotentCreate(tx, who.user_id.value(), *idempotency_key, draft.id, request_hash, draft.created_at);
  // Read back, so the answer and the audit record carry the contacts' and addresses' new ids.
  Customer created = LoadCustomer(tx, draft.id).value_or(draft);
  CONSIGN_TRY(AuditCreate(scope, created));
  return ForAnswer(scope, std::move(created));
}

Result<Customer> Get(Scope& scope, int64_t id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  std::optional<Customer> c = LoadCustomer(scope.tx(), id);
  if (!c || !InScope(who, *c)) return NotFound("Customer");
  return ForAnswer(scope, *std::move(c));
}

Result<AnswerStamp> AnswerStampOf(Scope& scope, int64_t id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  std::optional<AccountStamp> row = LoadAccountStamp(scope.tx(), id);
  if (!row || !ScopeFor(who).Covers(CustomerId{id}, row->placement.owner, row->placement.team)) return NotFound("Customer");
  AnswerStamp stamp{row->version, row->created_at, std::nullopt, std::move(row->brand)};
  if (const std::optional<UserId> owner = row->placement.owner) {
    const std::map<UserId, auth::UserSummary> described = auth::DescribeUsers(scope.tx(), std::span(&*owner, 1));
    if (auto it = described.find(*owner); it != described.end())
      stamp.owner = OwnerView{owner->value(), it->second.login, it->second.name};
  }
  return stamp;
}

Status CheckReadable(Scope& scope, int64_t id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  const std::optional<Placement> placement = LoadPlacement(scope.tx(), id);
  if (!placement || !ScopeFor(who).Covers(CustomerId{id}, placement->owner, placement->team)) return NotFound("Customer");
  return Ok();
}

Result<Customer> LoadForEdit(Scope& scope, int64_t id) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  std::optional<Customer> c = LoadCustomer(scope.tx(), id, /*for_update=*/true);
  if (!c || !InScope(scope.principal(), *c)) return NotFound("Customer");
  return *std::move(c);
}

Result<Customer> Save(Scope& scope, const Customer& before, Customer changed, int64_t expected_version) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  if (before.version != expected_version) return StaleVersion(before.version);
  if (before.status == CustomerStatus::kArchived)
    return MakeError(ErrorCode::kInvalidState, "An archived customer cannot be edited; restore it first.");
  RestoreMaskedValues(before, changed);
  CONSIGN_TRY(CheckNoMaskedValues(before, changed));
  // Ids the client sent that are not this account's items become new items.
  for (Contact& k : changed.contacts) {
    bool own = false;
    for (const Contact& old : before.contacts) own = own || old.id == k.id;
    if (!own) k.id = ContactId{};
  }
  for (Address& a : changed.addresses) {
    bool own = false;
    for (const Address& old : before.addresses) own = own || old.id == a.id;
    if (!own) a.id = AddressId{};
  }
  CONSIGN_TRY(Validate(changed));
  db::Transaction& tx = scope.tx();
  if (changed.code.empty()) changed.code = before.code;
  if (changed.code != before.code && CodeTaken(tx, changed.code, before.id))
    return Conflict("code", "duplicate", "another customer already has this code");
  if (changed.credit_code != before.credit_code && !changed.credit_code.empty() &&
      CreditCodeTaken(tx, changed.credit_code, before.id))
    return Conflict("credit_code", "duplicate", "another account already has this unified social credit code");
  CONSIGN_TRY(CheckRecordRulesOnWrite(scope, &before, changed));
  if (!InScope(scope.principal(), changed))
    return Forbidden("You would lose access to this customer; ask a manager to reassign it.");
  if (SameContent(before, changed)) {
    // Nothing changed: no new version, no history entry.
    return ForAnswer(scope, before);
  }
  changed.updated_at = scope.clock().Now();
  if (!UpdateCustomer(tx, changed, expected_version)) return StaleVersion(std::nullopt);
  // Reload so new contacts and addresses carry their ids.
  std::optional<Customer> saved = LoadCustomer(tx, changed.id);
  CONSIGN_TRY(Audit(scope, audit::action::kUpdate, changed.id, &before, &*saved));
  return ForAnswer(scope, *std::move(saved));
}

Result<Customer> SetStatus(Scope& scope, int64_t id, StatusChange change, std::optional<int64_t> expected_version) {
  CONSIGN_TRY(Require(scope.principal(), kDelete));
  std::optional<Customer> before = LoadCustomer(scope.tx(), id, /*for_update=*/true);
  if (!before || !InScope(scope.principal(), *before)) return NotFound("Customer");
  if (expected_version && *expected_version != before->version) return StaleVersion(before->version);
  const std::optional<CustomerStatus> next = Transition(before->status, change);
  if (!next)
    return MakeError(ErrorCode::kInvalidState, "The customer is " + std::string(StatusName(before->status)) +
                                                   ": it cannot " + std::string(StatusChangeName(change)) + ".");
  Customer changed = *before;
  if (!SetCustomerStatus(scope.tx(), changed, *next, before->version, scope.clock().Now()))
    return StaleVersion(std::nullopt);
  const std::string_view action = change == StatusChange::kArchive ? audit::action::kArchive : audit::action::kRestore;
  CONSIGN_TRY(Audit(scope, action, id, &*before, &changed));
  return ForAnswer(scope, std::move(changed));
}

void RestrictToScope(ListQuery& query, const Principal& who) {
  const CustomerScope rule = ScopeFor(who);
  switch (rule.kind) {
    case CustomerScope::Kind::kAll: break;
    case CustomerScope::Kind::kOwnerOrTeam:
      query.owner_or_team_user = rule.user_id.value();
      if (rule.team_id) query.owner_or_team_team = rule.team_id->value();
      break;
    case CustomerScope::Kind::kOwnAccount:
      if (rule.customer_id) query.only_customer_id = rule.customer_id->value();
      else query.none = true;
      break;
    case CustomerScope::Kind::kNone: query.none = true; break;
  }
}

Status ApplyTab(ListQuery& query, const Principal& who) {
  const ListTab tab = query.tab;
  query.tab = ListTab::kAll;
  if (tab == ListTab::kAll) return Ok();
  if (ViewFor(who) == AccountView::kCustomerFacing)
    return InvalidField("scope", "not_allowed", "scope is not a filter of your account's view");
  if (tab == ListTab::kMine) {
    const int64_t me = who.user_id.value();
    if (query.owner_id && *query.owner_id != me)
      return InvalidField("owner_id", "conflicts_with_scope", "scope=mine lists your own accounts; leave owner_id out");
    query.owner_id = me;
    return Ok();
  }
  if (!who.team_id)
    return InvalidField("scope", "no_team", "you belong to no team; ask an administrator to add you to one");
  const int64_t team = who.team_id->value();
  if (query.team_id && *query.team_id != team)
    return InvalidField("team_id", "conflicts_with_scope", "scope=team lists your team's accounts; leave team_id out");
  query.team_id = team;
  return Ok();
}

Result<ListPage> List(Scope& scope, ListQuery query, bool with_total) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  CONSIGN_TRY(ApplyTab(query, scope.principal()));
  if (ViewFor(scope.principal()) == AccountView::kCustomerFacing) {
    CONSIGN_TRY(CheckCustomerFacingFilters(query));
    query.status.reset();  // its own account, whatever its state: the state is not shown
  }
  RestrictToScope(query, scope.principal());
  query.personal_search = MaySeePersonalData(scope.principal());
  ListPage page = ListCustomers(scope.tx(), query);
  if (with_total) page.total = CountCustomers(scope.tx(), query);
  DescribeOwners(scope.tx(), page.items);  // one call for the whole page
  // Lists are for finding, not calling: they stay masked for everyone, so browsing a list never
  // discloses personal data in bulk. Open the account to see it (audited).
  for (Customer& c : page.items) MaskPersonalData(c);
  return page;
}

Result<CustomerStats> Stats(Scope& scope, ListQuery base) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kStats));
  ListQuery query;  // only the status and the tab of `base`: the dashboard is over everything else
  query.status = base.status;
  query.tab = base.tab;
  CONSIGN_TRY(ApplyTab(query, who));
  RestrictToScope(query, who);
  db::Transaction& tx = scope.tx();
  const Instant now = scope.clock().Now();

  CustomerStats stats;
  stats.total = CountCustomers(tx, query);
  for (std::string_view column : kBreakdownColumns) {
    Breakdown breakdown{column, CountByValue(tx, query, column), 0};
    if (column == "province" && breakdown.values.size() > kTopProvinces) {
      for (size_t i = kTopProvinces; i < breakdown.values.size(); ++i) breakdown.other += breakdown.values[i].count;
      breakdown.values.resize(kTopProvinces);
    }
    stats.breakdowns.push_back(std::move(breakdown));
  }
  const std::optional<Instant> month_start = StartOfMonth(now, kDefaultTimeZone);
  if (!month_start) return Internal("the time zone " + std::string(kDefaultTimeZone) + " is not in the tzdata");
  stats.month_start = *month_start;
  ListQuery new_ones = query;
  new_ones.created_from = stats.month_start;
  stats.new_this_month = CountCustomers(tx, new_ones);

  // The caller's own accounts whatever the tab (the list's scope=mine, with the same status).
  ListQuery mine;
  mine.status = base.status;
  mine.tab = ListTab::kMine;
  CONSIGN_TRY(ApplyTab(mine, who));
  RestrictToScope(mine, who);
  stats.mine = CountCustomers(tx, mine);
  stats.stale_before = now - kStaleAfter;
  mine.updated_before = stats.stale_before;
  stats.mine_stale = CountCustomers(tx, mine);
  return stats;
}

Result<std::vector<HistoryEntry>> History(Scope& scope, int64_t id) {
  CONSIGN_TRY(Require(scope.principal(), kHistory));
  std::optional<Customer> c = LoadCustomer(scope.tx(), id);
  if (!c || !InScope(scope.principal(), *c)) return NotFound("Customer");
  auto entries = audit::ListFor(scope.tx(), "customer", std::to_string(id), 200);
  if (!entries) return std::move(entries).error();
  std::vector<UserId> actors;
  for (const audit::AuditEntryView& e : *entries)
    if (e.actor_user_id) actors.push_back(UserId{*e.actor_user_id});
  const std::map<UserId, auth::UserSummary> described = auth::DescribeUsers(scope.tx(), actors);
  std::vector<HistoryEntry> history;
  history.reserve(entries->size());
  for (audit::AuditEntryView& e : *entries) {
    HistoryEntry h;
    // The entries' before/after records hold personal data: the differences are found on the stored
    // values (a phone changed to one with the same last digits is still a change) and shown with the
    // masked ones; the entry's snapshots are masked for everyone, as the account is.
    boost::system::error_code ec[4];
    const bool both = e.before_json && e.after_json;
    const boost::json::value before = both ? boost::json::parse(*e.before_json, ec[0]) : nullptr;
    const boost::json::value after = both ? boost::json::parse(*e.after_json, ec[1]) : nullptr;
    if (e.before_json) e.before_json = audit::MaskSnapshot(*e.before_json);
    if (e.after_json) e.after_json = audit::MaskSnapshot(*e.after_json);
    if (both) {
      const boost::json::value before_shown = boost::json::parse(*e.before_json, ec[2]);
      const boost::json::value after_shown = boost::json::parse(*e.after_json, ec[3]);
      if (!ec[0] && !ec[1] && !ec[2] && !ec[3]) h.changes = DiffSnapshots(before, after, before_shown, after_shown);
    }
    if (e.actor_user_id)
      if (auto it = described.find(UserId{*e.actor_user_id}); it != described.end()) h.actor_name = it->second.name;
    h.entry = std::move(e);
    history.push_back(std::move(h));
  }
  return history;
}

}  // namespace consign::customers

namespace consign::customers {

std::vector<AccountMatch> FindMatchingAccounts(db::Transaction& tx, std::string_view credit_code, std::string_view name,
                                               const std::vector<std::string>& phones) {
  std::vector<AccountMatch> matches;
  if (!credit_code.empty())
    for (const db::Row& row : tx.Query("SELECT id FROM customers WHERE credit_code = $1", {std::string(credit_code)}))
      matches.push_back({row.Int("id"), "credit_code"});
  if (!name.empty())
    for (const db::Row& row : tx.Query("SELECT id FROM customers WHERE name = $1 ORDER BY id LIMIT 10", {std::string(name)}))
      matches.push_back({row.Int("id"), "name"});
  if (!phones.empty()) {
    const std::string sql = "SELECT DISTINCT customer_id FROM customer_contacts WHERE " +
                            db::InList(tx.dialect(), "phone", 1) + " ORDER BY customer_id LIMIT 10";
    for (const db::Row& row : tx.Query(sql, {db::TextList(phones)})) matches.push_back({row.Int("customer_id"), "phone"});
  }
  return matches;
}

}  // namespace consign::customers
