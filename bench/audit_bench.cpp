// Audited writes per second, before and after the audit trail was split into chains, on SQLite and
// on PostgreSQL. A figure, not a test: it prints writes per second beside a reference measured in the
// same run and asserts nothing about time.
//
// An audited write is what a request that changes a record does: one transaction that updates a row
// (each thread its own rows, so the change itself never contends) and appends its audit entry.
//   reference  the same transaction without the audit entry
//   before     the append as it was: one advisory lock for the whole cluster held until commit, the
//              last entry read, the next id (schema of audit migration 1)
//   after      AuditLog::Record: a chain no other transaction holds (all audit migrations)
//
// Usage: audit_bench [THREADS [SECONDS]]   (defaults 8 and 5)
// PostgreSQL: CONSIGN_BENCH_PG_URL or CONSIGN_TEST_PG_URL names a server; each run works in a schema
// of its own, dropped afterwards. Without either, only SQLite runs.
#include <libpq-fe.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_store.hpp"
#include "platform/db/database.hpp"
#include "platform/db/pg_admin.hpp"

namespace consign {
namespace {

enum class Mode { kReference, kBefore, kAfter };
const char* Name(Mode mode) {
  switch (mode) {
    case Mode::kReference: return "reference (no audit)";
    case Mode::kBefore: return "before (one global lock)";
    case Mode::kAfter: return "after (chains)";
  }
  return "";
}

constexpr int kRowsPerThread = 100;

using db::testing::PgAdmin;

audit::AuditEntry Entry(int thread, int64_t row, int64_t n) {
  Principal who;
  who.authenticated = true;
  who.user_id = UserId{7};
  who.login = "bench";
  return audit::AuditEntry{FromMicros(1'790'000'000'000'000 + n), who, "update", "parcel", std::to_string(row),
                           R"({"n":)" + std::to_string(n) + "}", R"({"n":)" + std::to_string(n + 1) + "}",
                           "bench-" + std::to_string(thread)};
}

// The append exactly as it was before the chains (audit migration 1 only).
void RecordBefore(db::Transaction& tx, const audit::AuditEntry& entry) {
  if (tx.dialect() == db::Dialect::kPostgres) tx.Query("SELECT pg_advisory_xact_lock($1)", {audit::store::kAppendLockKey});
  db::Rows tail = tx.Query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  audit::ChainEntry e;
  e.format = 1;
  e.id = tail.empty() ? 1 : tail[0].Int(0) + 1;
  e.seq = e.id;
  e.at = entry.at;
  e.actor_user_id = entry.actor.user_id.value();
  e.actor_login = entry.actor.login;
  e.action = entry.action;
  e.entity = entry.entity;
  e.entity_id = entry.entity_id;
  e.before_json = entry.before_json;
  e.after_json = entry.after_json;
  e.request_id = entry.request_id;
  e.prev_hash = tail.empty() ? std::string(audit::kGenesisHash) : tail[0].Text(1);
  e.hash = audit::ComputeHash(e);
  tx.Execute(
      "INSERT INTO audit_log (id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, "
      "after_json, request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {e.id, e.at, db::Opt(e.actor_user_id), e.actor_login, e.action, e.entity, e.entity_id, db::Opt(e.before_json),
       db::Opt(e.after_json), e.request_id, e.prev_hash, e.hash});
}

struct Outcome {
  double per_second = 0;
  int64_t writes = 0;
  std::string verified;
};

Outcome Run(const std::string& url, Mode mode, int threads, std::chrono::seconds duration) {
  auto database = db::Open(db::DatabaseOptions{url, threads + 2, std::chrono::seconds(60)});
  const auto migrations = audit::Migrations();
  db::ApplyMigrations(*database, mode == Mode::kBefore ? std::span(migrations.data(), 1)
                                                       : std::span(migrations.data(), migrations.size()));
  {
    auto tx = database->Begin(db::TxMode::kWrite);
    tx->ExecuteScript("CREATE TABLE bench_parcels (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    for (int64_t id = 1; id <= int64_t{threads} * kRowsPerThread; ++id)
      tx->Execute("INSERT INTO bench_parcels (id, n) VALUES ($1, 0)", {id});
    tx->Commit();
  }
  std::atomic<bool> stop{false};
  std::atomic<int64_t> writes{0};
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const audit::AuditLog log;
      int64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        const int64_t row = int64_t{t} * kRowsPerThread + 1 + n % kRowsPerThread;
        try {
          auto tx = database->Begin(db::TxMode::kWrite);
          tx->Execute("UPDATE bench_parcels SET n = n + 1 WHERE id = $1", {row});
          if (mode == Mode::kBefore) RecordBefore(*tx, Entry(t, row, n));
          if (mode == Mode::kAfter && !log.Record(*tx, Entry(t, row, n))) throw std::runtime_error("Record failed");
          tx->Commit();
          ++n;
          writes.fetch_add(1, std::memory_order_relaxed);
        } catch (const db::DbError& e) {
          if (e.kind() != db::DbError::Kind::kBusy) throw;  // SQLite: a request would answer 503 and retry
        }
      }
    });
  }
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Outcome outcome{static_cast<double>(writes.load()) / seconds, writes.load(), ""};
  if (mode == Mode::kAfter) {
    auto report = audit::VerifyChain(*database);
    outcome.verified = report && report->intact() ? "verified: " + audit::ReportLines(*report)[0] : "VERIFY FAILED";
  }
  return outcome;
}

