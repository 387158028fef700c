#include "modules/auth/access.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace consign::auth {
namespace {

// The matrix written out a second time, by hand, as DOMAIN.md reads. Every role × every catalog
// entry is checked against it, so a change to access.hpp that nobody meant fails here.
const std::map<Role, std::set<std::string>>& Expected() {
  static const std::map<Role, std::set<std::string>> expected = {
      {Role::kAdmin,
       {"customers.read", "customers.create", "customers.update", "customers.delete", "customers.import",
        "customers.export", "pii.view", "audit.read", "users.read", "users.create", "users.update", "api_keys.read",
        "api_keys.create", "api_keys.delete", "saved_views.read", "saved_views.create", "saved_views.delete"}},
      {Role::kManager,
       {"customers.read", "customers.create", "customers.update", "customers.delete", "customers.import",
        "customers.export", "pii.view", "audit.read", "users.read", "api_keys.read", "api_keys.create",
        "api_keys.delete", "saved_views.read", "saved_views.create", "saved_views.delete"}},
      {Role::kSales,
       {"customers.read", "customers.create", "customers.update", "customers.export", "pii.view", "saved_views.read",
        "saved_views.create", "saved_views.delete"}},
      {Role::kAgent,
       {"customers.read", "customers.update", "pii.view", "saved_views.read", "saved_views.create",
        "saved_views.delete"}},
      {Role::kDispatcher, {"customers.read", "saved_views.read", "saved_views.create", "saved_views.delete"}},
      {Role::kFinance,
       {"customers.read", "customers.export", "saved_views.read", "saved_views.create", "saved_views.delete"}},
      {Role::kPortal,
       {"customers.read", "saved_views.read", "saved_views.create", "saved_views.delete", "api_keys.read",
        "api_keys.create", "api_keys.delete"}},
  };
  return expected;
}

std::vector<std::pair<std::string, std::string>> AllPermissions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ResourceActions& entry : kCatalog) {
    std::string actions(entry.actions);
    size_t start = 0;
    while (start < actions.size()) {
      size_t space = actions.find(' ', start);
      if (space == std::string::npos) space = actions.size();
      out.emplace_back(std::string(entry.resource), actions.substr(start, space - start));
      start = space + 1;
    }
  }
  return out;
}

TEST(AccessMatrix, EveryRoleResourceActionMatchesTheWrittenTable) {
  const auto permissions = AllPermissions();
  ASSERT_EQ(permissions.size(), 17u);
  for (Role role : kAllRoles) {
    const auto& expected = Expected().at(role);
    for (const auto& [resource, action] : permissions) {
      const std::string name = resource + "." + action;
      EXPECT_EQ(Allows(role, resource, action), expected.count(name) == 1) << RoleName(role) << " " << name;
    }
    // Nothing is expected that the catalog does not have.
    for (const std::string& name : expected)
      EXPECT_TRUE(IsKnownPermission(name.substr(0, name.find('.')), name.substr(name.find('.') + 1))) << name;
  }
}

TEST(AccessMatrix, PermissionsOfListsExactlyTheAllowedOnes) {
  for (Role role : kAllRoles) {
    const auto list = PermissionsOf(role);
    EXPECT_EQ(std::set<std::string>(list.begin(), list.end()), Expected().at(role)) << RoleName(role);
  }
}

TEST(AccessMatrix, UnknownResourcesAndActionsFailClosedEvenForAdmin) {
  EXPECT_FALSE(Allows(Role::kAdmin, "customer", "read"));  // singular: a typo in a route
  EXPECT_FALSE(Allows(Role::kAdmin, "customers", "destroy"));
  EXPECT_FALSE(Allows(Role::kAdmin, "", ""));
  EXPECT_FALSE(Allows(Role::kAdmin, "customers", "read update"));
}

TEST(AccessMatrix, RequireNeedsALoggedInPrincipal) {
  Status s = Require(Principal{}, "customers", "read");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kUnauthenticated);
}

TEST(AccessMatrix, RequireForbidsWhatTheRoleLacks) {
  Principal p;
  p.authenticated = true;
  p.role = Role::kDispatcher;
  EXPECT_TRUE(Require(p, "customers", "read"));
  Status s = Require(p, "pii", "view");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kForbidden);
}

TEST(AccessMatrix, ApiKeyIsLimitedToItsScopesAndItsRole) {
  Principal key;
  key.authenticated = true;
  key.role = Role::kSales;
  key.via_api_key = true;
  key.scopes = {"customers:read"};
  EXPECT_TRUE(Require(key, "customers", "read"));
  EXPECT_FALSE(Require(key, "customers", "update"));  // the role could, the key may not
  key.scopes = {"customers:*"};
  EXPECT_TRUE(Require(key, "customers", "update"));
  EXPECT_FALSE(Require(key, "customers", "delete"));  // the scope could, the role may not
  key.scopes = {};
  EXPECT_FALSE(Require(key, "customers", "read"));
}

TEST(AccessMatrix, ScopesParse) {
  EXPECT_TRUE(IsValidScope("customers:read"));
  EXPECT_TRUE(IsValidScope("customers:*"));
  EXPECT_FALSE(IsValidScope("customers.read"));
  EXPECT_FALSE(IsValidScope("customers:fly"));
  EXPECT_FALSE(IsValidScope("orders:read"));
  EXPECT_FALSE(IsValidScope(":read"));
  EXPECT_TRUE(ScopeCovers("pii:view", "pii", "view"));
  EXPECT_FALSE(ScopeCovers("pii:view", "customers", "view"));
}

TEST(CustomerScope, ByRole) {
  Principal p;
  p.authenticated = true;
  p.user_id = UserId{5};
  p.team_id = TeamId{2};
  for (Role role : {Role::kAdmin, Role::kManager, Role::kAgent, Role::kDispatcher, Role::kFinance}) {
    p.role = role;
    EXPECT_EQ(ScopeFor(p).kind, CustomerScope::Kind::kAll) << RoleName(role);
  }
  p.role = Role::kSales;
  CustomerScope sales = ScopeFor(p);
  EXPECT_EQ(sales.kind, CustomerScope::Kind::kOwnerOrTeam);
  EXPECT_TRUE(sales.Covers(CustomerId{1}, UserId{5}, std::nullopt));       // own account
  EXPECT_TRUE(sales.Covers(CustomerId{1}, UserId{9}, TeamId{2}));          // team's account
  EXPECT_FALSE(sales.Covers(CustomerId{1}, UserId{9}, TeamId{3}));         // another team's
  EXPECT_FALSE(sales.Covers(CustomerId{1}, std::nullopt, std::nullopt));   // nobody's

  p.team_id.reset();
  EXPECT_FALSE(ScopeFor(p).Covers(CustomerId{1}, UserId{9}, std::nullopt));

  p.role = Role::kPortal;
  p.customer_id = CustomerId{12};
  CustomerScope portal = ScopeFor(p);
  EXPECT_EQ(portal.kind, CustomerScope::Kind::kOwnAccount);
  EXPECT_TRUE(portal.Covers(CustomerId{12}, UserId{9}, TeamId{2}));
  EXPECT_FALSE(portal.Covers(CustomerId{13}, UserId{5}, TeamId{2}));
  p.customer_id.reset();
  EXPECT_EQ(ScopeFor(p).kind, CustomerScope::Kind::kNone);
  EXPECT_EQ(ScopeFor(Principal{}).kind, CustomerScope::Kind::kNone);
}

}  // namespace
}  // namespace consign::auth
