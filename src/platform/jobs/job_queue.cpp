#include "platform/jobs/job_queue.hpp"

#include <algorithm>

namespace consign::jobs {

namespace {

constexpr std::string_view kSqliteSchema = R"sql(
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL,
  payload      TEXT    NOT NULL,
  run_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  leased_until INTEGER,
  lease_owner  TEXT,
  status       TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
  last_error   TEXT,
  created_at   INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER))
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_leases ON jobs (status, leased_until);
)sql";

constexpr std::string_view kPostgresSchema = R"sql(
CREATE TABLE jobs (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         TEXT        NOT NULL,
  payload      TEXT        NOT NULL,
  run_at       TIMESTAMPTZ NOT NULL,
  attempts     INTEGER     NOT NULL DEFAULT 0,
  max_attempts INTEGER     NOT NULL,
  leased_until TIMESTAMPTZ,
  lease_owner  TEXT,
  status       TEXT        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
  last_error   TEXT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_leases ON jobs (status, leased_until);
)sql";

}  // namespace

std::vector<db::Migration> Migrations() {
  return {{"jobs", 1, "create jobs", kSqliteSchema, kPostgresSchema}};
}

int64_t Enqueue(db::Transaction& tx, std::string_view kind, std::string_view payload, Instant run_at,
                int max_attempts) {
  return tx
      .Query("INSERT INTO jobs (kind, payload, run_at, max_attempts) VALUES ($1, $2, $3, $4) RETURNING id",
             {std::string(kind), std::string(payload), run_at, int64_t{max_attempts}})[0]
      .Int(0);
}

std::vector<Job> Claim(db::Database& db, std::span<const std::string> kinds, std::string_view node_id,
                       std::chrono::seconds lease, int batch, Instant now) {
  auto tx = db.Begin(db::TxMode::kWrite);
  const db::Dialect dialect = tx->dialect();
  // The kinds are one list parameter, so each statement's text is fixed: prepared once per connection.
  const db::TextList kind_list(kinds.begin(), kinds.end());

  // Expired leases with no attempts left will never be claimed again: bury them so Depth() and the
  // operators see them as dead rather than forever running.
  tx->Execute("UPDATE jobs SET status = 'dead', lease_owner = NULL, leased_until = NULL, "
              "last_error = 'lease expired after the last attempt' "
              "WHERE status = 'running' AND leased_until < $1 AND attempts >= max_attempts AND " +
                  db::InList(dialect, "kind", 2),
              {now, kind_list});

  const std::string sql =
      "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = $3, leased_until = $4"
      " WHERE id IN (SELECT id FROM jobs WHERE " +
      db::InList(dialect, "kind", 2) +
      " AND ((status = 'queued' AND run_at <= $1) OR (status = 'running' AND leased_until < $1)) "
      "ORDER BY run_at, id LIMIT $5" +
      (dialect == db::Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "") +
      ") RETURNING id, kind, payload, attempts, max_attempts, run_at";
  const db::Rows rows = tx->Query(sql, {now, kind_list, std::string(node_id), now + lease, int64_t{batch}});
  tx->Commit();

  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const db::Row row : rows) {
    jobs.push_back(Job{row.Int(row.Col("id")), row.Text(row.Col("kind")), row.Text(row.Col("payload")),
                       static_cast<int>(row.Int(row.Col("attempts"))),
                       static_cast<int>(row.Int(row.Col("max_attempts"))), row.Time(row.Col("run_at"))});
  }
  // RETURNING order is unspecified; hand jobs out oldest first.
  std::sort(jobs.begin(), jobs.end(),
            [](const Job& a, const Job& b) { return std::tie(a.run_at, a.id) < std::tie(b.run_at, b.id); });
  return jobs;
}

bool Complete(db::Database& db, int64_t job_id, std::string_view node_id) {
  auto tx = db.Begin(db::TxMode::kWrite);
  const int64_t changed = tx->Execute(
      "UPDATE jobs SET status = 'done', leased_until = NULL, last_error = NULL "
      "WHERE id = $1 AND status = 'running' AND lease_owner = $2",
      {job_id, std::string(node_id)});
  tx->Commit();
  return changed == 1;
}

bool Fail(db::Database& db, const Job& job, std::string_view node_id, std::string_view error, Instant now) {
  const bool exhausted = job.attempts >= job.max_attempts;
  auto tx = db.Begin(db::TxMode::kWrite);
  const int64_t changed = tx->Execute(
      "UPDATE jobs SET status = $1, run_at = $2, leased_until = NULL, lease_owner = NULL, last_error = $3 "
      "WHERE id = $4 AND status = 'running' AND lease_owner = $5",
      {std::string(exhausted ? "dead" : "queued"), now + Backoff(job.attempts), std::string(error.substr(0, 2000)),
       job.id, std::string(node_id)});
  tx->Commit();
  return changed == 1;
}

std::chrono::seconds Backoff(int attempts) {
  constexpr std::chrono::seconds kFirst{10};
  constexpr std::chrono::seconds kMax{3600};
  if (attempts <= 1) return kFirst;
  // 10 s * 2^9 already exceeds an hour; capping the exponent keeps the shift from overflowing.
  const int doublings = std::min(attempts - 1, 10);
  return std::min(kFirst * (int64_t{1} << doublings), kMax);
}

int64_t Depth(db::Database& db) {
  auto tx = db.Begin(db::TxMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")[0].Int(0);
}

}  // namespace consign::jobs
