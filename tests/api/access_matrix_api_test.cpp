// Walks THE permission matrix against the running server: for every route `consign routes` prints —
// so routes that later modules add are covered without touching this file — and every role, a
// logged-in user of that role gets 403 exactly when the hand-written tables deny the route's
// permission. The expected answers come from every module's access_expected.csv (written by hand,
// never from the code under test). Anonymous callers get 401 on every route that is not public.
//
// Requests carry "{}" bodies and id 999999 for path parameters: an allowed request may fail
// validation (400) or find nothing (404), but only the matrix may answer 403. A module that answers
// 403 for a record outside a user's record rule must therefore answer 404 for a record that does
// not exist at all, which is also what keeps ids from being probed.
#include <boost/json.hpp>

#include <map>
#include <regex>
#include <sstream>

#include <filesystem>

#include "src/core/testing/expected_access.hpp"
#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

struct RouteLine {
  std::string method;
  std::string pattern;
  std::string access;  // "public", "authenticated" or "resource.action"
};

std::vector<RouteLine> Routes() {
  CommandResult r = RunConsign({"routes"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<RouteLine> routes;
  std::istringstream in(r.out);
  RouteLine line;
  while (in >> line.method >> line.pattern >> line.access) routes.push_back(line);
  // Logout ends the session the walk uses: keep it for last.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const RouteLine& l) { return l.pattern != "/api/v1/auth/logout"; });
  return routes;
}

std::string Concrete(const std::string& pattern) {
  static const std::regex param(R"(\{[^/}]+\})");
  return std::regex_replace(pattern, param, "999999");
}

HttpResponse Call(HttpClient& client, const RouteLine& route) {
  const std::string path = Concrete(route.pattern);
  const bool has_body = route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
  return client.Request(route.method, path, has_body ? "{}" : "");
}

// Every module's hand-written table, merged: permission name → the roles that hold it.
testing::ExpectedAccess ExpectedMatrix() {
  testing::ExpectedAccess all;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CONSIGN_SOURCE_DIR) + "/src/modules")) {
    const auto table = entry.path() / "access_expected.csv";
    if (!std::filesystem::exists(table)) continue;
    for (const auto& [name, roles] : testing::ReadExpectedAccess(table.string())) {
      EXPECT_FALSE(all.contains(name)) << name << " is in two modules' tables";
      all.emplace(name, roles);
    }
  }
  return all;
}

class AccessMatrixApi : public ApiTest {};

TEST_P(AccessMatrixApi, EveryRouteAsEveryRoleMatchesTheMatrix) {
  const std::vector<RouteLine> routes = Routes();
  ASSERT_GE(routes.size(), 10u);
  const testing::ExpectedAccess expected = ExpectedMatrix();
  ASSERT_GE(expected.size(), 17u);
  HttpClient admin = LogInAsAdmin(server());
  // The portal user's account: a portal user belongs to one that exists.
  HttpResponse account = admin.Post("/api/v1/customers", R"({"name":"权限矩阵测试客户"})");
  ASSERT_EQ(account.status, 201) << account.body;
  const int64_t account_id = account.Json().at("id").as_int64();

  HttpClient anonymous = server().Client();
  for (const RouteLine& route : routes) {
    if (route.access == "public") continue;
    EXPECT_EQ(Call(anonymous, route).status, 401) << "anonymous " << route.method << " " << route.pattern;
  }

  int checked = 0;
  for (Role role : kAllRoles) {
    const std::string role_name(RoleName(role));
    HttpClient client = [&] {
      if (role == Role::kAdmin) return LogInAs(server(), "admin", kAdminPassword);
      const std::string login = "matrix." + role_name;
      CreateUser(admin, login, role_name, role == Role::kPortal ? std::optional<int64_t>(account_id) : std::nullopt);
      return LogInAs(server(), login);
    }();
    for (const RouteLine& route : routes) {
      if (route.access == "public") continue;
      bool allowed = true;
      if (route.access != "authenticated") {
        const auto it = expected.find(route.access);
        ASSERT_NE(it, expected.end()) << route.method << " " << route.pattern << " needs " << route.access
                                      << ", which no module's access_expected.csv lists";
        allowed = it->second.Has(role);
      }
      const HttpResponse r = Call(client, route);
      if (allowed) {
        EXPECT_NE(r.status, 403) << role_name << " " << route.method << " " << route.pattern << ": " << r.body;
        EXPECT_NE(r.status, 401) << role_name << " " << route.method << " " << route.pattern << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << role_name << " " << route.method << " " << route.pattern << ": " << r.body;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 7 * 10);
}

CONSIGN_API_SUITE(AccessMatrixApi);

}  // namespace
}  // namespace consign::apitest
