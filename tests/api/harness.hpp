#pragma once
// Black-box API tests: the real `consign` binary, real HTTP, on SQLite and on PostgreSQL.
//
//   class CustomersApi : public consign::apitest::ApiTest {};
//   TEST_P(CustomersApi, CreatesAnAccount) {
//     auto client = server().Client();
//     auto r = client.Post("/api/v1/customers", R"({"name":"顺达"})");
//     EXPECT_EQ(r.status, 201) << r.body;
//   }
//   CONSIGN_API_SUITE(CustomersApi);
//
// Each test gets a fresh database (a temporary SQLite file, or a new PostgreSQL database created on
// the cluster CONSIGN_TEST_PG_URL names and dropped afterwards; for the "pgbouncer" backend the same,
// with the server reaching it through the PgBouncer CONSIGN_TEST_PGBOUNCER_URL names, in transaction
// mode) and its own server on an ephemeral
// port with a fixed clock (CONSIGN_FAKE_NOW, default kFakeNow). The server's stdout (the listening
// line, a first admin password) and stderr (logs) are kept in files the test can read.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace consign::apitest {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kFakeNow = "2026-11-22T08:00:00Z";

// "sqlite" always; "postgres" too when CONSIGN_TEST_PG_URL is set, or when CONSIGN_TEST_REQUIRE_PG
// is (`make test`: a missing cluster then fails the tests instead of skipping them).
std::vector<std::string> Backends();
// {"pgbouncer"} when CONSIGN_TEST_PG_URL and CONSIGN_TEST_PGBOUNCER_URL are set (or required as
// above), else none. Every suite on all three backends would cost a third more CI time for little:
// the suites that prove the server behind PgBouncer use CONSIGN_API_SUITE_PGBOUNCER.
std::vector<std::string> PgBouncerBackends();

// `SHOW <what>` (CLIENTS, SERVERS, POOLS, ...) on the admin console of the PgBouncer
// CONSIGN_TEST_PGBOUNCER_URL names: one map of column to value per row.
std::vector<std::map<std::string, std::string>> PgBouncerShow(std::string_view what);

// A fresh, empty database for one server; removed (dropped) on destruction.
class TestDatabase {
 public:
  explicit TestDatabase(std::string backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& url() const { return url_; }
  const std::string& backend() const { return backend_; }
  // postgres, pgbouncer: the database's name on the cluster.
  const std::string& pg_name() const { return pg_name_; }
  // Runs SQL on the database behind the server's back (to tamper with it, or check it). SQLite
  // through the sqlite3 library, PostgreSQL through libpq (on the cluster directly, also for the
  // "pgbouncer" backend). Returns the first column of each row.
  std::vector<std::string> Sql(const std::string& sql) const;

 private:
  std::string backend_;
  std::string url_;
  std::filesystem::path dir_;  // sqlite
  std::string pg_name_;        // postgres, pgbouncer
  std::string direct_url_;     // postgres, pgbouncer: the database on the cluster itself
};

struct HttpResponse {
  long status = 0;
  Headers headers;  // names lower-case
  std::string body;
  std::optional<std::string> Header(std::string_view lower_name) const;
  // The body parsed as JSON; a test failure (and null) when it is not JSON.
  boost::json::value Json() const;
};

// A libcurl client for one server. Reuses its connection (keep-alive) across requests.
// Not thread-safe: one client per thread.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(HttpClient&& other) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any method and path ("/api/v1/customers?q=x"); a non-empty body without a Content-Type header
  // is sent as application/json.
  HttpResponse Request(std::string_view method, std::string_view path, std::string_view body = {},
                       const Headers& headers = {});
  HttpResponse Get(std::string_view path, const Headers& headers = {}) { return Request("GET", path, {}, headers); }
  HttpResponse Head(std::string_view path, const Headers& headers = {}) { return Request("HEAD", path, {}, headers); }
  HttpResponse Post(std::string_view path, std::string_view body, const Headers& headers = {}) {
    return Request("POST", path, body, headers);
  }
  HttpResponse Patch(std::string_view path, std::string_view body, const Headers& headers = {}) {
    return Request("PATCH", path, body, headers);
  }
  HttpResponse Put(std::string_view path, std::string_view body, const Headers& headers = {}) {
    return Request("PUT", path, body, headers);
  }
  HttpResponse Delete(std::string_view path, const Headers& headers = {}) {
    return Request("DELETE", path, {}, headers);
  }

