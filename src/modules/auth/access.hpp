#pragma once
// The auth module's part of the permission matrix, and THE matrix: every module's table (its
// access.hpp, module::Module::access) merged at start. Record rules (which rows) are not here: each
// module keeps its own beside its service.
//
// access_expected.csv beside this file holds auth's rows written out a second time, by hand, so every
// change here is made twice, on purpose; the black-box walk of every route reads those files too.
#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/permission.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"

namespace consign::auth {

inline constexpr Permission kUsersRead{"users", "read"};
inline constexpr Permission kUsersCreate{"users", "create"};
inline constexpr Permission kUsersUpdate{"users", "update"};
// The owner and team pickers of lists: active staff users' display names and teams, for every staff role.
inline constexpr Permission kUsersOptions{"users", "options"};
inline constexpr Permission kApiKeysRead{"api_keys", "read"};
inline constexpr Permission kApiKeysCreate{"api_keys", "create"};
inline constexpr Permission kApiKeysDelete{"api_keys", "delete"};

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kUsersRead,     {Role::kAdmin, Role::kManager}},
    {kUsersCreate,   {Role::kAdmin}},
    {kUsersUpdate,   {Role::kAdmin}},
    {kUsersOptions,  {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kFinance}},
    // Integrations a team runs, and the customer's own systems (portal).
    {kApiKeysRead,   {Role::kAdmin, Role::kManager, Role::kPortal}},
    {kApiKeysCreate, {Role::kAdmin, Role::kManager, Role::kPortal}},
    {kApiKeysDelete, {Role::kAdmin, Role::kManager, Role::kPortal}},
};
// clang-format on

// One module's table, as the matrix is built from it.
struct ModuleAccess {
  std::string_view module;
  std::span<const AccessRule> rules;
};

// THE permission matrix. Immutable once built; thread-safe.
class Matrix {
 public:
  // Merges the modules' tables. kInvalidArgument naming the culprit: a permission declared twice (by
  // one module or two), or a resource or action that is not a lower-case word ([a-z_]+).
  [[nodiscard]] static Result<Matrix> Merge(std::span<const ModuleAccess> modules);

  bool Knows(Permission p) const;
  bool Allows(Role role, Permission p) const;
  // Every permission `role` holds, shared by all its principals.
  const std::shared_ptr<const PermissionSet>& Of(Role role) const { return by_role_[static_cast<size_t>(role)]; }
  // Every permission, in declaration order (module start order, then each table's order).
  const std::vector<Permission>& all() const { return all_; }

  // API key scopes: "customers:read" or "customers:*". Valid when well formed and naming a known
  // permission (or a resource with at least one).
  bool IsValidScope(std::string_view scope) const;
  // What a key of a user with `role` and these scopes may do: the role's permissions that some
  // scope covers.
  std::shared_ptr<const PermissionSet> ForApiKey(Role role, const std::vector<std::string>& scopes) const;

 private:
  std::vector<Permission> all_;
  std::vector<std::pair<Permission, RoleSet>> rules_;
  std::array<std::shared_ptr<const PermissionSet>, std::size(kAllRoles)> by_role_;
};

// True when an API key scope covers the permission.
bool ScopeCovers(std::string_view scope, Permission p);

}  // namespace consign::auth
