// The platform as a client sees it: health, readiness, metrics, errors as problem+json, limits,
// keep-alive, request ids, static console files, graceful shutdown. Runs on every backend.
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace fs = std::filesystem;

class PlatformApi : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    console_ = fs::temp_directory_path() / ("consign-console-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(console_ / "assets");
    std::ofstream(console_ / "index.html") << "<!doctype html><title>Consign</title>";
    std::ofstream(console_ / "assets" / "index-4f2a.js") << "console.log('consign')";
    ServerOptions options;
    options.extra_args = {"--body-limit", "64KiB", "--header-limit", "8KiB", "--worker-threads", "4",
                          "--read-timeout", "1s", "--idle-timeout", "2s"};
    options.env = {{"CONSIGN_TEST_HOOKS", "1"}};
    options.static_dir = console_.string();
    return options;
  }
  void TearDown() override {
    ApiTest::TearDown();
    std::error_code ec;
    fs::remove_all(console_, ec);
  }

  static void ExpectProblem(const HttpResponse& r, long status, std::string_view code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type").value_or(""), "application/problem+json");
    auto doc = r.Json();
    ASSERT_TRUE(doc.is_object()) << r.body;
    EXPECT_EQ(doc.at("status"), status);
    EXPECT_EQ(doc.at("code").as_string(), code);
    EXPECT_EQ(doc.at("type").as_string(), "/problems/" + std::string(code));
    EXPECT_EQ(doc.at("request_id").as_string(), r.Header("x-request-id").value_or("missing"));
  }

  fs::path console_;
};

TEST_P(PlatformApi, HealthzAnswersOk) {
  auto client = server().Client();
  auto r = client.Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_TRUE(r.Header("x-request-id").has_value());
}

TEST_P(PlatformApi, ReadyzQueriesTheDatabase) {
  auto client = server().Client();
  auto r = client.Get("/readyz");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("status").as_string(), "ready");
}

TEST_P(PlatformApi, MetricsCountRequestsByRouteAndExposeThePool) {
  auto client = server().Client();
  ASSERT_EQ(client.Get("/healthz").status, 200);
  ASSERT_EQ(client.Get("/healthz").status, 200);
  auto r = client.Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("content-type").value_or("").starts_with("text/plain"));
  EXPECT_NE(r.body.find(R"(consign_http_requests_total{route="/healthz",method="GET",status="200"} 2)"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"(consign_http_request_duration_seconds_count{route="/healthz"} 2)"), std::string::npos);
  EXPECT_NE(r.body.find("consign_db_pool_size "), std::string::npos);
  EXPECT_NE(r.body.find("consign_jobs_queued "), std::string::npos);
}

TEST_P(PlatformApi, UnknownRouteIs404Problem) {
  auto client = server().Client();
  auto r = client.Get("/api/v1/no-such-thing");
  ExpectProblem(r, 404, "not_found");
  EXPECT_EQ(r.Json().at("instance").as_string(), "/api/v1/no-such-thing");
}

TEST_P(PlatformApi, WrongMethodIs405WithAllow) {
  auto client = server().Client();
  auto r = client.Delete("/healthz");
  ExpectProblem(r, 405, "method_not_allowed");
  EXPECT_EQ(r.Header("allow").value_or(""), "GET, HEAD");
}

TEST_P(PlatformApi, OversizedBodyIs413Problem) {
  auto client = server().Client();
  const std::string big(1024 * 1024, 'x');
  auto r = client.Post("/healthz", big, {{"Content-Type", "application/json"}});
  ExpectProblem(r, 413, "payload_too_large");
  // The server is still fine afterwards.
  auto again = server().Client();
  EXPECT_EQ(again.Get("/healthz").status, 200);
}

TEST_P(PlatformApi, ChunkedBodyOverTheLimitIs413) {
  std::string request = "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 80; ++i) request += "400\r\n" + std::string(1024, 'y') + "\r\n";  // 80 KiB > 64 KiB
  request += "0\r\n\r\n";
  const std::string answer = RawExchange(server().port(), request);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos);
}

TEST_P(PlatformApi, OversizedHeaderIs431Problem) {
  auto client = server().Client();
  auto r = client.Get("/healthz", {{"X-Padding", std::string(16 * 1024, 'h')}});
  ExpectProblem(r, 431, "header_too_large");
}

TEST_P(PlatformApi, MalformedHttpIs400AndClosed) {
  const std::string answer = RawExchange(server().port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("application/problem+json"), std::string::npos);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
}

