#pragma once
// Background work claimed in the database, so that every `consign serve` node can run jobs and no job
// runs twice at once: a claim takes a lease (owner + deadline); a node that dies loses its lease when
// the deadline passes and another node claims the job again. Delivery is at least once, so handlers
// must be idempotent (a crash after the work but before Complete() reruns the job).
//
// States: queued -> running -> done
//                          \-> queued (Fail with attempts left, run_at pushed back by Backoff)
//                          \-> dead   (Fail or an expired lease with no attempts left)
//
// Thread safety: free functions; all state is in the database.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "platform/db/database.hpp"

namespace consign::jobs {

inline constexpr int kDefaultMaxAttempts = 10;

struct Job {
  int64_t id = 0;
  std::string kind;
  std::string payload;
  int attempts = 0;  // including the current one
  int max_attempts = kDefaultMaxAttempts;
  Instant run_at;
};

// The jobs table; add to the list given to db::ApplyMigrations.
std::vector<db::Migration> Migrations();

// Queues a job inside the caller's transaction, so it exists exactly when the change that asked for it
// commits (the outbox pattern). Returns the job id.
int64_t Enqueue(db::Transaction& tx, std::string_view kind, std::string_view payload, Instant run_at,
                int max_attempts = kDefaultMaxAttempts);

// Claims up to `batch` due jobs of the given kinds for `node_id` until now + lease, oldest first, and
// counts the attempt. Also claims running jobs whose lease has expired, and marks those with no
// attempts left dead. Concurrent claimers never receive the same job: FOR UPDATE SKIP LOCKED on
// PostgreSQL, the write lock on SQLite. REQUIRES: kinds not empty.
std::vector<Job> Claim(db::Database& db, std::span<const std::string> kinds, std::string_view node_id,
                       std::chrono::seconds lease, int batch, Instant now);

// Marks a claimed job done. Returns false when `node_id` no longer holds its lease (it expired and
// another node claimed the job), in which case nothing changes.
bool Complete(db::Database& db, int64_t job_id, std::string_view node_id);

// Records a failed attempt: the job runs again at now + Backoff(attempts), or goes dead when it has
// used max_attempts. Returns false when `node_id` no longer holds the lease.
bool Fail(db::Database& db, const Job& job, std::string_view node_id, std::string_view error, Instant now);

// Delay before retrying after the given number of failed attempts: 10 s doubling, at most one hour.
std::chrono::seconds Backoff(int attempts);

// Jobs queued or running (the queue depth shown on /metrics).
int64_t Depth(db::Database& db);

}  // namespace consign::jobs
