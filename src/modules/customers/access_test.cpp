#include "modules/customers/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::customers {
namespace {

TEST(CustomersAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "customers"));
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
  EXPECT_TRUE(sales.Covers(CustomerId{1}, UserId{5}, std::nullopt));      // own account
  EXPECT_TRUE(sales.Covers(CustomerId{1}, UserId{9}, TeamId{2}));         // team's account
  EXPECT_FALSE(sales.Covers(CustomerId{1}, UserId{9}, TeamId{3}));        // another team's
  EXPECT_FALSE(sales.Covers(CustomerId{1}, std::nullopt, std::nullopt));  // nobody's

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
}  // namespace consign::customers
