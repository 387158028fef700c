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
      // Version 2: several chains, each with its own head row to lock, so appends on different chains
      // never wait for each other. Existing entries become the start of chain 0 (seq = id, format 1:
      // their hashes stay valid); ids of new entries come from a sequence on PostgreSQL.
      {"audit", 2, "audit_chains",
       R"sql(
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET seq = id;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain, seq);
CREATE TABLE audit_heads (
  chain INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
WITH RECURSIVE n(c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM n WHERE c < 31)
INSERT INTO audit_heads (chain, seq, hash)
SELECT c, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM n;
UPDATE audit_heads SET seq = (SELECT MAX(id) FROM audit_log),
                       hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
 WHERE chain = 0 AND EXISTS (SELECT 1 FROM audit_log);
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
BEGIN SELECT RAISE(ABORT, 'audit_heads only move forward'); END;
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
WHEN NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1
BEGIN SELECT RAISE(ABORT, 'audit_heads only move forward'); END;
)sql",
       R"sql(
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 0,
                      ADD COLUMN seq BIGINT NOT NULL DEFAULT 0,
                      ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log SET seq = id;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain, seq);
CREATE SEQUENCE audit_log_id_seq;
SELECT setval('audit_log_id_seq', COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false);
CREATE TABLE audit_heads (
  chain INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_heads (chain, seq, hash)
SELECT c, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM generate_series(0, 31) c;
UPDATE audit_heads h SET seq = t.id, hash = t.hash
  FROM (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) t
 WHERE h.chain = 0;
CREATE FUNCTION audit_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_heads only move forward';
END
$$;
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION audit_heads_forward_only();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_heads_forward_only();
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
  FOR EACH ROW WHEN (NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1)
  EXECUTE FUNCTION audit_heads_forward_only();
)sql"},
      // Version 3: the count of each user's reveals of personal data in the current window (shared by
      // every server process), and alerts for admins (a user reached the reveal limit).
      {"audit", 3, "reveal_throttle and alerts",
       R"sql(
CREATE TABLE reveal_throttle (
  user_id INTEGER PRIMARY KEY,
  window_start INTEGER NOT NULL,
  attempts INTEGER NOT NULL
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  user_id INTEGER,
  login TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_entity_action ON audit_log (entity, entity_id, action, id);
)sql",
       R"sql(
CREATE TABLE reveal_throttle (
  user_id BIGINT PRIMARY KEY,
  window_start TIMESTAMPTZ NOT NULL,
  attempts BIGINT NOT NULL
);
CREATE TABLE alerts (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  kind TEXT NOT NULL,
  user_id BIGINT,
  login TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_log_entity_action ON audit_log (entity, entity_id, action, id);
)sql"},
  };
}

namespace store {

namespace {

constexpr std::string_view kColumns =
    "id, chain, seq, format, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, "
    "request_id, prev_hash, hash";

ChainEntry FromRow(const db::Row& row) {
  ChainEntry e;
  e.id = row.Int("id");
  e.chain = row.Int("chain");
  e.seq = row.Int("seq");
  e.format = static_cast<int>(row.Int("format"));
  e.at = row.Time("at");
  e.actor_user_id = row.OptInt("actor_user_id");
  e.actor_login = row.Text("actor_login");
  e.action = row.Text("action");
  e.entity = row.Text("entity");
  e.entity_id = row.Text("entity_id");
  e.before_json = row.OptText("before_json");
  e.after_json = row.OptText("after_json");
  e.request_id = row.Text("request_id");
  e.prev_hash = row.Text("prev_hash");
  e.hash = row.Text("hash");
  return e;
}

Slot SlotFrom(const db::Row& row) {
  return Slot{ChainHead{row.Int("chain"), row.Int("seq"), row.Text("hash")}, row.Int("next_id")};
}

}  // namespace

Slot LockChain(db::Transaction& tx, int64_t fallback) {
  if (tx.dialect() == db::Dialect::kSqlite) {
    // The single writer holds the whole database: max(id) + 1 cannot race.
    db::Rows rows = tx.Query(
        "SELECT chain, seq, hash, (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log) AS next_id FROM audit_heads "
        "WHERE chain = 0");
    if (rows.empty()) throw db::DbError(db::DbError::Kind::kOther, "audit_heads has no chain 0");
    return SlotFrom(rows[0]);
  }
  // A head row this transaction updated has its xid as xmin: prefer it, so a transaction that
  // appends many entries keeps to one chain instead of taking every chain that comes free. Rows
  // another transaction holds are skipped, never waited for.
  db::Rows rows = tx.Query(
      "SELECT h.chain, h.seq, h.hash, nextval('audit_log_id_seq') AS next_id FROM ("
      "SELECT chain, seq, hash FROM audit_heads ORDER BY xmin = pg_current_xact_id()::xid DESC, chain "
      "LIMIT 1 FOR UPDATE SKIP LOCKED) h");
  if (rows.empty()) {
    // Every chain is held by another transaction, and this one holds none (it would have found its
    // own): waiting cannot close a cycle of chain locks.
    rows = tx.Query("SELECT chain, seq, hash, nextval('audit_log_id_seq') AS next_id FROM audit_heads "
                    "WHERE chain = $1 FOR UPDATE",
                    {fallback});
  }
  if (rows.empty()) throw db::DbError(db::DbError::Kind::kOther, "audit_heads has no chain " + std::to_string(fallback));
  return SlotFrom(rows[0]);
}

void Insert(db::Transaction& tx, const ChainEntry& e) {
  tx.Execute(
      "INSERT INTO audit_log (id, chain, seq, format, at, actor_user_id, actor_login, action, entity, entity_id, "
      "before_json, after_json, request_id, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      {e.id, e.chain, e.seq, int64_t{e.format}, e.at, db::Opt(e.actor_user_id), e.actor_login, e.action, e.entity,
       e.entity_id, db::Opt(e.before_json), db::Opt(e.after_json), e.request_id, e.prev_hash, e.hash});
}

