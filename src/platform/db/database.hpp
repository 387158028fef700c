#pragma once
// The Database interface every module's store is written against. Two backends: SQLite (embedded,
// default) and PostgreSQL 15 (libpq, pooled). Modules write one SQL text for both where they can;
// where the dialects differ, both forms stand side by side in the module's store.
//
// SQL conventions, so one text runs on both:
//   - placeholders are $1, $2, ... (the SQLite backend rewrites them to ?1, ?2, ...);
//   - instants are bound as Instant and read with Row::Time(): INTEGER µs in SQLite, timestamptz in PG;
//   - booleans are bound as bool and read with Row::Bool(): INTEGER 0/1 in SQLite, boolean in PG;
//   - RETURNING and ON CONFLICT work on both (SQLite >= 3.35).
//   - read-modify-write: SQLite serialises write transactions, PostgreSQL runs READ COMMITTED, so a
//     store that reads a row and writes it back must lock it on PostgreSQL: append ForUpdate(dialect)
//     to the SELECT, or write a single UPDATE ... SET n = n + 1, or check a version column.
//   - a statement that fails inside a transaction leaves it unusable on PostgreSQL: roll back.
//   - a list of values is one parameter (IntList, TextList) matched with InList(dialect, expr, n):
//     `= ANY($n)` on PostgreSQL, `IN (SELECT value FROM json_each($n))` on SQLite, so the SQL text is
//     the same whatever the list's length.
//   - SQL whose text varies from call to call (dynamic filters, multi-row INSERTs sized by the batch)
//     runs with QueryUnprepared/ExecuteUnprepared; fixed text uses Query/Execute, prepared once per
//     connection and cached.
//
// Thread safety: Database is thread-safe; a Transaction belongs to one thread at a time.
#include <cstdint>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.hpp"

namespace consign::db {

enum class Dialect { kSqlite, kPostgres };

// Lists are bound as one parameter: a PostgreSQL array, a JSON array on SQLite. Use them through InList().
using IntList = std::vector<int64_t>;
using TextList = std::vector<std::string>;

using Param = std::variant<std::monostate, int64_t, double, std::string, bool, Instant, IntList, TextList>;

inline Param Null() { return std::monostate{}; }
template <class T>
Param Opt(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return static_cast<int64_t>(*v);
  else return Param{*v};
}

// Infrastructure failures are exceptions (STYLE.md §3). The request pipeline maps kUniqueViolation
// to 409 and kBusy/kUnavailable to 503; anything else is a 500 with a correlation id.
//   kBusy:        the database did not get to the statement in time: SQLite's write lock, a row lock
//                 taken with NOWAIT, PostgreSQL's statement_timeout (SQLSTATE 57014). The connection
//                 is fine; a retry may succeed.
//   kUnavailable: no connection (pool timeout, server gone, connection lost mid-statement).
class DbError : public std::runtime_error {
 public:
  enum class Kind { kUniqueViolation, kForeignKeyViolation, kCheckViolation, kBusy, kSerialization, kUnavailable, kOther };
  DbError(Kind kind, std::string message, std::string constraint = {})
      : std::runtime_error(std::move(message)), kind_(kind), constraint_(std::move(constraint)) {}
  Kind kind() const { return kind_; }
  // Constraint or index name when the backend reports one ("customers_code_key", ...).
  const std::string& constraint() const { return constraint_; }

 private:
  Kind kind_;
  std::string constraint_;
};

// A value read from a row: SQLite gives typed values; PostgreSQL gives text, converted on access.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

class Rows;

class Row {
 public:
  Row(const Rows* rows, size_t index) : rows_(rows), index_(index) {}
  bool IsNull(size_t col) const;
  int64_t Int(size_t col) const;          // REQUIRES: not null
  double Real(size_t col) const;
  std::string Text(size_t col) const;     // null reads as ""
  bool Bool(size_t col) const;
  Instant Time(size_t col) const;
  std::optional<int64_t> OptInt(size_t col) const;
  std::optional<std::string> OptText(size_t col) const;
  std::optional<Instant> OptTime(size_t col) const;
  std::optional<bool> OptBool(size_t col) const;
  std::optional<double> OptReal(size_t col) const;
  // Index of the column with that name; throws DbError(kOther) if there is none.
  size_t Col(std::string_view name) const;

