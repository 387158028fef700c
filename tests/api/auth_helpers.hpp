#pragma once
// Logging in from black-box tests: the first admin's one-time password from the server's stdout,
// changing it, creating users of any role through the API. For every API suite that needs a user:
//
//   HttpClient admin = LogInAsAdmin(server());                 // bearer client, password changed
//   CreateUser(admin, "li.na", "sales");                        // password kTestPassword
//   HttpClient sales = LogInAs(server(), "li.na");
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "tests/api/harness.hpp"

namespace consign::apitest {

inline constexpr std::string_view kTestPassword = "test-password-蓝天";
inline constexpr std::string_view kAdminPassword = "admin-password-白云";

// The one-time password `consign serve` printed on first start; throws when there is none.
inline std::string OneTimeAdminPassword(const ConsignServer& server) {
  const std::string out = server.Stdout();
  const std::string marker = "one-time password: ";
  const size_t at = out.find(marker);
  if (at == std::string::npos) throw std::runtime_error("no one-time admin password in stdout:\n" + out);
  const size_t end = out.find(' ', at + marker.size());
  return out.substr(at + marker.size(), end - at - marker.size());
}

inline std::string LoginBody(std::string_view login, std::string_view password) {
  return boost::json::serialize(boost::json::object{{"login", login}, {"password", password}});
}

// Logs in and returns the response's token ("" and a test failure when login fails).
inline std::string LogInToken(HttpClient& client, std::string_view login, std::string_view password) {
  HttpResponse r = client.Post("/api/v1/auth/login", LoginBody(login, password));
  EXPECT_EQ(r.status, 200) << "login " << login << ": " << r.body;
  if (r.status != 200) return "";
  return std::string(r.Json().at("token").as_string());
}

// A client logged in with a bearer token.
inline HttpClient LogInAs(const ConsignServer& server, std::string_view login,
                          std::string_view password = kTestPassword) {
  HttpClient client = server.Client();
  client.SetDefaultHeader("Authorization", "Bearer " + LogInToken(client, login, password));
  return client;
}

// Logs in as "admin" with the one-time password, changes it to kAdminPassword and returns the
// logged-in client. Call it once per server database; later logins are LogInAs(server, "admin",
// kAdminPassword). (It never guesses: a failed login would count towards throttling.)
inline HttpClient LogInAsAdmin(const ConsignServer& server) {
  HttpClient client = server.Client();
  const std::string once = OneTimeAdminPassword(server);
  client.SetDefaultHeader("Authorization", "Bearer " + LogInToken(client, "admin", once));
  HttpResponse changed = client.Post(
      "/api/v1/auth/password",
      boost::json::serialize(boost::json::object{{"current_password", once}, {"new_password", kAdminPassword}}));
  EXPECT_EQ(changed.status, 204) << changed.body;
  return client;
}

// Creates a user through POST /api/v1/users (no password change required); returns its id.
inline int64_t CreateUser(HttpClient& admin, std::string_view login, std::string_view role,
                          std::optional<int64_t> customer_id = std::nullopt,
                          std::string_view password = kTestPassword) {
  boost::json::object body{{"login", login},     {"name", login}, {"role", role},
                           {"password", password}, {"must_change_password", false}};
  if (customer_id) body["customer_id"] = *customer_id;
  HttpResponse r = admin.Post("/api/v1/users", boost::json::serialize(body));
  EXPECT_EQ(r.status, 201) << "create " << login << ": " << r.body;
  if (r.status != 201) return 0;
  return r.Json().at("id").as_int64();
}

}  // namespace consign::apitest
