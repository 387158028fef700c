// The Database contract, run on both backends.
#include "platform/db/database.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "platform/db/test_backends.hpp"

namespace consign::db {
namespace {

using testing::BackendNames;

const Instant kNoon = *ParseRfc3339("2026-11-22T08:00:00.123456Z");

template <class Backend>
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
  }

  bool pg() const { return db_->dialect() == Dialect::kPostgres; }

  // Runs DDL in its own committed transaction.
  void Script(std::string_view sqlite_sql, std::string_view postgres_sql) {
    auto tx = db_->Begin(TxMode::kWrite);
    tx->ExecuteScript(pg() ? postgres_sql : sqlite_sql);
    tx->Commit();
  }

  void CreateCustomers() {
    Script(
        "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
        "  team_id INTEGER REFERENCES teams(id), credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0));",
        "CREATE TABLE teams (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE customers (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
        "  team_id BIGINT REFERENCES teams(id), credit BIGINT NOT NULL DEFAULT 0 CHECK (credit >= 0));");
  }

  int64_t Count(std::string_view table) {
    auto tx = db_->Begin(TxMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM " + std::string(table))[0].Int(0);
  }

  Backend backend_;
  std::unique_ptr<Database> db_;
};

TYPED_TEST_SUITE(DatabaseTest, testing::BackendsWithPgBouncer, BackendNames);

TYPED_TEST(DatabaseTest, RoundTripsEveryParamType) {
  this->Script("CREATE TABLE v (k INTEGER, i INTEGER, r REAL, s TEXT, b INTEGER, at INTEGER)",
               "CREATE TABLE v (k BIGINT, i BIGINT, r DOUBLE PRECISION, s TEXT, b BOOLEAN, at TIMESTAMPTZ)");
  const std::string chinese = "深圳市顺达电子有限公司 「王小明」 'quoted' $1 ?2 😀";
  const Instant before_epoch = *ParseRfc3339("1969-07-20T20:17:40.000001Z");
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    const char* insert = "INSERT INTO v (k, i, r, s, b, at) VALUES ($1, $2, $3, $4, $5, $6)";
    EXPECT_EQ(tx->Execute(insert, {int64_t{1}, INT64_MAX, 0.1, chinese, true, kNoon}), 1);
    EXPECT_EQ(tx->Execute(insert, {int64_t{2}, INT64_MIN, -1e300, std::string(), false, before_epoch}), 1);
    tx->Commit();
  }
  auto tx = this->db_->Begin(TxMode::kRead);
  const Rows rows = tx->Query("SELECT i, r, s, b, at FROM v ORDER BY k");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Int(0), INT64_MAX);
  EXPECT_EQ(rows[0].Real(1), 0.1);
  EXPECT_EQ(rows[0].Text(2), chinese);
  EXPECT_TRUE(rows[0].Bool(3));
  EXPECT_EQ(rows[0].Time(4), kNoon);
  EXPECT_EQ(rows[1].Int(0), INT64_MIN);
  EXPECT_EQ(rows[1].Real(1), -1e300);
  EXPECT_EQ(rows[1].Text(2), "");
  EXPECT_FALSE(rows[1].IsNull(2));  // the empty string is not NULL on either backend
  EXPECT_FALSE(rows[1].Bool(3));
  EXPECT_EQ(rows[1].Time(4), before_epoch);
  // Parameters compare as their type in WHERE clauses too.
  EXPECT_EQ(tx->Query("SELECT k FROM v WHERE s = $1 AND b = $2 AND at = $3", {chinese, true, kNoon}).size(), 1u);
  EXPECT_EQ(tx->Query("SELECT k FROM v WHERE at < $1", {kNoon})[0].Int(0), 2);
}

