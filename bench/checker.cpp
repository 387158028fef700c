// The exception checker (issue 10's proof, second figure): tracking::CheckDue — the function the job
// tracking.check_due runs — over a database of OPEN open shipments (default 10,000,000), of which N are
// due, for N = 10,000 and N = 1,000. Its time must follow the due count, not the open count. A figure,
// not a test: it prints milliseconds and ratios and asserts nothing about time.
//
// Usage: checker_bench [OPEN]   PostgreSQL too when CONSIGN_BENCH_PG_URL names a server (a database of
// its own, dropped afterwards). CONSIGN_BENCH_DIR=PATH puts the SQLite file there (default: the temp dir).
//
// The set-up fills the tables directly (a bench's set-up, not the use cases): one real order made by
// orders::CreateOrder (priced, allocated to the one carrier) copied OPEN - 1 times by INSERT … SELECT
// (each copy its own id, picked up), and a tracking_shipments row for each, in transit, its next check
// spread over the next two days; the due ones have a next check in the past and three scans in
// tracking_events (picked up, hub departure, arrival), the last 40 hours ago — past the in-transit
// threshold (36 h), so each check raises a `stalled` exception as the checker would in production. The
// lane has 500 transit samples (the ETA's input). The checker's chain is as after a long life: every
// order already watched, the carriers measured this hour (that hourly measurement is not in the figure).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/modules.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/tracking/tracking_service.hpp"
#include "modules/tracking/tracking_store.hpp"
#include "platform/db/pg_admin.hpp"

