#include "platform/http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/static_files.hpp"

namespace consign::http {
namespace {

// Records what the pipeline did with each transaction.
struct TxLog {
  int begun = 0, committed = 0, rolled_back = 0;
};

class FakeTransaction final : public db::Transaction {
 public:
  explicit FakeTransaction(TxLog& log) : log_(log) {}
  ~FakeTransaction() override {
    if (!done_) ++log_.rolled_back;
  }
  db::Dialect dialect() const override { return db::Dialect::kSqlite; }
  db::Rows Query(std::string_view, std::span<const db::Param>) override { return {}; }
  int64_t Execute(std::string_view, std::span<const db::Param>) override { return 0; }
  void ExecuteScript(std::string_view) override {}
  void Commit() override {
    done_ = true;
    ++log_.committed;
  }
  void Rollback() override {
    done_ = true;
    ++log_.rolled_back;
  }

 private:
  TxLog& log_;
  bool done_ = false;
};

class FakeDatabase final : public db::Database {
 public:
  db::Dialect dialect() const override { return db::Dialect::kSqlite; }
  std::unique_ptr<db::Transaction> Begin(db::TxMode) override {
    ++log.begun;
    return std::make_unique<FakeTransaction>(log);
  }
  db::PoolStats Stats() const override { return {}; }
  TxLog log;
};

constexpr Permission kItemsRead{"items", "read"};
constexpr Permission kItemsCreate{"items", "create"};
constexpr Permission kItemsDelete{"items", "delete"};

class FixedAuthenticator final : public Authenticator {
 public:
  Result<Principal> Authenticate(const Request& request, Context&) override {
    if (request.Header("authorization") == "Bearer bad") return MakeError(ErrorCode::kUnauthenticated, "Bad token.");
    Principal p;
    p.authenticated = request.Header("authorization").has_value();
    p.login = "li.na";
    // Everything but deleting items.
    auto permissions = std::make_shared<PermissionSet>();
    permissions->Add(kItemsRead);
    permissions->Add(kItemsCreate);
    p.permissions = std::move(permissions);
    return p;
  }
};

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : clock_(Instant{}) {
    router_.Get("/public", Public(), [](const Request&, Context&) { return Response::Json(200, "{}"); });
    router_.Get("/items/{id}", Requires(kItemsRead), [](const Request& r, Context& ctx) {
      return Response::Json(200, "{\"id\":\"" + std::string(r.PathParam("id")) + "\",\"who\":\"" +
                                     ctx.principal().login + "\"}");
    });
    router_.Post("/items", Requires(kItemsCreate), [](const Request&, Context& ctx) {
      ctx.tx().Execute("INSERT");
      ctx.extra_headers().emplace_back("Set-Cookie", "a=b");
      return Response::Json(201, "{}");
    });
    router_.Post("/items/fail", Requires(kItemsCreate), [](const Request&, Context& ctx) {
      ctx.tx().Execute("INSERT");
      return Response::Json(422, "{}");
    });
    router_.Delete("/items/{id}", Requires(kItemsDelete), [](const Request&, Context&) {
      return Response::NoContent();
    });
    router_.Post("/dup", Public(), [](const Request&, Context& ctx) -> Response {
      ctx.tx();
      throw db::DbError(db::DbError::Kind::kUniqueViolation, "UNIQUE constraint failed: customers.code");
    });
    router_.Post("/busy", Public(), [](const Request&, Context&) -> Response {
      throw db::DbError(db::DbError::Kind::kBusy, "database is locked");
    });
    router_.Get("/loose", Public(), [](const Request&, Context& ctx) {
      ctx.extra_headers().emplace_back("Set-Cookie", "session=t; HttpOnly; Secure; Path=/");
      Response r = Response::Json(200, "{}");
      r.Set("cache-control", "public, max-age=600");
      r.Set("Content-Security-Policy", "default-src *");
      r.Set("Referrer-Policy", "unsafe-url");
      return r;
    });
    router_.GetShared("/reference", Public(), [](const Request& request, Context&) {
      Response r = Response::Json(request.Query("fail") ? 400 : 200, "{}");
      r.Set("Cache-Control", "public, max-age=86400");
      return r;
    });
    router_.Post("/items/import", Requires(kItemsCreate), [](const Request& r, Context& ctx) {
      return Response::Json(200, "{\"bytes\":" + std::to_string(r.body.size()) + ",\"who\":\"" + ctx.principal().login + "\"}");
    }, BodySize::kLarge);
    router_.Post("/bug", Public(), [](const Request&, Context& ctx) -> Response {
      ctx.tx();
      throw std::runtime_error("secret internal detail");
    });
    PipelineParts parts;
    parts.router = &router_;
    parts.database = &database_;
    parts.clock = &clock_;
    parts.authenticator = &authenticator_;
    parts.metrics = &metrics_;
    pipeline_ = std::make_unique<Pipeline>(std::move(parts));
  }