TYPED_TEST(DatabaseTest, NullsReadAsNulloptAndEmptyText) {
  this->Script("CREATE TABLE v (i INTEGER, r REAL, s TEXT, b INTEGER, at INTEGER)",
               "CREATE TABLE v (i BIGINT, r DOUBLE PRECISION, s TEXT, b BOOLEAN, at TIMESTAMPTZ)");
  auto tx = this->db_->Begin(TxMode::kWrite);
  tx->Execute("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
              {Null(), Opt(std::optional<double>()), Opt(std::optional<std::string>()), Null(), Null()});
  tx->Execute("INSERT INTO v VALUES ($1, NULL, $2, NULL, NULL)",
              {Opt(std::optional<int>(7)), Opt(std::optional<std::string>("x"))});
  const Rows rows = tx->Query("SELECT i, r, s, b, at FROM v ORDER BY i NULLS FIRST");
  ASSERT_EQ(rows.size(), 2u);
  const Row null_row = rows[0];
  for (size_t col = 0; col < 5; ++col) EXPECT_TRUE(null_row.IsNull(col)) << col;
  EXPECT_EQ(null_row.OptInt(0), std::nullopt);
  EXPECT_EQ(null_row.OptReal(1), std::nullopt);
  EXPECT_EQ(null_row.OptText(2), std::nullopt);
  EXPECT_EQ(null_row.Text(2), "");
  EXPECT_EQ(null_row.OptBool(3), std::nullopt);
  EXPECT_EQ(null_row.OptTime(4), std::nullopt);
  EXPECT_THROW(null_row.Int(0), DbError);  // a NULL read as a number is a bug, not a zero
  EXPECT_EQ(rows[1].OptInt(0), 7);
  EXPECT_EQ(rows[1].OptText(2), "x");
  // NULL = NULL is not true: a null parameter matches nothing.
  EXPECT_TRUE(tx->Query("SELECT i FROM v WHERE s = $1", {Null()}).empty());
  EXPECT_EQ(tx->Query("SELECT i FROM v WHERE s IS NULL").size(), 1u);
}

TYPED_TEST(DatabaseTest, RowsIterateInOrderWithColumnNames) {
  this->Script("CREATE TABLE v (n INTEGER, label TEXT)", "CREATE TABLE v (n BIGINT, label TEXT)");
  auto tx = this->db_->Begin(TxMode::kWrite);
  for (int64_t n = 1; n <= 5; ++n) tx->Execute("INSERT INTO v VALUES ($1, $2)", {n, "第" + std::to_string(n)});
  const Rows rows = tx->Query("SELECT n, label FROM v WHERE n >= $1 ORDER BY n DESC", {int64_t{2}});
  EXPECT_EQ(rows.columns(), (std::vector<std::string>{"n", "label"}));
  std::vector<int64_t> seen;
  for (const Row row : rows) {
    seen.push_back(row.Int(row.Col("n")));
    EXPECT_EQ(row.Text(1), "第" + std::to_string(seen.back()));
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{5, 4, 3, 2}));
  const Rows none = tx->Query("SELECT n, label FROM v WHERE n > 99");
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin() != none.end(), false);
  EXPECT_THROW(rows[0].Col("missing"), DbError);
  EXPECT_THROW(rows[0].Int(2), DbError);
}

TYPED_TEST(DatabaseTest, ExecuteCountsChangedRowsAndReturningWorks) {
  this->CreateCustomers();
  auto tx = this->db_->Begin(TxMode::kWrite);
  for (int64_t id = 1; id <= 3; ++id)
    tx->Execute("INSERT INTO customers (id, code, name) VALUES ($1, $2, $3)", {id, "C" + std::to_string(id), "顺达"});
  EXPECT_EQ(tx->Execute("UPDATE customers SET credit = credit + $1", {int64_t{5}}), 3);
  EXPECT_EQ(tx->Execute("DELETE FROM customers WHERE id = $1", {int64_t{99}}), 0);
  const Rows returned =
      tx->Query("UPDATE customers SET credit = credit + 1 WHERE id = $1 RETURNING credit", {int64_t{2}});
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(returned[0].Int(0), 6);
  const Rows upserted = tx->Query(
      "INSERT INTO customers (id, code, name) VALUES ($1, $2, $3) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id, name",
      {int64_t{50}, std::string("C1"), std::string("新名字")});
  EXPECT_EQ(upserted[0].Int(0), 1);
  EXPECT_EQ(upserted[0].Text(1), "新名字");
}

