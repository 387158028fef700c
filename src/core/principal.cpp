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

}  // namespace consign
