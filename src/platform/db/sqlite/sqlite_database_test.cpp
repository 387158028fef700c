// SQLite-only behaviour: placeholder rewriting, FTS5 for Chinese, durability across kill -9.
#include "platform/db/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "platform/db/test_backends.hpp"

namespace consign::db {
namespace {

TEST(RewritePlaceholders, NumbersOutsideLiteralsOnly) {
  EXPECT_EQ(RewritePlaceholders("SELECT * FROM t WHERE a = $1 AND b = $12"), "SELECT * FROM t WHERE a = ?1 AND b = ?12");
  EXPECT_EQ(RewritePlaceholders("SELECT '$1', \"$2\", `$3`, [$4] FROM t WHERE x = $5"),
            "SELECT '$1', \"$2\", `$3`, [$4] FROM t WHERE x = ?5");
  EXPECT_EQ(RewritePlaceholders("SELECT 'it''s $1' || $2"), "SELECT 'it''s $1' || ?2");
  EXPECT_EQ(RewritePlaceholders("SELECT $2 -- $1\n, $1 /* $3 */"), "SELECT ?2 -- $1\n, ?1 /* $3 */");
  EXPECT_EQ(RewritePlaceholders("SELECT '价格 $1' , $1"), "SELECT '价格 $1' , ?1");
  EXPECT_EQ(RewritePlaceholders("SELECT $name, $"), "SELECT $name, $");
  EXPECT_EQ(RewritePlaceholders("SELECT 'unterminated $1"), "SELECT 'unterminated $1");
}

class SqliteOnly : public ::testing::Test {
 protected:
  testing::SqliteBackend backend_;
};

TEST_F(SqliteOnly, ParametersMayRepeatAndComeOutOfOrder) {
  auto db = backend_.Open();
  auto tx = db->Begin(TxMode::kRead);
  const Rows rows = tx->Query("SELECT $2, $1, $2 || $1", {std::string("a"), std::string("b")});
  EXPECT_EQ(rows[0].Text(0), "b");
  EXPECT_EQ(rows[0].Text(1), "a");
  EXPECT_EQ(rows[0].Text(2), "ba");
}

TEST_F(SqliteOnly, RunsInWalModeWithFullSyncAndForeignKeys) {
  auto db = backend_.Open();
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("PRAGMA journal_mode")[0].Text(0), "wal");
  EXPECT_EQ(tx->Query("PRAGMA synchronous")[0].Int(0), 2);  // FULL
  EXPECT_EQ(tx->Query("PRAGMA foreign_keys")[0].Int(0), 1);
}

TEST_F(SqliteOnly, Fts5FindsAChineseBigramWithUnicode61) {
  auto db = backend_.Open();
  auto tx = db->Begin(TxMode::kWrite);
  // unicode61 reads a run of Han characters as one token, so the indexer stores overlapping bigrams
  // and a two-character query is one token.
  tx->ExecuteScript("CREATE VIRTUAL TABLE names USING fts5(grams, tokenize = 'unicode61')");
  tx->Execute("INSERT INTO names (rowid, grams) VALUES (1, $1)",
              {std::string("深圳 圳市 市顺 顺达 达电 电子 子有 有限 限公 公司")});
  tx->Execute("INSERT INTO names (rowid, grams) VALUES (2, $1)", {std::string("北京 京达 达通 通物 物流")});
  const Rows hits = tx->Query("SELECT rowid FROM names WHERE names MATCH $1", {std::string("\"顺达\"")});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].Int(0), 1);
  EXPECT_EQ(tx->Query("SELECT rowid FROM names WHERE names MATCH $1", {std::string("\"达通\"")})[0].Int(0), 2);
  EXPECT_TRUE(tx->Query("SELECT rowid FROM names WHERE names MATCH $1", {std::string("\"上海\"")}).empty());
}

TEST_F(SqliteOnly, Fts5TrigramFindsLongerChineseSubstrings) {
  auto db = backend_.Open();
  auto tx = db->Begin(TxMode::kWrite);
  tx->ExecuteScript("CREATE VIRTUAL TABLE names USING fts5(name, tokenize = 'trigram')");
  tx->Execute("INSERT INTO names (rowid, name) VALUES (1, '深圳市顺达电子有限公司')");
  EXPECT_EQ(tx->Query("SELECT rowid FROM names WHERE names MATCH $1", {std::string("\"顺达电\"")}).size(), 1u);
}

TEST_F(SqliteOnly, BusyWriterReportsBusyNotCorruption) {
  auto db = backend_.Open(2);
  {
    auto tx = db->Begin(TxMode::kWrite);
    tx->ExecuteScript("CREATE TABLE t (x INTEGER)");
    tx->Commit();
  }
  // A read transaction whose snapshot predates another writer's commit cannot become a writer
  // (SQLITE_BUSY_SNAPSHOT): the reason TxMode::kWrite exists.
  auto reader = db->Begin(TxMode::kRead);
  reader->Query("SELECT COUNT(*) FROM t");
  {
    auto writer = db->Begin(TxMode::kWrite);
    writer->Execute("INSERT INTO t VALUES (1)");
    writer->Commit();
  }
  try {
    reader->Execute("INSERT INTO t VALUES (2)");
    FAIL() << "a stale read transaction wrote";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kBusy) << e.what();
  }
}

