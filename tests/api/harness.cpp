#include "tests/api/harness.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace consign::apitest {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path MakeTempDir(std::string_view prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  return pattern;
}

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  static const uint32_t random = std::random_device{}();
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random % 100000);
}

// The environment of this process with `extra` added (replacing variables of the same name).
std::vector<std::string> Environment(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view var(*e);
    const std::string_view name = var.substr(0, var.find('='));
    bool replaced = false;
    for (const auto& [k, v] : extra) replaced |= (k == name);
    if (!replaced) env.emplace_back(var);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

// fork + exec with stdin from `stdin_path` (or /dev/null) and stdout/stderr to files.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, const fs::path& stdin_path,
            const fs::path& out_path, const fs::path& err_path) {
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string PgUrlWithDatabase(const std::string& base, const std::string& name) {
  const size_t query = base.find('?');
  std::string head = base.substr(0, query);
  const std::string tail = query == std::string::npos ? "" : base.substr(query);
  const size_t scheme = head.find("://");
  const size_t slash = head.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash != std::string::npos) head.resize(slash);
  return head + "/" + name + tail;
}

void PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to " + url + ": " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
  const std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

}  // namespace

std::string ConsignBinary() {
  if (const char* override_path = std::getenv("CONSIGN_BINARY"); override_path && *override_path)
    return override_path;
  return CONSIGN_BINARY;
}

namespace {

bool EnvSet(const char* name) {
  const char* value = std::getenv(name);
  return value && *value;
}

// `make test` sets it: PostgreSQL backends are then instantiated even without their URL, and fail.
bool PgRequired() {
  const char* required = std::getenv("CONSIGN_TEST_REQUIRE_PG");
  return required && *required && std::string_view(required) != "0";
}

std::string RequiredEnv(const char* name, std::string_view backend) {
  const char* value = std::getenv(name);
  if (!value || !*value)
    throw std::runtime_error(std::string(backend) + " backend without " + name +
                             (PgRequired() ? " (CONSIGN_TEST_REQUIRE_PG is set: PostgreSQL tests must not be skipped)"
                                           : ""));
  return value;
}

}  // namespace

std::vector<std::string> Backends() {
  std::vector<std::string> backends{"sqlite"};
  if (EnvSet("CONSIGN_TEST_PG_URL") || PgRequired()) backends.emplace_back("postgres");
  return backends;
}

std::vector<std::string> PgBouncerBackends() {
  if ((EnvSet("CONSIGN_TEST_PG_URL") && EnvSet("CONSIGN_TEST_PGBOUNCER_URL")) || PgRequired()) return {"pgbouncer"};
  return {};
}

std::vector<std::map<std::string, std::string>> PgBouncerShow(std::string_view what) {
  const std::string url = PgUrlWithDatabase(RequiredEnv("CONSIGN_TEST_PGBOUNCER_URL", "pgbouncer"), "pgbouncer");
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to the PgBouncer console " + url + ": " + message);
  }
  // The console speaks the simple query protocol only: PQexec.
  PGresult* result = PQexec(conn, ("SHOW " + std::string(what)).c_str());
  std::vector<std::map<std::string, std::string>> rows;
  const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
  const std::string message = PQerrorMessage(conn);
  for (int r = 0; ok && r < PQntuples(result); ++r) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < PQnfields(result); ++c) row[PQfname(result, c)] = PQgetvalue(result, r, c);
  }
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("SHOW " + std::string(what) + " on PgBouncer: " + message);
  return rows;
}

std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// --- TestDatabase ---------------------------------------------------------------------------