void Backend(const char* name, const std::function<std::string()>& fresh_url, const std::function<void()>& cleanup,
             int threads, std::chrono::seconds duration) {
  std::printf("\n== %s, %d threads, %lld s per figure\n", name, threads, static_cast<long long>(duration.count()));
  double figures[3] = {};
  for (Mode mode : {Mode::kReference, Mode::kBefore, Mode::kAfter}) {
    const Outcome o = Run(fresh_url(), mode, threads, duration);
    cleanup();
    figures[static_cast<int>(mode)] = o.per_second;
    std::printf("%-26s %10.0f audited writes/s  (%lld writes)  %s\n", Name(mode), o.per_second,
                static_cast<long long>(o.writes), o.verified.c_str());
    std::fflush(stdout);
  }
  std::printf("after / before: %.2f   before / reference: %.2f   after / reference: %.2f\n", figures[2] / figures[1],
              figures[1] / figures[0], figures[2] / figures[0]);
}

}  // namespace
}  // namespace consign

int main(int argc, char** argv) {
  using namespace consign;
  const int threads = argc > 1 ? std::atoi(argv[1]) : 8;
  const auto duration = std::chrono::seconds(argc > 2 ? std::atoi(argv[2]) : 5);
  if (threads < 1 || duration.count() < 1) {
    std::fprintf(stderr, "usage: audit_bench [THREADS [SECONDS]]\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);  // "applied migration" lines between the figures are noise
  std::printf("== machine: %u cores\n", std::thread::hardware_concurrency());

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("consign-audit-bench-" + std::to_string(::getpid()));
  int run = 0;
  Backend(
      "SQLite (WAL)",
      [&] {
        std::filesystem::create_directories(dir);
        return "sqlite:" + (dir / ("bench" + std::to_string(++run) + ".db")).string();
      },
      [&] { std::filesystem::remove_all(dir); }, threads, duration);

  const char* pg = std::getenv("CONSIGN_BENCH_PG_URL");
  if (!pg || !*pg) pg = std::getenv("CONSIGN_TEST_PG_URL");
  if (!pg || !*pg) {
    std::printf("\n== PostgreSQL: skipped (set CONSIGN_BENCH_PG_URL or CONSIGN_TEST_PG_URL)\n");
    return 0;
  }
  const std::string base = pg;
  std::string schema;
  Backend(
      "PostgreSQL",
      [&] {
        schema = "audit_bench_" + std::to_string(::getpid()) + "_" + std::to_string(++run);
        PgAdmin(base, "CREATE SCHEMA " + schema);
        return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
      },
      [&] { PgAdmin(base, "DROP SCHEMA " + schema + " CASCADE"); }, threads, duration);
  return 0;
}
