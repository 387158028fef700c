// PostgreSQL-only behaviour: lost connections and their replacement, statement timeouts, the
// statement cache, and running behind PgBouncer in transaction mode.
#include "platform/db/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "platform/db/test_backends.hpp"

namespace consign::db {
namespace {

TEST(RedactUrl, HidesThePasswordOnly) {
  EXPECT_EQ(RedactUrl("postgresql://consign:s3cret@db.internal:5432/consign"),
            "postgresql://consign:***@db.internal:5432/consign");
  EXPECT_EQ(RedactUrl("postgresql://postgres@127.0.0.1:54329/postgres"), "postgresql://postgres@127.0.0.1:54329/postgres");
  EXPECT_EQ(RedactUrl("postgresql://127.0.0.1:54329/postgres"), "postgresql://127.0.0.1:54329/postgres");
}

class PostgresOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
  }
  testing::PostgresBackend backend_;
};

TEST_F(PostgresOnly, SessionIsUtcAndUtf8) {
  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SHOW TimeZone")[0].Text(0), "UTC");
  EXPECT_EQ(tx->Query("SHOW client_encoding")[0].Text(0), "UTF8");
  EXPECT_EQ(tx->Query("SHOW transaction_isolation")[0].Text(0), "read committed");
  EXPECT_EQ(tx->Query("SELECT $1::timestamptz", {*ParseRfc3339("2026-11-22T16:00:00+08:00")})[0].Text(0),
            "2026-11-22 08:00:00+00");
}

TEST_F(PostgresOnly, LostConnectionIsUnavailableAndReplacedNextTime) {
  auto db = backend_.Open(1);
  {
    auto tx = db->Begin(TxMode::kRead);
    try {
      tx->Query("SELECT pg_terminate_backend(pg_backend_pid())");
      FAIL() << "the terminated connection answered";
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable) << e.what();
    }
    EXPECT_THROW(tx->Query("SELECT 1"), DbError);
  }
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT 1")[0].Int(0), 1);
}

TEST_F(PostgresOnly, IdleConnectionKilledByTheServerIsReplacedAtBegin) {
  auto db = backend_.Open(1);
  int64_t pid = 0;
  {
    auto tx = db->Begin(TxMode::kRead);
    pid = tx->Query("SELECT pg_backend_pid()")[0].Int(0);
  }
  {
    auto admin = backend_.Open(1);
    auto tx = admin->Begin(TxMode::kWrite);
    EXPECT_TRUE(tx->Query("SELECT pg_terminate_backend($1::int)", {pid})[0].Bool(0));
    tx->Commit();
  }
  // pg_terminate_backend returns before the backend has gone; give it a moment.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_NE(tx->Query("SELECT pg_backend_pid()")[0].Int(0), pid);
}

TEST_F(PostgresOnly, CommitAfterAFailedStatementReportsTheRollback) {
  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kWrite);
  EXPECT_THROW(tx->Query("SELECT 1/0"), DbError);
  EXPECT_THROW(tx->Commit(), DbError);
}

TEST_F(PostgresOnly, StatementTimeoutIsBusyAndLeavesTheConnectionUsable) {
  auto db = Open(DatabaseOptions{.url = backend_.url(), .pool_size = 1, .statement_timeout = std::chrono::milliseconds(100)});
  int64_t pid = 0;
  {
    auto tx = db->Begin(TxMode::kRead);
    EXPECT_EQ(tx->Query("SHOW statement_timeout")[0].Text(0), "100ms");
    pid = tx->Query("SELECT pg_backend_pid()")[0].Int(0);
    try {
      tx->Query("SELECT pg_sleep(30)");
      FAIL() << "the statement outlived its timeout";
    } catch (const DbError& e) {
      // The pipeline answers kBusy with 503 and Retry-After; kUnavailable would drop the connection.
      EXPECT_EQ(e.kind(), DbError::Kind::kBusy) << e.what();
      EXPECT_NE(std::string(e.what()).find("57014"), std::string::npos) << e.what();
    }
  }
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT pg_backend_pid()")[0].Int(0), pid);  // the same connection, kept
}

TEST_F(PostgresOnly, WithoutATimeoutTheServerDefaultHolds) {
  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SHOW statement_timeout")[0].Text(0), "0");
}

TEST_F(PostgresOnly, MigrationsRunWithoutTheStatementTimeout) {
  auto db = Open(DatabaseOptions{.url = backend_.url(), .pool_size = 1, .statement_timeout = std::chrono::milliseconds(50)});
  const Migration slow[] = {{"test", 1, "slow", "", "SELECT pg_sleep(0.3); CREATE TABLE built_slowly (id BIGINT)"}};
  ApplyMigrations(*db, slow);
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM built_slowly")[0].Int(0), 0);
}

// What the server holds for this connection, read without adding to it.
int64_t ServerStatements(Transaction& tx) {
  return tx.QueryUnprepared("SELECT COUNT(*) FROM pg_prepared_statements")[0].Int(0);
}