  // Keeps cookies (Set-Cookie) and sends them back, like a browser.
  void EnableCookies();
  // Headers sent with every request from now on (Authorization: Bearer …).
  void SetDefaultHeader(std::string name, std::string value);
  // For tests that kill the server on purpose: a failed connection then answers status 0 instead
  // of failing the test.
  void ExpectTransportFailures(bool expect) { expect_transport_failures_ = expect; }
  // TCP connections opened so far (1 after many requests means keep-alive worked).
  long connections_opened() const { return connections_; }

 private:
  std::string base_url_;
  void* curl_ = nullptr;  // CURL*
  Headers default_headers_;
  long connections_ = 0;
  bool expect_transport_failures_ = false;
};

struct ServerOptions {
  std::vector<std::string> extra_args;            // e.g. {"--body-limit", "64KiB"}
  std::vector<std::pair<std::string, std::string>> env;  // added to the environment
  std::optional<std::string> fake_now = std::string(kFakeNow);  // nullopt: the real clock
  std::string static_dir;                         // default: the source tree's web/dist
};

// A running `consign serve` on 127.0.0.1 and an ephemeral port, ready (GET /readyz answered 200).
class ConsignServer {
 public:
  ConsignServer(std::string db_url, ServerOptions options = {});
  ~ConsignServer();  // Terminate() if still running
  ConsignServer(const ConsignServer&) = delete;
  ConsignServer& operator=(const ConsignServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  HttpClient Client() const { return HttpClient(base_url()); }
  pid_t pid() const { return pid_; }

  // Sends SIGTERM without waiting.
  void Signal(int signal);
  // SIGTERM, then waits (up to `timeout`, then SIGKILL). Returns the exit status (128+signal if killed).
  int Terminate(std::chrono::seconds timeout = std::chrono::seconds(30));
  // Waits for the process to exit; nullopt when it is still running after `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

  std::string Stdout() const;
  std::string Stderr() const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::optional<int> exit_status_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs `consign ARGS...` to completion with `stdin_text` on its standard input.
CommandResult RunConsign(const std::vector<std::string>& args, std::string_view stdin_text = {},
                         const std::vector<std::pair<std::string, std::string>>& env = {});

// Sends raw bytes on a fresh connection and returns everything the server sends back until it
// closes the connection or `timeout` passes. For malformed HTTP that curl would refuse to send.
// `closed_by_server`, when given, tells whether the server closed the connection (rather than the
// timeout ending the wait).
std::string RawExchange(int port, std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5),
                        bool* closed_by_server = nullptr);

// The path of the binary under test.
std::string ConsignBinary();

// A fixture parameterised over Backends(): a fresh database and a server per test.
// Override ServerOptionsForTest() for flags.
class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  virtual ServerOptions ServerOptionsForTest() { return {}; }

  TestDatabase& database() { return *database_; }
  ConsignServer& server() { return *server_; }
  // Stops the server and starts a new one on the same database.
  void RestartServer();

 private:
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ConsignServer> server_;
};

std::string BackendName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace consign::apitest

#define CONSIGN_API_SUITE(Suite)                                                                           \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::consign::apitest::Backends()), \
                           ::consign::apitest::BackendName)

#define CONSIGN_API_SUITE_PGBOUNCER(Suite)                                                                    \
  GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Suite);                                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::consign::apitest::PgBouncerBackends()), \
                           ::consign::apitest::BackendName)
