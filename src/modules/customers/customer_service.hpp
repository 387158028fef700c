#pragma once
// Use cases of customer information management. They take a Scope (principal, clock, request id,
// transaction) from whoever calls — an HTTP handler, an import, a job, another module — and check the
// permission matrix themselves (customers.*; the route checks it too, as a second guard). Here live
// the record rules (ScopeFor in access.hpp: sales see their own and their team's accounts, a portal
// user only its own — others answer 404 so ids do not leak), masking of personal data for roles
// without pii.view, optimistic versions, idempotent creates and the audit trail. Nothing here
// commits: whoever made the scope does.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "modules/customers/customer.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

// Whether the caller may see personal data unmasked (role holds pii.view, and an API key's scopes allow it).
bool MaySeePersonalData(const Principal& who);

// What every new account gets before it is stored, whether created one by one or imported: the
// creator as owner when a sales rep makes it, the creator's team, the industry's requirement
// template, status active, version 1.
void PrepareNew(Customer& draft, const Principal& who, Instant now);
// The audit entry of a created account. REQUIRES: a write transaction.
[[nodiscard]] Status AuditCreate(Scope& scope, const Customer& created);

// REQUIRES for Create/Save/SetStatus: a write scope (scope.tx() opens a write transaction).
// Create and Save apply the record rules on writes: a salesperson creates accounts only for
// themselves and in their own team, and cannot hand one over or move it to another team (CheckPlacement
// in access.hpp: kForbidden naming owner_id or team_id); a new or changed owner is an active staff
// user (kInvalidArgument naming owner_id: not_found, not_staff, inactive) and a new or changed team
// exists (team_id: not_found).
Result<Customer> Create(Scope& scope, Customer draft, const std::optional<std::string>& idempotency_key);
// Masked unless MaySeePersonalData; an unmasked read is answered only once its "pii.view" audit
// entry is committed — through `views` (shared commits), or inside the request's write transaction
// when it has one or `views` is null.
Result<Customer> Get(Scope& scope, int64_t id, audit::GroupAppender* views);
// The stored account for an edit (unmasked, locked for update), inside the caller's scope.
Result<Customer> LoadForEdit(Scope& scope, int64_t id);
// Saves `changed` (from LoadForEdit + ApplyJson) when the stored version is `expected_version`.
Result<Customer> Save(Scope& scope, const Customer& before, Customer changed, int64_t expected_version);
// Archives or restores, as kStatusTransitions allows: kInvalidState for a change the table has no
// transition for (archiving an archived account), StaleVersion when `expected_version` is not the
// stored one.
Result<Customer> SetStatus(Scope& scope, int64_t id, StatusChange change, std::optional<int64_t> expected_version);
// Adds the caller's record rule (ScopeFor) to a list query.
void RestrictToScope(ListQuery& query, const Principal& who);
// REQUIRES: filters already validated. Applies the caller's record rule. Items are masked unless allowed.
// A customer-facing caller (ViewFor: a portal user) may not filter by what it is not shown
// (classification, owner_id, team_id, tag, status=archived: kInvalidArgument naming each), and sees
// its account whatever its status.
Result<ListPage> List(Scope& scope, ListQuery query);
// The audit trail of one account, newest first; a view with pii.view is itself audited, as Get.
// Requires customers.history: staff only (a portal user is not shown who at the company looked at or
// changed its account).
Result<std::vector<audit::AuditEntryView>> History(Scope& scope, int64_t id, audit::GroupAppender* views);

// Fills `owner` (login and name) of each account from the auth module's DescribeUsers: one call for
// all of them. Get, Create, Save, SetStatus and List answer with owners described already.
void DescribeOwners(db::Transaction& tx, std::span<Customer> customers);

}  // namespace consign::customers