// A read transaction that read and wrote nothing is kept open on its connection and taken up by the
// next read while nothing has been committed since (sqlite_database.cpp, SqliteConnection::kept). Another
// pool's connections stand for another process: they share only the file and its wal-index.
class SqliteKeptRead : public SqliteOnly {
 protected:
  void SetUp() override {
    db_ = backend_.Open(1);
    other_ = backend_.Open(1);
    auto tx = other_->Begin(TxMode::kWrite);
    tx->ExecuteScript("CREATE TABLE t (x INTEGER)");
    tx->Commit();
  }
  int64_t ReadCount() {
    auto tx = db_->Begin(TxMode::kRead);
    const int64_t n = tx->Query("SELECT COUNT(*) FROM t")[0].Int(0);
    tx->Commit();  // kept
    return n;
  }
  void InsertElsewhere(int rows) {
    auto tx = other_->Begin(TxMode::kWrite);
    for (int i = 0; i < rows; ++i) tx->Execute("INSERT INTO t VALUES ($1)", {int64_t{i}});
    tx->Commit();
  }
  // PRAGMA wal_checkpoint(PASSIVE) on a connection of its own: {frames in the WAL, frames copied back}.
  std::pair<int, int> Checkpoint() {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(backend_.url().substr(7).c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, "PRAGMA wal_checkpoint(PASSIVE)", -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const std::pair<int, int> frames{sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2)};
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
    return frames;
  }
  std::unique_ptr<Database> db_, other_;
};

TEST_F(SqliteKeptRead, EveryReadSeesWhatWasCommittedBeforeIt) {
  // Each read after the first takes up the one before's transaction unless the commit in between
  // ended it: a snapshot kept past a commit would answer the old count.
  int64_t expected = 0;
  for (int round = 1; round <= 30; ++round) {
    EXPECT_EQ(ReadCount(), expected);
    EXPECT_EQ(ReadCount(), expected) << "a second read with nothing committed between";
    InsertElsewhere(round % 3 + 1);
    expected += round % 3 + 1;
  }
  EXPECT_EQ(ReadCount(), expected);
  // And a write on the kept connection itself.
  {
    auto tx = db_->Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO t VALUES (0)");
    tx->Commit();
  }
  EXPECT_EQ(ReadCount(), expected + 1);
}

TEST_F(SqliteKeptRead, AReadThatWroteIsCommittedNotKept) {
  {
    auto tx = db_->Begin(TxMode::kRead);
    tx->Query("SELECT COUNT(*) FROM t");
    tx->Execute("INSERT INTO t VALUES (7)");
    tx->Commit();
  }
  auto tx = other_->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM t")[0].Int(0), 1);
}

TEST_F(SqliteKeptRead, AnIdleKeptReadEndsSoCheckpointsCatchUp) {
  ReadCount();  // kept, its snapshot before the rows below
  InsertElsewhere(500);
  const auto [frames, copied] = Checkpoint();
  ASSERT_GT(frames, 0);
  EXPECT_LT(copied, frames) << "no read was kept: the checkpoint was not held back";
  // Idle past kKeptReadIdle (200 ms), the kept read is ended and the checkpoint copies every frame.
  bool caught_up = false;
  for (int attempt = 0; attempt < 100 && !caught_up; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto [now_frames, now_copied] = Checkpoint();
    caught_up = now_copied == now_frames;
  }
  EXPECT_TRUE(caught_up) << "the kept read still held the checkpoint back after 5 s";
  EXPECT_EQ(ReadCount(), 500);
}

// A child process commits rows one by one and reports each acknowledged id on a pipe; the parent
// kills it with SIGKILL mid-stream, reopens the file and finds every acknowledged row.
TEST_F(SqliteOnly, KillNineLosesNoAcknowledgedCommit) {
  {
    auto db = backend_.Open(1);
    auto tx = db->Begin(TxMode::kWrite);
    tx->ExecuteScript("CREATE TABLE acks (id INTEGER PRIMARY KEY, note TEXT NOT NULL)");
    tx->Commit();
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    auto db = Open(DatabaseOptions{backend_.url(), 1});
    for (int64_t id = 1;; ++id) {
      auto tx = db->Begin(TxMode::kWrite);
      tx->Execute("INSERT INTO acks (id, note) VALUES ($1, $2)", {id, std::string(200, 'x')});
      tx->Commit();
      if (write(fds[1], &id, sizeof id) != sizeof id) _exit(1);
    }
  }
  close(fds[1]);
  int64_t acknowledged = 0;
  for (int i = 0; i < 200; ++i) {
    int64_t id = 0;
    ASSERT_EQ(read(fds[0], &id, sizeof id), static_cast<ssize_t>(sizeof id));
    acknowledged = id;
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  int64_t id = 0;
  while (read(fds[0], &id, sizeof id) == sizeof id) acknowledged = id;  // acks in flight at the kill
  close(fds[0]);
  EXPECT_TRUE(WIFSIGNALED(status));

  auto db = backend_.Open(1);
  auto tx = db->Begin(TxMode::kRead);
  const Rows rows = tx->Query("SELECT COUNT(*), MAX(id) FROM acks");
  EXPECT_GE(rows[0].Int(0), acknowledged);
  EXPECT_EQ(rows[0].Int(0), rows[0].Int(1));  // no gaps: ids committed in order
}

}  // namespace
}  // namespace consign::db
