#include "modules/tracking/module.hpp"

#include "modules/tracking/tracking_http.hpp"
#include "modules/tracking/tracking_service.hpp"
#include "modules/tracking/tracking_store.hpp"
#include "platform/jobs/job_queue.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::tracking {

namespace {
constexpr int kCheckPerRun = 1000;
}  // namespace

module::Module Module() {
  return {
      .name = "tracking",
      // orders: the order a scan belongs to, its record rule and its promise; carriers: the key that
      // says which carrier is pushing; audit: the hash that names an event without an id; customers:
      // the brand of an order's account on the public page; notify: the customers told of stages and
      // exceptions, queued in the transaction that found them.
      .depends = {"orders", "carriers", "customers", "notify", "audit"},
      .migrations = Migrations(),
      .access = {},
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router, ctx.settings.track_per_minute);
            const Clock* clock = &ctx.clock;
            // The exception checker: one job that runs the due checks and queues its next run in the
            // same transaction, claimed in the database (one node at a time). Started by the first node
            // ever, or again by a node that finds it has not run for ten minutes (its job died).
            ctx.jobs.Register(std::string(kCheckJob), [clock](const jobs::Job&, db::Database& writes) {
              auto ran = RunInScope<CheckReport>(writes, *clock, Principal::System("tracking-checker"), "job-check",
                                                 [&](Scope& scope) -> Result<CheckReport> {
                                                   // 1,000 a run: on SQLite a run holds the one writer
                                                   // lock (checker_bench: ~0.3 s a thousand), and scan
                                                   // batches must not wait seconds behind it.
                                                   auto report = CheckDue(scope, kCheckPerRun);
                                                   if (!report) return report;
                                                   const auto next = report->more ? std::chrono::seconds(1)
                                                                                  : std::chrono::seconds(60);
                                                   jobs::Enqueue(scope.tx(), kCheckJob, "", scope.now() + next,
                                                                 1'000'000);
                                                   return report;
                                                 });
              return ran ? Ok() : Status(ran.error());
            });
            db::Database* database = &ctx.database;
            ctx.on_start.push_back([database, clock] {
              auto tx = database->Begin(db::TxMode::kWrite);
              if (ClaimChecker(*tx, clock->Now(), std::chrono::minutes(10)))
                jobs::Enqueue(*tx, kCheckJob, "", clock->Now(), 1'000'000);
              tx->Commit();
            });
          },
      .commands = {},
  };
}

}  // namespace consign::tracking
