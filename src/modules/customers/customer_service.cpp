#include "modules/customers/customer_service.hpp"

#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "modules/auth/access.hpp"
#include "modules/customers/customer_json.hpp"

namespace consign::customers {

namespace {

// A record outside the caller's scope is "not found": its id must not tell that it exists.
bool InScope(const Principal& who, const Customer& c) {
  const auth::CustomerScope scope = auth::ScopeFor(who);
  std::optional<UserId> owner;
  if (c.owner_user_id) owner = UserId{*c.owner_user_id};
  std::optional<TeamId> team;
  if (c.team_id) team = TeamId{*c.team_id};
  return scope.Covers(CustomerId{c.id}, owner, team);
}

Status Audit(http::Context& ctx, std::string_view action, int64_t id, const Customer* before, const Customer* after) {
  audit::AuditEntry entry;
  entry.at = ctx.clock().Now();
  entry.actor = ctx.principal();
  entry.action = std::string(action);
  entry.entity = "customer";
  entry.entity_id = std::to_string(id);
  if (before) entry.before_json = AuditJson(*before);
  if (after) entry.after_json = AuditJson(*after);
  entry.request_id = ctx.request_id();
  return audit::AuditLog{}.Record(ctx.tx(), entry);
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

Status CheckOwner(db::Transaction& tx, const Customer& c) {
  if (c.owner_user_id && !OwnerLoginAndName(tx, *c.owner_user_id))
    return InvalidField("owner_id", "not_found", "no user has this id");
  return Ok();
}

}  // namespace

bool MaySeePersonalData(const Principal& who) { return static_cast<bool>(auth::Require(who, "pii", "view")); }

std::optional<OwnerView> OwnerOf(db::Transaction& tx, const Customer& c) {
  if (!c.owner_user_id) return std::nullopt;
  if (c.owner && c.owner->id == *c.owner_user_id) return c.owner;  // joined by the read
  auto found = OwnerLoginAndName(tx, *c.owner_user_id);
  if (!found) return std::nullopt;
  return OwnerView{*c.owner_user_id, found->first, found->second};
}

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
  draft.status = "active";
  draft.version = 1;
  draft.created_at = draft.updated_at = now;
}

Status AuditCreate(http::Context& ctx, const Customer& created) {
  return Audit(ctx, audit::action::kCreate, created.id, nullptr, &created);
}

Result<Customer> Create(http::Context& ctx, Customer draft, const std::optional<std::string>& idempotency_key) {
  const Principal& who = ctx.principal();
  db::Transaction& tx = ctx.tx();
  if (idempotency_key) {
    if (auto earlier = FindIdempotentCreate(tx, who.user_id.value(), *idempotency_key)) return Get(ctx, *earlier, nullptr);
  }
  CONSIGN_TRY(Validate(draft));
  if (!draft.code.empty() && CodeTaken(tx, draft.code))
    return Conflict("code", "duplicate", "another customer already has this code");
  CONSIGN_TRY(CheckOwner(tx, draft));
  PrepareNew(draft, who, ctx.clock().Now());
  InsertCustomer(tx, draft);
  if (idempotency_key) RememberIdempotentCreate(tx, who.user_id.value(), *idempotency_key, draft.id, draft.created_at);
  // Read back, so the answer and the audit record carry the contacts' and addresses' new ids.
  Customer created = LoadCustomer(tx, draft.id).value_or(draft);
  CONSIGN_TRY(AuditCreate(ctx, created));
  if (!MaySeePersonalData(who)) MaskPersonalData(created);
  return created;
}

Status AuditView(http::Context& ctx, int64_t id, audit::GroupAppender* views) {
  // Inside a write transaction (an idempotent create answering again) the entry joins it; otherwise
  // it shares a commit with other requests' views.
  if (views == nullptr || ctx.has_write_tx()) return Audit(ctx, audit::action::kPiiView, id, nullptr, nullptr);
  audit::AuditEntry entry;
  entry.at = ctx.clock().Now();
  entry.actor = ctx.principal();
  entry.action = std::string(audit::action::kPiiView);
  entry.entity = "customer";
  entry.entity_id = std::to_string(id);
  entry.request_id = ctx.request_id();
  return views->Append(std::move(entry));
}

Result<Customer> Get(http::Context& ctx, int64_t id, audit::GroupAppender* views) {
  const Principal& who = ctx.principal();
  std::optional<Customer> c = LoadCustomer(ctx.tx(), id);
  if (!c || !InScope(who, *c)) return NotFound("Customer");
  if (MaySeePersonalData(who)) CONSIGN_TRY(AuditView(ctx, id, views));
  else MaskPersonalData(*c);
  return *std::move(c);
}

Result<Customer> LoadForEdit(http::Context& ctx, int64_t id) {
  std::optional<Customer> c = LoadCustomer(ctx.tx(), id, /*for_update=*/true);
  if (!c || !InScope(ctx.principal(), *c)) return NotFound("Customer");
  return *std::move(c);
}

Result<Customer> Save(http::Context& ctx, const Customer& before, Customer changed, int64_t expected_version) {
  if (before.version != expected_version)
    return Error{ErrorCode::kPreconditionFailed, "Someone else changed this customer; reload and try again.", {},
                 {{"If-Match", "stale_version", "the customer is at version " + std::to_string(before.version)}}};
  if (before.status == "archived")
    return MakeError(ErrorCode::kInvalidState, "An archived customer cannot be edited; restore it first.");
  RestoreMaskedValues(before, changed);
  // Ids the client sent that are not this account's items become new items.
  for (Contact& k : changed.contacts) {
    bool own = false;
    for (const Contact& old : before.contacts) own = own || old.id == k.id;
    if (!own) k.id = 0;
  }
  for (Address& a : changed.addresses) {
    bool own = false;
    for (const Address& old : before.addresses) own = own || old.id == a.id;
    if (!own) a.id = 0;
  }
  CONSIGN_TRY(Validate(changed));
  db::Transaction& tx = ctx.tx();
  if (changed.code.empty()) changed.code = before.code;
  if (changed.code != before.code && CodeTaken(tx, changed.code, before.id))
    return Conflict("code", "duplicate", "another customer already has this code");
  CONSIGN_TRY(CheckOwner(tx, changed));
  if (!InScope(ctx.principal(), changed))
    return Forbidden("You would lose access to this customer; ask a manager to reassign it.");
  if (SameContent(before, changed)) {
    // Nothing changed: no new version, no history entry.
    Customer unchanged = before;
    if (!MaySeePersonalData(ctx.principal())) MaskPersonalData(unchanged);
    return unchanged;
  }
  changed.updated_at = ctx.clock().Now();
  if (!UpdateCustomer(tx, changed, expected_version))
    return Error{ErrorCode::kPreconditionFailed, "Someone else changed this customer; reload and try again.", {},
                 {{"If-Match", "stale_version", "the customer changed meanwhile"}}};
  // Reload so new contacts and addresses carry their ids.
  std::optional<Customer> saved = LoadCustomer(tx, changed.id);
  CONSIGN_TRY(Audit(ctx, audit::action::kUpdate, changed.id, &before, &*saved));
  if (!MaySeePersonalData(ctx.principal())) MaskPersonalData(*saved);
  return *std::move(saved);
}

Result<Customer> SetStatus(http::Context& ctx, int64_t id, std::string_view status,
                           std::optional<int64_t> expected_version) {
  auto before = LoadForEdit(ctx, id);
  if (!before) return std::move(before).error();
  if (expected_version && *expected_version != before->version)
    return Error{ErrorCode::kPreconditionFailed, "Someone else changed this customer; reload and try again.", {},
                 {{"If-Match", "stale_version", "the customer is at version " + std::to_string(before->version)}}};
  if (before->status == status)
    return MakeError(ErrorCode::kInvalidState, "The customer is already " + std::string(status) + ".");
  Customer changed = *before;
  if (!SetCustomerStatus(ctx.tx(), changed, status, before->version, ctx.clock().Now()))
    return MakeError(ErrorCode::kPreconditionFailed, "Someone else changed this customer; reload and try again.");
  CONSIGN_TRY(Audit(ctx, status == "archived" ? audit::action::kArchive : audit::action::kRestore, id, &*before, &changed));
  if (!MaySeePersonalData(ctx.principal())) MaskPersonalData(changed);
  return changed;
}

void RestrictToScope(ListQuery& query, const Principal& who) {
  const auth::CustomerScope scope = auth::ScopeFor(who);
  switch (scope.kind) {
    case auth::CustomerScope::Kind::kAll: break;
    case auth::CustomerScope::Kind::kOwnerOrTeam:
      query.owner_or_team_user = scope.user_id.value();
      if (scope.team_id) query.owner_or_team_team = scope.team_id->value();
      break;
    case auth::CustomerScope::Kind::kOwnAccount:
      if (scope.customer_id) query.only_customer_id = scope.customer_id->value();
      else query.none = true;
      break;
    case auth::CustomerScope::Kind::kNone: query.none = true; break;
  }
}

Result<ListPage> List(http::Context& ctx, ListQuery query) {
  RestrictToScope(query, ctx.principal());
  ListPage page = ListCustomers(ctx.tx(), query);
  // Lists are for finding, not calling: they stay masked for everyone, so browsing a list never
  // discloses personal data in bulk. Open the account to see it (audited).
  for (Customer& c : page.items) MaskPersonalData(c);
  return page;
}

Result<std::vector<audit::AuditEntryView>> History(http::Context& ctx, int64_t id, audit::GroupAppender* views) {
  std::optional<Customer> c = LoadCustomer(ctx.tx(), id);
  if (!c || !InScope(ctx.principal(), *c)) return NotFound("Customer");
  auto entries = audit::ListFor(ctx.tx(), "customer", std::to_string(id), 200);
  // The entries' before/after records hold personal data, shown whole to roles with pii.view.
  if (entries && MaySeePersonalData(ctx.principal())) CONSIGN_TRY(AuditView(ctx, id, views));
  return entries;
}

}  // namespace consign::customers
