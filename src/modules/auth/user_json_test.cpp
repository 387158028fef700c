#include "modules/auth/user_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace consign::auth {
namespace {

namespace json = boost::json;

// What /auth/me answered before it was written straight to text.
std::string MeAsBoostJson(const User& u, const PermissionSet& held, const std::optional<std::string>& csrf) {
  return json::serialize(json::object{{"user", UserJson(u, held)},
                                      {"csrf_token", csrf ? json::value(*csrf) : json::value(nullptr)}});
}

TEST(MeJsonText, IsTheSerialisedBoostJsonForm) {
  User staff;
  staff.id = UserId{12};
  staff.login = "li.na";
  staff.name = "李娜 \"客户经理\"\\";
  staff.role = Role::kDispatcher;
  staff.team_id = TeamId{3};
  staff.created_at = Instant{std::chrono::microseconds{1'700'000'000'000'001}};
  staff.updated_at = Instant{std::chrono::microseconds{1'700'000'100'000'000}};
  PermissionSet held;
  held.Add(Permission{"customers", "read"});
  held.Add(Permission{"quotes", "create"});

  User portal;
  portal.id = UserId{99};
  portal.login = "portal";
  portal.role = Role::kPortal;
  portal.customer_id = CustomerId{500000};
  portal.must_change_password = true;
  portal.active = false;

  EXPECT_EQ(MeJsonText(staff, held, std::string("csrf-token")), MeAsBoostJson(staff, held, std::string("csrf-token")));
  EXPECT_EQ(MeJsonText(staff, held, std::nullopt), MeAsBoostJson(staff, held, std::nullopt));
  EXPECT_EQ(MeJsonText(portal, PermissionSet{}, std::nullopt), MeAsBoostJson(portal, PermissionSet{}, std::nullopt));
}

}  // namespace
}  // namespace consign::auth
