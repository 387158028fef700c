#include "modules/demo/demo_orders.hpp"

#include <array>
#include <map>
#include <random>
#include <string>

#include <fmt/format.h>

#include "modules/carriers/carrier_service.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/orders/allocation.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/zone.hpp"
#include "platform/scope/scope.hpp"

namespace consign::demo {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using Date = std::chrono::year_month_day;

// Where parcels go, weighted roughly by an express company's volume: the big eastern and southern
// cities first, the far west last (乌鲁木齐 and 拉萨 are the remote zone's).
struct Destination {
  std::string_view city;
  int weight;
};
constexpr std::array<Destination, 24> kDestinations = {{
    {"上海市", 14}, {"北京市", 12}, {"广州市", 10}, {"深圳市", 10}, {"杭州市", 8}, {"成都市", 7},
    {"重庆市", 6},  {"武汉市", 6},  {"南京市", 6},  {"苏州市", 6},  {"西安市", 5}, {"天津市", 5},
    {"郑州市", 5},  {"长沙市", 5},  {"青岛市", 4},  {"沈阳市", 3},  {"厦门市", 3}, {"昆明市", 3},
    {"合肥市", 3},  {"福州市", 3},  {"哈尔滨市", 2}, {"南宁市", 2}, {"乌鲁木齐市", 1}, {"拉萨市", 1},
}};

// The home cities accounts ship from.
constexpr std::array<std::string_view, 8> kOrigins = {"深圳市", "广州市", "上海市", "杭州市",
                                                      "苏州市", "北京市", "东莞市", "成都市"};

constexpr std::array<std::string_view, 12> kSurnames = {"王", "李", "张", "刘", "陈", "杨",
                                                        "黄", "赵", "吴", "周", "徐", "孙"};
constexpr std::array<std::string_view, 10> kGiven = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军"};
constexpr std::array<std::string_view, 6> kRoads = {"人民路", "解放路", "中山路", "建设路", "和平路", "新华路"};
constexpr std::array<std::string_view, 6> kGoods = {"服装", "电子配件", "文件", "化妆品", "图书", "日用品"};

// The districts of a city by its name (a city without districts: the city itself).
std::vector<std::string> DistrictsOf(std::string_view city_name) {
  std::vector<std::string> out;
  const auto cities = geo::Cities();
  const auto districts = geo::Districts();
  for (const geo::City& c : cities) {
    if (c.name != city_name) continue;
    for (uint32_t i = 0; i < c.district_count; ++i) out.emplace_back(districts[c.first_district + i].code);
    if (out.empty()) out.emplace_back(c.code);
    break;
  }
  return out;
}

std::string Phone(std::mt19937_64& rng) {
  return fmt::format("13{}{:08d}", 5 + rng() % 5, rng() % 100'000'000);
}

std::string Person(std::mt19937_64& rng) {
  return std::string(kSurnames[rng() % kSurnames.size()]) + std::string(kGiven[rng() % kGiven.size()]);
}

// 0.2–30 kg, most parcels light: a skewed draw in grams.
int64_t Weight(std::mt19937_64& rng) {
  std::lognormal_distribution<double> kg(0.3, 0.9);
  const double w = std::clamp(kg(rng), 0.2, 30.0);
  return static_cast<int64_t>(w * 1000);
}

// Every price list and carrier the loader needs, read once.
struct Reference {
  pricing::ZoneMatrix matrix;
  std::map<int64_t, pricing::PriceList> prices;  // by account
  std::vector<carriers::Carrier> carriers;
  std::vector<orders::CarrierLoad> today_load;  // capacity already used today (a demo loaded before)
};

// Counts one more order of `grams` against the carrier's load.
void AddLoad(std::vector<orders::CarrierLoad>& load, int64_t carrier_id, int64_t grams) {
  for (orders::CarrierLoad& l : load)
    if (l.carrier_id == carrier_id) {
      l.orders += 1;
      l.grams += grams;
      return;
    }
  load.push_back(orders::CarrierLoad{carrier_id, 1, grams});
}

const carriers::Carrier* FindCarrier(const std::vector<carriers::Carrier>& all, int64_t id) {
  for (const carriers::Carrier& c : all)
    if (c.id.value() == id) return &c;
  return nullptr;
}

}  // namespace

