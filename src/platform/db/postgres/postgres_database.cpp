#include "platform/db/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstring>
#include <unordered_map>

#include "platform/db/connection_pool.hpp"

namespace consign::db {

namespace {

constexpr size_t kMaxCachedStatements = 512;

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct PreparedStatement {
  std::string name;
  int parameters = 0;
};

struct PgConnection {
  PGconn* conn = nullptr;
  std::unordered_map<std::string, PreparedStatement, TransparentHash, std::equal_to<>> statements;
  int64_t next_statement = 0;
  // Set when the server or the network failed us; the pool then drops this connection.
  bool broken = false;

  PgConnection() = default;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() { PQfinish(conn); }
};

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool IsConnectionFailure(PgConnection& c, const char* sqlstate) {
  if (PQstatus(c.conn) == CONNECTION_BAD) return true;
  if (!sqlstate) return true;  // no SQLSTATE: libpq lost the server before it answered
  const std::string_view state(sqlstate);
  // Class 08 is connection exceptions; 57P01..57P03 are the server shutting down or not ready.
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

// Turns a failed result into a DbError, marking the connection broken if it was lost.
DbError PgError(PgConnection& c, const PGresult* result, std::string_view sql) {
  const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = Trim(result && *PQresultErrorMessage(result) ? PQresultErrorMessage(result)
                                                                     : PQerrorMessage(c.conn));
  std::string full = "postgres";
  if (sqlstate) full += std::string(" ") + sqlstate;
  full += ": " + message;
  if (!sql.empty()) full += " [in: " + std::string(sql.substr(0, 200)) + "]";
  if (IsConnectionFailure(c, sqlstate)) {
    c.broken = true;
    return DbError(DbError::Kind::kUnavailable, full);
  }
  const char* constraint_field = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string constraint = constraint_field ? constraint_field : "";
  const std::string_view state(sqlstate);
  if (state == "23505") return DbError(DbError::Kind::kUniqueViolation, full, constraint);
  if (state == "23503") return DbError(DbError::Kind::kForeignKeyViolation, full, constraint);
  if (state == "23514") return DbError(DbError::Kind::kCheckViolation, full, constraint);
  if (state == "40001" || state == "40P01") return DbError(DbError::Kind::kSerialization, full);
  if (state == "55P03") return DbError(DbError::Kind::kBusy, full);  // lock_not_available (NOWAIT)
  return DbError(DbError::Kind::kOther, full);
}

bool Succeeded(const PGresult* result) {
  if (!result) return false;
  const auto status = PQresultStatus(result);
  // EMPTY_QUERY: a script holding only comments, e.g. a migration with nothing to do on PostgreSQL.
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

ResultPtr Run(PgConnection& c, const char* sql) {
  ResultPtr result(PQexec(c.conn, sql));
  if (!Succeeded(result.get())) throw PgError(c, result.get(), sql);
  return result;
}

std::unique_ptr<PgConnection> Connect(const std::string& url) {
  auto c = std::make_unique<PgConnection>();
  c->conn = PQconnectdb(url.c_str());
  if (!c->conn || PQstatus(c->conn) != CONNECTION_OK) {
    const std::string message = c->conn ? Trim(PQerrorMessage(c->conn)) : "out of memory";
    throw DbError(DbError::Kind::kUnavailable, "cannot connect to PostgreSQL at " + RedactUrl(url) + ": " + message);
  }
  // Server notices ("relation already exists, skipping") would go to stderr; keep them at debug.
  PQsetNoticeProcessor(
      c->conn, [](void*, const char* message) { spdlog::debug("postgres notice: {}", Trim(message)); }, nullptr);
  try {
    if (PQsetClientEncoding(c->conn, "UTF8") != 0) throw PgError(*c, nullptr, "client_encoding");
    // Instants come back as "2026-11-22 08:00:00.123+00", which ParseRfc3339 reads.
    Run(*c, "SET TimeZone = 'UTC'");
  } catch (const DbError& e) {
    throw DbError(DbError::Kind::kUnavailable, std::string("cannot set up PostgreSQL connection: ") + e.what());
  }
  return c;
}

std::string FormatParam(const Param& param) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, double>) {
          // Shortest text that reads back as the same double.
          char buf[32];
          const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
          return std::string(buf, end);
        } else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
        else return FormatRfc3339(v);
      },
      param);
}

class PgTransaction final : public Transaction {
 public:
  PgTransaction(ConnectionPool<PgConnection>& pool, std::unique_ptr<PgConnection> connection)
      : pool_(pool), c_(std::move(connection)) {}

