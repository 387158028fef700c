// The auth service and Authenticator over both backends (PostgreSQL with CONSIGN_TEST_PG_URL).
#include "modules/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_store.hpp"
#include "modules/auth/authenticator.hpp"
#include "modules/auth/credentials.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::auth {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Instant kStart = FromMicros(1'790'000'000'000'000);

// Another module's table, as the merged matrix would hold it.
constexpr Permission kCustomersRead{"customers", "read"};
constexpr Permission kCustomersUpdate{"customers", "update"};
constexpr AccessRule kCustomersRules[] = {
    {kCustomersRead, RoleSet::All()},
    {kCustomersUpdate, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
};

Matrix TestMatrix() {
  const ModuleAccess tables[] = {{"auth", kAccess}, {"customers", kCustomersRules}};
  return *Matrix::Merge(tables);
}
constexpr std::string_view kPassword = "蓝天白云 secure-1";

template <class Backend>
class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    // The customers module's part, as it fills it at start: accounts 12 and 13 exist.
    accounts_.SetExists([](db::Transaction&, CustomerId id) { return id == CustomerId{12} || id == CustomerId{13}; });
  }

  Result<User> AddUser(const std::string& login, Role role, std::optional<CustomerId> customer = std::nullopt,
                       bool must_change = false) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    NewUser u{login, login, role, std::nullopt, customer, must_change};
    auto created =
        CreateUser(*tx, Principal::System("test"), u, HashPassword(kPassword), clock_.Now(), "test", accounts_);
    if (created) tx->Commit();
    return created;
  }

  // A logged-in principal for `user`, with its role's permissions, as the Authenticator makes it.
  Principal Acting(const User& user) const {
    Principal p = PrincipalOf(user);
    p.permissions = matrix_.Of(p.role);
    return p;
  }

  Result<LoginResult> LogIn(const std::string& login, std::string_view password, std::string remote = "10.0.0.1") {
    return Login(*db_, clock_, login, password, remote, "r-test", &retry_after_);
  }

  // Runs the Authenticator on a request like the pipeline does.
  Result<Principal> Authenticate(http::Method method, std::string path,
                                 std::vector<std::pair<std::string, std::string>> headers) {
    http::Request request;
    request.method = method;
    request.path = std::move(path);
    request.headers = std::move(headers);
    http::Context ctx(request, "r-test", db_.get(), clock_);
    return MakeAuthenticator(*db_, matrix_)->Authenticate(request, ctx);
  }

  Backend backend_;
  const Matrix matrix_ = TestMatrix();
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{kStart};
  std::chrono::seconds retry_after_{0};
  CustomerAccounts accounts_;
};

TYPED_TEST_SUITE(AuthServiceTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(AuthServiceTest, FirstStartCreatesAdminWithOneTimePasswordOnce) {
  std::ostringstream out;
  ASSERT_TRUE(EnsureAdmin(*this->db_, this->clock_, out));
  const std::string text = out.str();
  const std::string marker = "one-time password: ";
  ASSERT_NE(text.find(marker), std::string::npos) << text;
  const std::string password = text.substr(text.find(marker) + marker.size(), 20);
  EXPECT_NE(text.find("shown only this once"), std::string::npos);

  auto login = this->LogIn("admin", password);
  ASSERT_TRUE(login) << login.error().public_message;
  EXPECT_TRUE(login->user.must_change_password);
  EXPECT_EQ(login->user.role, Role::kAdmin);

  std::ostringstream again;
  ASSERT_TRUE(EnsureAdmin(*this->db_, this->clock_, again));
  EXPECT_EQ(again.str(), "");
}

TYPED_TEST(AuthServiceTest, LoginWithWrongPasswordOrUnknownUserIsBadCredentials) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  for (auto [login, password] : {std::pair{"li.na", "wrong password!"}, std::pair{"nobody", "whatever-123"}}) {
    auto r = this->LogIn(login, password);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r.error().fields.at(0).reason, "bad_credentials");
  }
}