  Response Call(Method method, std::string path, std::string auth = "Bearer good") {
    Request r;
    r.method = method;
    EXPECT_TRUE(ParseTarget(path, r));
    if (!auth.empty()) r.headers.emplace_back("authorization", auth);
    return pipeline_->Dispatch(r);
  }

  // Admit() on the header alone: the refusal, or nullopt and the admission.
  std::optional<Response> AdmitOnly(Method method, std::string path, std::string auth, Admission* admission,
                                    Request* kept = nullptr) {
    Request r;
    r.method = method;
    EXPECT_TRUE(ParseTarget(path, r));
    if (!auth.empty()) r.headers.emplace_back("authorization", auth);
    auto decided = pipeline_->Admit(r, std::chrono::steady_clock::now());
    if (kept) *kept = r;
    if (auto* refusal = std::get_if<Response>(&decided)) return std::move(*refusal);
    *admission = std::get<Admission>(std::move(decided));
    return std::nullopt;
  }

  static std::string Header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }
  static int Count(const Response& r, std::string_view name) {
    int n = 0;
    for (const auto& [k, v] : r.headers) n += k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                                                   return std::tolower(static_cast<unsigned char>(a)) ==
                                                          std::tolower(static_cast<unsigned char>(b));
                                                 });
    return n;
  }
  static boost::json::object Problem(const Response& r) {
    EXPECT_EQ(r.content_type, "application/problem+json");
    return boost::json::parse(r.body).as_object();
  }

  Router router_;
  FakeDatabase database_;
  ManualClock clock_;
  FixedAuthenticator authenticator_;
  Metrics metrics_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, MatchesRoutesAndRunsTheHandlerAsThePrincipal) {
  Response r = Call(Method::kGet, "/items/42");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"id":"42","who":"li.na"})");
  EXPECT_FALSE(Header(r, "X-Request-Id").empty());
}

TEST_F(PipelineTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Response missing = Call(Method::kGet, "/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Problem(missing)["code"], "not_found");
  Response wrong = Call(Method::kPut, "/items/1");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(Header(wrong, "Allow"), "GET, HEAD, DELETE");
  EXPECT_EQ(Problem(wrong)["request_id"].as_string(), Header(wrong, "X-Request-Id"));
}

TEST_F(PipelineTest, AuthenticationAndAuthorizationGuardNonPublicRoutes) {
  EXPECT_EQ(Call(Method::kGet, "/items/1", "").status, 401);
  EXPECT_EQ(Call(Method::kGet, "/items/1", "Bearer bad").status, 401);
  EXPECT_EQ(Call(Method::kDelete, "/items/1").status, 403);
  EXPECT_EQ(Call(Method::kGet, "/public", "").status, 200);
}

TEST_F(PipelineTest, CommitsBelow400AndRollsBackOtherwise) {
  Response ok = Call(Method::kPost, "/items");
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(Header(ok, "Set-Cookie"), "a=b");
  EXPECT_EQ(database_.log.committed, 1);
  EXPECT_EQ(Call(Method::kPost, "/items/fail").status, 422);
  EXPECT_EQ(database_.log.committed, 1);
  EXPECT_EQ(database_.log.rolled_back, 1);
}

TEST_F(PipelineTest, UniqueViolationIs409AndRollsBack) {
  Response r = Call(Method::kPost, "/dup");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Problem(r)["code"], "conflict");
  EXPECT_EQ(r.body.find("customers.code"), std::string::npos) << "table names must not leak";
  EXPECT_EQ(database_.log.rolled_back, 1);
  EXPECT_EQ(database_.log.committed, 0);
}

TEST_F(PipelineTest, BusyDatabaseIs503WithRetryAfter) {
  Response r = Call(Method::kPost, "/busy");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Header(r, "Retry-After"), "1");
}