TYPED_TEST(DatabaseTest, UniqueViolationNamesTheConstraint) {
  this->CreateCustomers();
  auto tx = this->db_->Begin(TxMode::kWrite);
  tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, $1, 'a')", {std::string("SZ-001")});
  try {
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (2, $1, 'b')", {std::string("SZ-001")});
    FAIL() << "duplicate code accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUniqueViolation) << e.what();
    // SQLite names "table.column", PostgreSQL the index ("customers_code_key").
    EXPECT_NE(e.constraint().find("code"), std::string::npos) << e.constraint();
  }
}

TYPED_TEST(DatabaseTest, ForeignKeyAndCheckViolationsAreTyped) {
  this->CreateCustomers();
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    try {
      tx->Execute("INSERT INTO customers (id, code, name, team_id) VALUES (1, 'a', 'a', $1)", {int64_t{42}});
      FAIL() << "dangling team accepted";
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbError::Kind::kForeignKeyViolation) << e.what();
    }
  }
  auto tx = this->db_->Begin(TxMode::kWrite);
  try {
    tx->Execute("INSERT INTO customers (id, code, name, credit) VALUES (1, 'a', 'a', $1)", {int64_t{-1}});
    FAIL() << "negative credit accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kCheckViolation) << e.what();
  }
}

TYPED_TEST(DatabaseTest, SyntaxErrorAndWrongParameterCountAreOtherErrors) {
  auto tx = this->db_->Begin(TxMode::kWrite);
  try {
    tx->Query("SELEKT 1");
    FAIL();
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kOther) << e.what();
  }
  tx->Rollback();
  auto tx2 = this->db_->Begin(TxMode::kRead);
  try {
    tx2->Query("SELECT 1 WHERE 1 = $1 AND 2 = $2", {int64_t{1}});
    FAIL();
  } catch (const DbError& e) {
    // Not kUnavailable: a wrong count is a bug in the caller, not a lost server.
    EXPECT_EQ(e.kind(), DbError::Kind::kOther) << e.what();
  }
  // The connection is still good afterwards.
  auto tx3 = this->db_->Begin(TxMode::kRead);
  EXPECT_EQ(tx3->Query("SELECT 1 + $1", {int64_t{1}})[0].Int(0), 2);
}

TYPED_TEST(DatabaseTest, DestroyingWithoutCommitRollsBack) {
  this->CreateCustomers();
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, 'a', 'a')");
  }
  EXPECT_EQ(this->Count("customers"), 0);
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, 'a', 'a')");
    tx->Rollback();
    EXPECT_THROW(tx->Execute("INSERT INTO customers (id, code, name) VALUES (2, 'b', 'b')"), DbError);
    EXPECT_THROW(tx->Commit(), DbError);
  }
  EXPECT_EQ(this->Count("customers"), 0);
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, 'a', 'a')");
    tx->Commit();
  }
  EXPECT_EQ(this->Count("customers"), 1);
  EXPECT_EQ(this->db_->Stats().in_use, 0);  // every connection went back to the pool
}

TYPED_TEST(DatabaseTest, CommitsSurviveReopening) {
  this->CreateCustomers();
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, 'SZ-1', '深圳市顺达电子有限公司')");
    tx->Commit();
  }
  this->db_.reset();
  this->db_ = this->backend_.Open();
  auto tx = this->db_->Begin(TxMode::kRead);
  const Rows rows = tx->Query("SELECT name FROM customers WHERE code = $1", {std::string("SZ-1")});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "深圳市顺达电子有限公司");
}