TYPED_TEST(AuthServiceTest, AfterFiveFailuresEachAttemptWaitsLongerEvenWithTheRightPassword) {
  using std::chrono::seconds;
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  for (int i = 0; i < 5; ++i) {
    this->clock_.Advance(minutes(1));
    auto r = this->LogIn("li.na", "wrong password!");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  auto r = this->LogIn("li.na", kPassword);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(r.error().fields.at(0).reason, "throttled");
  EXPECT_EQ(this->retry_after_, seconds(1));
  this->clock_.Advance(seconds(1));
  EXPECT_EQ(this->LogIn("li.na", "wrong password!").error().code, ErrorCode::kUnauthenticated);  // the 6th
  EXPECT_EQ(this->LogIn("li.na", kPassword).error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(this->retry_after_, seconds(2));
  this->clock_.Advance(seconds(2));
  EXPECT_EQ(this->LogIn("li.na", "wrong password!").error().code, ErrorCode::kUnauthenticated);  // the 7th
  EXPECT_FALSE(this->LogIn("li.na", kPassword));
  EXPECT_EQ(this->retry_after_, seconds(4));
  this->clock_.Advance(seconds(4));
  ASSERT_TRUE(this->LogIn("li.na", kPassword));
  // The success cleared the pair: five free attempts again.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(this->LogIn("li.na", "wrong password!").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(this->LogIn("li.na", kPassword).error().code, ErrorCode::kTooManyRequests);
}

TYPED_TEST(AuthServiceTest, FailuresFromOneAddressNeverBlockTheLoginFromAnother) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  for (int i = 0; i < 20; ++i) (void)this->LogIn("li.na", "wrong password!", "10.6.6.6");
  EXPECT_EQ(this->LogIn("li.na", kPassword, "10.6.6.6").error().code, ErrorCode::kTooManyRequests);
  EXPECT_TRUE(this->LogIn("li.na", kPassword, "10.0.0.1"));
  // ...and one login's failures do not block another login from the same address.
  ASSERT_TRUE(this->AddUser("wang.fang", Role::kAgent));
  EXPECT_TRUE(this->LogIn("wang.fang", kPassword, "10.6.6.6"));
}

TYPED_TEST(AuthServiceTest, ConcurrentGuessesGetAtMostFivePasswordChecks) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  constexpr int kGuesses = 12;
  std::atomic<int> checked{0}, throttled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i)
    threads.emplace_back([&, i] {
      std::chrono::seconds wait{0};
      auto r = Login(*this->db_, this->clock_, "li.na", "guess number " + std::to_string(i), "10.7.7.7", "r", &wait);
      if (r) ++other;
      else if (r.error().code == ErrorCode::kUnauthenticated) ++checked;
      else if (r.error().code == ErrorCode::kTooManyRequests) ++throttled;
      else ++other;
    });
  for (std::thread& t : threads) t.join();
  // The clock stands still, so after five counted failures every other guess waits.
  EXPECT_EQ(checked.load(), kFreeLoginFailures);
  EXPECT_EQ(throttled.load(), kGuesses - kFreeLoginFailures);
  EXPECT_EQ(other.load(), 0);
}

TYPED_TEST(AuthServiceTest, UnknownAndPasswordlessUsersAreRefusedAlikeAndOnlyKnownOnesAudited) {
  auto user = this->AddUser("li.na", Role::kSales);
  ASSERT_TRUE(user);
  {
    // A user without a password, as the demo loader makes its sales force.
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    NewUser u{"sales.001", "sales.001", Role::kSales, std::nullopt, std::nullopt, true};
    ASSERT_TRUE(CreateUser(*tx, Principal::System("demo"), u, "", this->clock_.Now(), "demo", this->accounts_));
    tx->Commit();
  }
  for (const char* login : {"li.na", "sales.001", "no.body"}) {
    auto r = this->LogIn(login, "wrong password!");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << login;
    EXPECT_EQ(r.error().fields.at(0).reason, "bad_credentials") << login;
  }
  EXPECT_FALSE(this->LogIn("sales.001", ""));
  // Unknown logins are throttled like known ones, so throttling tells nothing either.
  for (int i = 0; i < 4; ++i) (void)this->LogIn("no.body", "wrong password!");
  EXPECT_EQ(this->LogIn("no.body", "wrong password!").error().code, ErrorCode::kTooManyRequests);

  auto tx = this->db_->Begin(db::TxMode::kRead);
  auto failed = audit::ListFor(*tx, "user", "li.na", 10);
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].action, "login.failed");
  EXPECT_EQ((*failed)[0].actor_login, "anonymous");
  EXPECT_EQ((*failed)[0].request_id, "r-test");
  EXPECT_NE((*failed)[0].after_json->find("\"reason\":\"wrong_password\""), std::string::npos);
  EXPECT_NE((*failed)[0].after_json->find("\"user_id\":" + std::to_string(user->id.value())), std::string::npos);
  EXPECT_EQ((*failed)[0].after_json->find("wrong password!"), std::string::npos);
  auto passwordless = audit::ListFor(*tx, "user", "sales.001", 10);
  ASSERT_TRUE(passwordless);
  ASSERT_EQ(passwordless->size(), 2u);
  EXPECT_NE((*passwordless)[0].after_json->find("\"reason\":\"no_password\""), std::string::npos);
  auto unknown = audit::ListFor(*tx, "user", "no.body", 10);
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->empty());
}

