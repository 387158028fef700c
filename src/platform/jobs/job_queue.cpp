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

// "$first, $first+1, ..." for an IN list of `count` kinds.
std::string Placeholders(int first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + static_cast<int>(i));
  }
  return out;
}

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
  const bool pg = tx->dialect() == db::Dialect::kPostgres;
  const std::string in_kinds = Placeholders(2, kinds.size());

  // Expired leases with no attempts left will never be claimed again: bury them so Depth() and the
  // operators see them as dead rather than forever running.
  std::vector<db::Param> params{now};
  for (const auto& kind : kinds) params.emplace_back(kind);
  tx->Execute("UPDATE jobs SET status = 'dead', lease_owner = NULL, leased_until = NULL, "
              "last_error = 'lease expired after the last attempt' "
              "WHERE status = 'running' AND leased_until < $1 AND attempts >= max_attempts AND kind IN (" +
                  in_kinds + ")",
              params);

  const int next = 2 + static_cast<int>(kinds.size());
  const std::string sql =
      "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = $" + std::to_string(next) +
      ", leased_until = $" + std::to_string(next + 1) +
      " WHERE id IN (SELECT id FROM jobs WHERE kind IN (" + in_kinds +
      ") AND ((status = 'queued' AND run_at <= $1) OR (status = 'running' AND leased_until < $1)) "
      "ORDER BY run_at, id LIMIT $" + std::to_string(next + 2) + (pg ? " FOR UPDATE SKIP LOCKED" : "") +
      ") RETURNING id, kind, payload, attempts, max_attempts, run_at";
  params.emplace_back(std::string(node_id));
  params.emplace_back(now + lease);
  params.emplace_back(int64_t{batch});
  const db::Rows rows = tx->Query(sql, params);
  tx->Commit();

  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const db::Row row : rows) {
    jobs.push_back(Job{row.Int(0), row.Text(1), row.Text(2), static_cast<int>(row.Int(3)),
                       static_cast<int>(row.Int(4)), row.Time(5)});
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
