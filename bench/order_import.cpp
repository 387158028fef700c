// Import of 100,000 orders (issue 9, goal: under 30 s) through the use case a POST
// /api/v1/orders/imports runs — read the CSV, check every row, price it from the card, allocate the
// whole file as one batch over 20 carriers, write the orders and their audit entries, commit — beside
// a reference measured in the same run: raw inserts of the same orders (the store's INSERT, one
// transaction, no checks, no pricing, no allocation, no audit) into the same database. A figure, not a
// test: it prints seconds, rows per second and the ratio, and asserts nothing about time.
//
// Usage: order_import_bench [ROWS]   (default 100000); CONSIGN_BENCH_CSV=PATH also writes the file there.
// PostgreSQL too when CONSIGN_BENCH_PG_URL names a server: the run works in a database of its own,
// dropped afterwards.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/modules.hpp"
#include "core/csv.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/orders/order_import_service.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/order_store.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "platform/db/pg_admin.hpp"

namespace consign {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
// This process's CPU time: the machine is shared, so wall time alone says little when others build.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// 2026-11-22T08:00:00Z
const Instant kNow = FromMicros(1'795'334'400'000'000);

using db::testing::PgAdmin;

// `rows` orders between real districts, as a customer's system would export them (UTF-8 CSV).
std::string OrdersCsv(size_t rows) {
  std::mt19937 random(9);
  const auto provinces = geo::Provinces();
  const auto cities = geo::Cities();
  const auto districts = geo::Districts();
  std::vector<size_t> six_digit;
  for (size_t i = 0; i < districts.size(); ++i)
    if (districts[i].code.size() == 6) six_digit.push_back(i);
  auto place = [&](std::vector<std::string>& out) {
    const geo::District& d = districts[six_digit[random() % six_digit.size()]];
    const geo::City& c = cities[d.city];
    const geo::Province& p = provinces[c.province];
    out.emplace_back(p.name);
    out.emplace_back(p.municipality ? p.name : c.name);
    out.emplace_back(d.name);
  };
  const char* surnames[] = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"};
  const char* given[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"};
  std::string out(csv::kUtf8Bom);
  csv::AppendRow(out, {"寄件人", "寄件人电话", "寄件省", "寄件市", "寄件区", "寄件地址", "收件人", "收件人电话", "收件省",
                       "收件市", "收件区", "收件地址", "件数", "重量(kg)", "长宽高(cm)", "货物类别", "产品", "客户单号"});
  std::vector<std::string> row;
  for (size_t i = 0; i < rows; ++i) {
    row.clear();
    for (int party = 0; party < 2; ++party) {
      row.push_back(std::string(surnames[random() % 10]) + given[random() % 10]);
      row.push_back("1" + std::to_string(3 + random() % 7) + std::to_string(100'000'000 + random() % 900'000'000));
      place(row);
      row.push_back("建设路" + std::to_string(1 + random() % 300) + "号" + std::to_string(1 + random() % 30) + "栋");
    }
    row.push_back(std::to_string(1 + random() % 3));
    const int grams = 100 + static_cast<int>(random() % 19'900);
    row.push_back(std::to_string(grams / 1000) + "." + std::to_string(1000 + grams % 1000).substr(1));
    row.push_back("40x30x20");
    row.push_back("general");
    row.push_back("standard");
    row.push_back("SO-" + std::to_string(i + 1));
    csv::AppendRow(out, row);
  }
  return out;
}

// 20 carriers covering the whole country for standard express, of different prices and capacities.
std::vector<carriers::Carrier> Carriers() {
  std::vector<std::string> all;
  for (const geo::Province& p : geo::Provinces()) all.emplace_back(p.code);
  std::vector<carriers::Carrier> out;
  for (int i = 0; i < 20; ++i) {
    carriers::Carrier c;
    c.code = "C" + std::to_string(i + 1);
    c.name_zh = "承运商" + std::to_string(i + 1);
    c.name_en = "Carrier " + std::to_string(i + 1);
    c.kind = i == 0 ? carriers::CarrierKind::kOwn : carriers::CarrierKind::kSubcontracted;
    c.coverage = all;
    c.products = {"standard"};
    c.daily_capacity_orders = 8'000 + 500 * i;
    c.daily_capacity_grams = 1'000'000'000;
    for (std::string zone : {"same_city", "same_province", "adjacent_province", "cross_province", "remote"}) {
      c.rates.push_back({"standard", zone, 1000, Money::Cny(600 + 37 * i), 1000, Money::Cny(150 + 11 * (i % 5))});
      c.transit.push_back({"standard", zone, 24 + 12 * (i % 4)});
    }
    c.declared = {9000 + 40 * (i % 10), 10 + i, 9500};
    out.push_back(std::move(c));
  }
  return out;
}

struct Figures {
  double parse_s = 0, import_s = 0, raw_s = 0;
  double import_cpu_s = 0, raw_cpu_s = 0;
  int64_t created = 0, allocated = 0, rejected = 0;
};

Figures Run(const std::string& url, size_t rows, const std::string& file) {
  ManualClock clock{kNow};
  std::unique_ptr<db::Database> database = db::Open(db::DatabaseOptions{url});
  // Every module's tables, as `consign migrate` makes them.
  std::vector<db::Migration> all;
  auto modules = module::InStartOrder(app::AllModules());
  if (!modules) throw std::runtime_error(modules.error().public_message);
  for (const module::Module& m : *modules)
    for (const db::Migration& migration : m.migrations) all.push_back(migration);
  db::ApplyMigrations(*database, all);
  if (!pricing::SeedStandardPricing(*database, clock)) throw std::runtime_error("pricing seed");
  const Principal system = Principal::System("bench");
  auto in_scope = [&](auto&& work) {
    Scope scope(database.get(), clock, system, "bench", db::TxMode::kWrite);
    auto result = work(scope);
    scope.Finish(result.has_value());
    if (!result) throw std::runtime_error(result.error().public_message);
    return *std::move(result);
  };
  for (carriers::Carrier& c : Carriers())
    in_scope([&](Scope& s) { return carriers::CreateCarrier(s, std::move(c)); });
  customers::Customer account;
  account.name = "深圳市顺达电子有限公司";
  account.industry = "electronics";
  const CustomerId customer{in_scope([&](Scope& s) { return customers::Create(s, account, std::nullopt); }).id};

  Figures f;
  // The pure part alone: decode, CSV, every row's checks.
  auto start = Clock::now();
  auto records = orders::ReadOrderFile(file, orders::FileFormat::kCsv, text::Encoding::kAuto);
  auto parsed = orders::ParseOrderRows(*records);
  f.parse_s = Since(start);
  if (!parsed->errors.empty()) throw std::runtime_error("the generated file has bad rows: " + parsed->errors[0].message);

  // The import as the route runs it, commit included.
  start = Clock::now();
  double cpu = CpuSeconds();
  const orders::OrderImportReport report = in_scope([&](Scope& s) {
    orders::OrderImportRequest request;
    request.bytes = file;
    request.mode = orders::ImportMode::kAllOrNothing;
    request.customer_id = customer;
    return orders::ImportOrders(s, request);
  });
  f.import_s = Since(start);
  f.import_cpu_s = CpuSeconds() - cpu;
  f.created = report.created;
  f.allocated = report.allocated;
  f.rejected = report.rejected;

  // The reference: the same orders inserted as they are, one transaction.
  std::vector<orders::Order> copies;
  {
    auto tx = database->Begin(db::TxMode::kRead);
    orders::OrderFilter filter;
    filter.customer_id = customer;
    filter.limit = static_cast<int>(rows) + 10;
    copies = orders::ListOrders(*tx, filter);
  }
  start = Clock::now();
  cpu = CpuSeconds();
  {
    auto tx = database->Begin(db::TxMode::kWrite);
    for (const orders::Order& o : copies) orders::InsertOrder(*tx, o);
    tx->Commit();
  }
  f.raw_s = Since(start);
  f.raw_cpu_s = CpuSeconds() - cpu;
  return f;
}

void Print(const char* backend, size_t rows, const Figures& f) {
  std::printf("%-10s  rows %zu  created %lld  allocated %lld  rejected %lld\n", backend, rows,
              static_cast<long long>(f.created), static_cast<long long>(f.allocated), static_cast<long long>(f.rejected));
  std::printf("  read + check (pure)   %7.2f s  %9.0f rows/s\n", f.parse_s, rows / f.parse_s);
  std::printf("  import (use case)     %7.2f s  %9.0f rows/s  %5.1f x reference   (CPU %6.2f s)\n", f.import_s,
              rows / f.import_s, f.import_s / f.raw_s, f.import_cpu_s);
  std::printf("  reference: raw INSERT %7.2f s  %9.0f rows/s                  (CPU %6.2f s)\n", f.raw_s,
              rows / f.raw_s, f.raw_cpu_s);
  std::fflush(stdout);
}

}  // namespace
}  // namespace consign

int main(int argc, char** argv) {
  using namespace consign;
  spdlog::set_level(spdlog::level::warn);
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
  const std::string file = OrdersCsv(rows);
  std::printf("order import: %zu rows, %.1f MB of UTF-8 CSV\n", rows, file.size() / 1e6);
  // CONSIGN_BENCH_CSV=path keeps the file, to send it to a server (curl --data-binary @path).
  if (const char* keep = std::getenv("CONSIGN_BENCH_CSV"); keep && *keep) {
    std::FILE* out = std::fopen(keep, "wb");
    if (!out || std::fwrite(file.data(), 1, file.size(), out) != file.size()) throw std::runtime_error(keep);
    std::fclose(out);
  }
  const auto dir = std::filesystem::temp_directory_path() / ("consign-import-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  Print("sqlite", rows, Run("sqlite:" + (dir / "bench.db").string(), rows, file));
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("CONSIGN_BENCH_PG_URL"); pg && *pg) {
    const std::string name = "consign_import_bench_" + std::to_string(getpid());
    PgAdmin(pg, "CREATE DATABASE " + name);
    std::string url = pg;
    const auto slash = url.rfind('/');
    url = url.substr(0, slash + 1) + name;
    try {
      Print("postgresql", rows, Run(url, rows, file));
    } catch (...) {
      PgAdmin(pg, "DROP DATABASE " + name);
      throw;
    }
    PgAdmin(pg, "DROP DATABASE " + name);
  }
  return 0;
}