TYPED_TEST(AuthServiceTest, TheCurrentPasswordCheckIsThrottledLikeALogin) {
  auto user = this->AddUser("li.na", Role::kSales);
  ASSERT_TRUE(user);
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  const Principal who = this->Acting(*user);
  const std::string keep = TokenHash(login->token);
  std::chrono::seconds wait{0};
  for (int i = 0; i < 5; ++i) {
    Status wrong = ChangePassword(*this->db_, this->clock_, who, keep, "guess " + std::to_string(i),
                                  "新的密码 much better", "10.0.0.1", "r", &wait);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().fields.at(0).reason, "bad_credentials");
  }
  Status throttled = ChangePassword(*this->db_, this->clock_, who, keep, kPassword, "新的密码 much better",
                                    "10.0.0.1", "r", &wait);
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(throttled.error().fields.at(0).field, "current_password");
  EXPECT_EQ(wait, std::chrono::seconds(1));
  // The same pair as a login of the user from that address.
  EXPECT_EQ(this->LogIn("li.na", kPassword, "10.0.0.1").error().code, ErrorCode::kTooManyRequests);
  this->clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(ChangePassword(*this->db_, this->clock_, who, keep, kPassword, "新的密码 much better", "10.0.0.1", "r"));
  EXPECT_TRUE(this->LogIn("li.na", "新的密码 much better", "10.0.0.1"));
}

TYPED_TEST(AuthServiceTest, BearerTokenAuthenticatesAndSessionExpires) {
  auto user = this->AddUser("li.na", Role::kSales);
  ASSERT_TRUE(user);
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  auto p = this->Authenticate(http::Method::kGet, "/api/v1/customers", {{"authorization", "Bearer " + login->token}});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->authenticated);
  EXPECT_EQ(p->user_id, user->id);
  EXPECT_EQ(p->role, Role::kSales);

  // Sliding: used after 11 hours, it lives on; left alone for 12 hours, it is gone.
  this->clock_.Advance(hours(11));
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + login->token}}));
  this->clock_.Advance(hours(11));
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + login->token}}));
  this->clock_.Advance(hours(12));
  auto expired = this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + login->token}});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
}

TYPED_TEST(AuthServiceTest, ASessionInUseStillEndsSevenDaysAfterItsLogin) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  const std::pair<std::string, std::string> bearer{"authorization", "Bearer " + login->token};
  // Used every 11 hours, the idle expiry never comes...
  const Instant logged_in = this->clock_.Now();
  while (this->clock_.Now() + hours(11) < logged_in + kSessionAbsoluteLifetime) {
    this->clock_.Advance(hours(11));
    ASSERT_TRUE(this->Authenticate(http::Method::kGet, "/x", {bearer}));
  }
  // ...but the absolute one does, to the microsecond.
  this->clock_.Set(logged_in + kSessionAbsoluteLifetime - std::chrono::microseconds(1));
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/x", {bearer}));
  this->clock_.Set(logged_in + kSessionAbsoluteLifetime);
  auto expired = this->Authenticate(http::Method::kGet, "/x", {bearer});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(this->LogIn("li.na", kPassword));  // a new login starts a new week
}

