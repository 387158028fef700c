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

TEST(AccountView, PortalUsersGetTheCustomerFacingViewAndStaffTheWholeRecord) {
  Principal p;
  p.authenticated = true;
  for (Role role : kAllRoles) {
    p.role = role;
    EXPECT_EQ(ViewFor(p), role == Role::kPortal ? AccountView::kCustomerFacing : AccountView::kStaff) << RoleName(role);
  }
}

TEST(AccountHistory, IsForStaffOnlyNeverForPortalUsers) {
  for (const AccessRule& rule : kAccess)
    if (rule.permission == kHistory) {
      EXPECT_FALSE(rule.roles.Has(Role::kPortal));
      EXPECT_TRUE(rule.roles.Has(Role::kAgent));
    }
}

class PlacementRule : public ::testing::Test {
 protected:
  CustomerScope Sales(std::optional<TeamId> team = TeamId{2}) {
    Principal p;
    p.authenticated = true;
    p.role = Role::kSales;
    p.user_id = UserId{5};
    p.team_id = team;
    return ScopeFor(p);
  }
  static std::string FieldOf(const Status& s) { return s ? std::string() : s.error().field(); }
};

TEST_F(PlacementRule, ASalespersonCreatesOnlyForThemselvesInTheirOwnTeam) {
  EXPECT_TRUE(CheckPlacement(Sales(), nullptr, {UserId{5}, TeamId{2}}));
  EXPECT_TRUE(CheckPlacement(Sales(), nullptr, {UserId{5}, std::nullopt}));
  const Status someone_else = CheckPlacement(Sales(), nullptr, {UserId{9}, TeamId{2}});
  ASSERT_FALSE(someone_else);
  EXPECT_EQ(someone_else.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(FieldOf(someone_else), "owner_id");
  EXPECT_EQ(someone_else.error().fields.front().reason, "outside_scope");
  EXPECT_EQ(FieldOf(CheckPlacement(Sales(), nullptr, {UserId{5}, TeamId{3}})), "team_id");
  // Without a team of their own, any team is another team.
  EXPECT_EQ(FieldOf(CheckPlacement(Sales(std::nullopt), nullptr, {UserId{5}, TeamId{2}})), "team_id");
  EXPECT_TRUE(CheckPlacement(Sales(std::nullopt), nullptr, {UserId{5}, std::nullopt}));
}

TEST_F(PlacementRule, ASalespersonCannotHandOverOrMoveAnAccountButMayEditATeammatesAsItIs) {
  const Placement teammates{UserId{9}, TeamId{2}};
  EXPECT_TRUE(CheckPlacement(Sales(), &teammates, teammates));                    // other fields edited
  EXPECT_TRUE(CheckPlacement(Sales(), &teammates, {UserId{5}, TeamId{2}}));       // takes it over
  EXPECT_EQ(FieldOf(CheckPlacement(Sales(), &teammates, {UserId{7}, TeamId{2}})), "owner_id");
  const Placement own{UserId{5}, TeamId{2}};
  EXPECT_EQ(FieldOf(CheckPlacement(Sales(), &own, {UserId{9}, TeamId{2}})), "owner_id");  // hands it over
  EXPECT_EQ(FieldOf(CheckPlacement(Sales(), &own, {UserId{5}, TeamId{3}})), "team_id");   // moves it
  EXPECT_TRUE(CheckPlacement(Sales(), &own, {UserId{5}, std::nullopt}));
}

TEST_F(PlacementRule, StaffWithEveryAccountPlaceFreelyAndPortalUsersNotAtAll) {
  Principal manager;
  manager.authenticated = true;
  manager.role = Role::kManager;
  manager.user_id = UserId{1};
  EXPECT_TRUE(CheckPlacement(ScopeFor(manager), nullptr, {UserId{9}, TeamId{3}}));
  Principal portal;
  portal.authenticated = true;
  portal.role = Role::kPortal;
  portal.customer_id = CustomerId{12};
  const Status refused = CheckPlacement(ScopeFor(portal), nullptr, {std::nullopt, std::nullopt});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(CheckPlacement(ScopeFor(Principal{}), nullptr, {std::nullopt, std::nullopt}));
}

}  // namespace
}  // namespace consign::customers
