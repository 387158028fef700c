// Logging in and out as programs and browsers do, on every backend: one-time admin password, bad
// credentials, throttling, cookie + CSRF, bearer tokens, API key scopes, `consign user add`.
#include <curl/curl.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

std::string Reason(const HttpResponse& r) {
  const json::value v = r.Json();
  if (!v.is_object()) return "";
  const json::array& errors = v.at("errors").as_array();
  return errors.empty() ? "" : std::string(errors[0].at("reason").as_string());
}

// POSTs a login from another loopback address (127.0.0.2 reaches the server on 127.0.0.1): the
// harness's client always comes from 127.0.0.1. Returns the status.
long LoginFrom(const std::string& base_url, const char* source_ip, std::string_view login, std::string_view password) {
  CURL* curl = curl_easy_init();
  if (!curl) return -1;
  const std::string url = base_url + "/api/v1/auth/login";
  const std::string body = LoginBody(login, password);
  const std::string interface = std::string("host!") + source_ip;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_INTERFACE, interface.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
  long status = -1;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

class AuthApi : public ApiTest {};

TEST_P(AuthApi, OneTimeAdminPasswordMustBeChangedBeforeAnythingElse) {
  const std::string once = OneTimeAdminPassword(server());
  EXPECT_NE(server().Stdout().find("it is shown only this once"), std::string::npos);
  HttpClient client = server().Client();
  HttpResponse login = client.Post("/api/v1/auth/login", LoginBody("admin", once));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.Json().at("user").at("must_change_password").as_bool());
  client.SetDefaultHeader("Authorization", "Bearer " + std::string(login.Json().at("token").as_string()));

  HttpResponse users = client.Get("/api/v1/users");
  EXPECT_EQ(users.status, 403);
  EXPECT_EQ(Reason(users), "password_change_required");
  EXPECT_EQ(client.Get("/api/v1/auth/me").status, 200);

  HttpResponse weak = client.Post("/api/v1/auth/password",
                                  json::serialize(json::object{{"current_password", once}, {"new_password", "short"}}));
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(Reason(weak), "too_short");
  HttpResponse changed = client.Post(
      "/api/v1/auth/password", json::serialize(json::object{{"current_password", once}, {"new_password", kAdminPassword}}));
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(client.Get("/api/v1/users").status, 200);
  EXPECT_FALSE(client.Get("/api/v1/auth/me").Json().at("user").at("must_change_password").as_bool());

  HttpClient other = server().Client();
  EXPECT_EQ(other.Post("/api/v1/auth/login", LoginBody("admin", once)).status, 401);
  EXPECT_EQ(other.Post("/api/v1/auth/login", LoginBody("admin", kAdminPassword)).status, 200);

  // Restarting never prints a password again: one exists.
  RestartServer();
  EXPECT_EQ(server().Stdout().find("one-time password"), std::string::npos);
}

TEST_P(AuthApi, WrongPasswordAndUnknownLoginAreTheSame401) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  HttpClient client = server().Client();
  for (auto [login, password] : {std::pair{"li.na", "wrong password"}, std::pair{"no.body", "wrong password"}}) {
    HttpResponse r = client.Post("/api/v1/auth/login", LoginBody(login, password));
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(Reason(r), "bad_credentials");
  }
  EXPECT_EQ(client.Post("/api/v1/auth/login", R"({"login":"li.na"})").status, 400);
  EXPECT_EQ(client.Post("/api/v1/auth/login", "{not json").status, 400);
}

TEST_P(AuthApi, SixthAttemptAfterFiveFailuresIs429EvenWithTheRightPassword) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  HttpClient client = server().Client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.Post("/api/v1/auth/login", LoginBody("li.na", "wrong!")).status, 401);
  HttpResponse r = client.Post("/api/v1/auth/login", LoginBody("li.na", kTestPassword));
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(Reason(r), "throttled");
  ASSERT_TRUE(r.Header("retry-after"));
  EXPECT_EQ(*r.Header("retry-after"), "1");  // the clock stands still: the first delay, 1 s
  // The count lives in the database: a restarted server (another node) agrees.
  RestartServer();
  EXPECT_EQ(server().Client().Post("/api/v1/auth/login", LoginBody("li.na", kTestPassword)).status, 429);
  // Only this address is slowed down: the user still logs in from another, so nobody can lock them out.
  EXPECT_EQ(LoginFrom(server().base_url(), "127.0.0.2", "li.na", kTestPassword), 200);
  EXPECT_EQ(server().Client().Post("/api/v1/auth/login", LoginBody("li.na", kTestPassword)).status, 429);
}

