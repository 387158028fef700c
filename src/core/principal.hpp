#pragma once
// Who is making a request. Filled by the auth module's Authenticator, read by every service for
// the permission matrix and record rules.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/permission.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign {

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
  // What this principal may do: its role's permissions from the merged matrix, narrowed by an API
  // key's scopes. Shared between the requests of one role; null means nothing.
  std::shared_ptr<const PermissionSet> permissions;

  // Acting on the program's own authority (a CLI command, a background job): every permission.
  // `login` names who in the audit trail ("cli", "job").
  static Principal System(std::string login);
};

// Whether `who` may do `what`: kUnauthenticated when nobody is logged in, kForbidden when the
// principal does not hold the permission. Services call it themselves, so that a call from another
// module, a job or the CLI cannot bypass the matrix; routes check it too, as a second guard.
[[nodiscard]] Status Require(const Principal& who, Permission what);
inline bool Holds(const Principal& who, Permission what) {
  return who.authenticated && who.permissions && who.permissions->Has(what);
}

}  // namespace consign