TYPED_TEST(DatabaseTest, ConcurrentReadModifyWriteLosesNoUpdate) {
  this->Script("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0)",
               "CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO counter VALUES (1, 0)");
  constexpr int kPerThread = 100;
  const std::string select = "SELECT n FROM counter WHERE id = 1" + std::string(ForUpdate(this->db_->dialect()));
  auto work = [&] {
    for (int i = 0; i < kPerThread; ++i) {
      auto tx = this->db_->Begin(TxMode::kWrite);
      const int64_t n = tx->Query(select)[0].Int(0);
      std::this_thread::yield();  // widen the window between read and write
      tx->Execute("UPDATE counter SET n = $1 WHERE id = 1", {n + 1});
      tx->Commit();
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  auto tx = this->db_->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT n FROM counter")[0].Int(0), 2 * kPerThread);
}

TYPED_TEST(DatabaseTest, ExhaustedPoolGivesUpAfterTheTimeout) {
  auto db = this->backend_.Open(1, std::chrono::milliseconds(200));
  auto held = db->Begin(TxMode::kRead);
  EXPECT_EQ(db->Stats().in_use, 1);
  const auto start = std::chrono::steady_clock::now();
  try {
    auto second = db->Begin(TxMode::kRead);
    FAIL() << "a second transaction got the only connection";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable) << e.what();
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));
  const PoolStats stats = db->Stats();
  EXPECT_EQ(stats.size, 1);
  EXPECT_EQ(stats.waits, 1);
  EXPECT_EQ(stats.timeouts, 1);
  held.reset();
  // Freed, the connection serves the next caller.
  EXPECT_EQ(db->Begin(TxMode::kRead)->Query("SELECT 1")[0].Int(0), 1);
}

TYPED_TEST(DatabaseTest, WaiterGetsTheConnectionWhenItFrees) {
  auto db = this->backend_.Open(1, std::chrono::seconds(10));
  auto held = db->Begin(TxMode::kRead);
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    held.reset();
  });
  auto tx = db->Begin(TxMode::kRead);
  releaser.join();
  EXPECT_EQ(tx->Query("SELECT 2")[0].Int(0), 2);
  EXPECT_EQ(db->Stats().waits, 1);
  EXPECT_EQ(db->Stats().timeouts, 0);
}

TYPED_TEST(DatabaseTest, ExecuteScriptRunsEveryStatement) {
  this->Script(
      "CREATE TABLE a (x INTEGER); -- a comment; with a semicolon\n"
      "INSERT INTO a VALUES (1); INSERT INTO a VALUES ('$1;'); /* ; */ INSERT INTO a VALUES (3);",
      "CREATE TABLE a (x TEXT); -- a comment; with a semicolon\n"
      "INSERT INTO a VALUES (1); INSERT INTO a VALUES ('$1;'); /* ; */ INSERT INTO a VALUES (3);");
  EXPECT_EQ(this->Count("a"), 3);
  auto tx = this->db_->Begin(TxMode::kWrite);
  EXPECT_THROW(tx->ExecuteScript("INSERT INTO a VALUES (4); INSERT INTO nowhere VALUES (5);"), DbError);
}

std::vector<Migration> TestMigrations() {
  return {
      {"test", 1, "create widgets", "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
       "CREATE TABLE widgets (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"},
      {"test", 2, "seed widgets", "INSERT INTO widgets VALUES (1, '螺丝'); INSERT INTO widgets VALUES (2, '齿轮');",
       "INSERT INTO widgets VALUES (1, '螺丝'); INSERT INTO widgets VALUES (2, '齿轮');"},
      {"other", 1, "create gadgets", "CREATE TABLE gadgets (id INTEGER PRIMARY KEY);",
       "CREATE TABLE gadgets (id BIGINT PRIMARY KEY);"},
  };
}

TYPED_TEST(DatabaseTest, MigrationsApplyOnceAndRerunsChangeNothing) {
  const auto migrations = TestMigrations();
  ApplyMigrations(*this->db_, migrations);
  ApplyMigrations(*this->db_, migrations);  // the seed would fail on duplicate ids if applied again
  EXPECT_EQ(this->Count("widgets"), 2);
  auto tx = this->db_->Begin(TxMode::kRead);
  const Rows recorded = tx->Query("SELECT module, version, name, applied_at FROM schema_migrations ORDER BY module, version");
  ASSERT_EQ(recorded.size(), 3u);
  EXPECT_EQ(recorded[0].Text(0), "other");
  EXPECT_EQ(recorded[2].Text(2), "seed widgets");
  EXPECT_GT(recorded[2].Time(3), kNoon - std::chrono::hours(24 * 365 * 10));
}

