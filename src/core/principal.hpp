#pragma once
// Who is making a request. Filled by the auth module's Authenticator, read by every service for
// the permission matrix and record rules.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strong_id.hpp"

namespace consign {

enum class Role { kAdmin, kManager, kSales, kAgent, kDispatcher, kFinance, kPortal };

inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kManager,    Role::kSales, Role::kAgent,
                                     Role::kDispatcher, Role::kFinance, Role::kPortal};

std::string_view RoleName(Role role);                      // "admin", "sales", ...
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  bool authenticated = false;
  UserId user_id{};
  std::string login;
  Role role = Role::kPortal;
  std::optional<TeamId> team_id;          // sales teams: record rule "own and team's accounts"
  std::optional<CustomerId> customer_id;  // portal users: their one account
  // Empty for people; for API keys, the scopes the key was given ("customers:read", ...).
  // A key may do only what both its user's role and its scopes allow.
  std::vector<std::string> scopes;
  bool via_api_key = false;
};

}  // namespace consign
