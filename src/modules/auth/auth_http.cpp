#include "modules/auth/auth_http.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/authenticator.hpp"
#include "modules/auth/credentials.hpp"
#include "modules/auth/user_json.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "platform/http/problem.hpp"

namespace consign::auth {

namespace json = boost::json;

namespace {

using http::Fail;

constexpr std::string_view kRoleNames[] = {"admin", "manager", "sales", "agent", "dispatcher", "finance", "portal"};

json::value OptTime(const std::optional<Instant>& t) { return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr); }

json::object KeyJson(const store::ApiKeyRow& k) {
  json::array scopes;
  for (const std::string& s : k.scopes) scopes.emplace_back(s);
  return json::object{{"id", k.id},
                      {"prefix", k.prefix},
                      {"name", k.name},
                      {"scopes", std::move(scopes)},
                      {"user_id", k.user_id.value()},
                      {"created_at", FormatRfc3339(k.created_at)},
                      {"revoked_at", OptTime(k.revoked_at)},
                      {"last_used_at", OptTime(k.last_used_at)}};
}

std::string SessionCookie(const std::string& token, std::chrono::seconds max_age) {
  // HttpOnly: scripts never see the token; SameSite=Strict: other sites cannot ride the session.
  return std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
         std::to_string(max_age.count());
}

// --- auth --------------------------------------------------------------------------------

http::Response LoginHandler(db::Database& database, const Matrix& matrix, const http::Request& request,
                            http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string login = fields.String("login", 256);
  const std::string password = fields.Secret("password", kMaxPasswordBytes);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  std::chrono::seconds retry_after{0};
  auto result = Login(database, ctx.clock(), login, password, request.remote_address, ctx.request_id(), &retry_after);
  if (!result) {
    http::Response r = Fail(result.error(), request, ctx);
    if (result.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  http::Response r = http::JsonResponse(200, json::object{{"token", result->token},
                                                          {"csrf_token", result->csrf_token},
                                                          {"expires_at", FormatRfc3339(result->expires_at)},
                                                          {"user", UserJson(result->user, *matrix.Of(result->user.role))}});
  r.Set("Set-Cookie", SessionCookie(result->token, kSessionLifetime));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response LogoutHandler(const http::Request& request, http::Context& ctx) {
  if (auto token = SessionTokenOf(request))
    if (Status s = Logout(ctx.tx(), ctx.principal(), TokenHash(*token), ctx.clock().Now(), ctx.request_id()); !s)
      return Fail(s.error(), request, ctx);
  http::Response r = http::Response::NoContent();
  r.Set("Set-Cookie", SessionCookie("", std::chrono::seconds(0)));
  return r;
}

http::Response MeHandler(const http::Request& request, http::Context& ctx) {
  // A session's user and CSRF token in one statement; an API key has no CSRF token.
  std::optional<store::SessionWithUser> session;
  if (auto token = SessionTokenOf(request)) session = store::FindSessionWithUser(ctx.tx(), TokenHash(*token));
  auto user = session && session->user.user.id == ctx.principal().user_id
                  ? Result<User>(session->user.user)
                  : GetUser(ctx.tx(), ctx.principal(), ctx.principal().user_id);
  if (!user) return Fail(user.error(), request, ctx);
  std::optional<std::string> csrf;
  if (session) csrf = session->session.csrf_token;
  http::Response r = http::Response::Json(200, MeJsonText(*user, *ctx.principal().permissions, csrf));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response PasswordHandler(db::Database& database, const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string current = fields.Secret("current_password", kMaxPasswordBytes);
  const std::string next = fields.Secret("new_password", kMaxPasswordBytes);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  const auto token = SessionTokenOf(request);
  std::chrono::seconds retry_after{0};
  Status changed = ChangePassword(database, ctx.clock(), ctx.principal(), token ? TokenHash(*token) : std::string(),
                                  current, next, request.remote_address, ctx.request_id(), &retry_after);
  if (!changed) {
    http::Response r = Fail(changed.error(), request, ctx);
    if (changed.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  return http::Response::NoContent();
}

// --- users -------------------------------------------------------------------------------

http::Response ListUsersHandler(const Matrix& matrix, const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  auto users = ListUsers(ctx.tx(), ctx.principal(), page->cursor.value_or(0), page->limit + 1);
  if (!users) return Fail(users.error(), request, ctx);
  return http::PageResponse(*users, page->limit, [](const User& u) { return u.id.value(); },
                            [&matrix](const User& u) { return UserJson(u, *matrix.Of(u.role)); });
}

http::Response UserOptionsHandler(const http::Request& request, http::Context& ctx) {
  auto options = ListUserOptions(ctx.tx(), ctx.principal());
  if (!options) return Fail(options.error(), request, ctx);
  json::array users;
  for (const store::StaffOption& u : options->users)
    users.push_back(json::object{{"id", u.id.value()},
                                 {"name", u.name},
                                 {"team_id", u.team_id ? json::value(u.team_id->value()) : json::value(nullptr)}});
  json::array teams;
  for (const store::TeamRow& t : options->teams) teams.push_back(json::object{{"id", t.id.value()}, {"name", t.name}});
  return http::JsonResponse(200, json::object{{"users", std::move(users)},
                                              {"teams", std::move(teams)},
                                              {"truncated", options->truncated}});
}

std::optional<UserId> PathUserId(const http::Request& request) {
  if (auto id = http::ParsePositiveInt(request.PathParam("id"))) return UserId{*id};
  return std::nullopt;
}

http::Response GetUserHandler(const Matrix& matrix, const http::Request& request, http::Context& ctx) {
  const auto id = PathUserId(request);
  if (!id) return Fail(NotFound("User"), request, ctx);
  auto user = GetUser(ctx.tx(), ctx.principal(), *id);
  if (!user) return Fail(user.error(), request, ctx);
  return http::JsonResponse(200, UserJson(*user, *matrix.Of(user->role)));
}

http::Response CreateUserHandler(const Matrix& matrix, const CustomerAccounts& accounts, const http::Request& request,
                                 http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  NewUser user;
  user.login = fields.String("login", kMaxLoginChars);
  user.name = fields.OptString("name", kMaxUserNameChars).value_or("");
  const std::string role = fields.Enum("role", std::span<const std::string_view>(kRoleNames));
  const std::string password = fields.Secret("password", kMaxPasswordBytes);
  if (auto team = fields.OptInt("team_id", 1)) user.team_id = TeamId{*team};
  if (auto customer = fields.OptInt("customer_id", 1)) user.customer_id = CustomerId{*customer};
  // A password an administrator chose is known to two people: the user replaces it at first login
  // unless the administrator says otherwise (accounts for scripts).
  user.must_change_password = fields.OptBool("must_change_password").value_or(true);
  if (fields.ok()) {
    user.role = *ParseRole(role);
    if (Status s = ValidateNewUser(user, password); !s) fields.Merge(s.error());
  }
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  const std::string hash = HashPassword(password);  // before the transaction opens: no lock held
  auto created = CreateUser(ctx.tx(), ctx.principal(), user, hash, ctx.clock().Now(), ctx.request_id(), accounts);
  if (!created) return Fail(created.error(), request, ctx);
  http::Response r = http::JsonResponse(201, UserJson(*created, *matrix.Of(created->role)));
  r.Set("Location", "/api/v1/users/" + std::to_string(created->id.value()));
  return r;
}

http::Response PatchUserHandler(const Matrix& matrix, const CustomerAccounts& accounts, const http::Request& request,
                                http::Context& ctx) {
  const auto id = PathUserId(request);
  if (!id) return Fail(NotFound("User"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  UserPatch patch;
  patch.name = fields.OptString("name", kMaxUserNameChars);
  if (auto role = fields.OptEnum("role", std::span<const std::string_view>(kRoleNames))) patch.role = ParseRole(*role);
  if (fields.IsPresent("team_id")) {
    auto team = fields.OptInt("team_id", 1);
    patch.team_id = team ? std::optional<TeamId>(TeamId{*team}) : std::nullopt;
  }
  if (fields.IsPresent("customer_id")) {
    auto customer = fields.OptInt("customer_id", 1);
    patch.customer_id = customer ? std::optional<CustomerId>(CustomerId{*customer}) : std::nullopt;
  }
  patch.active = fields.OptBool("active");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto updated = UpdateUser(ctx.tx(), ctx.principal(), *id, patch, ctx.clock().Now(), ctx.request_id(), accounts);
  if (!updated) return Fail(updated.error(), request, ctx);
  return http::JsonResponse(200, UserJson(*updated, *matrix.Of(updated->role)));
}

// --- API keys ------------------------------------------------------------------------------

http::Response ListKeysHandler(const http::Request& request, http::Context& ctx) {
  auto keys = ListApiKeys(ctx.tx(), ctx.principal());
  if (!keys) return Fail(keys.error(), request, ctx);
  json::array items;
  for (const auto& k : *keys) items.push_back(KeyJson(k));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response CreateKeyHandler(const Matrix& matrix, const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string name = fields.String("name", 100);
  const std::vector<std::string> scopes = fields.StringArray("scopes", 50, 100);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto created = CreateApiKey(ctx.tx(), matrix, ctx.principal(), name, scopes, ctx.clock().Now(), ctx.request_id());
  if (!created) return Fail(created.error(), request, ctx);
  json::object out = KeyJson(created->key);
  out["key"] = created->secret;  // the only time the secret is ever shown
  http::Response r = http::JsonResponse(201, out);
  r.Set("Location", "/api/v1/api-keys/" + std::to_string(created->key.id));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response DeleteKeyHandler(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("API key"), request, ctx);
  if (Status s = RevokeApiKey(ctx.tx(), ctx.principal(), *id, ctx.clock().Now(), ctx.request_id()); !s)
    return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& database, const Matrix& matrix,
                    const CustomerAccounts& accounts) {
  db::Database* db = &database;
  const Matrix* m = &matrix;
  const CustomerAccounts* a = &accounts;
  // Handlers that need the matrix (permissions in a user's JSON, valid API key scopes).
  auto with_matrix = [m](http::Response (*handler)(const Matrix&, const http::Request&, http::Context&)) {
    return [m, handler](const http::Request& r, http::Context& c) { return handler(*m, r, c); };
  };
  router.Post("/api/v1/auth/login", http::Public(),
              [db, m](const http::Request& r, http::Context& c) { return LoginHandler(*db, *m, r, c); });
  router.Post("/api/v1/auth/logout", http::Authenticated(), LogoutHandler);
  // The console asks it on every screen: a session and a user read, run where it was read.
  router.Get("/api/v1/auth/me", http::Authenticated(), MeHandler).runs = http::Runs::kInline;
  router.Post("/api/v1/auth/password", http::Authenticated(),
              [db](const http::Request& r, http::Context& c) { return PasswordHandler(*db, r, c); });

  router.Get("/api/v1/users", http::Requires(kUsersRead), with_matrix(ListUsersHandler));
  router.Post("/api/v1/users", http::Requires(kUsersCreate),
              [m, a](const http::Request& r, http::Context& c) { return CreateUserHandler(*m, *a, r, c); });
  router.Get("/api/v1/users/options", http::Requires(kUsersOptions), UserOptionsHandler);
  router.Get("/api/v1/users/{id}", http::Requires(kUsersRead), with_matrix(GetUserHandler));
  router.Patch("/api/v1/users/{id}", http::Requires(kUsersUpdate),
               [m, a](const http::Request& r, http::Context& c) { return PatchUserHandler(*m, *a, r, c); });

  router.Get("/api/v1/api-keys", http::Requires(kApiKeysRead), ListKeysHandler);
  router.Post("/api/v1/api-keys", http::Requires(kApiKeysCreate), with_matrix(CreateKeyHandler));
  router.Delete("/api/v1/api-keys/{id}", http::Requires(kApiKeysDelete), DeleteKeyHandler);
}

}  // namespace consign::auth
