#pragma once
// Permissions: what may be done to a resource ("customers.read"). Each module declares its own and
// which roles hold them (its access.hpp, a module::AccessRule table); the auth module merges every
// module's table into THE matrix at start, refusing duplicates and unknown names, and its
// Authenticator hands every Principal the set its role holds (narrowed by an API key's scopes).
// Require() is then a pure check on the Principal, the same in a route, a service, a job or the CLI.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace consign {

enum class Role { kAdmin, kManager, kSales, kAgent, kDispatcher, kFinance, kPortal };

inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kManager,    Role::kSales, Role::kAgent,
                                     Role::kDispatcher, Role::kFinance, Role::kPortal};

// A permission constant. Modules define them once, `inline constexpr Permission kRead{"customers",
// "read"}`, and name them everywhere else: routes, services, tests.
struct Permission {
  std::string_view resource;
  std::string_view action;
  constexpr bool operator==(const Permission&) const = default;
  constexpr auto operator<=>(const Permission&) const = default;
  std::string Name() const;  // "customers.read"
};

// A set of roles, written as a list: RoleSet{Role::kAdmin, Role::kManager}.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  constexpr bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  constexpr RoleSet With(Role r) const {
    RoleSet more = *this;
    more.bits_ |= Bit(r);
    return more;
  }
  constexpr bool operator==(const RoleSet&) const = default;
  static constexpr RoleSet All() {
    RoleSet all;
    for (Role r : kAllRoles) all.bits_ |= Bit(r);
    return all;
  }

 private:
  static constexpr uint32_t Bit(Role r) { return uint32_t{1} << static_cast<int>(r); }
  uint32_t bits_ = 0;
};

// One line of a module's part of the permission matrix (its access.hpp): a permission and the roles
// that hold it.
struct AccessRule {
  Permission permission;
  RoleSet roles;
};

// The permissions a principal holds. Holds views into the modules' constant tables, which live as
// long as the program.
class PermissionSet {
 public:
  // Every permission: system work (CLI commands, jobs) that acts on the program's own authority.
  static PermissionSet Everything();

  void Add(Permission p);
  bool Has(Permission p) const;
  bool everything() const { return everything_; }
  const std::vector<Permission>& items() const { return items_; }  // sorted; empty for Everything()

 private:
  bool everything_ = false;
  std::vector<Permission> items_;
};

}  // namespace consign