// A read request reads its credentials in its own (read) transaction and goes on using it; the touch
// of last use then comes from Background(), so even a pool of one connection never waits for a second.
// A writing request reads them apart and opens nothing: a bad token never takes the write lock.
TYPED_TEST(AuthServiceTest, AReadRequestAuthenticatesInItsOwnTransactionAndTouchesWithoutASecondConnection) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  auto one_connection = this->backend_.Open(1, std::chrono::milliseconds(300));
  auto authenticator = MakeAuthenticator(*one_connection, this->matrix_);
  this->clock_.Advance(kSessionTouchInterval + std::chrono::seconds(1));  // the touch is due

  http::Request get;
  get.method = http::Method::kGet;
  get.path = "/api/v1/customers";
  get.headers = {{"authorization", "Bearer " + login->token}};
  {
    http::Context ctx(get, "r-test", one_connection.get(), this->clock_);
    auto p = authenticator->Authenticate(get, ctx);
    ASSERT_TRUE(p) << p.error().public_message;
    EXPECT_TRUE(ctx.has_tx());
    EXPECT_FALSE(ctx.has_write_tx());
    EXPECT_EQ(ctx.tx().Query("SELECT count(*) AS n FROM users")[0].Int("n"), 1);  // the request goes on in it
    ctx.Finish(true);
  }
  {
    auto tx = this->db_->Begin(db::TxMode::kRead);
    auto session = store::FindSession(*tx, TokenHash(login->token));
    ASSERT_TRUE(session);
    EXPECT_EQ(session->last_seen_at, this->clock_.Now());
  }

  http::Request post = get;
  post.method = http::Method::kPost;
  post.headers = {{"authorization", "Bearer not-a-session"}};
  http::Context ctx(post, "r-test", one_connection.get(), this->clock_);
  EXPECT_FALSE(authenticator->Authenticate(post, ctx));
  EXPECT_FALSE(ctx.has_tx());
}

TYPED_TEST(AuthServiceTest, NoCredentialsIsAnonymousAndGarbageIsRefused) {
  auto anonymous = this->Authenticate(http::Method::kGet, "/x", {});
  ASSERT_TRUE(anonymous);
  EXPECT_FALSE(anonymous->authenticated);
  EXPECT_FALSE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer nonsense"}}));
  EXPECT_FALSE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Basic YTpi"}}));
  EXPECT_FALSE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer ck_0123456789ab_x"}}));
}

TYPED_TEST(AuthServiceTest, CookieSessionsNeedCsrfTokenOnWrites) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  const std::pair<std::string, std::string> cookie{"cookie", "theme=dark; consign_session=" + login->token};
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/x", {cookie}));
  auto no_csrf = this->Authenticate(http::Method::kPost, "/x", {cookie});
  ASSERT_FALSE(no_csrf);
  EXPECT_EQ(no_csrf.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(no_csrf.error().fields.at(0).reason, "csrf");
  EXPECT_FALSE(this->Authenticate(http::Method::kDelete, "/x", {cookie, {"x-csrf-token", login->token}}));
  EXPECT_TRUE(this->Authenticate(http::Method::kPatch, "/x", {cookie, {"x-csrf-token", login->csrf_token}}));
  // A bearer header is never sent by a browser on its own: no CSRF token needed.
  EXPECT_TRUE(this->Authenticate(http::Method::kPost, "/x", {{"authorization", "Bearer " + login->token}}));
}

TYPED_TEST(AuthServiceTest, MustChangePasswordAllowsOnlyMePasswordLogout) {
  ASSERT_TRUE(this->AddUser("new.hire", Role::kAgent, std::nullopt, true));
  auto login = this->LogIn("new.hire", kPassword);
  ASSERT_TRUE(login);
  const std::pair<std::string, std::string> bearer{"authorization", "Bearer " + login->token};
  auto blocked = this->Authenticate(http::Method::kGet, "/api/v1/customers", {bearer});
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().fields.at(0).reason, "password_change_required");
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/api/v1/auth/me", {bearer}));
  auto who = this->Authenticate(http::Method::kPost, "/api/v1/auth/password", {bearer});
  ASSERT_TRUE(who);

  Status wrong = ChangePassword(*this->db_, this->clock_, *who, TokenHash(login->token), "not it at all",
                                "新的密码 much better", "10.0.0.1", "r-test");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().fields.at(0).field, "current_password");
  Status weak = ChangePassword(*this->db_, this->clock_, *who, TokenHash(login->token), kPassword, "short",
                               "10.0.0.1", "r");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().fields.at(0).reason, "too_short");
  ASSERT_TRUE(ChangePassword(*this->db_, this->clock_, *who, TokenHash(login->token), kPassword,
                             "新的密码 much better", "10.0.0.1", "r-test"));
  EXPECT_TRUE(this->Authenticate(http::Method::kGet, "/api/v1/customers", {bearer}));
  EXPECT_FALSE(this->LogIn("new.hire", kPassword));
  EXPECT_TRUE(this->LogIn("new.hire", "新的密码 much better"));
}