int DayFactorPercent(std::chrono::year_month_day day) {
  const unsigned m = static_cast<unsigned>(day.month());
  const unsigned d = static_cast<unsigned>(day.day());
  if (m == 11 && d == 11) return 400;
  if (m == 11 && (d == 10 || d == 12 || d == 13)) return 200;
  if (m == 6 && d == 18) return 250;
  if (m == 6 && d >= 14 && d <= 17) return 150;
  // The Spring Festival moves; its fortnight falls inside late January and February.
  const bool festival = (m == 2 && d <= 14) || (m == 1 && d >= 25);
  const std::chrono::weekday wd{sys_days{day}};
  int factor = wd == std::chrono::Saturday ? 70 : wd == std::chrono::Sunday ? 50 : 100;
  if (festival) factor = factor * 40 / 100;
  if (m == 12) factor = factor * 110 / 100;
  return factor;
}

OrdersSummary LoadDemoOrders(db::Database& database, const Clock& clock, const std::vector<int64_t>& accounts,
                             int64_t per_day, int64_t days_back, uint64_t seed, std::ostream& out) {
  OrdersSummary summary;
  if (accounts.empty() || per_day <= 0 || days_back <= 0) return summary;
  const Principal system = Principal::System("consign-demo");
  const Date today = orders::ChinaToday(clock.Now());

  Reference ref;
  auto read = RunInScope<bool>(database, clock, system, "demo", [&](Scope& scope) -> Result<bool> {
    auto matrix = pricing::GetZoneMatrix(scope);
    if (!matrix) return matrix.error();
    ref.matrix = *matrix;
    for (int64_t account : accounts) {
      auto list = pricing::GetPriceList(scope, CustomerId{account}, today);
      if (!list) return list.error();
      ref.prices.emplace(account, *std::move(list));
    }
    ref.carriers = carriers::CarriersForAllocation(scope.tx());
    auto load = orders::CarrierLoadOn(scope, today);
    if (!load) return load.error();
    ref.today_load = *std::move(load);
    return true;
  });
  if (!read) {
    out << "demo orders: " << read.error().public_message << "\n";
    return summary;
  }

  std::vector<std::vector<std::string>> destinations;
  std::vector<int> weights;
  for (const Destination& d : kDestinations) {
    destinations.push_back(DistrictsOf(d.city));
    weights.push_back(d.weight);
  }
  std::discrete_distribution<size_t> pick_destination(weights.begin(), weights.end());

  // Orders are written a day at a time, one transaction each few days.
  std::vector<orders::HistoricOrder> batch;
  const orders::AllocationWeights allocation_weights;
  const orders::AllocationThresholds thresholds;
  // Each account's orders per month: last month's count chooses the card's discount tier, as for a
  // live order (orders::OrdersLastMonth).
  std::map<std::pair<int64_t, std::chrono::year_month>, int64_t> monthly;
  for (int64_t back = days_back - 1; back >= 0; --back) {
    const Date day{sys_days{today} - days{back}};
    std::mt19937_64 rng(seed * 1'000'003 + static_cast<uint64_t>(sys_days{day}.time_since_epoch().count()));
    const int64_t count = per_day * DayFactorPercent(day) / 100;
    const Instant day_start = Instant{sys_days{day}} - std::chrono::hours(8);
    for (int64_t n = 0; n < count; ++n) {
      const int64_t account = accounts[rng() % accounts.size()];
      const pricing::PriceList& prices = ref.prices.at(account);
      if (prices.entries.empty()) continue;
      const pricing::PriceListEntry& entry =
          prices.entries[(rng() % 10 < 7 || prices.entries.size() == 1) ? 0 : 1 + rng() % (prices.entries.size() - 1)];
      const std::vector<std::string> home = DistrictsOf(kOrigins[static_cast<size_t>(account) % kOrigins.size()]);
      const std::vector<std::string>& to = destinations[pick_destination(rng)];
      orders::Order o;
      o.customer_id = CustomerId{account};
      o.draft.customer_id = o.customer_id;
      o.draft.product = entry.product.code;
      o.draft.shipper = {Person(rng), Phone(rng), home[rng() % home.size()],
                         fmt::format("{}{}号", kRoads[rng() % kRoads.size()], 1 + rng() % 300)};
      o.draft.consignee = {Person(rng), Phone(rng), to[rng() % to.size()],
                           fmt::format("{}{}号{}室", kRoads[rng() % kRoads.size()], 1 + rng() % 300, 101 + rng() % 2000)};
      o.draft.goods.weight_grams = entry.product.code == "heavy" ? 20'000 + Weight(rng) * 3 : Weight(rng);
      if (entry.product.dimensions_required) o.draft.goods.dimensions_cm = pricing::Dimensions{60, 40, 40};
      o.draft.goods.description = std::string(kGoods[rng() % kGoods.size()]);
      o.ship_date = day;
      o.draft.ship_date = day;
      pricing::QuoteRequest q;
      q.origin = o.draft.shipper.division;
      q.destination = o.draft.consignee.division;
      q.weight_grams = o.draft.goods.weight_grams;
      q.dimensions_cm = o.draft.goods.dimensions_cm;
      const std::chrono::year_month month{day.year(), day.month()};
      q.monthly_shipments = monthly[{account, month - std::chrono::months{1}}];
      auto quote = pricing::Quote(entry.product, entry.card.card, ref.matrix, q);
      if (!quote) continue;
      ++monthly[{account, month}];
      o.zone = std::string(pricing::ZoneCode(quote->zone));
      o.chargeable_grams = quote->chargeable_grams;
      o.price = quote->total;
      for (const pricing::QuoteLine& l : quote->lines)
        o.price_lines.push_back(orders::PriceLine{l.code, l.label_zh, l.label_en, l.amount, l.rule_zh, l.rule_en});
      o.rate_card_id = entry.card.id.value();
      o.promised_hours = orders::DefaultPromisedHours(o.draft.product, o.zone);
      o.created_at = o.updated_at = day_start + std::chrono::hours(8) + std::chrono::minutes(rng() % 600);
      o.promised_at = o.created_at + std::chrono::hours(o.promised_hours);
      o.source = rng() % 10 < 6 ? orders::OrderSource::kApi : orders::OrderSource::kPortal;
      o.created_by = UserId{0};
      // The single-order rule over every carrier, capacity not counted for history; today's orders
      // fill today's capacity as live orders do, so the carriers' capacity use today shows.
      const std::vector<orders::Candidate> candidates =
          orders::CandidatesFor(o, ref.carriers, back == 0 ? ref.today_load : std::vector<orders::CarrierLoad>{});
      orders::AllocationDecision decision =
          orders::Allocate(orders::OrderNeed{o.draft.goods.weight_grams, o.promised_hours}, candidates,
                           allocation_weights, thresholds);
      o.carrier_id = decision.carrier_id;
      for (const orders::CandidateScore& c : decision.candidates)
        if (decision.carrier_id && c.carrier_id == *decision.carrier_id) o.carrier_cost = c.cost;
      o.allocation_mode = decision.carrier_id ? orders::AllocationMode::kAuto : orders::AllocationMode::kNone;
      if (back == 0 && decision.carrier_id) AddLoad(ref.today_load, *decision.carrier_id, o.draft.goods.weight_grams);
      o.status = !decision.carrier_id ? orders::OrderStatus::kPending
                 : back > 0          ? orders::OrderStatus::kPickedUp
                                     : orders::OrderStatus::kAllocated;
      // The whole explanation for the last month's orders; older ones keep the summary only.
      orders::HistoricOrder h{std::move(o), decision};
      if (back > 30) h.decision.candidates.clear();
      batch.push_back(std::move(h));
    }
    summary.days += 1;
    if (static_cast<unsigned>(day.month()) == 11 && static_cast<unsigned>(day.day()) == 11)
      summary.peak_day_orders = count;
    if (batch.size() >= 20'000 || back == 0) {
      auto tx = database.Begin(db::TxMode::kWrite);
      orders::InsertHistoric(*tx, batch);
      // Today's allocated orders hold their carriers' capacity (checked above against the same load).
      for (const orders::HistoricOrder& h : batch) {
        if (h.order.status != orders::OrderStatus::kAllocated || !h.order.carrier_id) continue;
        if (const carriers::Carrier* c = FindCarrier(ref.carriers, *h.order.carrier_id))
          (void)orders::TakeCapacity(*tx, today, c->id.value(), h.order.draft.goods.weight_grams,
                                     c->daily_capacity_orders, c->daily_capacity_grams);
      }
      tx->Commit();
      summary.orders += static_cast<int64_t>(batch.size());
      batch.clear();
    }
  }
  out << fmt::format("demo: {} orders over {} days (双十一 {} orders, carriers {})\n", summary.orders, summary.days,
                     summary.peak_day_orders, ref.carriers.size());
  return summary;
}

}  // namespace consign::demo