TEST_P(PlatformApi, AClientThatStopsMidRequestIsCutOff) {
  // Half a request header, then silence: the read timeout (1 s here) must close the connection
  // well before this test would give up waiting (15 s).
  bool closed = false;
  const std::string answer =
      RawExchange(server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(15), &closed);
  EXPECT_TRUE(closed) << "the server kept a stalled connection open";
  EXPECT_TRUE(answer.empty()) << answer;
  auto client = server().Client();
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_P(PlatformApi, KeepAliveReusesOneConnection) {
  auto client = server().Client();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.Get("/api/v1/nothing").status, 404);  // errors keep the connection too
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_P(PlatformApi, PipelinedRequestsAreAnsweredInOrder) {
  // The first is slow, the second fast: the answers must still come back in request order.
  const std::string answer = RawExchange(server().port(),
                                         "GET /_test/sleep?ms=300 HTTP/1.1\r\nHost: x\r\n\r\n"
                                         "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const size_t slow = answer.find(R"({"slept":true})");
  const size_t fast = answer.find(R"({"status":"ok"})");
  ASSERT_NE(slow, std::string::npos) << answer;
  ASSERT_NE(fast, std::string::npos) << answer;
  EXPECT_LT(slow, fast);
}

TEST_P(PlatformApi, ClientRequestIdIsEchoedAndBadOnesReplaced) {
  auto client = server().Client();
  auto r = client.Get("/healthz", {{"X-Request-Id", "trace-42.a_b:c"}});
  EXPECT_EQ(r.Header("x-request-id").value_or(""), "trace-42.a_b:c");
  auto problem = client.Get("/api/v1/nope", {{"X-Request-Id", "trace-43"}});
  EXPECT_EQ(problem.Json().at("request_id").as_string(), "trace-43");
  auto bad = client.Get("/healthz", {{"X-Request-Id", std::string(300, 'z')}});
  EXPECT_NE(bad.Header("x-request-id").value_or(""), std::string(300, 'z'));
  EXPECT_FALSE(bad.Header("x-request-id").value_or("").empty());
}

TEST_P(PlatformApi, HeadHasGetsHeadersWithoutBody) {
  auto client = server().Client();
  auto get = client.Get("/healthz");
  auto head = client.Head("/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), get.Header("content-length"));
  EXPECT_EQ(head.Header("content-type"), get.Header("content-type"));
  EXPECT_EQ(client.Get("/healthz").status, 200);  // the connection is still in step
}

TEST_P(PlatformApi, ServesTheConsoleWithClientSideRoutes) {
  auto client = server().Client();
  auto index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>Consign</title>");
  EXPECT_EQ(index.Header("cache-control").value_or(""), "no-cache");
  auto route = client.Get("/customers/12");
  EXPECT_EQ(route.body, index.body);
  auto asset = client.Get("/assets/index-4f2a.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.Header("cache-control").value_or("").find("immutable"), std::string::npos);
  EXPECT_TRUE(asset.Header("content-type").value_or("").starts_with("text/javascript"));
  ExpectProblem(client.Get("/api/v1/unknown"), 404, "not_found");
  ExpectProblem(client.Get("/assets/missing-0000.js"), 404, "not_found");
}

TEST_P(PlatformApi, NoDirectoryTraversal) {
  const std::string answer =
      RawExchange(server().port(), "GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.find("root:"), std::string::npos) << answer;
  const std::string encoded = RawExchange(
      server().port(), "GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(encoded.find("root:"), std::string::npos) << encoded;
}

TEST_P(PlatformApi, SlowRequestDoesNotStallOthers) {
  std::atomic<bool> slow_done{false};
  auto slow = std::async(std::launch::async, [&] {
    auto client = server().Client();
    auto r = client.Get("/_test/sleep?ms=3000");
    slow_done = true;
    return r.status;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto client = server().Client();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(client.Get("/readyz").status, 200);
  EXPECT_FALSE(slow_done.load()) << "the fast requests waited for the slow one";
  EXPECT_EQ(slow.get(), 200);
}

TEST_P(PlatformApi, SigtermLetsTheRequestInFlightFinish) {
  auto slow = std::async(std::launch::async, [&] {
    auto client = server().Client();
    return client.Get("/_test/sleep?ms=1500");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server().Signal(SIGTERM);
  const HttpResponse r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"slept":true})");
  EXPECT_EQ(server().Wait(std::chrono::seconds(20)), 0) << server().Stderr();
}

TEST_P(PlatformApi, AccessLogIsOneJsonLinePerRequestWithoutBodies) {
  auto client = server().Client();
  client.Post("/healthz", R"({"password":"hunter2"})");
  client.Get("/healthz?q=%E5%BC%A0%E4%B8%89");
  server().Terminate();
  const std::string log = server().Stderr();
  EXPECT_EQ(log.find("hunter2"), std::string::npos);
  EXPECT_EQ(log.find("%E5%BC%A0"), std::string::npos) << "query strings may carry personal data";
  EXPECT_NE(log.find(R"("method":"POST","route":"unmatched","status":405)"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("method":"GET","route":"/healthz","status":200)"), std::string::npos) << log;
}

CONSIGN_API_SUITE(PlatformApi);

// Commands, not the server: they need no backend.
TEST(ConsignCommands, RoutesListsEveryRouteWithItsAccess) {
  auto result = RunConsign({"routes"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("GET /healthz public\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("GET /metrics public\n"), std::string::npos);
  EXPECT_EQ(result.out.find("/_test/"), std::string::npos) << "test hooks only exist when asked for";
}

TEST(ConsignCommands, BadConfigurationNamesKeyAndSource) {
  auto flag = RunConsign({"serve", "--listen", "nowhere"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("listen"), std::string::npos) << flag.err;
  EXPECT_NE(flag.err.find("flag --listen"), std::string::npos) << flag.err;
  auto env = RunConsign({"serve"}, {}, {{"CONSIGN_BODY_LIMIT", "huge"}});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_NE(env.err.find("environment CONSIGN_BODY_LIMIT"), std::string::npos) << env.err;
}

TEST(ConsignCommands, MigrateBringsAFreshDatabaseUpToDate) {
  TestDatabase db("sqlite");
  auto first = RunConsign({"migrate", "--db", db.url()});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  auto again = RunConsign({"migrate", "--db", db.url()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(db.Sql("SELECT module FROM schema_migrations").empty());
}

}  // namespace
}  // namespace consign::apitest
