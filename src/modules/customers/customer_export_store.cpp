#include "modules/customers/customer_export_store.hpp"

namespace consign::customers {

namespace {

constexpr std::string_view kSqliteSchema = R"sql(
CREATE TABLE customer_exports (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL,
  login        TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed', 'expired')),
  format       TEXT    NOT NULL,
  unmasked     INTEGER NOT NULL,
  reason       TEXT    NOT NULL DEFAULT '',
  background   INTEGER NOT NULL,
  query        TEXT    NOT NULL,
  total_rows   INTEGER NOT NULL,
  rows_written INTEGER NOT NULL DEFAULT 0,
  file_name    TEXT    NOT NULL DEFAULT '',
  request_id   TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX customer_exports_user ON customer_exports (user_id, created_at);
)sql";

constexpr std::string_view kPostgresSchema = R"sql(
CREATE TABLE customer_exports (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      BIGINT      NOT NULL,
  login        TEXT        NOT NULL,
  status       TEXT        NOT NULL CHECK (status IN ('running', 'done', 'failed', 'expired')),
  format       TEXT        NOT NULL,
  unmasked     BOOLEAN     NOT NULL,
  reason       TEXT        NOT NULL DEFAULT '',
  background   BOOLEAN     NOT NULL,
  query        TEXT        NOT NULL,
  total_rows   BIGINT      NOT NULL,
  rows_written BIGINT      NOT NULL DEFAULT 0,
  file_name    TEXT        NOT NULL DEFAULT '',
  request_id   TEXT        NOT NULL DEFAULT '',
  created_at   TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_exports_user ON customer_exports (user_id, created_at);
)sql";

std::optional<ExportStatus> ParseExportStatus(std::string_view name) {
  for (ExportStatus s : {ExportStatus::kRunning, ExportStatus::kDone, ExportStatus::kFailed, ExportStatus::kExpired})
    if (ExportStatusName(s) == name) return s;
  return std::nullopt;
}

}  // namespace

std::string_view ExportStatusName(ExportStatus status) {
  switch (status) {
    case ExportStatus::kRunning: return "running";
    case ExportStatus::kDone: return "done";
    case ExportStatus::kFailed: return "failed";
    case ExportStatus::kExpired: return "expired";
  }
  return "failed";
}

db::Migration ExportsMigration() {
  return {"customers", 4, "customer exports (per-user limits, background exports and their files)", kSqliteSchema,
          kPostgresSchema};
}

void LockUserExports(db::Transaction& tx, int64_t user_id) {
  if (tx.dialect() != db::Dialect::kPostgres) return;
  tx.Query("SELECT pg_advisory_xact_lock(hashtext('customer_exports'), ($1 % 2147483647)::int)", {user_id});
}

ExportHistory LoadExportHistory(db::Transaction& tx, int64_t user_id, Instant now, std::chrono::seconds stale) {
  ExportHistory history;
  history.running = !tx.Query("SELECT id FROM customer_exports WHERE user_id = $1 AND status = 'running' "
                              "AND updated_at > $2 LIMIT 1",
                              {user_id, now - stale})
                         .empty();
  const db::Rows hour = tx.Query(
      "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM customer_exports WHERE user_id = $1 AND created_at > $2",
      {user_id, now - std::chrono::hours(1)});
  history.started_last_hour = static_cast<int>(hour[0].Int("n"));
  if (history.started_last_hour > 0) history.oldest_in_hour = hour[0].Time("oldest");
  return history;
}

int64_t InsertExport(db::Transaction& tx, const ExportRecord& r) {
  return tx
      .Query("INSERT INTO customer_exports (user_id, login, status, format, unmasked, reason, background, query, total_rows, "
             "request_id, created_at, updated_at, expires_at) "
             "VALUES ($1, $12, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
             {r.user_id, std::string(ExportStatusName(r.status)), std::string(ExportFormatName(r.format)), r.unmasked,
              r.reason, r.background, r.query_json, r.total_rows, r.request_id, r.created_at, r.expires_at, r.login})[0]
      .Int("id");
}

std::optional<ExportRecord> LoadExport(db::Transaction& tx, int64_t id) {
  const db::Rows rows = tx.Query(
      "SELECT id, user_id, login, status, format, unmasked, reason, background, query, total_rows, rows_written, file_name, "
      "request_id, created_at, updated_at, expires_at FROM customer_exports WHERE id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  const db::Row row = rows[0];
  ExportRecord r;
  r.id = row.Int("id");
  r.user_id = row.Int("user_id");
  r.login = row.Text("login");
  r.status = ParseExportStatus(row.Text("status")).value_or(ExportStatus::kFailed);
  r.format = ParseExportFormat(row.Text("format")).value_or(ExportFormat::kCsv);
  r.unmasked = row.Bool("unmasked");
  r.reason = row.Text("reason");
  r.background = row.Bool("background");
  r.query_json = row.Text("query");
  r.total_rows = row.Int("total_rows");
  r.rows_written = row.Int("rows_written");
  r.file_name = row.Text("file_name");
  r.request_id = row.Text("request_id");
  r.created_at = row.Time("created_at");
  r.updated_at = row.Time("updated_at");
  r.expires_at = row.Time("expires_at");
  return r;
}

void UpdateExportProgress(db::Transaction& tx, int64_t id, int64_t rows_written, Instant now) {
  tx.Execute("UPDATE customer_exports SET rows_written = $1, updated_at = $2 WHERE id = $3 AND status = 'running'",
             {rows_written, now, id});
}

void FinishExport(db::Transaction& tx, int64_t id, ExportStatus status, int64_t rows_written,
                  std::string_view file_name, Instant now) {
  tx.Execute("UPDATE customer_exports SET status = $1, rows_written = $2, file_name = $3, updated_at = $4 WHERE id = $5",
             {std::string(ExportStatusName(status)), rows_written, std::string(file_name), now, id});
}

}  // namespace consign::customers
