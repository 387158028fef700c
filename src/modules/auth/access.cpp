#include "modules/auth/access.hpp"

namespace consign::auth {

std::vector<std::string> PermissionsOf(Role role) {
  std::vector<std::string> out;
  for (const ResourceActions& entry : kCatalog) {
    std::string_view actions = entry.actions;
    while (!actions.empty()) {
      const size_t space = actions.find(' ');
      const std::string_view action = actions.substr(0, space);
      if (Allows(role, entry.resource, action)) out.push_back(std::string(entry.resource) + "." + std::string(action));
      if (space == std::string_view::npos) break;
      actions.remove_prefix(space + 1);
    }
  }
  return out;
}

bool ScopeCovers(std::string_view scope, std::string_view resource, std::string_view action) {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view scope_resource = scope.substr(0, colon);
  const std::string_view scope_action = scope.substr(colon + 1);
  return scope_resource == resource && (scope_action == "*" || scope_action == action);
}

bool IsValidScope(std::string_view scope) {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view resource = scope.substr(0, colon);
  const std::string_view action = scope.substr(colon + 1);
  for (const ResourceActions& entry : kCatalog)
    if (entry.resource == resource) return action == "*" || HasWord(entry.actions, action);
  return false;
}

Status Require(const Principal& who, std::string_view resource, std::string_view action) {
  if (!who.authenticated) return MakeError(ErrorCode::kUnauthenticated, "Log in first.");
  if (!Allows(who.role, resource, action))
    return Forbidden("Your role may not " + std::string(action) + " " + std::string(resource) + ".");
  if (who.via_api_key) {
    for (const std::string& scope : who.scopes)
      if (ScopeCovers(scope, resource, action)) return Ok();
    return Forbidden("This API key has no scope for " + std::string(resource) + ":" + std::string(action) + ".");
  }
  return Ok();
}

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

}  // namespace consign::auth