TYPED_TEST(DatabaseTest, NewMigrationsApplyAfterOldOnes) {
  auto migrations = TestMigrations();
  ApplyMigrations(*this->db_, std::span(migrations).first(1));
  EXPECT_EQ(this->Count("widgets"), 0);
  ApplyMigrations(*this->db_, migrations);
  EXPECT_EQ(this->Count("widgets"), 2);
}

TYPED_TEST(DatabaseTest, TwoNodesMigratingTogetherApplyEachOnce) {
  const auto migrations = TestMigrations();
  auto other = this->backend_.Open();
  std::exception_ptr failure;
  std::thread node([&] {
    try {
      ApplyMigrations(*other, migrations);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  ApplyMigrations(*this->db_, migrations);
  node.join();
  if (failure) std::rethrow_exception(failure);
  EXPECT_EQ(this->Count("widgets"), 2);
  EXPECT_EQ(this->Count("schema_migrations"), 3);
}

TYPED_TEST(DatabaseTest, FailedMigrationIsNotRecordedAndStopsTheRun) {
  auto migrations = TestMigrations();
  migrations.insert(migrations.begin() + 1,
                    Migration{"test", 2, "broken", "CREATE TABLE widgets (id INTEGER); ", "CREATE TABLE widgets (id BIGINT);"});
  migrations[2].version = 3;
  EXPECT_THROW(ApplyMigrations(*this->db_, migrations), DbError);
  auto tx = this->db_->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT version FROM schema_migrations WHERE module = 'test'").size(), 1u);
  EXPECT_TRUE(tx->Query("SELECT version FROM schema_migrations WHERE module = 'other'").empty());
}

TYPED_TEST(DatabaseTest, MigrationsOutOfOrderAreABug) {
  auto migrations = TestMigrations();
  std::swap(migrations[0], migrations[1]);
  EXPECT_THROW(ApplyMigrations(*this->db_, migrations), std::logic_error);
}

TYPED_TEST(DatabaseTest, ListParametersMatchAnyOfTheirValues) {
  this->CreateCustomers();
  const std::vector<std::string> names = {"顺达", "quote \" and \\ backslash", "comma, {brace}", "NULL", ""};
  {
    auto tx = this->db_->Begin(TxMode::kWrite);
    for (int64_t id = 1; id <= static_cast<int64_t>(names.size()); ++id)
      tx->Execute("INSERT INTO customers (id, code, name) VALUES ($1, $2, $3)",
                  {id, "C" + std::to_string(id), names[static_cast<size_t>(id - 1)]});
    tx->Commit();
  }
  const Dialect dialect = this->db_->dialect();
  auto tx = this->db_->Begin(TxMode::kRead);
  const std::string by_id = "SELECT id FROM customers WHERE " + InList(dialect, "id", 1) + " ORDER BY id";
  auto ids = [&](const Rows& rows) {
    std::vector<int64_t> out;
    for (const Row row : rows) out.push_back(row.Int(0));
    return out;
  };
  EXPECT_EQ(ids(tx->Query(by_id, {IntList{5, 2, 99}})), (std::vector<int64_t>{2, 5}));
  EXPECT_EQ(ids(tx->Query(by_id, {IntList{-1, 3}})), (std::vector<int64_t>{3}));
  EXPECT_TRUE(tx->Query(by_id, {IntList{}}).empty());  // an empty list matches nothing
  // Every name comes back as itself, whatever it holds; "NULL" is text, not SQL NULL.
  const std::string by_name =
      "SELECT id FROM customers WHERE " + InList(dialect, "name", 2) + " AND id > $1 ORDER BY id";
  EXPECT_EQ(ids(tx->Query(by_name, {int64_t{0}, TextList(names.begin(), names.end())})),
            (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ids(tx->Query(by_name, {int64_t{0}, TextList{"NULL", "顺"}})), (std::vector<int64_t>{4}));
  // Thousands of values are still one parameter (a placeholder each would pass the protocol's limit).
  IntList many;
  for (int64_t i = 5; i < 70000; ++i) many.push_back(i);
  EXPECT_EQ(ids(tx->Query(by_id, {many})), (std::vector<int64_t>{5}));
}

TYPED_TEST(DatabaseTest, UnpreparedStatementsBehaveLikePreparedOnes) {
  this->CreateCustomers();
  auto tx = this->db_->Begin(TxMode::kWrite);
  // A multi-row INSERT whose text depends on the batch, as bulk loads build them.
  for (int rows = 1; rows <= 40; ++rows) {
    std::string sql = "INSERT INTO customers (id, code, name) VALUES ";
    std::vector<Param> params;
    for (int r = 0; r < rows; ++r) {
      const int64_t id = rows * 100 + r;
      sql += (r ? ", " : "") + std::string("($") + std::to_string(params.size() + 1) + ", $" +
             std::to_string(params.size() + 2) + ", $" + std::to_string(params.size() + 3) + ")";
      params.insert(params.end(), {id, "C" + std::to_string(id), std::string("客户")});
    }
    EXPECT_EQ(tx->ExecuteUnprepared(sql, params), rows);
  }
  EXPECT_EQ(tx->QueryUnprepared("SELECT COUNT(*) FROM customers WHERE name = $1", {std::string("客户")})[0].Int(0),
            40 * 41 / 2);
  const Rows rows = tx->QueryUnprepared("SELECT id, name FROM customers WHERE id = $1", {int64_t{4003}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(rows[0].Col("name")), "客户");
  try {
    tx->ExecuteUnprepared("INSERT INTO customers (id, code, name) VALUES ($1, $2, $3)",
                          {int64_t{1}, std::string("C100"), std::string("dup")});
    FAIL() << "a duplicate code was accepted";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUniqueViolation) << e.what();
  }
}

TYPED_TEST(DatabaseTest, UnpreparedWrongParameterCountIsABugNotALostConnection) {
  auto db = this->backend_.Open(1);
  {
    auto tx = db->Begin(TxMode::kRead);
    try {
      tx->QueryUnprepared("SELECT 1 WHERE 1 = $1 AND 2 = $2", {int64_t{1}});
      FAIL();
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbError::Kind::kOther) << e.what();
    }
  }
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->QueryUnprepared("SELECT 1 + $1", {int64_t{1}})[0].Int(0), 2);
}

TYPED_TEST(DatabaseTest, BackgroundConnectionsAreFreeWhenRequestsHoldEveryOther) {
  this->CreateCustomers();
  auto db = this->backend_.Open(1, std::chrono::milliseconds(200));
  auto request = db->Begin(TxMode::kRead);  // the one request connection, held (a reader waiting on a writer)
  EXPECT_THROW(db->Begin(TxMode::kRead), DbError);
  Database& background = db->Background();
  EXPECT_EQ(&background.Background(), &background);
  EXPECT_EQ(background.dialect(), db->dialect());
  {
    auto tx = background.Begin(TxMode::kWrite);
    tx->Execute("INSERT INTO customers (id, code, name) VALUES (1, 'A', 'written in the background')");
    tx->Commit();
  }
  request.reset();
  auto tx = db->Begin(TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT name FROM customers WHERE id = 1")[0].Text(0), "written in the background");
  EXPECT_EQ(db->Stats().size, 1);  // the background connections are not the request pool's
}

TEST(OpenDatabase, RejectsUnknownUrlsClearly) {
  try {
    Open(DatabaseOptions{"mysql://localhost/consign"});
    FAIL();
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("sqlite:PATH"), std::string::npos) << e.what();
  }
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailableWithoutThePassword) {
  try {
    // Port 1 on loopback: nothing listens there.
    Open(DatabaseOptions{"postgresql://consign:s3cret@127.0.0.1:1/consign?connect_timeout=2"});
    FAIL();
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnavailable);
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
}

TEST(OpenDatabase, SqliteCreatesTheParentDirectory) {
  const auto dir = std::filesystem::temp_directory_path() / ("consign-open-" + testing::UniqueSuffix());
  {
    auto db = Open(DatabaseOptions{"sqlite:" + (dir / "nested" / "consign.db").string(), 2});
    EXPECT_EQ(db->dialect(), Dialect::kSqlite);
    EXPECT_TRUE(std::filesystem::exists(dir / "nested" / "consign.db"));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace consign::db