TEST_P(AuthApi, ConcurrentGuessesGetAtMostFivePasswordChecks) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  std::atomic<int> unauthorized{0}, throttled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i)
    threads.emplace_back([&, i] {
      HttpClient client = server().Client();
      const int status = client.Post("/api/v1/auth/login", LoginBody("li.na", "guess " + std::to_string(i))).status;
      (status == 401 ? unauthorized : status == 429 ? throttled : other)++;
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(unauthorized.load(), 5);  // each attempt is counted before its password is checked
  EXPECT_EQ(throttled.load(), 5);
  EXPECT_EQ(other.load(), 0);
}

TEST_P(AuthApi, PasswordsNeedTwelveCharactersAndMustNotBeCommon) {
  HttpClient admin = LogInAsAdmin(server());
  const std::pair<const char*, const char*> cases[] = {
      {"eleven-char", "too_short"}, {"password1234", "common"}, {"123456789012", "too_weak"}};
  for (auto [password, reason] : cases) {
    HttpResponse created = admin.Post(
        "/api/v1/users", json::serialize(json::object{{"login", "zhao.lei"}, {"role", "agent"}, {"password", password}}));
    EXPECT_EQ(created.status, 400) << password;
    EXPECT_EQ(created.Json().at("errors").at(0).at("field").as_string(), "password");
    EXPECT_EQ(Reason(created), reason) << password;
    HttpResponse changed = admin.Post(
        "/api/v1/auth/password",
        json::serialize(json::object{{"current_password", kAdminPassword}, {"new_password", password}}));
    EXPECT_EQ(changed.status, 400) << password;
    EXPECT_EQ(changed.Json().at("errors").at(0).at("field").as_string(), "new_password");
    EXPECT_EQ(Reason(changed), reason) << password;
  }
}

TEST_P(AuthApi, AWrongCurrentPasswordIsThrottledLikeALogin) {
  HttpClient admin = LogInAsAdmin(server());
  for (int i = 0; i < 5; ++i) {
    HttpResponse wrong = admin.Post(
        "/api/v1/auth/password",
        json::serialize(json::object{{"current_password", "guess " + std::to_string(i)}, {"new_password", "一个新的 long passphrase"}}));
    EXPECT_EQ(wrong.status, 400) << wrong.body;
    EXPECT_EQ(Reason(wrong), "bad_credentials");
  }
  HttpResponse throttled = admin.Post(
      "/api/v1/auth/password",
      json::serialize(json::object{{"current_password", kAdminPassword}, {"new_password", "一个新的 long passphrase"}}));
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(throttled.Json().at("errors").at(0).at("field").as_string(), "current_password");
  EXPECT_EQ(throttled.Header("retry-after").value_or(""), "1");
}

// The audit trail, newest first, of one record.
json::array History(HttpClient& admin, std::string_view entity, std::string_view id) {
  HttpResponse r = admin.Get("/api/v1/audit?entity=" + std::string(entity) + "&entity_id=" + std::string(id));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.Json().at("items").as_array() : json::array{};
}

TEST_P(AuthApi, FailedLoginsLogoutsAndSavedViewChangesAreAudited) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateUser(admin, "li.na", "sales");
  HttpClient client = server().Client();
  HttpResponse failed = client.Post("/api/v1/auth/login", LoginBody("li.na", "my secret guess"));
  ASSERT_EQ(failed.status, 401);
  EXPECT_EQ(client.Post("/api/v1/auth/login", LoginBody("my.secret.guess", "typed in the wrong field")).status, 401);

  json::array failures = History(admin, "user", "li.na");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].at("action").as_string(), "login.failed");
  EXPECT_EQ(failures[0].at("actor").at("login").as_string(), "anonymous");
  EXPECT_EQ(failures[0].at("after").at("reason").as_string(), "wrong_password");
  EXPECT_EQ(failures[0].at("after").at("user_id").as_int64(), id);
  EXPECT_EQ(failures[0].at("request_id").as_string(), failed.Header("x-request-id").value_or("?"));
  EXPECT_EQ(json::serialize(failures).find("my secret guess"), std::string::npos);
  // An unknown login is not recorded (it may be a password typed into the login field).
  EXPECT_TRUE(History(admin, "user", "my.secret.guess").empty());
  HttpResponse trail = admin.Get("/api/v1/audit?limit=200");
  EXPECT_EQ(trail.body.find("my.secret.guess"), std::string::npos);

  HttpClient sales = LogInAs(server(), "li.na");
  HttpResponse view = sales.Post("/api/v1/saved-views",
                                 R"({"resource":"customers","name":"我的客户","query":{"q":"13812345678"}})");
  ASSERT_EQ(view.status, 201) << view.body;
  const std::string view_id = std::to_string(view.Json().at("id").as_int64());
  ASSERT_EQ(sales.Delete("/api/v1/saved-views/" + view_id).status, 204);
  json::array view_history = History(admin, "saved_view", view_id);
  ASSERT_EQ(view_history.size(), 2u);
  EXPECT_EQ(view_history[0].at("action").as_string(), "saved_view.delete");
  EXPECT_EQ(view_history[1].at("action").as_string(), "saved_view.create");
  EXPECT_EQ(view_history[1].at("after").at("name").as_string(), "我的客户");
  EXPECT_EQ(view_history[1].at("actor").at("login").as_string(), "li.na");
  EXPECT_EQ(json::serialize(view_history).find("13812345678"), std::string::npos);  // the query stays out

  HttpResponse out = sales.Post("/api/v1/auth/logout", "");
  ASSERT_EQ(out.status, 204);
  json::array user_history = History(admin, "user", std::to_string(id));
  ASSERT_FALSE(user_history.empty());
  EXPECT_EQ(user_history[0].at("action").as_string(), "logout");
  EXPECT_EQ(user_history[0].at("actor").at("login").as_string(), "li.na");
  EXPECT_EQ(user_history[0].at("request_id").as_string(), out.Header("x-request-id").value_or("?"));
  EXPECT_EQ(user_history[1].at("action").as_string(), "login");
}