TestDatabase::TestDatabase(std::string backend) : backend_(std::move(backend)) {
  if (backend_ == "sqlite") {
    dir_ = MakeTempDir("consign-api-db-");
    url_ = "sqlite:" + (dir_ / "consign.db").string();
  } else if (backend_ == "postgres" || backend_ == "pgbouncer") {
    const std::string base = RequiredEnv("CONSIGN_TEST_PG_URL", backend_);
    const std::string bouncer = backend_ == "pgbouncer" ? RequiredEnv("CONSIGN_TEST_PGBOUNCER_URL", backend_) : "";
    pg_name_ = "consign_t_" + UniqueSuffix();
    PgExec(base, "CREATE DATABASE " + pg_name_);
    direct_url_ = PgUrlWithDatabase(base, pg_name_);
    url_ = direct_url_;
    if (!bouncer.empty()) {
      // PgBouncer's wildcard entry routes the name to the cluster. No named prepared statements
      // there: consecutive transactions run on different server connections.
      url_ = PgUrlWithDatabase(bouncer, pg_name_);
      url_ += (url_.find('?') == std::string::npos ? "?" : "&") + std::string("prepared_statements=off");
    }
  } else {
    throw std::runtime_error("unknown backend " + backend_);
  }
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  if (!pg_name_.empty()) {
    try {
      PgExec(std::getenv("CONSIGN_TEST_PG_URL"), "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      // A leftover database in a throwaway cluster is harmless; say so and go on.
      std::fprintf(stderr, "harness: %s\n", e.what());
    }
  }
}

std::vector<std::string> TestDatabase::Sql(const std::string& sql) const {
  std::vector<std::string> out;
  if (backend_ == "sqlite") {
    sqlite3* db = nullptr;
    if (sqlite3_open(url_.substr(7).c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite open failed");
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = sql.c_str();
    while (tail && *tail) {
      if (sqlite3_prepare_v2(db, tail, -1, &stmt, &tail) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error(sql + ": " + message);
      }
      if (!stmt) break;
      int rc;
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      sqlite3_finalize(stmt);
      if (rc != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error(sql + ": " + message);
      }
    }
    sqlite3_close(db);
    return out;
  }
  PGconn* conn = PQconnectdb(direct_url_.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    throw std::runtime_error("cannot connect to " + direct_url_);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const std::string message = PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    throw std::runtime_error(sql + ": " + message);
  }
  for (int i = 0; i < PQntuples(result); ++i) out.emplace_back(PQgetvalue(result, i, 0));
  PQclear(result);
  PQfinish(conn);
  return out;
}

// --- HTTP client ----------------------------------------------------------------------------

std::optional<std::string> HttpResponse::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return std::nullopt;
}

boost::json::value HttpResponse::Json() const {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) {
    ADD_FAILURE() << "response is not JSON (" << ec.message() << "): " << body.substr(0, 500);
    return nullptr;
  }
  return v;
}

namespace {

size_t CollectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  auto* headers = static_cast<Headers*>(out);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100 Continue or a redirect)
    return size * n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  headers->emplace_back(std::move(name), std::string(value));
  return size * n;
}

}  // namespace

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)) {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!initialised) throw std::runtime_error("curl_global_init failed");
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpClient::HttpClient(HttpClient&& other) noexcept
    : base_url_(std::move(other.base_url_)),
      curl_(std::exchange(other.curl_, nullptr)),
      default_headers_(std::move(other.default_headers_)),
      connections_(other.connections_),
      expect_transport_failures_(other.expect_transport_failures_) {}

void HttpClient::EnableCookies() { curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_COOKIEFILE, ""); }

void HttpClient::SetDefaultHeader(std::string name, std::string value) {
  default_headers_.emplace_back(std::move(name), std::move(value));
}

