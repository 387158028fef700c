#include "modules/auth/user.hpp"

#include <gtest/gtest.h>

namespace consign::auth {
namespace {

std::string Reason(const Status& s) { return s ? "" : s.error().fields.at(0).reason; }

TEST(UserRules, Logins) {
  EXPECT_TRUE(CheckLogin("li.na"));
  EXPECT_TRUE(CheckLogin("ops-01@shunda"));
  EXPECT_EQ(Reason(CheckLogin("")), "required");
  EXPECT_EQ(Reason(CheckLogin("a")), "invalid_format");
  EXPECT_EQ(Reason(CheckLogin("Li.Na")), "invalid_format");   // case never distinguishes two users
  EXPECT_EQ(Reason(CheckLogin("li na")), "invalid_format");
  EXPECT_EQ(Reason(CheckLogin("李娜")), "invalid_format");
  EXPECT_EQ(Reason(CheckLogin(std::string(65, 'a'))), "too_long");
}

TEST(UserRules, NamesAreOneLineOfPrintableText) {
  EXPECT_TRUE(CheckUserName("李娜"));
  EXPECT_TRUE(CheckUserName(""));
  EXPECT_EQ(Reason(CheckUserName("李\u202E娜")), "invalid_characters");
  EXPECT_EQ(Reason(CheckUserName("Li\nNa")), "invalid_characters");
  EXPECT_EQ(Reason(CheckUserName(std::string(101, 'a'))), "too_long");
}

TEST(UserRules, PortalUsersBelongToOneAccountAndStaffToNone) {
  EXPECT_EQ(Reason(CheckRoleLinks(Role::kPortal, std::nullopt)), "required");
  EXPECT_TRUE(CheckRoleLinks(Role::kPortal, CustomerId{12}));
  EXPECT_TRUE(CheckRoleLinks(Role::kSales, std::nullopt));
  EXPECT_EQ(Reason(CheckRoleLinks(Role::kSales, CustomerId{12})), "invalid_format");
}

TEST(UserRules, PrincipalCarriesRoleAndLinks) {
  User u;
  u.id = UserId{4};
  u.login = "wang.fang";
  u.role = Role::kSales;
  u.team_id = TeamId{2};
  Principal p = PrincipalOf(u);
  EXPECT_TRUE(p.authenticated);
  EXPECT_EQ(p.user_id, UserId{4});
  EXPECT_EQ(p.team_id, TeamId{2});
  EXPECT_FALSE(p.via_api_key);
}

}  // namespace
}  // namespace consign::auth