namespace consign {
namespace {

using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;
double Since(Steady::time_point start) { return std::chrono::duration<double>(Steady::now() - start).count(); }
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// 2026-11-22T08:00:00Z
const Instant kNow = FromMicros(1'795'334'400'000'000);
constexpr int64_t kFillChunk = 500'000;  // rows per transaction while filling

carriers::Carrier Everywhere() {
  carriers::Carrier c;
  c.code = "CHK";
  c.name_zh = "检查快运";
  c.name_en = "Checker Express";
  c.kind = carriers::CarrierKind::kSubcontracted;
  for (const char* p : {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
                        "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"})
    c.coverage.emplace_back(p);
  c.products = {"standard"};
  c.daily_capacity_orders = 100'000'000;
  c.daily_capacity_grams = 1'000'000'000'000;
  for (std::string zone : {"same_city", "same_province", "adjacent_province", "cross_province", "remote"}) {
    c.rates.push_back({"standard", zone, 1000, Money::Cny(900), 1000, Money::Cny(200)});
    c.transit.push_back({"standard", zone, 48});
  }
  c.declared = {9600, 10, 9700};
  return c;
}

struct Bench {
  std::string url;
  ManualClock clock{kNow};
  std::unique_ptr<db::Database> database;
  int64_t carrier = 0;
  int64_t open = 0;

  template <class Work>
  auto InScope(Work&& work) {
    Scope scope(database.get(), clock, Principal::System("bench"), "bench", db::TxMode::kWrite);
    auto result = work(scope);
    scope.Finish(result.has_value());
    if (!result) throw std::runtime_error(result.error().public_message);
    return *std::move(result);
  }

  bool Pg() const { return database->dialect() == db::Dialect::kPostgres; }

  // Every module's tables, one carrier, one customer, one real order: the template of the others.
  int64_t SetUp() {
    database = db::Open(db::DatabaseOptions{url});
    std::vector<db::Migration> all;
    auto modules = module::InStartOrder(app::AllModules());
    if (!modules) throw std::runtime_error(modules.error().public_message);
    for (const module::Module& m : *modules)
      for (const db::Migration& migration : m.migrations) all.push_back(migration);
    db::ApplyMigrations(*database, all);
    if (!pricing::SeedStandardPricing(*database, clock)) throw std::runtime_error("pricing seed");
    carrier = InScope([&](Scope& s) { return carriers::CreateCarrier(s, Everywhere()); }).id.value();
    customers::Customer account;
    account.name = "深圳市顺达电子有限公司";
    account.industry = "electronics";
    const CustomerId customer{InScope([&](Scope& s) { return customers::Create(s, account, std::nullopt); }).id};
    orders::OrderDraft draft;
    draft.customer_id = customer;
    draft.shipper = {"张三", "13812345678", "440305", "科技园南区 1 栋 101"};
    draft.consignee = {"李四", "13987654321", "310115", "世纪大道 100 号 2001 室"};
    draft.goods.weight_grams = 2300;
    const orders::Order order = InScope([&](Scope& s) {
                                  return orders::CreateOrder(s, draft, orders::OrderSource::kApi, std::nullopt);
                                }).order;
    if (order.carrier_id != carrier) throw std::runtime_error("the template order was not allocated to the carrier");
    return order.id.value();
  }

  // The template copied until there are `open` orders, each with its shipment row, none due.
  void Fill(int64_t template_id) {
    std::string columns, values;
    {
      auto tx = database->Begin(db::TxMode::kRead);
      const db::Rows rows = tx->Query("SELECT * FROM orders WHERE id = $1", {template_id});
      for (const std::string& c : rows.columns()) {
        columns += (columns.empty() ? "" : ", ") + c;
        std::string v = "o." + c;
        if (c == "id") v = "g.id";
        else if (c == "idempotency_key") v = "NULL";
        else if (c == "status") v = "'picked_up'";
        else if (c == "reference") v = Pg() ? "'SO-' || g.id" : "'SO-' || g.id";
        values += (values.empty() ? "" : ", ") + v;
      }
      tx->Commit();
    }
    const Instant later = kNow + 1h;  // next checks from an hour to two days ahead: none due yet
    for (int64_t first = template_id + 1; first <= open; first += kFillChunk) {
      const int64_t last = std::min(open, first + kFillChunk - 1);
      auto tx = database->Begin(db::TxMode::kWrite);
      const std::string series = Pg() ? "generate_series($1::bigint, $2::bigint) AS g(id)"
                                      : "(WITH RECURSIVE s(id) AS (SELECT $1 UNION ALL SELECT id + 1 FROM s WHERE id < $2) "
                                        "SELECT id FROM s) AS g";
      tx->ExecuteUnprepared("INSERT INTO orders (" + columns + ") SELECT " + values + " FROM " + series +
                                " CROSS JOIN orders o WHERE o.id = $3",
                            {first, last, template_id});
      tx->Commit();
    }
    tx_shipments(template_id, later);
  }

  void tx_shipments(int64_t template_id, Instant later) {
    for (int64_t first = template_id; first <= open; first += kFillChunk) {
      const int64_t last = std::min(open, first + kFillChunk - 1);
      auto tx = database->Begin(db::TxMode::kWrite);
      const std::string next = Pg() ? "$3::timestamptz + (o.id % 169200) * interval '1 second'"
                                    : "$3 + (o.id % 169200) * 1000000";
      const std::string picked = Pg() ? "$4::timestamptz" : "$4";
      tx->ExecuteUnprepared(
          "INSERT INTO tracking_shipments (order_id, carrier_id, status, substatus, party, reason, last_scan_at, "
          "last_place, picked_up_at, failed_attempts, eta_p50, eta_p90, eta_basis, eta_confidence, next_check_at, "
          "promised_at, lane, scan_stages, updated_at) "
          "SELECT o.id, o.carrier_id, 'in_transit', 'in_transit.hub_departure', 'none', '', " + picked +
              ", '深圳转运中心', " + picked + ", 0, o.promised_at, o.promised_at, 'promise', 'low', " + next +
              ", o.promised_at, '44→31', 2, " + picked + " FROM orders o WHERE o.id BETWEEN $1 AND $2",
          {first, last, later, kNow - 10h});
      tx->Commit();
    }
    // The lane's 500 latest deliveries (tracking_transit), so that each ETA reads a real sample.
    auto tx = database->Begin(db::TxMode::kWrite);
    for (int64_t i = 0; i < 500; ++i)
      tx->Execute("INSERT INTO tracking_transit (order_id, carrier_id, product, origin_province, destination_province, "
                  "hours, delivered_at) VALUES ($1, $2, 'standard', '44', '31', $3, $4)",
                  {open + 1 + i, carrier, 30.0 + static_cast<double>(i % 40), kNow - std::chrono::hours(24 + i)});
    // The checker as after a long life: every order watched, the carriers measured this hour.
    tx->Execute("INSERT INTO tracking_checker (id, last_run_at, watched_up_to, scored_at) VALUES (1, $1, $2, $1)",
                {kNow, open});
    tx->Commit();
  }

  // `ids` made due: their next check a minute ago, and three scans each (the last 40 h ago: stalled).
  void MakeDue(const std::vector<int64_t>& ids) {
    auto tx = database->Begin(db::TxMode::kWrite);
    std::vector<tracking::StoredEvent> events;
    for (int64_t id : ids) {
      const struct {
        const char* code;
        tracking::ShipmentStatus status;
        const char* sub;
        std::chrono::hours ago;
        const char* place;
      } scans[] = {{"103", tracking::ShipmentStatus::kPickedUp, "", 50h, "深圳南山营业部"},
                   {"DEPART", tracking::ShipmentStatus::kInTransit, "in_transit.hub_departure", 46h, "深圳转运中心"},
                   {"ARRIVE", tracking::ShipmentStatus::kInTransit, "in_transit.hub_arrival", 40h, "上海转运中心"}};
      int n = 0;
      for (const auto& s : scans) {
        tracking::StoredEvent e;
        e.carrier_id = carrier;
        e.event_key = "id:chk-" + std::to_string(id) + "-" + std::to_string(++n);
        e.serial = id;
        e.order_id = id;
        e.event.waybill = orders::FormatWaybill(id);
        e.event.raw_code = s.code;
        e.event.status = s.status;
        e.event.substatus = s.sub;
        e.event.at = kNow - s.ago;
        e.event.place_name = s.place;
        e.event.place_division = "440305";
        e.received_at = e.event.at;
        events.push_back(std::move(e));
      }
    }
    tracking::InsertEvents(*tx, events);
    tx->Execute("UPDATE tracking_shipments SET next_check_at = $2, last_scan_at = $3 WHERE " +
                    db::InList(tx->dialect(), "order_id", 1),
                {db::IntList(ids), kNow - 1min, kNow - 40h});
    tx->Commit();
  }

  struct Figure {
    double ms = 0, cpu_ms = 0;
    int calls = 0;
    int64_t checked = 0, raised = 0;
  };

  // CheckDue as the job runs it (5,000 a run, a run again at once while it says `more`), each run its
  // own committed transaction, until nothing is due.
  Figure Check() {
    Figure f;
    const auto start = Steady::now();
    const double cpu = CpuSeconds();
    for (;;) {
      const tracking::CheckReport r = InScope([&](Scope& s) { return tracking::CheckDue(s, 5000); });
      ++f.calls;
      f.checked += r.checked;
      f.raised += r.raised;
      if (!r.more) break;
    }
    f.ms = Since(start) * 1000;
    f.cpu_ms = (CpuSeconds() - cpu) * 1000;
    return f;
  }

  int64_t CountDue() {
    auto tx = database->Begin(db::TxMode::kRead);
    const int64_t n = tx->Query("SELECT count(*) FROM tracking_shipments WHERE next_check_at <= $1", {kNow})[0].Int(0);
    tx->Commit();
    return n;
  }
};

void Run(const char* backend, const std::string& url, int64_t open) {
  Bench b;
  b.url = url;
  b.open = open;
  auto start = Steady::now();
  const int64_t template_id = b.SetUp();
  b.Fill(template_id);
  std::printf("%-10s  %lld open shipments (orders and tracking_shipments rows) filled in %.0f s\n", backend,
              static_cast<long long>(open), Since(start));
  std::fflush(stdout);
  // Due sets spread over the whole id range: every (open / N)-th order, the sets disjoint and never on the
  // same pages (at least 125 ids apart), so that none finds another's pages warm.
  auto spread = [&](int64_t n, int64_t offset) {
    std::vector<int64_t> ids;
    const int64_t stride = open / n;
    for (int64_t i = 0; i < n; ++i) ids.push_back(1 + offset + i * stride);
    return ids;
  };
  const Bench::Figure none = b.Check();  // nothing due: what a run costs whatever is open
  std::printf("  N = 0         %8.1f ms  (CPU %7.1f ms)  %d run\n", none.ms, none.cpu_ms, none.calls);
  // Two rounds, each its own sets (the first round meets a freshly filled database: pages never read,
  // on PostgreSQL hint bits not yet set; the second shows the steady state).
  const int64_t ns[2] = {10'000, 1'000};
  for (int round = 0; round < 2; ++round) {
    Bench::Figure figures[2];
    for (int k = 0; k < 2; ++k) {
      b.MakeDue(spread(ns[k], k == 0 ? 1 + round * 250 : open / 20'000 + 125 + round * 2'500));
      const int64_t due = b.CountDue();
      figures[k] = b.Check();
      const Bench::Figure& f = figures[k];
      std::printf("  round %d  N = %-6lld  %8.1f ms  (CPU %7.1f ms)  %d runs of CheckDue(5000), %lld checked, %lld "
                  "raised, %.3f ms a due shipment\n",
                  round + 1, static_cast<long long>(due), f.ms, f.cpu_ms, f.calls, static_cast<long long>(f.checked),
                  static_cast<long long>(f.raised), f.ms / static_cast<double>(std::max<int64_t>(1, f.checked)));
      std::fflush(stdout);
    }
    std::printf("  round %d  time(N=10,000) / time(N=1,000) = %.1f (CPU %.1f) for a due ratio of 10 and an open ratio "
                "of 1\n",
                round + 1, figures[0].ms / figures[1].ms, figures[0].cpu_ms / figures[1].cpu_ms);
    std::fflush(stdout);
  }
}

}  // namespace
}  // namespace consign

int main(int argc, char** argv) {
  using namespace consign;
  spdlog::set_level(spdlog::level::warn);
  const int64_t open = argc > 1 ? std::strtoll(argv[1], nullptr, 10) : 10'000'000;
  if (open < 20'000) throw std::runtime_error("at least 20,000 open shipments (10,000 due and more)");
  const char* dir_env = std::getenv("CONSIGN_BENCH_DIR");
  const auto dir = std::filesystem::path(dir_env && *dir_env ? dir_env : std::filesystem::temp_directory_path().string()) /
                   ("consign-checker-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  try {
    Run("sqlite", "sqlite:" + (dir / "bench.db").string(), open);
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("CONSIGN_BENCH_PG_URL"); pg && *pg) {
    using db::testing::PgAdmin;
    const std::string name = "consign_checker_bench_" + std::to_string(getpid());
    PgAdmin(pg, "CREATE DATABASE " + name);
    std::string url = pg;
    url = url.substr(0, url.rfind('/') + 1) + name;
    try {
      Run("postgresql", url, open);
    } catch (...) {
      PgAdmin(pg, "DROP DATABASE " + name);
      throw;
    }
    PgAdmin(pg, "DROP DATABASE " + name);
  }
  return 0;
}
