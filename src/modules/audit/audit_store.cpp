#include "modules/audit/audit_store.hpp"

#include "modules/audit/audit_log.hpp"

namespace consign::audit {

std::vector<db::Migration> Migrations() {
  // Append-only in the database itself, so no code path (nor a careless psql session) edits the
  // trail without first dropping a trigger; the hash chain shows what happened even then.
  return {
      {"audit", 1, "audit_log",
       R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_user_id INTEGER,
  actor_login TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql",
       R"sql(
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  actor_user_id BIGINT,
  actor_login TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql"},
  };
}

namespace store {

namespace {

constexpr std::string_view kColumns =
    "id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, request_id, "
    "prev_hash, hash";

ChainEntry FromRow(const db::Row& row) {
  ChainEntry e;
  e.id = row.Int(0);
  e.at = row.Time(1);
  e.actor_user_id = row.OptInt(2);
  e.actor_login = row.Text(3);
  e.action = row.Text(4);
  e.entity = row.Text(5);
  e.entity_id = row.Text(6);
  e.before_json = row.OptText(7);
  e.after_json = row.OptText(8);
  e.request_id = row.Text(9);
  e.prev_hash = row.Text(10);
  e.hash = row.Text(11);
  return e;
}

}  // namespace

std::optional<std::pair<int64_t, std::string>> LockAndReadTail(db::Transaction& tx) {
  // PostgreSQL runs READ COMMITTED: without the lock two appenders could read the same tail and
  // fork the chain. The lock is released when the caller's transaction ends.
  if (tx.dialect() == db::Dialect::kPostgres) tx.Query("SELECT pg_advisory_xact_lock($1)", {kAppendLockKey});
  db::Rows rows = tx.Query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return std::make_pair(rows[0].Int(0), rows[0].Text(1));
}

void Insert(db::Transaction& tx, const ChainEntry& e) {
  tx.Execute(
      "INSERT INTO audit_log (id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, "
      "after_json, request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {e.id, e.at, db::Opt(e.actor_user_id), e.actor_login, e.action, e.entity, e.entity_id, db::Opt(e.before_json),
       db::Opt(e.after_json), e.request_id, e.prev_hash, e.hash});
}

std::vector<ChainEntry> ReadAfter(db::Transaction& tx, int64_t after_id, int limit) {
  std::vector<ChainEntry> out;
  const std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";
  for (const db::Row& row : tx.Query(sql, {after_id, int64_t{limit}})) out.push_back(FromRow(row));
  return out;
}

std::vector<ChainEntry> ReadFor(db::Transaction& tx, std::optional<std::string_view> entity,
                                std::optional<std::string_view> entity_id, int limit, std::optional<int64_t> before_id) {
  // NULL parameters switch a filter off, so one statement text serves every combination.
  std::vector<ChainEntry> out;
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM audit_log WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) AND (CAST($2 AS TEXT) IS NULL OR entity_id = $2)"
                          " AND id < $3 ORDER BY id DESC LIMIT $4";
  const db::Param entity_param = entity ? db::Param(std::string(*entity)) : db::Null();
  const db::Param entity_id_param = entity_id ? db::Param(std::string(*entity_id)) : db::Null();
  for (const db::Row& row :
       tx.Query(sql, {entity_param, entity_id_param, before_id.value_or(INT64_MAX), int64_t{limit}}))
    out.push_back(FromRow(row));
  return out;
}

}  // namespace store
}  // namespace consign::audit