TEST_F(PostgresOnly, FixedStatementsArePreparedOnceAndVaryingOnesNever) {
  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kRead);
  for (int i = 0; i < 50; ++i) {
    // Texts that differ every time, as dynamic filters make them.
    const std::string sql = "SELECT $1::bigint + " + std::to_string(i);
    EXPECT_EQ(tx->QueryUnprepared(sql, {int64_t{1}})[0].Int(0), 1 + i);
  }
  EXPECT_EQ(ServerStatements(*tx), 0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(tx->Query("SELECT $1::bigint * 2", {int64_t{i}})[0].Int(0), 2 * i);
  EXPECT_EQ(ServerStatements(*tx), 1);
}

TEST_F(PostgresOnly, PreparedStatementsOffInTheUrlSendsEverythingUnnamed) {
  const std::string url = backend_.url() + "&prepared_statements=off";
  auto db = Open(DatabaseOptions{url, 1});
  auto tx = db->Begin(TxMode::kWrite);
  EXPECT_EQ(tx->Query("SELECT $1::bigint * 2", {int64_t{21}})[0].Int(0), 42);
  EXPECT_EQ(tx->Execute("CREATE TEMP TABLE t AS SELECT 1 AS n"), 1);
  EXPECT_EQ(ServerStatements(*tx), 0);
  // The rest of the URL still reaches libpq: the test's search_path is in it.
  EXPECT_EQ(tx->Query("SELECT current_schema()")[0].Text(0).rfind("t_", 0), 0u);
}

TEST_F(PostgresOnly, UnknownPreparedStatementsValueIsRejected) {
  try {
    Open(DatabaseOptions{backend_.url() + "&prepared_statements=maybe", 1});
    FAIL();
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("prepared_statements"), std::string::npos) << e.what();
  }
}

// PgBouncer (scripts/pg-test-cluster.sh pgbouncer) in transaction mode, in front of the test cluster.
class BehindPgBouncer : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
  }
  testing::PgBouncerBackend backend_;
};

TEST_F(BehindPgBouncer, ClientsShareServerConnectionsAndEveryTransactionIsSetUp) {
  {
    auto db = backend_.Open(1);
    auto tx = db->Begin(TxMode::kWrite);
    tx->Execute("CREATE TABLE hits (client BIGINT NOT NULL, pid BIGINT NOT NULL, at TIMESTAMPTZ NOT NULL)");
    tx->Commit();
  }
  // More clients than PgBouncer has server connections (pool and reserve): some server connection
  // must serve several clients, one transaction at a time.
  constexpr int kClients = 12, kTransactions = 15;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int client = 0; client < kClients; ++client) {
    threads.emplace_back([&, client] {
      try {
        auto db = Open(DatabaseOptions{.url = backend_.url(), .pool_size = 1,
                                       .statement_timeout = std::chrono::seconds(20)});
        for (int i = 0; i < kTransactions; ++i) {
          auto tx = db->Begin(TxMode::kWrite);
          // Set by this transaction's own BEGIN round trip, whatever the server connection did before.
          if (tx->Query("SHOW TimeZone")[0].Text(0) != "UTC") ++failures;
          if (tx->Query("SHOW statement_timeout")[0].Text(0) != "20s") ++failures;
          // The same fixed text from every client: named statements would collide or be missing.
          tx->Execute("INSERT INTO hits (client, pid, at) VALUES ($1, pg_backend_pid(), $2)",
                      {int64_t{client}, *ParseRfc3339("2026-11-22T16:00:00+08:00")});
          if (tx->Query("SELECT at FROM hits WHERE client = $1 LIMIT 1", {int64_t{client}})[0].Text(0) !=
              "2026-11-22 08:00:00+00")
            ++failures;
          tx->Commit();
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "client " << client << ": " << e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM hits")[0].Int(0), kClients * kTransactions);
  // The point of the exercise: one server connection ran transactions of different clients.
  EXPECT_GT(tx->Query("SELECT COUNT(*) FROM (SELECT pid FROM hits GROUP BY pid HAVING COUNT(DISTINCT client) > 1) s")[0]
                .Int(0),
            0);
}

TEST_F(BehindPgBouncer, NamedPreparedStatementsFailLoudlyThere) {
  // The same database with prepared statements left on: what prepared_statements=off prevents.
  std::string url = backend_.url();
  url.erase(url.find("prepared_statements=off") - 1);
  auto a = Open(DatabaseOptions{url, 1});
  auto b = Open(DatabaseOptions{url, 1});
  std::string error;
  for (int i = 0; i < 10 && error.empty(); ++i) {
    for (Database* db : {a.get(), b.get()}) {
      try {
        auto tx = db->Begin(TxMode::kRead);
        // Wrong answers would be worse than errors; a right answer is fine.
        EXPECT_EQ(tx->Query("SELECT $1::bigint + 1", {int64_t{i}})[0].Int(0), i + 1);
      } catch (const DbError& e) {
        error = e.what();
        break;
      }
    }
  }
  EXPECT_NE(error.find("prepared_statements=off"), std::string::npos) << "error: " << error;
}

TEST_F(BehindPgBouncer, StatementTimeoutHoldsThere) {
  auto db = Open(DatabaseOptions{.url = backend_.url(), .pool_size = 1, .statement_timeout = std::chrono::milliseconds(100)});
  auto tx = db->Begin(TxMode::kRead);
  try {
    tx->Query("SELECT pg_sleep(30)");
    FAIL() << "the statement outlived its timeout";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kBusy) << e.what();
  }
}

}  // namespace
}  // namespace consign::db