  ~PgTransaction() override {
    if (open_ && !c_->broken) {
      ResultPtr result(PQexec(c_->conn, "ROLLBACK"));
      if (!Succeeded(result.get())) {
        spdlog::warn("postgres rollback failed, dropping the connection: {}",
                     Trim(PQerrorMessage(c_->conn)));
        c_->broken = true;
      }
    }
    // A connection that is not idle outside a transaction cannot be handed to the next caller.
    if (c_->broken || PQtransactionStatus(c_->conn) != PQTRANS_IDLE) c_.reset();
    pool_.Release(std::move(c_));
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Rows Query(std::string_view sql, std::span<const Param> params) override {
    ResultPtr result = ExecutePrepared(sql, params);
    const int columns = PQnfields(result.get());
    const int rows = PQntuples(result.get());
    std::vector<std::string> names;
    names.reserve(columns);
    for (int i = 0; i < columns; ++i) names.emplace_back(PQfname(result.get(), i));
    std::vector<Cell> cells;
    cells.reserve(static_cast<size_t>(rows) * columns);
    for (int r = 0; r < rows; ++r) {
      for (int i = 0; i < columns; ++i) {
        if (PQgetisnull(result.get(), r, i)) cells.emplace_back(std::monostate{});
        else cells.emplace_back(std::string(PQgetvalue(result.get(), r, i), PQgetlength(result.get(), r, i)));
      }
    }
    return Rows(std::move(names), std::move(cells));
  }

  int64_t Execute(std::string_view sql, std::span<const Param> params) override {
    ResultPtr result = ExecutePrepared(sql, params);
    const char* tuples = PQcmdTuples(result.get());
    int64_t changed = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), changed);
    return changed;
  }

  void ExecuteScript(std::string_view sql) override {
    RequireOpen();
    // Several statements in one simple-protocol message run inside the open transaction.
    Run(*c_, std::string(sql).c_str());
  }

  void Commit() override {
    RequireOpen();
    open_ = false;
    ResultPtr result = Run(*c_, "COMMIT");
    // COMMIT of a transaction an earlier statement aborted succeeds, but reports ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK")
      throw DbError(DbError::Kind::kOther, "transaction was aborted by an earlier error and rolled back");
  }

  void Rollback() override {
    RequireOpen();
    open_ = false;
    Run(*c_, "ROLLBACK");
  }

 private:
  void RequireOpen() const {
    if (!open_) throw DbError(DbError::Kind::kOther, "transaction already committed or rolled back");
    if (c_->broken) throw DbError(DbError::Kind::kUnavailable, "the database connection was lost");
  }

  const PreparedStatement& Prepare(std::string_view sql) {
    if (auto it = c_->statements.find(sql); it != c_->statements.end()) return it->second;
    if (c_->statements.size() >= kMaxCachedStatements) {
      Run(*c_, "DEALLOCATE ALL");
      c_->statements.clear();
    }
    PreparedStatement statement{"consign_" + std::to_string(++c_->next_statement), 0};
    const std::string text(sql);
    ResultPtr prepared(PQprepare(c_->conn, statement.name.c_str(), text.c_str(), 0, nullptr));
    if (!Succeeded(prepared.get())) throw PgError(*c_, prepared.get(), sql);
    // Knowing the parameter count lets a wrong count fail as a bug, not as a protocol error that
    // would read as a lost connection.
    ResultPtr described(PQdescribePrepared(c_->conn, statement.name.c_str()));
    if (!Succeeded(described.get())) throw PgError(*c_, described.get(), sql);
    statement.parameters = PQnparams(described.get());
    return c_->statements.emplace(text, std::move(statement)).first->second;
  }

  ResultPtr ExecutePrepared(std::string_view sql, std::span<const Param> params) {
    RequireOpen();
    const PreparedStatement& statement = Prepare(sql);
    if (static_cast<int>(params.size()) != statement.parameters)
      throw DbError(DbError::Kind::kOther, "statement takes " + std::to_string(statement.parameters) +
                                               " parameters, got " + std::to_string(params.size()) + ": " +
                                               std::string(sql.substr(0, 200)));
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::monostate>(params[i])) continue;  // nullptr is SQL NULL
      texts[i] = FormatParam(params[i]);
      values[i] = texts[i].c_str();
    }
    ResultPtr result(PQexecPrepared(c_->conn, statement.name.c_str(), static_cast<int>(params.size()),
                                    values.data(), nullptr, nullptr, 0));
    if (!Succeeded(result.get())) throw PgError(*c_, result.get(), sql);
    return result;
  }

  ConnectionPool<PgConnection>& pool_;
  std::unique_ptr<PgConnection> c_;
  bool open_ = true;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, int pool_size, std::chrono::milliseconds acquire_timeout)
      : url_(std::move(url)), pool_(pool_size, acquire_timeout) {
    pool_.Seed(Connect(url_));
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  std::unique_ptr<Transaction> Begin(TxMode) override {
    auto connection = pool_.Acquire();
    try {
      const bool reused = connection != nullptr;
      if (!connection) connection = Connect(url_);
      try {
        Run(*connection, "BEGIN ISOLATION LEVEL READ COMMITTED");
      } catch (const DbError&) {
        // An idle pooled connection may have died (server restart, idle timeout). Nothing has run
        // yet, so one retry on a fresh connection is safe.
        if (!reused || !connection->broken) throw;
        connection = Connect(url_);
        Run(*connection, "BEGIN ISOLATION LEVEL READ COMMITTED");
      }
    } catch (...) {
      if (connection && connection->broken) connection.reset();
      pool_.Release(std::move(connection));
      throw;
    }
    return std::make_unique<PgTransaction>(pool_, std::move(connection));
  }

  PoolStats Stats() const override { return pool_.Stats(); }

 private:
  const std::string url_;
  ConnectionPool<PgConnection> pool_;
};

}  // namespace

std::string RedactUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::unique_ptr<Database> OpenPostgres(const std::string& url, int pool_size,
                                       std::chrono::milliseconds acquire_timeout) {
  return std::make_unique<PgDatabase>(url, pool_size, acquire_timeout);
}

}  // namespace consign::db
