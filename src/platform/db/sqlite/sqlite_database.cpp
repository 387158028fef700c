#include "platform/db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/db/connection_pool.hpp"

namespace consign::db {

namespace {

// How long a writer waits for another writer's BEGIN IMMEDIATE..COMMIT before giving up with kBusy.
constexpr int kBusyTimeoutMs = 10000;
// Past this many distinct SQL texts on one connection the cache is emptied: the texts come from code,
// so this only bounds the damage of a caller that builds ad hoc SQL (IN lists of varying length).
constexpr size_t kMaxCachedStatements = 512;
// A read transaction kept open on an idle connection (SqliteConnection::kept) is ended once it has
// been idle this long, so that it never holds back the WAL's checkpoints for longer.
constexpr auto kKeptReadIdle = std::chrono::milliseconds(200);

// The wal-index header (https://sqlite.org/walformat.html §2.1): its first copy, 48 bytes at the start of
// the shared-memory file, which every commit by any connection of any process rewrites (its change
// counter, last frame and checksums).
using WalIndexHeader = std::array<unsigned char, 48>;

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::string AfterColon(std::string_view message) {
  // "UNIQUE constraint failed: customers.code" -> "customers.code"
  const auto pos = message.find(": ");
  return pos == std::string_view::npos ? std::string() : std::string(message.substr(pos + 2));
}

DbError SqliteError(int code, sqlite3* db, std::string_view sql) {
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string full = "sqlite: " + message;
  if (!sql.empty()) full += " [in: " + std::string(sql.substr(0, 200)) + "]";
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbError(DbError::Kind::kUniqueViolation, full, AfterColon(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbError(DbError::Kind::kForeignKeyViolation, full);
    case SQLITE_CONSTRAINT_CHECK:
      return DbError(DbError::Kind::kCheckViolation, full, AfterColon(message));
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DbError(DbError::Kind::kBusy, full);
    default:
      return DbError(DbError::Kind::kOther, full);
  }
}

[[noreturn]] void ThrowSqlite(int code, sqlite3* db, std::string_view sql) { throw SqliteError(code, db, sql); }

struct SqliteConnection {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, TransparentHash, std::equal_to<>> statements;
  // The column names of each cached statement, read once: every Rows of it shares them.
  std::unordered_map<sqlite3_stmt*, std::shared_ptr<const std::vector<std::string>>> column_names;
  const volatile unsigned char* wal_index_ = nullptr;  // mapped by SQLite, valid while db is open

  // A read transaction left open after its request ended (SqliteTransaction::Commit), to be taken up by
  // the next read while nothing has been committed since it began: BEGIN and COMMIT of a read
  // transaction take and drop a lock on the shared-memory file (two fcntl calls, under a mutex every
  // connection of the process shares), most of a short read's cost in the kernel. `began_under` is
  // the wal-index header read before its BEGIN: while the header still equals it, no commit has
  // happened since, so the transaction's snapshot is the database's current state.
  bool kept = false;
  std::chrono::steady_clock::time_point kept_since;
  WalIndexHeader began_under{};
  bool header_read = false;  // began_under holds the header of the open transaction

  // Copies the current wal-index header; false when the connection cannot see it (not in WAL mode).
  bool ReadWalIndexHeader(WalIndexHeader& out) {
    if (!wal_index_) {
      sqlite3_file* file = nullptr;
      if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
          !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap)
        return false;
      // Region 0 of the wal-index (32 KiB pages), already mapped by this connection's WAL: no new map.
      void volatile* region = nullptr;
      if (file->pMethods->xShmMap(file, 0, 32 * 1024, 0, &region) != SQLITE_OK || !region) return false;
      wal_index_ = static_cast<const volatile unsigned char*>(region);
    }
    for (size_t i = 0; i < out.size(); ++i) out[i] = wal_index_[i];
    std::atomic_thread_fence(std::memory_order_acquire);
    return true;
  }

  // Whether the kept read transaction may serve another read: nothing committed since it began.
  bool KeptIsCurrent() {
    WalIndexHeader now;
    return header_read && ReadWalIndexHeader(now) && now == began_under;
  }

  // Ends a kept read transaction. Throws DbError.
  void EndKept() {
    kept = false;
    Step("COMMIT");
  }

  SqliteConnection() = default;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() {
    ClearStatements();
    sqlite3_close_v2(db);
  }

  void ClearStatements() {
    for (auto& [sql, stmt] : statements) sqlite3_finalize(stmt);
    statements.clear();
    column_names.clear();
  }

  sqlite3_stmt* Prepare(std::string_view sql) {
    if (auto it = statements.find(sql); it != statements.end()) return it->second;
    if (statements.size() >= kMaxCachedStatements) ClearStatements();
    sqlite3_stmt* stmt = Compile(sql, SQLITE_PREPARE_PERSISTENT);
    statements.emplace(std::string(sql), stmt);
    return stmt;
  }

  // The names of a statement's result columns; those of a cached statement are read once.
  std::shared_ptr<const std::vector<std::string>> ColumnNames(sqlite3_stmt* stmt, bool cached) {
    const int columns = sqlite3_column_count(stmt);
    // A statement re-prepared after a schema change (`SELECT *` after ALTER TABLE) may have other columns.
    if (cached)
      if (auto it = column_names.find(stmt); it != column_names.end() && it->second->size() == size_t(columns))
        return it->second;
    auto names = std::make_shared<std::vector<std::string>>();
    names->reserve(columns);
    for (int i = 0; i < columns; ++i) names->emplace_back(sqlite3_column_name(stmt, i));
    if (cached) column_names.insert_or_assign(stmt, names);
    return names;
  }

  // A statement of its own, for the caller to finalise.
  sqlite3_stmt* Compile(std::string_view sql, unsigned flags) {
    const std::string rewritten = RewritePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db, rewritten.data(), static_cast<int>(rewritten.size()), flags, &stmt, &tail);
    if (rc != SQLITE_OK) ThrowSqlite(rc, db, sql);
    for (const char* p = tail; p && p < rewritten.data() + rewritten.size(); ++p) {
      if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
        sqlite3_finalize(stmt);
        throw DbError(DbError::Kind::kOther, "several statements in one Query/Execute (use ExecuteScript): " +
                                                 std::string(sql.substr(0, 200)));
      }
    }
    if (!stmt) throw DbError(DbError::Kind::kOther, "empty statement");
    return stmt;
  }