TEST_P(AuthApi, BrowserCookieSessionNeedsCsrfTokenOnWrites) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "zhang.wei", "manager");
  HttpClient browser = server().Client();
  browser.EnableCookies();
  HttpResponse login = browser.Post("/api/v1/auth/login", LoginBody("zhang.wei", kTestPassword));
  ASSERT_EQ(login.status, 200);
  const std::string cookie = login.Header("set-cookie").value_or("");
  EXPECT_NE(cookie.find("consign_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);

  HttpResponse me = browser.Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  const std::string csrf(me.Json().at("csrf_token").as_string());
  EXPECT_EQ(csrf, std::string(login.Json().at("csrf_token").as_string()));

  const std::string key = R"({"name":"erp","scopes":["customers:read"]})";
  HttpResponse no_csrf = browser.Post("/api/v1/api-keys", key);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(Reason(no_csrf), "csrf");
  EXPECT_EQ(browser.Post("/api/v1/api-keys", key, {{"X-CSRF-Token", "forged"}}).status, 403);
  EXPECT_EQ(browser.Post("/api/v1/api-keys", key, {{"X-CSRF-Token", csrf}}).status, 201);

  EXPECT_EQ(browser.Post("/api/v1/auth/logout", "", {{"X-CSRF-Token", csrf}}).status, 204);
  EXPECT_EQ(browser.Get("/api/v1/auth/me").status, 401);
}

TEST_P(AuthApi, BearerTokenUntilLogout) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  HttpClient client = server().Client();
  const std::string token = LogInToken(client, "li.na", kTestPassword);
  EXPECT_EQ(client.Get("/api/v1/auth/me").status, 401);  // no credentials
  const Headers bearer = {{"Authorization", "Bearer " + token}};
  HttpResponse me = client.Get("/api/v1/auth/me", bearer);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json().at("user").at("role").as_string(), "sales");
  EXPECT_EQ(client.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token + "x"}}).status, 401);
  EXPECT_EQ(client.Get("/api/v1/auth/me", {{"Authorization", "Basic bGk6bmE="}}).status, 401);
  EXPECT_EQ(client.Get("/api/v1/users", bearer).status, 403);  // sales may not see users
  EXPECT_EQ(client.Post("/api/v1/auth/logout", "", bearer).status, 204);
  EXPECT_EQ(client.Get("/api/v1/auth/me", bearer).status, 401);
}