HttpResponse HttpClient::Request(std::string_view method, std::string_view path, std::string_view body,
                                 const Headers& headers) {
  CURL* curl = static_cast<CURL*>(curl_);
  HttpResponse response;
  const std::string url = base_url_ + std::string(path);
  const std::string method_text(method);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);  // resets POST state (and NOBODY) of the previous request
  curl_easy_setopt(curl, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  if (method != "HEAD" && method != "GET") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method == "HEAD" ? nullptr : method_text.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CollectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  curl_slist* list = nullptr;
  bool has_content_type = false;
  auto add = [&](const std::string& name, const std::string& value) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    has_content_type |= lower == "content-type";
    list = curl_slist_append(list, (name + ": " + value).c_str());
  };
  for (const auto& [k, v] : default_headers_) add(k, v);
  for (const auto& [k, v] : headers) add(k, v);
  if (!body.empty() && !has_content_type) list = curl_slist_append(list, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(list);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  if (rc != CURLE_OK) {
    if (expect_transport_failures_) return response;
    ADD_FAILURE() << method << " " << path << ": " << curl_easy_strerror(rc);
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  connections_ += connects;
  return response;
}

// --- Server ---------------------------------------------------------------------------------

ConsignServer::ConsignServer(std::string db_url, ServerOptions options) {
  dir_ = MakeTempDir("consign-api-server-");
  std::vector<std::string> args{ConsignBinary(), "serve", "--listen", "127.0.0.1:0", "--db", db_url,
                                "--static-dir",
                                options.static_dir.empty() ? std::string(CONSIGN_SOURCE_DIR "/web/dist")
                                                           : options.static_dir};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  auto extra_env = options.env;
  if (options.fake_now) extra_env.emplace_back("CONSIGN_FAKE_NOW", *options.fake_now);
  pid_ = Spawn(args, Environment(extra_env), {}, dir_ / "stdout", dir_ / "stderr");

  const auto deadline = std::chrono::steady_clock::now() + 30s;
  constexpr std::string_view kPrefix = "Consign listening on http://";
  while (port_ == 0) {
    if (auto status = Wait(0ms))
      throw std::runtime_error("consign serve exited with " + std::to_string(*status) + " before listening:\n" +
                               Stderr());
    const std::string out = Stdout();
    if (const size_t at = out.find(kPrefix); at != std::string::npos) {
      const size_t eol = out.find('\n', at);
      if (eol != std::string::npos) {
        const std::string address = out.substr(at + kPrefix.size(), eol - at - kPrefix.size());
        port_ = std::stoi(address.substr(address.rfind(':') + 1));
        break;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Terminate();
      throw std::runtime_error("consign serve did not print its listening line in 30 s:\n" + Stderr());
    }
    std::this_thread::sleep_for(10ms);
  }
  while (true) {
    // Not Request(): a failed probe must not fail the test while the server is starting.
    CURL* curl = curl_easy_init();
    const std::string url = base_url() + "/readyz";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 5L);
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    if (status == 200) break;
    if (std::chrono::steady_clock::now() > deadline) {
      Terminate();
      throw std::runtime_error("GET /readyz did not answer 200 in 30 s:\n" + Stderr());
    }
    std::this_thread::sleep_for(20ms);
  }
}

ConsignServer::~ConsignServer() {
  if (!exit_status_) Terminate();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void ConsignServer::Signal(int signal) {
  if (!exit_status_) kill(pid_, signal);
}

std::optional<int> ConsignServer::Wait(std::chrono::milliseconds timeout) {
  if (exit_status_) return exit_status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_status_ = DecodeStatus(status);
      return exit_status_;
    }
    if (r < 0) {
      exit_status_ = -1;
      return exit_status_;
    }
    if (timeout.count() > 0) std::this_thread::sleep_for(10ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return std::nullopt;
}

int ConsignServer::Terminate(std::chrono::seconds timeout) {
  if (exit_status_) return *exit_status_;
  kill(pid_, SIGTERM);
  if (auto status = Wait(timeout)) return *status;
  kill(pid_, SIGKILL);
  return Wait(10s).value_or(-1);
}

std::string ConsignServer::Stdout() const { return ReadFile(dir_ / "stdout"); }
std::string ConsignServer::Stderr() const { return ReadFile(dir_ / "stderr"); }

// --- Commands -------------------------------------------------------------------------------

CommandResult RunConsign(const std::vector<std::string>& args, std::string_view stdin_text,
                         const std::vector<std::pair<std::string, std::string>>& env) {
  const fs::path dir = MakeTempDir("consign-api-cmd-");
  { std::ofstream(dir / "stdin", std::ios::binary) << stdin_text; }
  std::vector<std::string> argv{ConsignBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = Spawn(argv, Environment(env), dir / "stdin", dir / "stdout", dir / "stderr");
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result{DecodeStatus(status), ReadFile(dir / "stdout"), ReadFile(dir / "stderr")};
  std::error_code ec;
  fs::remove_all(dir, ec);
  return result;
}

std::string RawExchange(int port, std::string_view bytes, std::chrono::milliseconds timeout, bool* closed_by_server) {
  if (closed_by_server) *closed_by_server = false;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("connect failed");
  }
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (that is often the point)
    sent += static_cast<size_t>(n);
  }
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (poll(&p, 1, static_cast<int>(std::max<int64_t>(1, left.count()))) <= 0) break;
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      if (closed_by_server) *closed_by_server = true;
      break;
    }
    received.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return received;
}

// --- Fixture --------------------------------------------------------------------------------

void ApiTest::SetUp() {
  database_ = std::make_unique<TestDatabase>(GetParam());
  server_ = std::make_unique<ConsignServer>(database_->url(), ServerOptionsForTest());
}

void ApiTest::TearDown() {
  if (server_) {
    const int status = server_->Terminate();
    EXPECT_EQ(status, 0) << "consign serve did not stop cleanly; its log:\n" << server_->Stderr();
  }
  server_.reset();
  database_.reset();
}

void ApiTest::RestartServer() {
  server_->Terminate();
  server_ = std::make_unique<ConsignServer>(database_->url(), ServerOptionsForTest());
}

}  // namespace consign::apitest
