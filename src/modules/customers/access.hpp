#pragma once
// The customers module's part of the permission matrix (see auth/access.hpp for how tables merge),
// and its record rule: which accounts a principal may touch at all. access_expected.csv beside this
// file holds the same rows written out by hand.
#include <optional>

#include "core/permission.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::customers {

inline constexpr Permission kRead{"customers", "read"};
inline constexpr Permission kCreate{"customers", "create"};
inline constexpr Permission kUpdate{"customers", "update"};
inline constexpr Permission kDelete{"customers", "delete"};  // archive and restore
inline constexpr Permission kImport{"customers", "import"};
inline constexpr Permission kExport{"customers", "export"};  // masked, always
// An export with personal data unmasked: its own permission, a stated reason, audited with its rows.
inline constexpr Permission kExportUnmasked{"customers", "export_unmasked"};
// An account's audit trail (/history): who changed it, and which staff looked at its personal data.
// Staff only: a portal user sees its account, not the company's work on it.
inline constexpr Permission kHistory{"customers", "history"};
// Who revealed which personal value of an account, when and why (GET …/{id}/access-log): for the
// roles that may reveal (pii.view), who answer for what they and their colleagues looked at.
inline constexpr Permission kAccessLog{"customers", "access_log"};
// The dashboard's counts over every account the record rule lets the caller see (GET
// /api/v1/customers/stats): staff only, a portal user has one account and reads it directly.
inline constexpr Permission kStats{"customers", "stats"};

// clang-format off
inline constexpr AccessRule kAccess[] = {
    // Portal users read their own account only; sales their own and their team's (record rule below).
    {kRead,   RoleSet::All()},
    {kCreate, {Role::kAdmin, Role::kManager, Role::kSales}},
    {kUpdate, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kDelete, {Role::kAdmin, Role::kManager}},
    {kImport, {Role::kAdmin, Role::kManager}},
    {kExport, {Role::kAdmin, Role::kManager, Role::kSales, Role::kFinance}},
    {kExportUnmasked, {Role::kAdmin, Role::kManager}},
    {kHistory, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kFinance}},
    {kAccessLog, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kStats, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kFinance}},
};
// clang-format on

// Record rule for customer accounts:
//   kAll          every account;
//   kOwnerOrTeam  accounts whose owner is user_id, or whose team is team_id (sales);
//   kOwnAccount   only account customer_id (portal);
//   kNone         nothing (a portal user not linked to an account, nobody logged in).
// An account outside the rule answers 404 — its id must not tell that it exists.
struct CustomerScope {
  enum class Kind { kAll, kOwnerOrTeam, kOwnAccount, kNone };
  Kind kind = Kind::kNone;
  UserId user_id{};
  std::optional<TeamId> team_id;
  std::optional<CustomerId> customer_id;

  // Whether an account with this id, owner and team is inside the scope.
  bool Covers(CustomerId account, std::optional<UserId> owner, std::optional<TeamId> team) const;
};

CustomerScope ScopeFor(const Principal& who);

// Which shape of an account a principal is shown. Staff get the whole record (personal data masked
// unless they may see it). A portal user gets the customer-facing view: the account as the customer
// knows it (name, code, kind, industry, contacts, addresses, preferences, the service requirements of
// the industry templates), none of the company's internal work on it: no classification (value
// class, tier, lifecycle ...), owner, team, tags, requirement notes or flags staff added themselves,
// status or version (customer_json.hpp ToCustomerFacingJson draws the line field by field).
enum class AccountView { kStaff, kCustomerFacing };
AccountView ViewFor(const Principal& who);

// Where an account sits: its owner and team. What the record rule on writes looks at.
struct Placement {
  std::optional<UserId> owner;
  std::optional<TeamId> team;
};

// The record rule on writes: whether `rule`'s principal may give an account the placement `after` —
// a new account (`before` null) or a change from `before`.
//   kAll          any placement (that the owner and team exist is the service's check);
//   kOwnerOrTeam  (sales) a new or changed owner must be the salesperson (or none), a new or changed
//                 team their own team (or none): they cannot create an account for someone else or
//                 in another team, nor hand one over or move it there. A value the write leaves as it
//                 was is not judged, so a teammate's account can still be edited.
//   kOwnAccount, kNone  nothing (portal users and anonymous callers do not write accounts).
// kForbidden naming the field ("owner_id" or "team_id", reason outside_scope) otherwise.
[[nodiscard]] Status CheckPlacement(const CustomerScope& rule, const Placement* before, const Placement& after);

}  // namespace consign::customers
