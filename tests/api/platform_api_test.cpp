// The platform as a client sees it: health, readiness, metrics (on the internal listener), errors as
// problem+json, limits, keep-alive, request ids, static console files, graceful shutdown, the headers
// every response carries, framing that could smuggle a request. Runs on every backend.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace fs = std::filesystem;

// A connection the test holds open, from a chosen loopback address (all of 127/8 is this machine),
// for the connection caps.
class HeldConnection {
 public:
  HeldConnection(int port, const char* from = "127.0.0.1") {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    inet_pton(AF_INET, from, &source.sin_addr);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) ADD_FAILURE() << "bind " << from;
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<uint16_t>(port));
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) ADD_FAILURE() << "connect";
  }
  ~HeldConnection() { Close(); }
  HeldConnection(const HeldConnection&) = delete;
  HeldConnection& operator=(const HeldConnection&) = delete;

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Sends `bytes` and reads until `until` has arrived, the server closes (*closed), or 5 s pass.
  std::string Exchange(std::string_view bytes, std::string_view until, bool* closed = nullptr) {
    if (closed) *closed = false;
    send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    char buffer[4096];
    while (received.find(until) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        if (closed) *closed = true;
        break;
      }
      received.append(buffer, static_cast<size_t>(n));
    }
    return received;
  }
  // A keep-alive GET /healthz answered 200: the server counts this connection as open.
  bool Served() {
    return Exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", R"({"status":"ok"})").starts_with("HTTP/1.1 200");
  }

 private:
  int fd_ = -1;
};

// The server's answer to a connection over a cap: 503, Retry-After, closed without waiting for more.
void ExpectRefusedConnection(HeldConnection& connection) {
  bool closed = false;
  // Read to the end: the server closes as soon as the answer is written.
  const std::string answer = connection.Exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "\x01never", &closed);
  EXPECT_TRUE(closed) << "the refused connection must be closed";
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 503")) << answer;
  EXPECT_NE(answer.find("Retry-After: 1\r\n"), std::string::npos) << answer;
  EXPECT_NE(answer.find("too_many_connections"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
}

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
                          "--read-timeout", "1s", "--idle-timeout", "2s", "--metrics-listen", "127.0.0.1:0"};
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

  // The internal listener's port, from the line the server prints when it starts listening.
  int MetricsPort() {
    constexpr std::string_view kPrefix = "Consign metrics listening on http://127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string out = server().Stdout();
      if (const size_t at = out.find(kPrefix); at != std::string::npos && out.find('\n', at) != std::string::npos)
        return std::stoi(out.substr(at + kPrefix.size()));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "no metrics listening line:\n" << server().Stdout();
    return 0;
  }

  // The headers every response carries, whoever made it; `raw` is a whole response as received.
  static void ExpectEdgeHeaders(std::string_view raw) {
    EXPECT_NE(raw.find("\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'"), std::string::npos)
        << raw.substr(0, 600);
    EXPECT_NE(raw.find("\r\nX-Frame-Options: DENY\r\n"), std::string::npos) << raw.substr(0, 600);
    EXPECT_NE(raw.find("\r\nReferrer-Policy: no-referrer\r\n"), std::string::npos);
    EXPECT_NE(raw.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos);
    EXPECT_NE(raw.find("\r\nCross-Origin-Opener-Policy: same-origin\r\n"), std::string::npos);
    EXPECT_NE(raw.find("\r\nCache-Control: no-store\r\n"), std::string::npos);
    EXPECT_EQ(raw.find("Strict-Transport-Security"), std::string::npos) << "no HSTS without public_origin https";
  }
  static void ExpectRefusedAndClosed(int port, const std::string& request, std::string_view status_line,
                                     std::string_view code) {
    bool closed = false;
    const std::string answer = RawExchange(port, request, std::chrono::seconds(5), &closed);
    EXPECT_TRUE(answer.starts_with(status_line)) << request << "\n→\n" << answer;
    EXPECT_NE(answer.find(code), std::string::npos) << answer;
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
    EXPECT_TRUE(closed) << "the connection must close after a framing error";
    // Nothing after the refusal was read as a request of its own.
    EXPECT_EQ(answer.find("\nHTTP/1."), std::string::npos) << "a smuggled request was answered:\n" << answer;
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
  HttpClient internal("http://127.0.0.1:" + std::to_string(MetricsPort()));
  auto r = internal.Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("content-type").value_or("").starts_with("text/plain"));
  EXPECT_NE(r.body.find(R"(consign_http_requests_total{route="/healthz",method="GET",status="200"} 2)"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"(consign_http_request_duration_seconds_count{route="/healthz"} 2)"), std::string::npos);
  EXPECT_NE(r.body.find("consign_db_pool_size "), std::string::npos);
  EXPECT_NE(r.body.find("consign_jobs_queued "), std::string::npos);
  EXPECT_EQ(r.Header("x-frame-options").value_or(""), "DENY") << "the internal listener has the same edge";
  EXPECT_EQ(internal.Get("/healthz").status, 404) << "the internal listener serves metrics only";
}

