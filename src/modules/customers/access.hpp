#pragma once
// The customers module's part of the permission matrix (see auth/access.hpp for how tables merge),
// and its record rule: which accounts a principal may touch at all. access_expected.csv beside this
// file holds the same rows written out by hand.
#include <optional>

#include "core/permission.hpp"
#include "core/principal.hpp"
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

}  // namespace consign::customers