void Advance(db::Transaction& tx, const ChainEntry& e) {
  tx.Execute("UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1", {e.chain, e.seq, e.hash});
}

std::vector<ChainHead> ReadHeads(db::Transaction& tx) {
  std::vector<ChainHead> heads;
  for (const db::Row& row : tx.Query("SELECT chain, seq, hash FROM audit_heads ORDER BY chain"))
    heads.push_back(ChainHead{row.Int("chain"), row.Int("seq"), row.Text("hash")});
  return heads;
}

std::vector<ChainEntry> ReadAfter(db::Transaction& tx, int64_t chain, int64_t seq, int limit) {
  std::vector<ChainEntry> out;
  const std::string sql = "SELECT " + std::string(kColumns) +
                          " FROM audit_log WHERE (chain, seq) > ($1, $2) ORDER BY chain, seq LIMIT $3";
  for (const db::Row& row : tx.Query(sql, {chain, seq, int64_t{limit}})) out.push_back(FromRow(row));
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

std::vector<ChainEntry> ReadActionsFor(db::Transaction& tx, std::string_view entity, std::string_view entity_id,
                                       const std::vector<std::string>& actions, int limit,
                                       std::optional<int64_t> before_id) {
  std::vector<ChainEntry> out;
  const std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE entity = $1 AND entity_id = $2 AND " +
                          db::InList(tx.dialect(), "action", 3) + " AND id < $4 ORDER BY id DESC LIMIT $5";
  for (const db::Row& row : tx.Query(sql, {std::string(entity), std::string(entity_id), db::TextList(actions),
                                           before_id.value_or(INT64_MAX), int64_t{limit}}))
    out.push_back(FromRow(row));
  return out;
}

std::optional<RevealWindow> LockRevealWindow(db::Transaction& tx, UserId user) {
  // The row exists before it is locked, so that two first reveals of a user at once cannot both find
  // none and both write a count of 1 (PostgreSQL: the second insert waits for the first to commit,
  // then its SELECT … FOR UPDATE reads that row). A window that started at the epoch is long over.
  tx.Execute("INSERT INTO reveal_throttle (user_id, window_start, attempts) VALUES ($1, $2, 0) "
             "ON CONFLICT (user_id) DO NOTHING",
             {user.value(), Instant{}});
  db::Rows rows = tx.Query("SELECT window_start, attempts FROM reveal_throttle WHERE user_id = $1" +
                               db::ForUpdate(tx.dialect()),
                           {user.value()});
  if (rows.empty()) return std::nullopt;
  return RevealWindow{rows[0].Time("window_start"), rows[0].Int("attempts")};
}

void SaveRevealWindow(db::Transaction& tx, UserId user, const RevealWindow& window) {
  // The row is there and locked: LockRevealWindow made it.
  tx.Execute("UPDATE reveal_throttle SET window_start = $2, attempts = $3 WHERE user_id = $1",
             {user.value(), window.start, window.count});
}

void InsertAlert(db::Transaction& tx, const Alert& alert) {
  tx.Execute("INSERT INTO alerts (at, kind, user_id, login, detail) VALUES ($1, $2, $3, $4, $5)",
             {alert.at, alert.kind, db::Opt(alert.user_id), alert.login, alert.detail_json});
}

std::vector<Alert> ReadAlerts(db::Transaction& tx, int limit, std::optional<int64_t> before_id) {
  std::vector<Alert> out;
  for (const db::Row& row :
       tx.Query("SELECT id, at, kind, user_id, login, detail FROM alerts WHERE id < $1 ORDER BY id DESC LIMIT $2",
                {before_id.value_or(INT64_MAX), int64_t{limit}}))
    out.push_back(Alert{row.Int("id"), row.Time("at"), row.Text("kind"), row.OptInt("user_id"), row.Text("login"),
                        row.Text("detail")});
  return out;
}

}  // namespace store
}  // namespace consign::audit
