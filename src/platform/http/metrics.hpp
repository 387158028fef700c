#pragma once
// Prometheus metrics (text exposition format 0.0.4), served at GET /metrics:
//   consign_http_requests_total{route,method,status}         counter
//   consign_http_request_duration_seconds{route}             histogram
//   consign_db_pool_{size,in_use} gauges, consign_db_pool_{waits,timeouts}_total counters
//   plus any gauge a module registers (the job queue depth, ...).
// `route` is the route pattern ("/api/v1/customers/{id}"), never the raw path, so the number of
// series stays bounded whatever clients send.
//
// Thread safety: every method may be called from any thread. Recording a request takes a shared
// lock and bumps atomics; only the first request of a new series takes the exclusive lock.
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace consign::db {
class Database;
}

namespace consign::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void ObserveRequest(std::string_view route, std::string_view method, int status,
                      std::chrono::microseconds duration);

  // A gauge read when /metrics is scraped. `name` must be a valid metric name ("consign_jobs_queued").
  // REQUIRES: the callback stays valid for the life of this object and is thread-safe.
  void RegisterGauge(std::string name, std::string help, std::function<double()> read);

  // Exposes the pool statistics of `database` (nullptr to stop). REQUIRES: outlives this object's use.
  void SetDatabase(const db::Database* database);

  // The whole exposition, "# HELP"/"# TYPE" lines included.
  std::string Render() const;

  // Upper bounds in seconds of the latency histogram buckets (+Inf is implied).
  static constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1.0,   2.5,   10.0};

 private:
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last is +Inf
    std::atomic<uint64_t> sum_us{0};
    std::atomic<uint64_t> count{0};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  mutable std::shared_mutex mu_;
  // key: route '\0' method '\0' status
  std::map<std::string, std::unique_ptr<std::atomic<uint64_t>>, std::less<>> counters_;  // GUARDED_BY(mu_)
  std::map<std::string, std::unique_ptr<Histogram>, std::less<>> histograms_;            // GUARDED_BY(mu_)
  std::vector<Gauge> gauges_;                                                           // GUARDED_BY(mu_)
  std::atomic<const db::Database*> database_{nullptr};
};

// Escapes a label value for the exposition format (backslash, double quote, newline).
std::string EscapeLabel(std::string_view value);

}  // namespace consign::http