  // Runs a parameterless statement through the cache: BEGIN/COMMIT run on every request, and
  // sqlite3_exec would parse them again each time.
  void Step(const char* sql) {
    sqlite3_stmt* stmt = Prepare(sql);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      DbError error = SqliteError(rc, db, sql);
      sqlite3_reset(stmt);
      throw error;
    }
    sqlite3_reset(stmt);
  }

  void Exec(const char* sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) ThrowSqlite(sqlite3_extended_errcode(db), db, sql);
  }
};

// Process-wide settings, before SQLite initialises. Memory statistics off: with them on, every
// allocation SQLite makes takes one global mutex, which the request workers then queue on
// (sqlite3_status() is not used). Returns SQLITE_MISUSE, harmlessly, if SQLite was already in use.
void ConfigureSqliteOnce() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

std::unique_ptr<SqliteConnection> Connect(const std::string& path) {
  ConfigureSqliteOnce();
  auto connection = std::make_unique<SqliteConnection>();
  const int rc = sqlite3_open_v2(path.c_str(), &connection->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = connection->db ? sqlite3_errmsg(connection->db) : sqlite3_errstr(rc);
    throw DbError(DbError::Kind::kUnavailable, "cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(connection->db, 1);
  sqlite3_busy_timeout(connection->db, kBusyTimeoutMs);
  try {
    // WAL lets readers run beside the one writer; synchronous=FULL syncs the WAL on every commit, so
    // an acknowledged commit survives a crash or power loss (NORMAL would not, in WAL mode).
    std::string mode;
    char* error = nullptr;
    sqlite3_exec(
        connection->db, "PRAGMA journal_mode=WAL",
        [](void* out, int, char** values, char**) {
          *static_cast<std::string*>(out) = values[0] ? values[0] : "";
          return 0;
        },
        &mode, &error);
    sqlite3_free(error);
    if (mode != "wal")
      throw DbError(DbError::Kind::kUnavailable, "cannot switch " + path + " to WAL mode (got '" + mode + "')");
    // 16 MiB page cache per connection instead of the default 2 MiB: search and reports scan a lot.
    connection->Exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824;");
  } catch (const DbError& e) {
    throw DbError(DbError::Kind::kUnavailable, std::string("cannot set up SQLite database: ") + e.what());
  }
  return connection;
}

class SqliteDatabase;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(ConnectionPool<SqliteConnection>& pool, std::unique_ptr<SqliteConnection> connection,
                    std::unique_lock<std::timed_mutex> writer)
      : pool_(pool), connection_(std::move(connection)), writer_(std::move(writer)) {}

  ~SqliteTransaction() override {
    if (open_) {
      try {
        connection_->Step("ROLLBACK");
      } catch (const DbError& e) {
        // A failed rollback leaves the connection in an unknown state: close it rather than reuse it.
        spdlog::warn("sqlite rollback failed, dropping the connection: {}", e.what());
        connection_.reset();
      }
    }
    pool_.Release(std::move(connection_));
    if (writer_.owns_lock()) writer_.unlock();
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Rows Query(std::string_view sql, std::span<const Param> params) override {
    RequireOpen();
    return ReadRows(Bind(connection_->Prepare(sql), sql, params), sql, /*cached=*/true);
  }

  int64_t Execute(std::string_view sql, std::span<const Param> params) override {
    RequireOpen();
    return Step(Bind(connection_->Prepare(sql), sql, params), sql);
  }

  Rows QueryUnprepared(std::string_view sql, std::span<const Param> params) override {
    RequireOpen();
    OneOff statement(*connection_, sql);
    return ReadRows(Bind(statement.stmt, sql, params), sql, /*cached=*/false);
  }

  int64_t ExecuteUnprepared(std::string_view sql, std::span<const Param> params) override {
    RequireOpen();
    OneOff statement(*connection_, sql);
    return Step(Bind(statement.stmt, sql, params), sql);
  }

  void ExecuteScript(std::string_view sql) override {
    RequireOpen();
    connection_->Exec(std::string(sql).c_str());
  }

  // A read transaction that read something and wrote nothing is kept open rather than committed
  // (SqliteConnection::kept): the next read on this connection takes it up if nothing was committed
  // since. Its COMMIT would only have dropped its lock.
  void Commit() override {
    RequireOpen();
    if (!writer_.owns_lock() && connection_->header_read &&
        sqlite3_txn_state(connection_->db, nullptr) == SQLITE_TXN_READ) {
      connection_->kept = true;
      connection_->kept_since = std::chrono::steady_clock::now();
      open_ = false;
      return;
    }
    Finish("COMMIT");
  }
  void Rollback() override { Finish("ROLLBACK"); }

 private:
  void RequireOpen() const {
    if (!open_) throw DbError(DbError::Kind::kOther, "transaction already committed or rolled back");
  }

  void Finish(const char* verb) {
    RequireOpen();
    try {
      connection_->Step(verb);
    } catch (const DbError&) {
      // A COMMIT that failed with SQLITE_BUSY leaves the transaction open (the destructor rolls it
      // back); other failures end it, which autocommit mode reveals.
      open_ = !sqlite3_get_autocommit(connection_->db);
      throw;
    }
    open_ = false;
    if (writer_.owns_lock()) writer_.unlock();
  }

  // A statement compiled for one execution and finalised after it.
  struct OneOff {
    OneOff(SqliteConnection& connection, std::string_view sql) : stmt(connection.Compile(sql, 0)) {}
    ~OneOff() { sqlite3_finalize(stmt); }
    OneOff(const OneOff&) = delete;
    OneOff& operator=(const OneOff&) = delete;
    sqlite3_stmt* stmt;
  };

  Rows ReadRows(sqlite3_stmt* stmt, std::string_view sql, bool cached) {
    auto names = connection_->ColumnNames(stmt, cached);
    const int columns = static_cast<int>(names->size());
    std::vector<Cell> cells;
    cells.reserve(columns);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(rc, stmt, sql);
      for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER: cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i))); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(stmt, i)); break;
          case SQLITE_NULL: cells.emplace_back(std::monostate{}); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, i));
            cells.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
    }
    Reset(stmt);
    return Rows(std::move(names), std::move(cells));
  }

  int64_t Step(sqlite3_stmt* stmt, std::string_view sql) {
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(rc, stmt, sql);
    }
    Reset(stmt);
    return sqlite3_changes64(connection_->db);
  }

  sqlite3_stmt* Bind(sqlite3_stmt* stmt, std::string_view sql, std::span<const Param> params) {
    RequireOpen();
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (static_cast<int>(params.size()) != expected)
      throw DbError(DbError::Kind::kOther, "statement takes " + std::to_string(expected) + " parameters, got " +
                                               std::to_string(params.size()) + ": " +
                                               std::string(sql.substr(0, 200)));
    for (int i = 0; i < expected; ++i) {
      const int index = i + 1;
      const int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return sqlite3_bind_null(stmt, index);
            else if constexpr (std::is_same_v<T, int64_t>) return sqlite3_bind_int64(stmt, index, v);
            else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, index, v);
            // The params outlive the statement's use: it is reset before Query/Execute return.
            else if constexpr (std::is_same_v<T, std::string>)
              return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            else if constexpr (std::is_same_v<T, bool>) return sqlite3_bind_int64(stmt, index, v ? 1 : 0);
            else if constexpr (std::is_same_v<T, Instant>) return sqlite3_bind_int64(stmt, index, ToMicros(v));
            else {
              // IntList, TextList: a JSON array for json_each() (InList).
              const std::string json = boost::json::serialize(boost::json::value_from(v));
              return sqlite3_bind_text64(stmt, index, json.data(), json.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) {
        Reset(stmt);
        ThrowSqlite(rc, connection_->db, sql);
      }
    }
    return stmt;
  }

  [[noreturn]] void Fail(int rc, sqlite3_stmt* stmt, std::string_view sql) {
    // Read the error before reset, which may overwrite it.
    DbError error = SqliteError(rc, connection_->db, sql);
    Reset(stmt);
    throw error;
  }

  static void Reset(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }

  ConnectionPool<SqliteConnection>& pool_;
  std::unique_ptr<SqliteConnection> connection_;
  std::unique_lock<std::timed_mutex> writer_;  // held by a write transaction until it ends
  bool open_ = true;
};