TEST_P(AuthApi, DeactivatedUserIsLoggedOutAndCannotLogIn) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateUser(admin, "li.na", "sales");
  HttpClient user = LogInAs(server(), "li.na");
  EXPECT_EQ(user.Get("/api/v1/auth/me").status, 200);
  HttpResponse patched = admin.Patch("/api/v1/users/" + std::to_string(id), R"({"active":false})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(user.Get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(server().Client().Post("/api/v1/auth/login", LoginBody("li.na", kTestPassword)).status, 401);
}

TEST_P(AuthApi, UsersCrudValidatesAndRejectsDuplicates) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse bad = admin.Post("/api/v1/users", R"({"login":"Bad Login","role":"pilot","password":"x"})");
  EXPECT_EQ(bad.status, 400);
  std::set<std::string> fields;
  const boost::json::value bad_json = bad.Json();
  for (const auto& e : bad_json.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("role")) << bad.body;
  HttpResponse portal = admin.Post("/api/v1/users", R"({"login":"shunda","role":"portal","password":"long enough pw"})");
  EXPECT_EQ(portal.status, 400);
  EXPECT_EQ(Reason(portal), "required");  // customer_id
  const int64_t id = CreateUser(admin, "li.na", "sales");
  HttpResponse dup = admin.Post("/api/v1/users", R"({"login":"li.na","role":"agent","password":"long enough pw"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(Reason(dup), "duplicate");
  HttpResponse one = admin.Get("/api/v1/users/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.Json().at("login").as_string(), "li.na");
  EXPECT_EQ(admin.Get("/api/v1/users/99999").status, 404);
  HttpResponse promoted = admin.Patch("/api/v1/users/" + std::to_string(id), R"({"role":"manager"})");
  ASSERT_EQ(promoted.status, 200);
  EXPECT_EQ(promoted.Json().at("role").as_string(), "manager");
  HttpResponse list = admin.Get("/api/v1/users?limit=1");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);
  const std::string cursor(list.Json().at("next_cursor").as_string());
  EXPECT_EQ(admin.Get("/api/v1/users?limit=1&cursor=" + cursor).Json().at("items").as_array()[0].at("login").as_string(),
            "li.na");
}