TYPED_TEST(AuthServiceTest, DeactivatedUserLosesSessionsAtOnce) {
  auto admin = this->AddUser("boss", Role::kAdmin);
  auto user = this->AddUser("li.na", Role::kSales);
  ASSERT_TRUE(admin && user);
  auto login = this->LogIn("li.na", kPassword);
  ASSERT_TRUE(login);
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    UserPatch patch;
    patch.active = false;
    ASSERT_TRUE(UpdateUser(*tx, this->Acting(*admin), user->id, patch, this->clock_.Now(), "r", this->accounts_));
    tx->Commit();
  }
  EXPECT_FALSE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + login->token}}));
  EXPECT_FALSE(this->LogIn("li.na", kPassword));
}

TYPED_TEST(AuthServiceTest, UserChangesAreAuditedAndAdminsCannotDemoteThemselves) {
  auto admin = this->AddUser("boss", Role::kAdmin);
  auto user = this->AddUser("li.na", Role::kSales);
  ASSERT_TRUE(admin && user);
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  UserPatch promote;
  promote.role = Role::kManager;
  auto updated = UpdateUser(*tx, this->Acting(*admin), user->id, promote, this->clock_.Now(), "r-1", this->accounts_);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->role, Role::kManager);
  EXPECT_EQ(updated->version, 2);
  auto history = audit::ListFor(*tx, "user", std::to_string(user->id.value()), 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "user.update");
  EXPECT_NE((*history)[0].before_json->find("\"role\":\"sales\""), std::string::npos);
  EXPECT_NE((*history)[0].after_json->find("\"role\":\"manager\""), std::string::npos);
  EXPECT_EQ((*history)[1].action, "user.create");

  UserPatch self;
  self.role = Role::kSales;
  auto refused = UpdateUser(*tx, this->Acting(*admin), admin->id, self, this->clock_.Now(), "r-2", this->accounts_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
}

TYPED_TEST(AuthServiceTest, DuplicateLoginIsAConflict) {
  ASSERT_TRUE(this->AddUser("li.na", Role::kSales));
  auto again = this->AddUser("li.na", Role::kAgent);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().fields.at(0).reason, "duplicate");
}

TYPED_TEST(AuthServiceTest, ApiKeysAuthenticateWithTheirScopesUntilRevoked) {
  auto user = this->AddUser("shunda.erp", Role::kPortal, CustomerId{12});
  ASSERT_TRUE(user);
  Principal owner = PrincipalOf(*user);
  owner.permissions = this->matrix_.Of(owner.role);
  std::optional<CreatedApiKey> key;
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    auto too_much = CreateApiKey(*tx, this->matrix_, owner, "erp", {"customers:update"}, this->clock_.Now(), "r");
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error().fields.at(0).reason, "forbidden_scope");
    EXPECT_FALSE(CreateApiKey(*tx, this->matrix_, owner, "erp", {"customers.read"}, this->clock_.Now(), "r"));
    auto created = CreateApiKey(*tx, this->matrix_, owner, "erp", {"customers:read"}, this->clock_.Now(), "r");
    ASSERT_TRUE(created);
    key = *created;
    tx->Commit();
  }
  EXPECT_TRUE(key->secret.starts_with("ck_" + key->key.prefix + "_"));
  auto p = this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + key->secret}});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->via_api_key);
  EXPECT_EQ(p->scopes, std::vector<std::string>{"customers:read"});
  EXPECT_EQ(p->customer_id, CustomerId{12});
  EXPECT_TRUE(Holds(*p, kCustomersRead));
  EXPECT_FALSE(Holds(*p, kApiKeysCreate)) << "the key's scopes narrow the portal role";

  std::string forged = key->secret;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + forged}}));

  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    ASSERT_TRUE(RevokeApiKey(*tx, owner, key->key.id, this->clock_.Now(), "r"));
    tx->Commit();
  }
  auto revoked = this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + key->secret}});
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().code, ErrorCode::kUnauthenticated);
}

TYPED_TEST(AuthServiceTest, ALoggedInPrincipalCarriesItsRolesPermissions) {
  ASSERT_TRUE(this->AddUser("wang.dispatch", Role::kDispatcher));
  auto login = this->LogIn("wang.dispatch", kPassword);
  ASSERT_TRUE(login);
  auto p = this->Authenticate(http::Method::kGet, "/x", {{"authorization", "Bearer " + login->token}});
  ASSERT_TRUE(p);
  EXPECT_TRUE(Require(*p, kCustomersRead));
  EXPECT_EQ(Require(*p, kApiKeysCreate).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Require(*p, kUsersRead).error().code, ErrorCode::kForbidden);
}

