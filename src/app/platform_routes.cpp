// The routes of the platform itself: health and readiness on the public listener, metrics on the
// internal one.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <thread>

#include "app/serve.hpp"
#include "platform/http/problem.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::app {

void RegisterPlatformRoutes(Composition& parts) {
  parts.router.Get("/healthz", http::Public(), [](const http::Request&, http::Context&) {
    return http::Response::Json(200, R"({"status":"ok"})");
  });
  db::Database* database = parts.database.get();
  parts.router.Get("/readyz", http::Public(), [database](const http::Request& request, http::Context& ctx) {
    // Its own transaction, not ctx.tx(): a failing database must answer 503 here, not 500.
    try {
      auto tx = database->Begin(db::TxMode::kRead);
      tx->Query("SELECT 1");
      tx->Commit();
    } catch (const std::exception& e) {
      spdlog::warn("readyz: database not ready: {}", e.what());
      http::Response r = http::ProblemResponse(MakeError(ErrorCode::kUnavailable, "The database does not answer."),
                                               request.path, ctx.request_id());
      r.Set("Retry-After", "1");
      return r;
    }
    return http::Response::Json(200, R"({"status":"ready"})");
  });
  // A slow request on demand, for the black-box tests of graceful shutdown and of slow requests not
  // stalling others. Registered only when the environment asks, so no real deployment has it.
  if (ProcessEnv("CONSIGN_TEST_HOOKS") == "1") {
    parts.router.Get("/_test/sleep", http::Public(), [](const http::Request& request, http::Context&) {
      int ms = 0;
      const std::string_view text = request.Query("ms").value_or("0");
      std::from_chars(text.data(), text.data() + text.size(), ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp(ms, 0, 10'000)));
      return http::Response::Json(200, R"({"slept":true})");
    });
  }
  jobs::JobRunner* runner = parts.jobs.get();
  parts.metrics.RegisterGauge("consign_jobs_queued", "Background jobs queued or running.",
                              [runner] {
                                // A scrape must not fail because the database hiccups: NaN shows the gap.
                                try {
                                  return static_cast<double>(runner->Depth());
                                } catch (const std::exception& e) {
                                  spdlog::warn("metrics: job queue depth unavailable: {}", e.what());
                                  return std::numeric_limits<double>::quiet_NaN();
                                }
                              });
}

void RegisterMetricsRoute(http::Router& internal, http::Metrics& metrics) {
  internal.Get("/metrics", http::Public(), [&metrics](const http::Request&, http::Context&) {
    return http::Response::Text(200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace consign::app
