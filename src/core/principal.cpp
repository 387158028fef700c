#include "core/principal.hpp"

namespace consign {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kManager: return "manager";
    case Role::kSales: return "sales";
    case Role::kAgent: return "agent";
    case Role::kDispatcher: return "dispatcher";
    case Role::kFinance: return "finance";
    case Role::kPortal: return "portal";
  }
  return "portal";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles)
    if (RoleName(r) == name) return r;
  return std::nullopt;
}

Principal Principal::System(std::string login) {
  Principal p;
  p.authenticated = true;
  p.login = std::move(login);
  p.role = Role::kAdmin;
  p.permissions = std::make_shared<const PermissionSet>(PermissionSet::Everything());
  return p;
}

Status Require(const Principal& who, Permission what) {
  if (!who.authenticated) return MakeError(ErrorCode::kUnauthenticated, "Log in first.");
  if (who.permissions && who.permissions->Has(what)) return Ok();
  if (who.via_api_key)
    return Forbidden("This API key has no scope for " + std::string(what.resource) + ":" + std::string(what.action) +
                     ".");
  return Forbidden("Your role may not " + std::string(what.action) + " " + std::string(what.resource) + ".");
}

}  // namespace consign
