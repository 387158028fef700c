// PostgreSQL-only behaviour: lost connections and their replacement.
#include "platform/db/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace consign::db
