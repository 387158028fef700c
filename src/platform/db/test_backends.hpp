#pragma once
// Test support (test targets only): one fresh database per test for each backend, so a suite written
// once runs on SQLite and on PostgreSQL as a GoogleTest typed test.
//
//   SQLite:     a new file in a new temporary directory, removed afterwards.
//   PostgreSQL: the server named by CONSIGN_TEST_PG_URL (scripts/pg-test-cluster.sh start prints one).
//               The first use creates a database for this test run, dropped at exit; each test gets
//               its own schema there (search_path set through the URL), dropped after the test.
//               Without the variable the PostgreSQL cases skip, unless CONSIGN_TEST_REQUIRE_PG is set
//               (`make test` sets it): then they fail, so a broken set-up never passes as skips.
//   PgBouncer:  (database_test only) a fresh database per test, created on the cluster directly and
//               reached through the PgBouncer CONSIGN_TEST_PGBOUNCER_URL names (transaction pooling,
//               `scripts/pg-test-cluster.sh pgbouncer`), with prepared_statements=off.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "platform/db/database.hpp"
#include "platform/db/pg_admin.hpp"

namespace consign::db::testing {

inline std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch().count();
  return std::to_string(::getpid()) + "_" + std::to_string(now % 1000000007) + "_" + std::to_string(++counter);
}

// True when `make test` runs: PostgreSQL (and PgBouncer) must be there, never skipped.
inline bool PgRequired() {
  const char* required = std::getenv("CONSIGN_TEST_REQUIRE_PG");
  return required && *required && std::string_view(required) != "0";
}

// The URL in `variable`; empty when unset, which fails the calling test when PgRequired().
inline std::string PgTestUrl(const char* variable) {
  const char* url = std::getenv(variable);
  if (url && *url) return url;
  if (PgRequired())
    throw std::runtime_error(std::string(variable) +
                             " is not set but CONSIGN_TEST_REQUIRE_PG is: PostgreSQL tests must not be skipped");
  return {};
}

// "postgresql://u@h:p/db?x=y" with the database name replaced.
inline std::string WithDatabase(const std::string& url, const std::string& database) {
  const auto host_start = url.find("://") + 3;
  const auto slash = url.find('/', host_start);
  const auto query = url.find('?', host_start);
  const std::string base = url.substr(0, std::min(slash, query));
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + rest;
}

inline std::string WithSearchPath(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

// The per-run database, created on first use and dropped when the test program exits.
class PgRunDatabase : public ::testing::Environment {
 public:
  static const std::string& Url() {
    static PgRunDatabase* instance = [] {
      auto* env = new PgRunDatabase();
      ::testing::AddGlobalTestEnvironment(env);  // gtest owns it; TearDown runs at the end
      return env;
    }();
    return instance->url_;
  }
  void TearDown() override {
    if (!name_.empty()) PgAdmin(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

 private:
  PgRunDatabase() {
    admin_ = PgTestUrl("CONSIGN_TEST_PG_URL");
    if (admin_.empty()) return;
    name_ = "consign_test_" + UniqueSuffix();
    PgAdmin(admin_, "CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0");
    url_ = WithDatabase(admin_, name_);
  }
  std::string admin_, name_, url_;
};

struct SqliteBackend {
  static constexpr const char* kName = "Sqlite";
  SqliteBackend() {
    dir_ = std::filesystem::temp_directory_path() / ("consign-db-test-" + UniqueSuffix());
    url_ = "sqlite:" + (dir_ / "consign.db").string();
  }
  ~SqliteBackend() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  bool available() const { return true; }
  std::string skip_reason() const { return {}; }
  const std::string& url() const { return url_; }
  std::unique_ptr<Database> Open(int pool_size = 4, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return db::Open(DatabaseOptions{url_, pool_size, timeout});
  }

 private:
  std::filesystem::path dir_;
  std::string url_;
};

struct PostgresBackend {
  static constexpr const char* kName = "Postgres";
  PostgresBackend() {
    // Throws (failing the test) when PostgreSQL is required but not configured.
    if (PgTestUrl("CONSIGN_TEST_PG_URL").empty()) return;
    const std::string& run_url = PgRunDatabase::Url();
    if (run_url.empty()) return;
    run_url_ = run_url;
    schema_ = "t_" + UniqueSuffix();
    PgAdmin(run_url_, "CREATE SCHEMA " + schema_);
    url_ = WithSearchPath(run_url_, schema_);
  }
  ~PostgresBackend() {
    if (!schema_.empty()) PgAdmin(run_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }
  bool available() const { return !url_.empty(); }
  std::string skip_reason() const {
    return "CONSIGN_TEST_PG_URL is not set; run scripts/pg-test-cluster.sh start and export its URL";
  }
  const std::string& url() const { return url_; }
  std::unique_ptr<Database> Open(int pool_size = 4, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return db::Open(DatabaseOptions{url_, pool_size, timeout});
  }

 private:
  std::string run_url_, schema_, url_;
};

struct PgBouncerBackend {
  static constexpr const char* kName = "PgBouncer";
  PgBouncerBackend() {
    admin_ = PgTestUrl("CONSIGN_TEST_PG_URL");
    const std::string bouncer = PgTestUrl("CONSIGN_TEST_PGBOUNCER_URL");
    if (admin_.empty() || bouncer.empty()) return;
    name_ = "consign_bouncer_" + UniqueSuffix();
    PgAdmin(admin_, "CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0");
    url_ = WithDatabase(bouncer, name_);
    url_ += (url_.find('?') == std::string::npos ? "?" : "&") + std::string("prepared_statements=off");
  }
  ~PgBouncerBackend() {
    // FORCE also ends PgBouncer's server connections to it; PgBouncer opens new ones when needed.
    if (!name_.empty()) PgAdmin(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  bool available() const { return !url_.empty(); }
  std::string skip_reason() const {
    return "CONSIGN_TEST_PG_URL or CONSIGN_TEST_PGBOUNCER_URL is not set; run scripts/pg-test-cluster.sh start "
           "and pgbouncer, and export their URLs";
  }
  const std::string& url() const { return url_; }
  const std::string& admin_url() const { return admin_; }
  std::unique_ptr<Database> Open(int pool_size = 4, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return db::Open(DatabaseOptions{url_, pool_size, timeout});
  }

 private:
  std::string admin_, name_, url_;
};

struct BackendNames {
  template <class T>
  static std::string GetName(int) { return T::kName; }
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
// The Database contract itself is also checked through PgBouncer in transaction mode.
using BackendsWithPgBouncer = ::testing::Types<SqliteBackend, PostgresBackend, PgBouncerBackend>;

}  // namespace consign::db::testing