  // The same accessors by column name (`row.Int("id")`): what the SELECT list names, so reads do not
  // depend on the order of its columns. An unknown name throws DbError(kOther), as Col does. A name
  // is looked up among the row's columns on each call (a short linear scan).
  bool IsNull(std::string_view name) const { return IsNull(Col(name)); }
  int64_t Int(std::string_view name) const { return Int(Col(name)); }
  double Real(std::string_view name) const { return Real(Col(name)); }
  std::string Text(std::string_view name) const { return Text(Col(name)); }
  bool Bool(std::string_view name) const { return Bool(Col(name)); }
  Instant Time(std::string_view name) const { return Time(Col(name)); }
  std::optional<int64_t> OptInt(std::string_view name) const { return OptInt(Col(name)); }
  std::optional<std::string> OptText(std::string_view name) const { return OptText(Col(name)); }
  std::optional<Instant> OptTime(std::string_view name) const { return OptTime(Col(name)); }
  std::optional<bool> OptBool(std::string_view name) const { return OptBool(Col(name)); }
  std::optional<double> OptReal(std::string_view name) const { return OptReal(Col(name)); }

 private:
  const Cell& At(size_t col) const;
  const Rows* rows_;
  size_t index_;
};

class Rows {
 public:
  Rows() : Rows(std::vector<std::string>{}, {}) {}
  Rows(std::vector<std::string> columns, std::vector<Cell> cells)
      : Rows(std::make_shared<const std::vector<std::string>>(std::move(columns)), std::move(cells)) {}
  // Column names shared with every other result of the same statement (a driver's statement cache).
  Rows(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Cell> cells)
      : columns_(std::move(columns)), cells_(std::move(cells)) {}
  size_t size() const { return columns_->empty() ? 0 : cells_.size() / columns_->size(); }
  bool empty() const { return size() == 0; }
  const std::vector<std::string>& columns() const { return *columns_; }
  Row operator[](size_t i) const { return Row(this, i); }
  const Cell& cell(size_t row, size_t col) const { return cells_[row * columns_->size() + col]; }

  class Iterator {
   public:
    Iterator(const Rows* rows, size_t i) : rows_(rows), i_(i) {}
    Row operator*() const { return Row(rows_, i_); }
    Iterator& operator++() { ++i_; return *this; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
   private:
    const Rows* rows_;
    size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

 private:
  std::shared_ptr<const std::vector<std::string>> columns_;  // never null
  std::vector<Cell> cells_;
};

// One open transaction on one pooled connection. Destroying it without Commit() rolls back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;
  virtual Rows Query(std::string_view sql, std::span<const Param> params) = 0;
  // Returns the number of rows changed.
  virtual int64_t Execute(std::string_view sql, std::span<const Param> params) = 0;
  // Runs several ';'-separated statements with no parameters (migrations, DDL).
  virtual void ExecuteScript(std::string_view sql) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;

  // Query/Execute for SQL whose text varies from call to call (dynamic filters, multi-row INSERTs
  // sized by the batch): parsed for this one execution and not cached, so varying texts never fill
  // the per-connection statement cache. PostgreSQL: an unnamed statement (PQexecParams, one round
  // trip); SQLite: a statement compiled and finalised here. Fixed text belongs in Query/Execute.
  virtual Rows QueryUnprepared(std::string_view sql, std::span<const Param> params) { return Query(sql, params); }
  virtual int64_t ExecuteUnprepared(std::string_view sql, std::span<const Param> params) {
    return Execute(sql, params);
  }