TYPED_TEST(AuthServiceTest, UseCasesCheckThePermissionWhoeverCalls) {
  ASSERT_TRUE(this->AddUser("li.sales", Role::kSales));
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  Principal sales;
  sales.authenticated = true;
  sales.role = Role::kSales;
  sales.permissions = this->matrix_.Of(Role::kSales);
  NewUser u{"sneaky", "sneaky", Role::kAdmin, std::nullopt, std::nullopt, false};
  auto created = CreateUser(*tx, sales, u, "", this->clock_.Now(), "r", this->accounts_);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::kForbidden);
  auto listed = ListUsers(*tx, sales, 0, 10);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ListUsers(*tx, Principal{}, 0, 10).error().code, ErrorCode::kUnauthenticated);
}

TYPED_TEST(AuthServiceTest, DescribesAPageOfUsersInOneCallAndLeavesOutUnknownIds) {
  const User ana = *this->AddUser("ana", Role::kSales);
  const User bo = *this->AddUser("bo", Role::kManager);
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    UserPatch off;
    off.active = false;
    ASSERT_TRUE(UpdateUser(*tx, Principal::System("test"), bo.id, off, this->clock_.Now(), "test", this->accounts_));
    tx->Commit();
  }
  auto tx = this->db_->Begin(db::TxMode::kRead);
  const std::vector<UserId> ids = {ana.id, bo.id, ana.id, UserId{999'999}};
  const std::map<UserId, UserSummary> found = DescribeUsers(*tx, ids);
  ASSERT_EQ(found.size(), 2u) << "repeated ids once, unknown ids left out";
  EXPECT_EQ(found.at(ana.id).login, "ana");
  EXPECT_EQ(found.at(ana.id).name, "ana");
  EXPECT_TRUE(found.at(ana.id).active);
  EXPECT_FALSE(found.at(bo.id).active);
  EXPECT_EQ(found.at(ana.id).role, Role::kSales);
  EXPECT_EQ(found.at(bo.id).role, Role::kManager);
  EXPECT_TRUE(DescribeUsers(*tx, {}).empty());
}

TYPED_TEST(AuthServiceTest, APortalUserBelongsToAnExistingAccount) {
  auto missing = this->AddUser("ghost.portal", Role::kPortal, CustomerId{999});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(missing.error().field(), "customer_id");
  EXPECT_EQ(missing.error().fields.front().reason, "not_found");
  auto portal = this->AddUser("shunda.portal", Role::kPortal, CustomerId{12});
  ASSERT_TRUE(portal);
  auto admin = this->AddUser("boss", Role::kAdmin);
  ASSERT_TRUE(admin);

  auto tx = this->db_->Begin(db::TxMode::kWrite);
  UserPatch elsewhere;
  elsewhere.customer_id = std::optional<CustomerId>(CustomerId{999});
  auto moved = UpdateUser(*tx, this->Acting(*admin), portal->id, elsewhere, this->clock_.Now(), "r", this->accounts_);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().field(), "customer_id");
  UserPatch to_sibling;
  to_sibling.customer_id = std::optional<CustomerId>(CustomerId{13});
  EXPECT_TRUE(UpdateUser(*tx, this->Acting(*admin), portal->id, to_sibling, this->clock_.Now(), "r", this->accounts_));

  // A staff user made a portal user must be linked to an account that exists, too.
  auto staff = CreateUser(*tx, Principal::System("test"), NewUser{"wang.agent", "wang", Role::kAgent, std::nullopt,
                                                                    std::nullopt, false},
                          "", this->clock_.Now(), "r", this->accounts_);
  ASSERT_TRUE(staff);
  UserPatch to_portal;
  to_portal.role = Role::kPortal;
  to_portal.customer_id = std::optional<CustomerId>(CustomerId{998});
  auto refused = UpdateUser(*tx, this->Acting(*admin), staff->id, to_portal, this->clock_.Now(), "r", this->accounts_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field(), "customer_id");
}

TYPED_TEST(AuthServiceTest, WithoutTheCustomersModuleNoPortalUserCanBeLinked) {
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  NewUser u{"shunda.portal", "shunda", Role::kPortal, std::nullopt, CustomerId{12}, false};
  auto refused = CreateUser(*tx, Principal::System("test"), u, "", this->clock_.Now(), "r", CustomerAccounts{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field(), "customer_id");
}

}  // namespace
}  // namespace consign::auth