TEST_P(PlatformApi, MetricsAreNotOnThePublicListener) {
  // /metrics is just another console path here: the console's page, not the numbers.
  auto r = server().Client().Get("/metrics");
  EXPECT_EQ(r.body, "<!doctype html><title>Consign</title>");
  EXPECT_EQ(r.body.find("consign_http_requests_total"), std::string::npos);
}

TEST_P(PlatformApi, UnknownRouteIs404Problem) {
  auto client = server().Client();
  auto r = client.Get("/api/v1/no-such-thing");
  ExpectProblem(r, 404, "not_found");
  EXPECT_EQ(r.Json().at("instance").as_string(), "/api/v1/no-such-thing");
}

// Found by fuzz_query: a filter that decodes to bytes that are not UTF-8 reached PostgreSQL as a
// text parameter, which refuses it (a 500). Now the request target itself is refused.
TEST_P(PlatformApi, AQueryThatIsNotUtf8Is400NotA500) {
  HttpClient admin = LogInAsAdmin(server());
  EXPECT_EQ(admin.Get("/api/v1/customers?city=%FF").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/customers?q=%C0%AF").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/customers?city=%E6%B7%B1%E5%9C%B3").status, 200);
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
  // A route that takes a body (a public one: nothing to decide but its limit).
  auto r = client.Post("/api/v1/auth/login", big, {{"Content-Type", "application/json"}});
  ExpectProblem(r, 413, "payload_too_large");
  // The server is still fine afterwards.
  auto again = server().Client();
  EXPECT_EQ(again.Get("/healthz").status, 200);
}

