#include "platform/db/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
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

// Statement names come from the SQL text, not a counter: when several clients' transactions share
// server connections (a pooler in transaction mode with prepared statements left on by mistake), a
// name then either means the same text or is missing, and the mistake fails loudly (SQLSTATE 26000 or
// 42P05) instead of running another client's statement. FNV-1a, stable across builds and nodes.
std::string StatementName(std::string_view sql) {
  uint64_t hash = 14695981039346656037ull;
  for (const char ch : sql) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 1099511628211ull;
  }
  char name[32];
  const int n = std::snprintf(name, sizeof name, "consign_%016llx", static_cast<unsigned long long>(hash));
  return std::string(name, static_cast<size_t>(n));
}

struct PreparedStatement {
  std::string name;
  int parameters = 0;
};

struct PgConnection {
  PGconn* conn = nullptr;
  std::unordered_map<std::string, PreparedStatement, TransparentHash, std::equal_to<>> statements;
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

bool IsConnectionFailure(PgConnection& c, const PGresult* result, const char* sqlstate) {
  if (PQstatus(c.conn) == CONNECTION_BAD) return true;
  if (!sqlstate) return true;  // no SQLSTATE: libpq lost the server before it answered
  const std::string_view state(sqlstate);
  // A protocol violation the server answered with a plain ERROR (an unnamed statement given the
  // wrong number of parameters) leaves the connection usable: a bug, not a lost server.
  const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (state == "08P01" && severity && std::string_view(severity) == "ERROR") return false;
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
  if (IsConnectionFailure(c, result, sqlstate)) {
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
  // query_canceled: statement_timeout (or an administrator's pg_cancel_backend). The transaction is
  // aborted; the connection is fine.
  if (state == "57014") return DbError(DbError::Kind::kBusy, full);
  if (state == "26000" || state == "42P05")
    return DbError(DbError::Kind::kOther, full + " (a pooler in transaction mode, such as PgBouncer, between us and the "
                                                 "server? add prepared_statements=off to the database URL)");
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

// Everything a connection is set up with travels in the startup packet or in each transaction's
// first round trip, never as session state: behind a pooler in transaction mode consecutive
// transactions run on different server connections. client_encoding is a startup parameter (which
// PgBouncer also tracks per client); TimeZone and statement_timeout are SET LOCAL at BEGIN.
std::unique_ptr<PgConnection> Connect(const std::string& url) {
  auto c = std::make_unique<PgConnection>();
  const char* keywords[] = {"dbname", "client_encoding", nullptr};
  const char* values[] = {url.c_str(), "UTF8", nullptr};
  c->conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!c->conn || PQstatus(c->conn) != CONNECTION_OK) {
    const std::string message = c->conn ? Trim(PQerrorMessage(c->conn)) : "out of memory";
    throw DbError(DbError::Kind::kUnavailable, "cannot connect to PostgreSQL at " + RedactUrl(url) + ": " + message);
  }
  // Server notices ("relation already exists, skipping") would go to stderr; keep them at debug.
  PQsetNoticeProcessor(
      c->conn, [](void*, const char* message) { spdlog::debug("postgres notice: {}", Trim(message)); }, nullptr);
  return c;
}

// A PostgreSQL array literal: {1,2} or {"a","b \"c\""}.
template <class List>
std::string ArrayLiteral(const List& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    if constexpr (std::is_same_v<List, IntList>) {
      out += std::to_string(items[i]);
    } else {
      out += '"';
      for (const char ch : items[i]) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
      }
      out += '"';
    }
  }
  return out + "}";
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
        else if constexpr (std::is_same_v<T, Instant>) return FormatRfc3339(v);
        else return ArrayLiteral(v);
      },
      param);
}

