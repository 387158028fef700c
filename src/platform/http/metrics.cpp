#include "platform/http/metrics.hpp"

#include <fmt/format.h>

#include "platform/db/database.hpp"

namespace consign::http {

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

namespace {

template <class Map, class Make>
auto& FindOrInsert(std::shared_mutex& mu, Map& map, std::string_view key, Make make) {
  {
    std::shared_lock lock(mu);
    auto it = map.find(key);
    if (it != map.end()) return *it->second;
  }
  std::unique_lock lock(mu);
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), make()).first;
  return *it->second;
}

// Splits "a\0b\0c" into its parts.
std::vector<std::string_view> SplitKey(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t nul = key.find('\0', start);
    parts.push_back(key.substr(start, nul == std::string_view::npos ? std::string_view::npos : nul - start));
    if (nul == std::string_view::npos) return parts;
    start = nul + 1;
  }
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             std::chrono::microseconds duration) {
  std::string key;
  key.reserve(route.size() + method.size() + 6);
  key.append(route).push_back('\0');
  key.append(method).push_back('\0');
  key.append(std::to_string(status));
  auto& counter = FindOrInsert(mu_, counters_, key, [] { return std::make_unique<std::atomic<uint64_t>>(0); });
  counter.fetch_add(1, std::memory_order_relaxed);

  auto& hist = FindOrInsert(mu_, histograms_, route, [] { return std::make_unique<Histogram>(); });
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  hist.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  hist.sum_us.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, duration.count())), std::memory_order_relaxed);
  hist.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::RegisterGauge(std::string name, std::string help, std::function<double()> read) {
  std::unique_lock lock(mu_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

void Metrics::SetDatabase(const db::Database* database) { database_.store(database); }

std::string Metrics::Render() const {
  std::string out;
  std::shared_lock lock(mu_);

  out += "# HELP consign_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE consign_http_requests_total counter\n";
  for (const auto& [key, counter] : counters_) {
    const auto parts = SplitKey(key);
    fmt::format_to(std::back_inserter(out), "consign_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                   EscapeLabel(parts[0]), EscapeLabel(parts[1]), parts[2], counter->load(std::memory_order_relaxed));
  }

  out += "# HELP consign_http_request_duration_seconds Time from a parsed request to its response, by route.\n";
  out += "# TYPE consign_http_request_duration_seconds histogram\n";
  for (const auto& [route, hist] : histograms_) {
    const std::string label = EscapeLabel(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += hist->buckets[i].load(std::memory_order_relaxed);
      fmt::format_to(std::back_inserter(out), "consign_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                     label, kBuckets[i], cumulative);
    }
    cumulative += hist->buckets[kBuckets.size()].load(std::memory_order_relaxed);
    fmt::format_to(std::back_inserter(out),
                   "consign_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n"
                   "consign_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n"
                   "consign_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                   label, cumulative, label, static_cast<double>(hist->sum_us.load()) / 1e6, label,
                   hist->count.load());
  }

  if (const db::Database* database = database_.load()) {
    const db::PoolStats stats = database->Stats();
    fmt::format_to(std::back_inserter(out),
                   "# HELP consign_db_pool_size Database connections in the pool.\n"
                   "# TYPE consign_db_pool_size gauge\nconsign_db_pool_size {}\n"
                   "# HELP consign_db_pool_in_use Database connections lent to a transaction now.\n"
                   "# TYPE consign_db_pool_in_use gauge\nconsign_db_pool_in_use {}\n"
                   "# HELP consign_db_pool_waits_total Connection acquisitions that had to wait.\n"
                   "# TYPE consign_db_pool_waits_total counter\nconsign_db_pool_waits_total {}\n"
                   "# HELP consign_db_pool_timeouts_total Connection acquisitions that gave up.\n"
                   "# TYPE consign_db_pool_timeouts_total counter\nconsign_db_pool_timeouts_total {}\n",
                   stats.size, stats.in_use, stats.waits, stats.timeouts);
  }

  for (const Gauge& g : gauges_) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name,
                   g.read());
  }
  return out;
}

}  // namespace consign::http
