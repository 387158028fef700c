#include "platform/http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"

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

  static std::string Header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
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
  req.headers.emplace_back("x-request-id", "client-id-1");
  Response r = pipeline_->Dispatch(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_EQ(Problem(r)["request_id"], "client-id-1");
  EXPECT_EQ(Header(r, "X-Request-Id"), "client-id-1");
  EXPECT_EQ(database_.log.rolled_back, 1);
}

TEST_F(PipelineTest, InsaneClientRequestIdIsReplaced) {
  Request req;
  ASSERT_TRUE(ParseTarget("/public", req));
  req.headers.emplace_back("x-request-id", "bad id with spaces\"");
  Response r = pipeline_->Dispatch(req);
  EXPECT_TRUE(Header(r, "X-Request-Id").starts_with("r-"));
}

TEST_F(PipelineTest, CountsRequestsByRoutePattern) {
  Call(Method::kGet, "/items/1");
  Call(Method::kGet, "/items/2");
  const std::string text = metrics_.Render();
  EXPECT_NE(text.find(R"(consign_http_requests_total{route="/items/{id}",method="GET",status="200"} 2)"),
            std::string::npos)
      << text;
}

TEST(RequestId, FreshIdsDiffer) { EXPECT_NE(NewRequestId(), NewRequestId()); }

}  // namespace
}  // namespace consign::http
