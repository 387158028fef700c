#pragma once
// Use cases of customer information management. They take a Scope (principal, clock, request id,
// transaction) from whoever calls — an HTTP handler, an import, a job, another module — and check the
// permission matrix themselves (customers.*; the route checks it too, as a second guard). Here live
// the record rules (ScopeFor in access.hpp: sales see their own and their team's accounts, a portal
// user only its own — others answer 404 so ids do not leak), masking of personal data on every
// answer, optimistic versions, idempotent creates and the audit trail. Nothing here
// commits: whoever made the scope does.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/answer_cache.hpp"
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
// What Get's answer would be made of now (answer_cache.hpp), after the same permission and record rule:
// one row of the account with its brand, and its owner described. kNotFound as Get.
Result<AnswerStamp> AnswerStampOf(Scope& scope, int64_t id);
// Ok() exactly when Get would find the account (customers.read and the record rule; kNotFound and
// kForbidden as Get answers them), without loading it: for another module that only needs to know
// that its caller may see the account (a quote for it). One statement instead of Get's four.
[[nodiscard]] Status CheckReadable(Scope& scope, int64_t id);
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
// Turns the query's tab into filters and resets it to kAll: kMine → owner_id = the caller, kTeam →
// team_id = the caller's team. kInvalidArgument naming "scope" for kTeam when the caller has no team
// (reason no_team) and for any tab but kAll asked by a customer-facing caller (not_allowed); naming
// owner_id (or team_id) when the query also filters on another owner (team) than the tab's
// (conflicts_with_scope). The tab narrows the record rule, never widens it: RestrictToScope still applies.
[[nodiscard]] Status ApplyTab(ListQuery& query, const Principal& who);
// REQUIRES: filters already validated. Applies the tab (ApplyTab) and the caller's record rule. Items
// are masked. A customer-facing caller (ViewFor: a portal user) may not filter by what it is not shown
// (classification, owner_id, team_id, tag, status=archived: kInvalidArgument naming each), and sees
// its account whatever its status. With `with_total` the page carries the count over the same
// filters and record rule, read in the same transaction (on PostgreSQL, READ COMMITTED: each
// statement sees its own snapshot, so a write between the two may make them differ by that write).
Result<ListPage> List(Scope& scope, ListQuery query, bool with_total = false);

// --- the dashboard ---------------------------------------------------------------------------
// Accounts not updated for this long are "due" for their owner (a call, a visit, a review).
inline constexpr std::chrono::days kStaleAfter{90};
// How many province buckets the dashboard names; the rest are summed as one "other".
inline constexpr size_t kTopProvinces = 10;

struct Breakdown {
  std::string_view column;        // one of kBreakdownColumns
  std::vector<ValueCount> values;  // largest first; province: at most kTopProvinces, the rest in `other`
  int64_t other = 0;               // province only: the accounts of the provinces not named
};

struct CustomerStats {
  int64_t total = 0;
  std::vector<Breakdown> breakdowns;  // in kBreakdownColumns order
  Instant month_start{};              // the current calendar month began then, in kDefaultTimeZone
  int64_t new_this_month = 0;         // created_at >= month_start
  int64_t mine = 0;                   // owned by the caller
  Instant stale_before{};             // now - kStaleAfter
  int64_t mine_stale = 0;             // owned by the caller and not updated since stale_before
};

// Counts over every account `base` matches for the caller: `base` holds the list's status and tab
// (nothing else is read from it); the tab and record rule are applied as List does. Requires
// customers.stats (staff: a portal user's dashboard is its one account, which it reads directly).
// Errors as ApplyTab. Each count is one GROUP BY or COUNT in the request's read transaction.
Result<CustomerStats> Stats(Scope& scope, ListQuery base);
// One entry of an account's history: the audit entry (snapshots masked), the display name of who
// made it (empty when the user is gone or it was the system), and its field-level differences
// (DiffSnapshots finds them on the stored snapshots and shows the masked values: personal values show only as masks).
struct HistoryEntry {
  audit::AuditEntryView entry;
  std::string actor_name;
  std::vector<FieldChange> changes;
};
// The audit trail of one account, newest first, its snapshots masked (audit::MaskSnapshot).
// Requires customers.history: staff only (a portal user is not shown who at the company changed
// its account or revealed its personal data).
Result<std::vector<HistoryEntry>> History(Scope& scope, int64_t id);

// --- for other modules ---------------------------------------------------------------------
// An account that looks like the same company as something another module holds (the sales module's
// duplicate flag on leads): its id and what matched ("credit_code": the same unified social credit
// code, "name": the same name, "phone": a contact with one of the phones). No names: the caller may not be allowed to see the account (the link then
// answers 404 for it), so the match tells only that and where it is.
struct AccountMatch {
  int64_t id = 0;
  std::string match;
};
// The account with `credit_code` (at most one), active and archived accounts of exactly `name`, and
// those with a contact whose canonical phone is one of `phones`; at most 10 of each, by id. Empty
// arguments match nothing. No permission check (see AccountMatch).
std::vector<AccountMatch> FindMatchingAccounts(db::Transaction& tx, std::string_view credit_code, std::string_view name,
                                               const std::vector<std::string>& phones);

// Fills `owner` (login and name) of each account from the auth module's DescribeUsers: one call for
// all of them. Get, Create, Save, SetStatus and List answer with owners described already.
void DescribeOwners(db::Transaction& tx, std::span<Customer> customers);

}  // namespace consign::customers
