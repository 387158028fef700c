#include "modules/auth/access.hpp"

#include <algorithm>

namespace consign::auth {

namespace {

bool IsWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

}  // namespace

Result<Matrix> Matrix::Merge(std::span<const ModuleAccess> modules) {
  Matrix m;
  std::vector<std::pair<Permission, std::string_view>> seen;  // permission → declaring module
  for (const ModuleAccess& module : modules) {
    for (const AccessRule& rule : module.rules) {
      const Permission p = rule.permission;
      if (!IsWord(p.resource) || !IsWord(p.action))
        return MakeError(ErrorCode::kInvalidArgument, "module " + std::string(module.module) + " declares '" +
                                                          p.Name() + "': resource and action must be lower-case words");
      for (const auto& [earlier, by] : seen)
        if (earlier == p)
          return MakeError(ErrorCode::kInvalidArgument, "permission " + p.Name() + " is declared twice: by " +
                                                            std::string(by) + " and by " + std::string(module.module));
      seen.emplace_back(p, module.module);
      m.all_.push_back(p);
      m.rules_.emplace_back(p, rule.roles);
    }
  }
  for (Role role : kAllRoles) {
    auto set = std::make_shared<PermissionSet>();
    for (const auto& [p, roles] : m.rules_)
      if (roles.Has(role)) set->Add(p);
    m.by_role_[static_cast<size_t>(role)] = std::move(set);
  }
  return m;
}

bool Matrix::Knows(Permission p) const { return std::find(all_.begin(), all_.end(), p) != all_.end(); }

bool Matrix::Allows(Role role, Permission p) const { return Of(role)->Has(p); }

bool ScopeCovers(std::string_view scope, Permission p) {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view resource = scope.substr(0, colon);
  const std::string_view action = scope.substr(colon + 1);
  return resource == p.resource && (action == "*" || action == p.action);
}

bool Matrix::IsValidScope(std::string_view scope) const {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  return std::any_of(all_.begin(), all_.end(), [&](const Permission& p) { return ScopeCovers(scope, p); });
}

std::shared_ptr<const PermissionSet> Matrix::ForApiKey(Role role, const std::vector<std::string>& scopes) const {
  auto set = std::make_shared<PermissionSet>();
  for (const Permission& p : Of(role)->items())
    if (std::any_of(scopes.begin(), scopes.end(), [&](const std::string& s) { return ScopeCovers(s, p); })) set->Add(p);
  return set;
}

}  // namespace consign::auth
