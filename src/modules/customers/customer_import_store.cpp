#include "modules/customers/customer_import_store.hpp"

namespace consign::customers {

namespace {

constexpr std::string_view kSqliteSchema = R"sql(
CREATE TABLE customer_imports (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL,
  login       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  file_name   TEXT    NOT NULL DEFAULT '',
  mode        TEXT    NOT NULL,
  dry_run     INTEGER NOT NULL,
  encoding    TEXT    NOT NULL,
  outcome     TEXT    NOT NULL CHECK (outcome IN ('imported', 'checked', 'rejected')),
  total_rows  INTEGER NOT NULL,
  ok_rows     INTEGER NOT NULL,
  failed_rows INTEGER NOT NULL,
  request_id  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX customer_imports_user ON customer_imports (user_id, id);
)sql";

constexpr std::string_view kPostgresSchema = R"sql(
CREATE TABLE customer_imports (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     BIGINT      NOT NULL,
  login       TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  file_name   TEXT        NOT NULL DEFAULT '',
  mode        TEXT        NOT NULL,
  dry_run     BOOLEAN     NOT NULL,
  encoding    TEXT        NOT NULL,
  outcome     TEXT        NOT NULL CHECK (outcome IN ('imported', 'checked', 'rejected')),
  total_rows  BIGINT      NOT NULL,
  ok_rows     BIGINT      NOT NULL,
  failed_rows BIGINT      NOT NULL,
  request_id  TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX customer_imports_user ON customer_imports (user_id, id);
)sql";

constexpr std::string_view kColumns =
    "id, user_id, login, created_at, file_name, mode, dry_run, encoding, outcome, total_rows, ok_rows, failed_rows, "
    "request_id";

}  // namespace

db::Migration ImportsMigration() {
  return {"customers", 5, "customer import history (who imported which file, how, and how many rows)", kSqliteSchema,
          kPostgresSchema};
}

int64_t InsertImportRun(db::Transaction& tx, const ImportRun& r) {
  return tx
      .Query("INSERT INTO customer_imports (user_id, login, created_at, file_name, mode, dry_run, encoding, outcome, "
             "total_rows, ok_rows, failed_rows, request_id) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
             {r.user_id, r.login, r.created_at, r.file_name, r.mode, r.dry_run, r.encoding, r.outcome, r.total_rows,
              r.ok_rows, r.failed_rows, r.request_id})[0]
      .Int("id");
}

std::vector<ImportRun> ListImportRuns(db::Transaction& tx, std::optional<int64_t> user_id, int limit,
                                      std::optional<int64_t> before_id) {
  // NULL parameters switch a condition off, so the one text stays prepared.
  const db::Rows rows = tx.Query(
      std::string("SELECT ") + std::string(kColumns) +
          " FROM customer_imports WHERE (CAST($1 AS BIGINT) IS NULL OR user_id = $1) AND (CAST($2 AS BIGINT) IS NULL OR id < $2) "
          "ORDER BY id DESC LIMIT $3",
      {db::Opt(user_id), db::Opt(before_id), static_cast<int64_t>(limit + 1)});
  std::vector<ImportRun> runs;
  for (const db::Row& row : rows) {
    ImportRun r;
    r.id = row.Int("id");
    r.user_id = row.Int("user_id");
    r.login = row.Text("login");
    r.created_at = row.Time("created_at");
    r.file_name = row.Text("file_name");
    r.mode = row.Text("mode");
    r.dry_run = row.Bool("dry_run");
    r.encoding = row.Text("encoding");
    r.outcome = row.Text("outcome");
    r.total_rows = row.Int("total_rows");
    r.ok_rows = row.Int("ok_rows");
    r.failed_rows = row.Int("failed_rows");
    r.request_id = row.Text("request_id");
    runs.push_back(std::move(r));
  }
  return runs;
}

}  // namespace consign::customers