  Rows Query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  int64_t Execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Execute(sql, std::span<const Param>(params.begin(), params.size()));
  }
  Rows QueryUnprepared(std::string_view sql, std::initializer_list<Param> params = {}) {
    return QueryUnprepared(sql, std::span<const Param>(params.begin(), params.size()));
  }
  int64_t ExecuteUnprepared(std::string_view sql, std::initializer_list<Param> params = {}) {
    return ExecuteUnprepared(sql, std::span<const Param>(params.begin(), params.size()));
  }
};

// The condition "`expr` is one of the list bound as $`placeholder`" (an IntList or TextList):
//   PostgreSQL: "expr = ANY($n)", the list bound as one array (its element type comes from expr);
//   SQLite:     "expr IN (SELECT value FROM json_each($n))", the list bound as a JSON array.
// One SQL text for any length, so it stays prepared; an empty list matches nothing.
std::string InList(Dialect dialect, std::string_view expr, int placeholder);

// " FOR UPDATE" on PostgreSQL, "" on SQLite (whose write transactions already hold the database lock).
// With `of` (a table alias), " FOR UPDATE OF c": the rows of that table only, as a query that outer-
// joins another table must say (PostgreSQL cannot lock the nullable side of an outer join).
inline std::string ForUpdate(Dialect dialect, std::string_view of = {}) {
  if (dialect != Dialect::kPostgres) return {};
  return of.empty() ? std::string(" FOR UPDATE") : " FOR UPDATE OF " + std::string(of);
}

// The most parameters one statement may carry. PostgreSQL's protocol allows 65,535, but libpq (15)
// takes a ParameterDescription over 30,000 bytes (7,500 parameters) for a lost connection; SQLite
// allows 32,766. Multi-row INSERTs size their batches by this.
inline constexpr size_t MaxParameters(Dialect dialect) { return dialect == Dialect::kPostgres ? 6000 : 30000; }

enum class TxMode {
  kRead,   // GET/HEAD requests: never writes
  kWrite,  // SQLite: BEGIN IMMEDIATE, so two writers never deadlock on lock upgrade
};

struct PoolStats {
  int size = 0;
  int in_use = 0;
  int64_t waits = 0;     // acquisitions that had to wait
  int64_t timeouts = 0;  // acquisitions that gave up (answered 503)
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Blocks until a connection is free; throws DbError(kUnavailable) after the pool timeout.
  virtual std::unique_ptr<Transaction> Begin(TxMode mode) = 0;
  // Stats of the request pool (not of Background()'s).
  virtual PoolStats Stats() const = 0;
  // The same database through connections of its own (DatabaseOptions::background_pool_size), for
  // the process's background writers (the audit appender, the job runner). Requests may hold every
  // connection of the main pool while they wait for such a writer; drawing from a separate pool, the
  // writer still gets one. Shares SQLite's writer queue. Owned by this Database; its Background()
  // is itself. The default (fakes, the no-database composition) is this database.
  virtual Database& Background() { return *this; }
};

struct DatabaseOptions {
  std::string url;         // "sqlite:PATH" or "postgresql://..."; see OpenPostgres for its own parameter
  int pool_size = 8;       // connections for requests (and anything else but background writers)
  std::chrono::milliseconds acquire_timeout{5000};
  int background_pool_size = 4;  // Background()'s connections: the audit appender + the job workers + 1
  // PostgreSQL: statement_timeout of every transaction (SET LOCAL); zero means none. A statement
  // that runs longer fails with DbError(kBusy). SQLite has no such limit.
  std::chrono::milliseconds statement_timeout{0};
};

// Opens the database the URL names. Throws DbError(kUnavailable) with a clear message on failure.
std::unique_ptr<Database> Open(const DatabaseOptions& options);

// A schema change owned by one module. Versions are numbered per module and applied in order,
// once, recorded in schema_migrations(module, version).
struct Migration {
  std::string_view module;
  int version;
  std::string_view name;
  std::string_view sqlite_sql;    // may hold several statements
  std::string_view postgres_sql;
};

// Applies every migration not yet recorded, each in its own transaction, in the order given.
// Safe to run from several nodes at once on PostgreSQL (an advisory lock serialises them).
void ApplyMigrations(Database& db, std::span<const Migration> migrations);

}  // namespace consign::db