class PgTransaction final : public Transaction {
 public:
  PgTransaction(ConnectionPool<PgConnection>& pool, std::unique_ptr<PgConnection> connection, bool prepare)
      : pool_(pool), c_(std::move(connection)), prepare_(prepare) {}

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
    return ToRows(prepare_ ? ExecutePrepared(sql, params) : ExecuteUnnamed(sql, params));
  }

  int64_t Execute(std::string_view sql, std::span<const Param> params) override {
    return Changed(prepare_ ? ExecutePrepared(sql, params) : ExecuteUnnamed(sql, params));
  }

  Rows QueryUnprepared(std::string_view sql, std::span<const Param> params) override {
    return ToRows(ExecuteUnnamed(sql, params));
  }

  int64_t ExecuteUnprepared(std::string_view sql, std::span<const Param> params) override {
    return Changed(ExecuteUnnamed(sql, params));
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

  static Rows ToRows(const ResultPtr& result) {
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

  static int64_t Changed(const ResultPtr& result) {
    const char* tuples = PQcmdTuples(result.get());
    int64_t changed = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), changed);
    return changed;
  }

  // Text forms of the parameters; `values` points into `texts` (nullptr is SQL NULL).
  struct TextParams {
    explicit TextParams(std::span<const Param> params) : texts(params.size()), values(params.size()) {
      for (size_t i = 0; i < params.size(); ++i) {
        if (std::holds_alternative<std::monostate>(params[i])) continue;
        texts[i] = FormatParam(params[i]);
        values[i] = texts[i].c_str();
      }
    }
    std::vector<std::string> texts;
    std::vector<const char*> values;
  };

  const PreparedStatement& Prepare(std::string_view sql) {
    if (auto it = c_->statements.find(sql); it != c_->statements.end()) return it->second;
    if (c_->statements.size() >= kMaxCachedStatements) {
      Run(*c_, "DEALLOCATE ALL");
      c_->statements.clear();
    }
    PreparedStatement statement{StatementName(sql), 0};
    const std::string text(sql);
    ResultPtr prepared(PQprepare(c_->conn, statement.name.c_str(), text.c_str(), 0, nullptr));
    if (!Succeeded(prepared.get())) throw PgError(*c_, prepared.get(), sql);
    // Knowing the parameter count lets a wrong count fail before the server sees it.
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
    const TextParams text(params);
    ResultPtr result(PQexecPrepared(c_->conn, statement.name.c_str(), static_cast<int>(params.size()),
                                    text.values.data(), nullptr, nullptr, 0));
    if (!Succeeded(result.get())) throw PgError(*c_, result.get(), sql);
    return result;
  }

  // The unnamed statement: parse, bind and execute in one round trip, nothing left on the server.
  ResultPtr ExecuteUnnamed(std::string_view sql, std::span<const Param> params) {
    RequireOpen();
    const TextParams text(params);
    const std::string command(sql);
    ResultPtr result(PQexecParams(c_->conn, command.c_str(), static_cast<int>(params.size()), nullptr,
                                  text.values.data(), nullptr, nullptr, 0));
    if (!Succeeded(result.get())) throw PgError(*c_, result.get(), sql);
    return result;
  }

  ConnectionPool<PgConnection>& pool_;
  std::unique_ptr<PgConnection> c_;
  const bool prepare_;  // false: every statement unnamed (prepared_statements=off)
  bool open_ = true;
};

// Consign's own parameter in a postgresql:// URL, removed before libpq sees the URL.
constexpr std::string_view kPreparedStatementsParam = "prepared_statements";

struct PgSettings {
  std::string url;  // as libpq takes it
  bool prepare = true;
};

PgSettings ParseSettings(const std::string& url) {
  PgSettings settings{url, true};
  const size_t query = url.find('?');
  if (query == std::string::npos) return settings;
  std::string kept;
  size_t start = query + 1;
  while (start <= url.size()) {
    size_t end = url.find('&', start);
    if (end == std::string::npos) end = url.size();
    const std::string_view pair = std::string_view(url).substr(start, end - start);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == kPreparedStatementsParam) {
      const std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      if (value == "off" || value == "false" || value == "0") settings.prepare = false;
      else if (value == "on" || value == "true" || value == "1") settings.prepare = true;
      else
        throw DbError(DbError::Kind::kUnavailable,
                      "database URL: prepared_statements must be on or off, not '" + std::string(value) + "'");
    } else if (!pair.empty()) {
      kept += (kept.empty() ? "" : "&") + std::string(pair);
    }
    start = end + 1;
  }
  settings.url = url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  return settings;
}

class PgDatabase final : public Database {
 public:
  PgDatabase(PgSettings settings, int pool_size, int background_pool_size, std::chrono::milliseconds acquire_timeout,
             std::chrono::milliseconds statement_timeout, bool seed)
      : settings_(std::move(settings)), pool_(pool_size, acquire_timeout) {
    // One round trip opens the transaction and sets what it needs; SET LOCAL ends with it.
    begin_ = "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL TimeZone = 'UTC'";
    if (statement_timeout.count() > 0)
      begin_ += "; SET LOCAL statement_timeout = " + std::to_string(statement_timeout.count());
    if (seed) pool_.Seed(Connect(settings_.url));
    if (background_pool_size > 0)
      background_ = std::make_unique<PgDatabase>(settings_, background_pool_size, 0, acquire_timeout,
                                                 statement_timeout, /*seed=*/false);
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  std::unique_ptr<Transaction> Begin(TxMode) override {
    auto connection = pool_.Acquire();
    try {
      const bool reused = connection != nullptr;
      if (!connection) connection = Connect(settings_.url);
      try {
        Run(*connection, begin_.c_str());
      } catch (const DbError&) {
        // An idle pooled connection may have died (server restart, idle timeout). Nothing has run
        // yet, so one retry on a fresh connection is safe.
        if (!reused || !connection->broken) throw;
        connection = Connect(settings_.url);
        Run(*connection, begin_.c_str());
      }
    } catch (...) {
      if (connection && connection->broken) connection.reset();
      pool_.Release(std::move(connection));
      throw;
    }
    return std::make_unique<PgTransaction>(pool_, std::move(connection), settings_.prepare);
  }

  PoolStats Stats() const override { return pool_.Stats(); }

  Database& Background() override { return background_ ? *background_ : *this; }

 private:
  const PgSettings settings_;
  std::string begin_;
  ConnectionPool<PgConnection> pool_;
  std::unique_ptr<PgDatabase> background_;
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

std::unique_ptr<Database> OpenPostgres(const DatabaseOptions& options) {
  return std::make_unique<PgDatabase>(ParseSettings(options.url), options.pool_size, options.background_pool_size,
                                      options.acquire_timeout, options.statement_timeout, /*seed=*/true);
}

}  // namespace consign::db
