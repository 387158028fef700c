#include <spdlog/spdlog.h>

#include <map>
#include <stdexcept>

#include "platform/db/database.hpp"

namespace consign::db {

namespace {

// pg_advisory_xact_lock key for migrations: "consign" in ASCII. Any fixed number would do; it only
// has to differ from other advisory locks the program takes.
constexpr int64_t kMigrationLockKey = 0x636f6e7369676e;

constexpr std::string_view kCreateSqlite = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  module     TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (module, version)
))sql";

constexpr std::string_view kCreatePostgres = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  module     TEXT        NOT NULL,
  version    INTEGER     NOT NULL,
  name       TEXT        NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (module, version)
))sql";

// Serialises migrating nodes. On PostgreSQL a transaction-scoped advisory lock, taken first in every
// migration transaction: it is released by COMMIT or ROLLBACK even if the node dies, and it needs no
// connection held across transactions, so ApplyMigrations works with a pool of one. On SQLite the
// write transaction (BEGIN IMMEDIATE) already excludes every other writer. Being transaction-scoped,
// the lock also holds behind a pooler in transaction mode (PgBouncer), where a session lock would be
// taken on one server connection and released on another.
// A migration may rebuild an index over a big table: no statement timeout for it.
std::unique_ptr<Transaction> BeginExclusive(Database& db) {
  auto tx = db.Begin(TxMode::kWrite);
  if (tx->dialect() == Dialect::kPostgres) {
    tx->Execute("SET LOCAL statement_timeout = 0");
    tx->Query("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey});
  }
  return tx;
}

void CheckOrder(std::span<const Migration> migrations) {
  std::map<std::string_view, int> last;
  for (const auto& m : migrations) {
    auto [it, inserted] = last.emplace(m.module, m.version);
    if (!inserted && m.version <= it->second)
      throw std::logic_error("migrations of module " + std::string(m.module) + " are not in ascending order at " +
                             std::to_string(m.version));
    it->second = m.version;
  }
}

}  // namespace

void ApplyMigrations(Database& db, std::span<const Migration> migrations) {
  CheckOrder(migrations);
  {
    auto tx = BeginExclusive(db);
    tx->ExecuteScript(db.dialect() == Dialect::kPostgres ? kCreatePostgres : kCreateSqlite);
    tx->Commit();
  }
  for (const auto& m : migrations) {
    auto tx = BeginExclusive(db);
    // Checked under the lock: another node may have applied it since we last looked.
    const auto applied = tx->Query("SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2",
                                   {std::string(m.module), int64_t{m.version}});
    if (!applied.empty()) continue;
    const std::string_view script = db.dialect() == Dialect::kPostgres ? m.postgres_sql : m.sqlite_sql;
    try {
      tx->ExecuteScript(script);
    } catch (const DbError& e) {
      throw DbError(e.kind(),
                    "migration " + std::string(m.module) + "/" + std::to_string(m.version) + " (" +
                        std::string(m.name) + ") failed: " + e.what(),
                    e.constraint());
    }
    tx->Execute("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, $3, $4)",
                {std::string(m.module), int64_t{m.version}, std::string(m.name), SystemClock().Now()});
    tx->Commit();
    spdlog::info("applied migration {}/{:04d} {}", m.module, m.version, m.name);
  }
}

}  // namespace consign::db
