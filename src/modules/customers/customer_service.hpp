#pragma once
// Use cases of customer information management. They take a Scope (principal, clock, request id,
// transaction) from whoever calls — an HTTP handler, an import, a job, another module — and check the
// permission matrix themselves (customers.*; the route checks it too, as a second guard). Here live
// the record rules (ScopeFor in access.hpp: sales see their own and their team's accounts, a portal
// user only its own — others answer 404 so ids do not leak), masking of personal data on every
// answer, optimistic versions, idempotent creates and the audit trail. Nothing here
// commits: whoever made the scope does.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/customer.hpp"
#include "modules/customers/customer_history.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

// Whether the caller may reveal personal data and search on it (role holds pii.view, and an API key's
// scopes allow it). Ordinary reads are masked whatever it says; see customer_reveal.hpp.
bool MaySeePersonalData(const Principal& who);

// The record rule (ScopeFor) applied to one account. Outside it an account is "not found": its id
// must not tell that it exists.
bool InScope(const Principal& who, const Customer& c);

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
// Personal data masked for every caller (a value is seen only through Reveal, customer_reveal.hpp).
Result<Customer> Get(Scope& scope, int64_t id);
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
// REQUIRES: filters already validated. Applies the caller's record rule. Items are masked.
// A customer-facing caller (ViewFor: a portal user) may not filter by what it is not shown
// (classification, owner_id, team_id, tag, status=archived: kInvalidArgument naming each), and sees
// its account whatever its status.
Result<ListPage> List(Scope& scope, ListQuery query);
// One entry of an account's history: the audit entry (snapshots masked), the display name of who
// made it (empty when the user is gone or it was the system), and its field-level differences
// (DiffSnapshots of the masked snapshots: personal values show only as their masks).
struct HistoryEntry {
  audit::AuditEntryView entry;
  std::string actor_name;
  std::vector<FieldChange> changes;
};
// The audit trail of one account, newest first, its snapshots masked (audit::MaskSnapshot).
// Requires customers.history: staff only (a portal user is not shown who at the company changed
// its account or revealed its personal data).
Result<std::vector<HistoryEntry>> History(Scope& scope, int64_t id);

// Fills `owner` (login and name) of each account from the auth module's DescribeUsers: one call for
// all of them. Get, Create, Save, SetStatus and List answer with owners described already.
void DescribeOwners(db::Transaction& tx, std::span<Customer> customers);

}  // namespace consign::customers
