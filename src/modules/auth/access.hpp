#pragma once
// THE permission matrix: which role may do which action on which resource. One table, read by the
// Authorizer for every route (platform/http/router.hpp RouteAccess) and by services through
// Require(). Record rules (which rows) are not here: see ScopeFor() and the services.
//
// To add a resource: one line in kCatalog, then the roles that get it in kMatrix. access_test.cpp
// holds the expected table written out by hand, so every change here is made twice, on purpose.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::auth {

// Every resource and the actions it has (space-separated words).
struct ResourceActions {
  std::string_view resource;
  std::string_view actions;
};

inline constexpr ResourceActions kCatalog[] = {
    {"customers", "read create update delete import export"},
    {"pii", "view"},  // see personal data unmasked (DOMAIN.md §12); every unmasked view is audited
    {"audit", "read"},
    {"users", "read create update"},
    {"api_keys", "read create delete"},
    {"saved_views", "read create delete"},
};

// What a role is granted: a resource ("*" every resource) and its actions ("*" every action).
struct Grant {
  Role role;
  std::string_view resource;
  std::string_view actions;
};

// clang-format off
inline constexpr Grant kMatrix[] = {
    {Role::kAdmin,      "*",           "*"},

    {Role::kManager,    "customers",   "read create update delete import export"},
    {Role::kManager,    "pii",         "view"},
    {Role::kManager,    "audit",       "read"},
    {Role::kManager,    "users",       "read"},
    {Role::kManager,    "api_keys",    "read create delete"},  // integrations the team runs
    {Role::kManager,    "saved_views", "read create delete"},

    // Sales: own and team's accounts only (record rule, ScopeFor).
    {Role::kSales,      "customers",   "read create update export"},
    {Role::kSales,      "pii",         "view"},
    {Role::kSales,      "saved_views", "read create delete"},

    {Role::kAgent,      "customers",   "read update"},
    {Role::kAgent,      "pii",         "view"},
    {Role::kAgent,      "saved_views", "read create delete"},

    // Dispatchers see accounts to route work, but personal data stays masked.
    {Role::kDispatcher, "customers",   "read"},
    {Role::kDispatcher, "saved_views", "read create delete"},

    {Role::kFinance,    "customers",   "read export"},
    {Role::kFinance,    "saved_views", "read create delete"},

    // Portal: its own account only (record rule), and keys for the customer's own systems.
    {Role::kPortal,     "customers",   "read"},
    {Role::kPortal,     "saved_views", "read create delete"},
    {Role::kPortal,     "api_keys",    "read create delete"},
};
// clang-format on

// True when `word` is one of the space-separated words of `words`.
constexpr bool HasWord(std::string_view words, std::string_view word) {
  while (!words.empty()) {
    const size_t space = words.find(' ');
    const std::string_view first = words.substr(0, space);
    if (first == word) return true;
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
  return false;
}

// True when (resource, action) is in kCatalog.
constexpr bool IsKnownPermission(std::string_view resource, std::string_view action) {
  for (const ResourceActions& entry : kCatalog)
    if (entry.resource == resource) return HasWord(entry.actions, action);
  return false;
}

// The matrix itself. Unknown resources or actions are never allowed, not even to admin, so a typo
// in a route fails closed.
constexpr bool Allows(Role role, std::string_view resource, std::string_view action) {
  if (!IsKnownPermission(resource, action)) return false;
  for (const Grant& grant : kMatrix) {
    if (grant.role != role) continue;
    if (grant.resource != "*" && grant.resource != resource) continue;
    if (grant.actions == "*" || HasWord(grant.actions, action)) return true;
  }
  return false;
}

static_assert(Allows(Role::kAdmin, "users", "create"));
static_assert(!Allows(Role::kAdmin, "customers", "fly"));
static_assert(!Allows(Role::kDispatcher, "pii", "view"));

// "customers.read" style names of everything `role` may do, in catalog order.
std::vector<std::string> PermissionsOf(Role role);

// An API key scope ("customers:read", or "customers:*") names permissions; true when it covers
// (resource, action).
bool ScopeCovers(std::string_view scope, std::string_view resource, std::string_view action);
// True when the scope is well-formed and names something in kCatalog.
bool IsValidScope(std::string_view scope);

// What `who` may do: kUnauthenticated when nobody is logged in; kForbidden when the role lacks the
// permission or, for an API key, when no scope of the key covers it.
[[nodiscard]] Status Require(const Principal& who, std::string_view resource, std::string_view action);

// Record rule for customer accounts, for the customers service:
//   kAll          every account;
//   kOwnerOrTeam  accounts whose owner is user_id, or whose team is team_id (sales);
//   kOwnAccount   only account customer_id (portal);
//   kNone         nothing (a portal user not linked to an account).
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

}  // namespace consign::auth