TEST_P(AuthApi, UnknownFieldsAndUnsafeCharactersAreRefusedByName) {
  HttpClient admin = LogInAsAdmin(server());
  const auto error_of = [](const HttpResponse& r) {
    const boost::json::value problem = r.Json();
    const auto& e = problem.at("errors").at(0);
    return std::string(e.at("field").as_string()) + " " + std::string(e.at("reason").as_string());
  };
  HttpResponse bidi = admin.Post("/api/v1/users", R"({"login":"li.na","name":"李\u202e娜","role":"sales",)"
                                                  R"("password":"long enough pw 1"})");
  EXPECT_EQ(bidi.status, 400) << bidi.body;
  EXPECT_EQ(error_of(bidi), "name invalid_characters");
  HttpResponse unknown = admin.Post("/api/v1/users", R"({"login":"li.na","role":"sales","password":"long enough pw 1",)"
                                                     R"("is_admin":true})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(error_of(unknown), "is_admin unknown_field");
  const int64_t id = CreateUser(admin, "li.na", "sales");
  HttpResponse rename = admin.Patch("/api/v1/users/" + std::to_string(id), R"({"name":"李娜\u0007"})");
  EXPECT_EQ(rename.status, 400) << rename.body;
  EXPECT_EQ(error_of(rename), "name invalid_characters");
  HttpResponse key = admin.Post("/api/v1/api-keys", R"({"name":"sync\u2067","scopes":["customers:read"]})");
  EXPECT_EQ(key.status, 400) << key.body;
  EXPECT_EQ(error_of(key), "name invalid_characters");
  HttpClient anonymous = server().Client();
  HttpResponse login = anonymous.Post("/api/v1/auth/login", R"({"login":"li.na","password":"x","remember":true})");
  EXPECT_EQ(login.status, 400) << login.body;
  EXPECT_EQ(error_of(login), "remember unknown_field");
}

TEST_P(AuthApi, ApiKeysDoOnlyWhatTheirScopesAllow) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created = admin.Post("/api/v1/api-keys", R"({"name":"reporting","scopes":["users:read"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret(created.Json().at("key").as_string());
  const int64_t id = created.Json().at("id").as_int64();
  EXPECT_TRUE(secret.starts_with("ck_"));

  HttpResponse listed = admin.Get("/api/v1/api-keys");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret.substr(16)), std::string::npos) << "the secret is shown only once";

  HttpClient program = server().Client();
  program.SetDefaultHeader("Authorization", "Bearer " + secret);
  EXPECT_EQ(program.Get("/api/v1/users").status, 200);
  EXPECT_EQ(program.Post("/api/v1/users", R"({"login":"x.y","role":"agent","password":"long enough pw"})").status, 403);
  EXPECT_EQ(program.Get("/api/v1/api-keys").status, 403);

  EXPECT_EQ(admin.Post("/api/v1/api-keys", R"({"name":"bad","scopes":["users:fly"]})").status, 400);
  EXPECT_EQ(admin.Delete("/api/v1/api-keys/" + std::to_string(id)).status, 204);
  EXPECT_EQ(program.Get("/api/v1/users").status, 401);
}

TEST_P(AuthApi, UserAddFromTheCommandLine) {
  const std::string url = database().url();
  CommandResult added = RunConsign({"user", "add", "--login", "wang.fang", "--role", "agent", "--name", "王芳",
                                    "--team", "华南", "--password-stdin", "--db", url},
                                   "agent password 1\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out.find("agent password 1"), std::string::npos);
  HttpClient agent = LogInAs(server(), "wang.fang", "agent password 1");
  HttpResponse me = agent.Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json().at("user").at("name").as_string(), "王芳");
  EXPECT_TRUE(me.Json().at("user").at("team_id").is_int64());

  CommandResult dup = RunConsign({"user", "add", "--login", "wang.fang", "--role", "agent", "--password-stdin",
                                  "--db", url},
                                 "agent password 2\n");
  EXPECT_NE(dup.exit_code, 0);
  EXPECT_NE(dup.err.find("already exists"), std::string::npos) << dup.err;

  CommandResult empty = RunConsign({"user", "add", "--login", "a.b", "--role", "agent", "--password-stdin", "--db", url}, "");
  EXPECT_NE(empty.exit_code, 0);
  CommandResult short_pw =
      RunConsign({"user", "add", "--login", "a.b", "--role", "agent", "--password-stdin", "--db", url}, "short\n");
  EXPECT_NE(short_pw.exit_code, 0);
  EXPECT_NE(short_pw.err.find("at least 12"), std::string::npos) << short_pw.err;
  CommandResult bad_role =
      RunConsign({"user", "add", "--login", "a.b", "--role", "pilot", "--password-stdin", "--db", url}, "long enough pw\n");
  EXPECT_NE(bad_role.exit_code, 0);

  CommandResult set = RunConsign({"user", "set-password", "--login", "wang.fang", "--password-stdin", "--db", url},
                                 "a new agent password\n");
  EXPECT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(agent.Get("/api/v1/auth/me").status, 401);  // sessions ended
  HttpClient again = server().Client();
  EXPECT_EQ(again.Post("/api/v1/auth/login", LoginBody("wang.fang", "a new agent password")).status, 200);
}

CONSIGN_API_SUITE(AuthApi);

}  // namespace
}  // namespace consign::apitest