TEST_P(PlatformApi, ChunkedBodyOverTheLimitIs413) {
  std::string request = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
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

TEST_P(PlatformApi, ClientRequestIdIsEchoedApartFromTheServersOwn) {
  auto client = server().Client();
  auto r = client.Get("/healthz", {{"X-Request-Id", "trace-42.a_b:c"}});
  EXPECT_EQ(r.Header("x-client-request-id").value_or(""), "trace-42.a_b:c");
  EXPECT_TRUE(r.Header("x-request-id").value_or("").starts_with("r-"));  // never the client's
  auto problem = client.Get("/api/v1/nope", {{"X-Request-Id", "trace-43"}});
  EXPECT_EQ(problem.Json().at("request_id").as_string(), problem.Header("x-request-id").value_or("?"));
  EXPECT_NE(problem.Json().at("request_id").as_string(), "trace-43");
  EXPECT_EQ(problem.Header("x-client-request-id").value_or(""), "trace-43");
  auto bad = client.Get("/healthz", {{"X-Request-Id", std::string(300, 'z')}});
  EXPECT_FALSE(bad.Header("x-client-request-id").has_value());
  EXPECT_TRUE(bad.Header("x-request-id").value_or("").starts_with("r-"));
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

TEST_P(PlatformApi, EveryResponseCarriesTheSecurityHeaders) {
  // Made by a route, by the router (404), and by the server itself before any route (400, 413, 431).
  ExpectEdgeHeaders(RawExchange(server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ExpectEdgeHeaders(RawExchange(server().port(), "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ExpectEdgeHeaders(RawExchange(server().port(), "THIS IS NOT HTTP\r\n\r\n"));
  ExpectEdgeHeaders(RawExchange(server().port(), "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n"));
  ExpectEdgeHeaders(RawExchange(server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " +
                                                     std::string(16 * 1024, 'h') + "\r\n\r\n"));
  // The console's page gets the console's policy and stays revalidated rather than unstored.
  auto client = server().Client();
  auto page = client.Get("/customers/12");
  EXPECT_EQ(page.Header("content-security-policy").value_or(""),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
  EXPECT_EQ(page.Header("x-frame-options").value_or(""), "DENY");
  EXPECT_EQ(page.Header("referrer-policy").value_or(""), "no-referrer");
  EXPECT_EQ(page.Header("cache-control").value_or(""), "no-cache");
}

TEST_P(PlatformApi, ApiResponsesAreNeverStored) {
  const std::string once = OneTimeAdminPassword(server());
  auto client = server().Client();
  auto login = client.Post("/api/v1/auth/login", LoginBody("admin", once));
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(login.Header("set-cookie").value_or("").find("Secure"), std::string::npos)
      << "plain HTTP without public_origin: a Secure cookie would never come back";
  client.SetDefaultHeader("Authorization", "Bearer " + std::string(login.Json().at("token").as_string()));
  auto me = client.Get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(client.Get("/api/v1/no-such-thing").Header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(client.Get("/assets/index-4f2a.js").Header("cache-control").value_or(""),
            "public, max-age=31536000, immutable")
      << "content-hashed console assets stay cacheable";
}

TEST_P(PlatformApi, TransferEncodingOtherThanChunkedIsRefused) {
  const int port = server().port();
  // A coding this server does not implement: 501. What follows the header must not become a request.
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                         "0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                         "HTTP/1.1 501", "transfer_encoding_not_implemented");
  ExpectRefusedAndClosed(port,
                         "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n"
                         "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                         "HTTP/1.1 501", "transfer_encoding_not_implemented");
  // Ambiguous framing: 400.
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"
                         "0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                         "Content-Length: 5\r\n\r\n0\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port,
                         "POST /healthz HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                         "HTTP/1.1 400", "malformed_request");
  // Exactly chunked is fine: the body is read and the route answers (405: /healthz takes GET only).
  const std::string chunked = RawExchange(
      port, "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nConnection: close\r\n\r\n"
            "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_TRUE(chunked.starts_with("HTTP/1.1 405")) << chunked;
  EXPECT_EQ(server().Client().Get("/healthz").status, 200);
}

TEST_P(PlatformApi, MissingOrRepeatedHostIsRefused) {
  const int port = server().port();
  ExpectRefusedAndClosed(port, "GET /healthz HTTP/1.1\r\n\r\n", "HTTP/1.1 400", "malformed_request");
  ExpectRefusedAndClosed(port, "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "HTTP/1.1 400",
                         "malformed_request");
  ExpectRefusedAndClosed(port, "GET /healthz HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", "HTTP/1.1 400",
                         "malformed_request");
  // HTTP/1.0 predates Host: without one it is still served.
  const std::string old = RawExchange(port, "GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(old.starts_with("HTTP/1.0 200")) << old;
}

// Issue 6: the server read a whole body before it knew who was asking. Now a request with a body is
// decided on its header: a client without credentials announcing 50 MB gets its 401 and a closed
// connection without sending a byte of the body. (Before, it got 413 here, or with a larger limit
// the server waited for all 50 MB.)
TEST_P(PlatformApi, AnAnonymousBodyIsRefusedOnItsHeaderWithoutBeingRead) {
  const auto refused = [&](const std::string& head, std::string_view status_line, std::string_view code) {
    bool closed = false;
    const std::string answer = RawExchange(server().port(), head, std::chrono::seconds(10), &closed);
    EXPECT_TRUE(answer.starts_with(status_line)) << head << "\n→\n" << answer;
    EXPECT_NE(answer.find(code), std::string::npos) << answer;
    EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
    EXPECT_TRUE(closed) << "the connection must close: its body was never read";
  };
  refused("POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Content-Length: 52428800\r\n\r\n",
          "HTTP/1.1 401", "unauthenticated");
  refused("POST /api/v1/customers/imports HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
          "Content-Length: 20000000\r\n\r\n",
          "HTTP/1.1 401", "unauthenticated");
  refused("POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", "HTTP/1.1 401",
          "unauthenticated");
  refused("POST /api/v1/no-such-thing HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\n", "HTTP/1.1 404",
          "not_found");
  refused("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\n", "HTTP/1.1 405",
          "method_not_allowed");
  // A user whose role cannot import is refused on the header too (403), however large the file.
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "wang.wu", "agent");
  HttpClient agent_client = server().Client();
  const std::string agent = LogInToken(agent_client, "wang.wu", kTestPassword);
  refused("POST /api/v1/customers/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + agent +
              "\r\nContent-Type: text/csv\r\nContent-Length: 20000000\r\n\r\n",
          "HTTP/1.1 403", "forbidden");
  EXPECT_EQ(server().Client().Get("/healthz").status, 200);
}

// Issue 6: one limit for every body. Now a form takes 64 KiB (here the configured --body-limit) and
// only the import takes a file (--import-body-limit, 24 MiB by default); 413 names the route's limit.
TEST_P(PlatformApi, BodyLimitsArePerRoute) {
  HttpClient admin = LogInAsAdmin(server());
  const std::string token = LogInToken(admin, "admin", kAdminPassword);
  const std::string big_form = R"({"name":"甲","requirements":{"notes":")" + std::string(100 * 1024, 'x') + R"("}})";
  HttpResponse form = admin.Post("/api/v1/customers", big_form);
  ExpectProblem(form, 413, "payload_too_large");
  EXPECT_NE(form.Json().at("title").as_string().find("65536 bytes"), std::string::npos) << form.body;
  // Chunked, so the size is not announced: cut off at the route's limit as it arrives.
  std::string chunked = "POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 80; ++i) chunked += "400\r\n" + std::string(1024, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  const std::string answer = RawExchange(server().port(), chunked);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 300);
  // The import route reads a 1 MiB file (16 times the form limit).
  std::string csv = "名称,编码\n";
  while (csv.size() < 1024 * 1024) csv += "深圳市顺达电子有限公司" + std::to_string(csv.size()) + ",\n";
  HttpResponse import =
      admin.Post("/api/v1/customers/imports?dry_run=true", csv, {{"Content-Type", "text/csv; charset=utf-8"}});
  EXPECT_NE(import.status, 413) << import.body.substr(0, 300);
  EXPECT_LT(import.status, 500) << import.body.substr(0, 300);
}

CONSIGN_API_SUITE(PlatformApi);

// Issue 6: requests queued for the workers without bound. Now, with every worker busy and the queue
// full, a request is answered 503 + Retry-After at once instead of waiting its turn.
class PlatformApiOverload : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--io-threads", "2", "--worker-threads", "2", "--max-queued-requests", "1"};
    options.env = {{"CONSIGN_TEST_HOOKS", "1"}};
    return options;
  }
};

TEST_P(PlatformApiOverload, AFullServerAnswers503WithRetryAfterAtOnce) {
  // Two workers asleep and one request waiting for them: the server is full. (The sleep route runs on
  // a worker, as every route does that is not marked Runs::kInline.)
  std::vector<std::future<long>> sleepers;
  for (int i = 0; i < 3; ++i) {
    sleepers.push_back(std::async(std::launch::async, [&] {
      auto client = server().Client();
      return client.Get("/_test/sleep?ms=3000").status;
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto client = server().Client();
  HttpResponse busy = client.Get("/healthz");
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.Header("retry-after").value_or(""), "1");
  EXPECT_EQ(busy.Json().at("code").as_string(), "overloaded");
  // Not a guess from the clock: the sleepers are all still asleep when the 503 has come.
  for (auto& sleeper : sleepers)
    EXPECT_EQ(sleeper.wait_for(std::chrono::seconds(0)), std::future_status::timeout) << "the 503 waited for a worker";
  // A body that arrives while the server is full is refused on its header the same way.
  const std::string refused = RawExchange(server().port(),
                                          "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                          "application/json\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 503")) << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos) << refused;
  // A route that runs where it was read (Runs::kInline) needs no worker: still answered in full.
  EXPECT_EQ(server().Client().Get("/api/v1/auth/me").status, 401);
  for (auto& sleeper : sleepers) EXPECT_EQ(sleeper.get(), 200);
  EXPECT_EQ(client.Get("/healthz").status, 200) << "the same connection goes on once there is room";
}

CONSIGN_API_SUITE(PlatformApiOverload);

// Issue 6: connections were not capped. Now past the cap per client address (here 2) a new
// connection gets 503 + Retry-After and is closed, while another address is still served.
class PlatformApiConnectionsPerAddress : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--max-connections", "0", "--max-connections-per-address", "2"};
    return options;
  }
};

TEST_P(PlatformApiConnectionsPerAddress, AThirdConnectionFromOneAddressIs503) {
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the harness's readiness check has closed
  HeldConnection first(server().port()), second(server().port());
  ASSERT_TRUE(first.Served());
  ASSERT_TRUE(second.Served());
  HeldConnection third(server().port());
  ExpectRefusedConnection(third);
  HeldConnection elsewhere(server().port(), "127.0.0.2");
  EXPECT_TRUE(elsewhere.Served()) << "another address has its own allowance";
  // A place freed is a place taken again.
  first.Close();
  bool served = false;
  for (int attempt = 0; attempt < 20 && !served; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    HeldConnection again(server().port());
    served = again.Served();
  }
  EXPECT_TRUE(served);
}

CONSIGN_API_SUITE(PlatformApiConnectionsPerAddress);

// ... and past the total cap (here 3), whatever the address.
class PlatformApiConnectionsInAll : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--max-connections", "3", "--max-connections-per-address", "0"};
    return options;
  }
};

TEST_P(PlatformApiConnectionsInAll, AFourthConnectionFromAnyAddressIs503) {
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  HeldConnection a(server().port(), "127.0.0.1"), b(server().port(), "127.0.0.2"), c(server().port(), "127.0.0.3");
  ASSERT_TRUE(a.Served());
  ASSERT_TRUE(b.Served());
  ASSERT_TRUE(c.Served());
  HeldConnection d(server().port(), "127.0.0.4");
  ExpectRefusedConnection(d);
  HeldConnection e(server().port(), "127.0.0.1");
  ExpectRefusedConnection(e);
}

CONSIGN_API_SUITE(PlatformApiConnectionsInAll);

// Behind nginx with TLS (docs/operations.md): HSTS on every response, the session cookie Secure.
class PlatformApiBehindTls : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--public-origin", "https://consign.example.test"};
    return options;
  }
};

TEST_P(PlatformApiBehindTls, AddsHstsAndMakesTheSessionCookieSecure) {
  auto client = server().Client();
  auto health = client.Get("/healthz");
  EXPECT_EQ(health.Header("strict-transport-security").value_or(""), "max-age=31536000; includeSubDomains");
  auto login = client.Post("/api/v1/auth/login", LoginBody("admin", OneTimeAdminPassword(server())));
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.Header("set-cookie").value_or("");
  EXPECT_TRUE(cookie.ends_with("; Secure")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_EQ(login.Header("strict-transport-security").value_or(""), "max-age=31536000; includeSubDomains");
  const std::string refused = RawExchange(server().port(), "GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_NE(refused.find("Strict-Transport-Security: max-age=31536000; includeSubDomains"), std::string::npos)
      << refused;
}

CONSIGN_API_SUITE(PlatformApiBehindTls);

// Commands, not the server: they need no backend.
TEST(ConsignCommands, RoutesListsEveryRouteWithItsAccess) {
  auto result = RunConsign({"routes"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("GET /healthz public\n"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("/metrics"), std::string::npos) << "metrics are on the internal listener only";
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