TEST_F(PipelineTest, ExceptionsAre500WithTheRequestIdAndNoInternals) {
  Request req;
  req.method = Method::kPost;
  ASSERT_TRUE(ParseTarget("/bug", req));
  Response r = pipeline_->Dispatch(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_TRUE(Header(r, "X-Request-Id").starts_with("r-"));
  EXPECT_EQ(Problem(r)["request_id"].as_string(), Header(r, "X-Request-Id"));
  EXPECT_EQ(database_.log.rolled_back, 1);
}

TEST_F(PipelineTest, TheRequestIdIsAlwaysTheServersAndTheClientsIsKeptApart) {
  Request req;
  ASSERT_TRUE(ParseTarget("/public", req));
  req.headers.emplace_back("x-request-id", "client-id-1");
  Response r = pipeline_->Dispatch(req);
  EXPECT_TRUE(Header(r, "X-Request-Id").starts_with("r-"));
  EXPECT_EQ(Header(r, "X-Client-Request-Id"), "client-id-1");

  Request insane;
  ASSERT_TRUE(ParseTarget("/public", insane));
  insane.headers.emplace_back("x-request-id", "bad id with spaces\"");
  Response answer = pipeline_->Dispatch(insane);
  EXPECT_TRUE(Header(answer, "X-Request-Id").starts_with("r-"));
  EXPECT_EQ(Header(answer, "X-Client-Request-Id"), "");
}

TEST_F(PipelineTest, CountsRequestsByRoutePattern) {
  Call(Method::kGet, "/items/1");
  Call(Method::kGet, "/items/2");
  const std::string text = metrics_.Render();
  EXPECT_NE(text.find(R"(consign_http_requests_total{route="/items/{id}",method="GET",status="200"} 2)"),
            std::string::npos)
      << text;
}

constexpr std::string_view kLockdown =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

TEST_F(PipelineTest, EveryResponseCarriesTheEdgeHeadersOnce) {
  for (const Response& r : {Call(Method::kGet, "/items/1"), Call(Method::kGet, "/nothing"),
                            Call(Method::kGet, "/items/1", ""), Call(Method::kPost, "/bug"),
                            Call(Method::kGet, "/loose")}) {
    SCOPED_TRACE(r.status);
    EXPECT_EQ(Header(r, "Content-Security-Policy"), kLockdown);
    EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
    EXPECT_EQ(Header(r, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(Header(r, "Cross-Origin-Opener-Policy"), "same-origin");
    EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
    for (std::string_view name : {"Content-Security-Policy", "Referrer-Policy", "Cache-Control"})
      EXPECT_EQ(Count(r, name), 1) << name << ": a handler's own value must be replaced, not added to";
    EXPECT_EQ(Count(r, "Strict-Transport-Security"), 0) << "no HSTS over plain HTTP";
  }
  EXPECT_EQ(Header(Call(Method::kPost, "/items"), "Set-Cookie"), "a=b") << "cookies are left alone without TLS";
}

TEST_F(PipelineTest, OnlyASharedRouteKeepsItsCacheControlAndOnlyWhenItSucceeds) {
  Response shared = Call(Method::kGet, "/reference");
  EXPECT_EQ(Header(shared, "Cache-Control"), "public, max-age=86400");
  EXPECT_EQ(Count(shared, "Cache-Control"), 1);
  EXPECT_EQ(Header(shared, "Content-Security-Policy"), kLockdown) << "the other edge headers still apply";
  EXPECT_EQ(Header(Call(Method::kGet, "/reference?fail=1"), "Cache-Control"), "no-store") << "an error is not cached";
  EXPECT_EQ(Header(Call(Method::kGet, "/loose"), "Cache-Control"), "no-store") << "an ordinary route cannot opt out";
}

TEST_F(PipelineTest, BehindTlsAddsHstsAndMakesEveryCookieSecure) {
  PipelineParts parts;
  parts.router = &router_;
  parts.database = &database_;
  parts.clock = &clock_;
  parts.authenticator = &authenticator_;
  parts.https = true;
  pipeline_ = std::make_unique<Pipeline>(std::move(parts));
  Response created = Call(Method::kPost, "/items");
  EXPECT_EQ(Header(created, "Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(Header(created, "Set-Cookie"), "a=b; Secure");
  EXPECT_EQ(Header(Call(Method::kGet, "/loose"), "Set-Cookie"), "session=t; HttpOnly; Secure; Path=/")
      << "a cookie that is already Secure is not marked twice";
  EXPECT_EQ(Header(Call(Method::kGet, "/nothing"), "Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
}

TEST_F(PipelineTest, ServerMadeResponsesGetTheSameHeaders) {
  Request request;
  Response r = Response::Text(413, "{}", "application/problem+json");
  pipeline_->FinishServerResponse(request, r, "r-1", std::chrono::steady_clock::now());
  EXPECT_EQ(Header(r, "X-Request-Id"), "r-1");
  EXPECT_EQ(Header(r, "Content-Security-Policy"), kLockdown);
  EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(PipelineTest, TheConsoleGetsItsPolicyAndKeepsItsCaching) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("consign-edge-" + std::to_string(::getpid()));
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html>";
  std::ofstream(root / "assets" / "app-1.js") << "1";
  StaticFiles console(root);
  PipelineParts parts;
  parts.router = &router_;
  parts.clock = &clock_;
  parts.static_files = &console;
  pipeline_ = std::make_unique<Pipeline>(std::move(parts));
  Response page = Call(Method::kGet, "/customers/12", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(Header(page, "Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  EXPECT_EQ(Header(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(Header(page, "X-Frame-Options"), "DENY");
  Response asset = Call(Method::kGet, "/assets/app-1.js", "");
  EXPECT_EQ(Header(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(asset, "Content-Security-Policy"), kLockdown) << "only HTML documents get the console policy";
  EXPECT_EQ(Count(asset, "X-Content-Type-Options"), 1);
  fs::remove_all(root);
}

TEST(RequestId, FreshIdsDiffer) { EXPECT_NE(NewRequestId(), NewRequestId()); }

// Issue 6: a request with a body is decided on its header, before the server reads the body.
TEST_F(PipelineTest, AdmitRefusesOnTheHeaderAloneWithAFinishedResponse) {
  Admission admission;
  auto anonymous = AdmitOnly(Method::kPost, "/items", "", &admission);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_FALSE(Header(*anonymous, "X-Request-Id").empty());
  EXPECT_EQ(Header(*anonymous, "X-Frame-Options"), "DENY") << "a refusal gets the edge headers too";
  EXPECT_EQ(AdmitOnly(Method::kPost, "/items", "Bearer bad", &admission)->status, 401);
  EXPECT_EQ(AdmitOnly(Method::kDelete, "/items/3", "Bearer good", &admission)->status, 403);
  EXPECT_EQ(AdmitOnly(Method::kPost, "/nothing", "Bearer good", &admission)->status, 404);
  EXPECT_EQ(AdmitOnly(Method::kPut, "/items/3", "Bearer good", &admission)->status, 405);
  EXPECT_EQ(database_.log.begun, 0) << "deciding opens no transaction of the request";
}

TEST_F(PipelineTest, AnAdmittedRequestRunsWithThePrincipalAndTheRoutesBodySize) {
  Admission admission;
  Request request;
  ASSERT_FALSE(AdmitOnly(Method::kPost, "/items/import", "Bearer good", &admission, &request));
  ASSERT_NE(admission.route, nullptr);
  EXPECT_EQ(admission.body, BodySize::kLarge);
  EXPECT_EQ(admission.principal.login, "li.na");
  request.body = std::string(1000, 'x');
  Response r = pipeline_->Dispatch(request, std::move(admission), std::chrono::steady_clock::now());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"bytes":1000,"who":"li.na"})");
  Admission form;
  ASSERT_FALSE(AdmitOnly(Method::kPost, "/items", "Bearer good", &form));
  EXPECT_EQ(form.body, BodySize::kSmall) << "a route that declares nothing takes a small body";
}

TEST_F(PipelineTest, AdmitAnswers503WhenAuthenticationCannotReachTheDatabase) {
  class DownAuthenticator final : public Authenticator {
   public:
    Result<Principal> Authenticate(const Request&, Context&) override {
      throw db::DbError(db::DbError::Kind::kUnavailable, "pool timeout");
    }
  } down;
  PipelineParts parts;
  parts.router = &router_;
  parts.database = &database_;
  parts.clock = &clock_;
  parts.authenticator = &down;
  Pipeline pipeline(std::move(parts));
  Request r;
  r.method = Method::kPost;
  ASSERT_TRUE(ParseTarget("/items", r));
  auto decided = pipeline.Admit(r, std::chrono::steady_clock::now());
  ASSERT_TRUE(std::holds_alternative<Response>(decided));
  EXPECT_EQ(std::get<Response>(decided).status, 503);
  EXPECT_EQ(Header(std::get<Response>(decided), "Retry-After"), "1");
}

}  // namespace
}  // namespace consign::http