class SqliteDatabase final : public Database {
 public:
  // `writers` is shared with Background(): SQLite has one writer per file, whichever pool asks.
  SqliteDatabase(std::string path, int pool_size, int background_pool_size, std::chrono::milliseconds acquire_timeout,
                 std::shared_ptr<std::timed_mutex> writers = std::make_shared<std::timed_mutex>())
      : path_(std::move(path)), pool_(pool_size, acquire_timeout), write_mutex_(std::move(writers)) {
    // Open one connection now so that a bad path fails at start, not on the first request.
    pool_.Seed(Connect(path_));
    if (background_pool_size > 0)
      background_ = std::make_unique<SqliteDatabase>(path_, background_pool_size, 0, acquire_timeout, write_mutex_);
    sweeper_ = std::thread([this] { Sweep(); });
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(sweeper_mu_);
      stopping_ = true;
    }
    sweeper_wake_.notify_one();
    if (sweeper_.joinable()) sweeper_.join();
  }

  std::unique_ptr<Transaction> Begin(TxMode mode) override {
    // SQLite has one writer. Writers of this process queue on a mutex rather than on the file lock,
    // whose busy handler polls with sleeps of up to 100 ms: under load that made a write's p99
    // a second. (Other processes, such as `consign user add`, still meet the busy timeout.)
    std::unique_lock<std::timed_mutex> writer(*write_mutex_, std::defer_lock);
    if (mode == TxMode::kWrite && !writer.try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs)))
      throw DbError(DbError::Kind::kBusy, "sqlite: timed out waiting for the write lock");
    auto connection = pool_.Acquire();
    try {
      if (!connection) connection = Connect(path_);
      if (connection->kept) {
        if (mode == TxMode::kRead && connection->KeptIsCurrent()) {
          connection->kept = false;  // open, and this transaction's now
          return std::make_unique<SqliteTransaction>(pool_, std::move(connection), std::move(writer));
        }
        connection->EndKept();
      }
      // The header before BEGIN: the snapshot, taken by the first statement, is at least as new, so a
      // header still equal to this later proves it current (a commit in between only makes the next
      // read begin afresh).
      connection->header_read = mode == TxMode::kRead && connection->ReadWalIndexHeader(connection->began_under);
      // BEGIN IMMEDIATE takes the write lock now, waiting up to busy_timeout, so a writer never
      // fails later on a read-to-write lock upgrade.
      connection->Step(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      pool_.Release(std::move(connection));
      throw;
    }
    return std::make_unique<SqliteTransaction>(pool_, std::move(connection), std::move(writer));
  }

  PoolStats Stats() const override { return pool_.Stats(); }

  Database& Background() override { return background_ ? *background_ : *this; }

 private:
  const std::string path_;
  ConnectionPool<SqliteConnection> pool_;
  // Ends the read transactions kept on idle connections once they have been idle kKeptReadIdle: a
  // kept read holds its snapshot, and a snapshot held (say, on a connection no request has needed
  // since a burst) stops checkpoints from moving the WAL's frames past it into the database file.
  void Sweep() {
    std::unique_lock lock(sweeper_mu_);
    while (!sweeper_wake_.wait_for(lock, kKeptReadIdle / 2, [&] { return stopping_; })) {
      const auto idle_since = std::chrono::steady_clock::now() - kKeptReadIdle;
      pool_.ForEachIdle([&](std::unique_ptr<SqliteConnection>& connection) {
        if (!connection || !connection->kept || connection->kept_since > idle_since) return;
        try {
          connection->EndKept();
        } catch (const DbError& e) {
          spdlog::warn("sqlite: ending a kept read failed, dropping the connection: {}", e.what());
          connection.reset();
        }
      });
    }
  }

  const std::shared_ptr<std::timed_mutex> write_mutex_;
  std::unique_ptr<SqliteDatabase> background_;
  std::mutex sweeper_mu_;
  std::condition_variable sweeper_wake_;
  bool stopping_ = false;  // GUARDED_BY(sweeper_mu_)
  std::thread sweeper_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path, const DatabaseOptions& options) {
  return std::make_unique<SqliteDatabase>(path, options.pool_size, options.background_pool_size,
                                          options.acquire_timeout);
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  size_t i = 0;
  const size_t n = sql.size();
  auto copy_until = [&](std::string_view terminator) {
    const size_t end = sql.find(terminator, i);
    const size_t stop = end == std::string_view::npos ? n : end + terminator.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      // A doubled quote inside a literal reads as the end of one literal and the start of the next,
      // which copies it unchanged just the same.
      out += c;
      ++i;
      copy_until(std::string_view(&c, 1));
    } else if (c == '[') {
      copy_until("]");
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      copy_until("*/");
    } else if (c == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace consign::db
