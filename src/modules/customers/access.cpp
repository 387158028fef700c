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

AccountView ViewFor(const Principal& who) {
  return who.role == Role::kPortal ? AccountView::kCustomerFacing : AccountView::kStaff;
}

namespace {

Error OutsideScope(std::string field, std::string message) {
  Error e = Forbidden(message);
  e.fields.push_back({std::move(field), "outside_scope", std::move(message)});
  return e;
}

}  // namespace

Status CheckPlacement(const CustomerScope& rule, const Placement* before, const Placement& after) {
  switch (rule.kind) {
    case CustomerScope::Kind::kAll: return Ok();
    case CustomerScope::Kind::kOwnerOrTeam: {
      const bool owner_changed = !before || before->owner != after.owner;
      const bool team_changed = !before || before->team != after.team;
      if (owner_changed && after.owner && *after.owner != rule.user_id)
        return OutsideScope("owner_id", "you can make only yourself the owner of an account; ask a manager to assign it");
      if (team_changed && after.team && (!rule.team_id || *after.team != *rule.team_id))
        return OutsideScope("team_id", "you can place an account only in your own team; ask a manager to move it");
      return Ok();
    }
    case CustomerScope::Kind::kOwnAccount:
    case CustomerScope::Kind::kNone: return Forbidden("You cannot place customer accounts.");
  }
  return Forbidden("You cannot place customer accounts.");
}

}  // namespace consign::customers
