#include "modules/customers/access.hpp"

namespace consign::customers {

bool CustomerScope::Covers(CustomerId account, std::optional<UserId> owner, std::optional<TeamId> team) const {
  switch (kind) {
    case Kind::kAll: return true;
    case Kind::kOwnerOrTeam: return (owner && *owner == user_id) || (team && team_id && *team == *team_id);
    case Kind::kOwnAccount: return customer_id && *customer_id == account;
    case Kind::kNone: return false;
  }
  return false;
}

CustomerScope ScopeFor(const Principal& who) {
  CustomerScope scope;
  if (!who.authenticated) return scope;
  scope.user_id = who.user_id;
  switch (who.role) {
    case Role::kAdmin:
    case Role::kManager:
    case Role::kAgent:
    case Role::kDispatcher:
    case Role::kFinance:
      scope.kind = CustomerScope::Kind::kAll;
      break;
    case Role::kSales:
      scope.kind = CustomerScope::Kind::kOwnerOrTeam;
      scope.team_id = who.team_id;
      break;
    case Role::kPortal:
      scope.kind = who.customer_id ? CustomerScope::Kind::kOwnAccount : CustomerScope::Kind::kNone;
      scope.customer_id = who.customer_id;
      break;
  }
  return scope;
}

}  // namespace consign::customers
