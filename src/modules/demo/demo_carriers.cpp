#include "modules/demo/demo_carriers.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "modules/carriers/carrier_service.hpp"
#include "modules/geo/china_divisions.hpp"
#include "platform/scope/scope.hpp"

namespace consign::demo {

namespace {

constexpr int64_t kDefaultOrdersPerDay = 150;

// The zones in the pricing module's order: 同城, 省内, 邻省, 跨省, 偏远.
constexpr std::array<std::string_view, 5> kZones = {"same_city", "same_province", "adjacent_province",
                                                    "cross_province", "remote"};

// A reference cost to us per product and zone, in fen: the first kilogram and every further one. About
// 60 % of the published card's first kilogram (rate_card.cpp), so every carrier leaves a margin.
struct ZoneCost {
  int64_t first_kg;
  int64_t per_kg;
};
using CostTable = std::array<ZoneCost, 5>;
constexpr CostTable kStandardCost = {{{500, 100}, {600, 150}, {750, 250}, {900, 400}, {1300, 700}}};
constexpr CostTable kExpressCost = {{{750, 180}, {850, 250}, {1100, 450}, {1400, 600}, {1900, 1000}}};
constexpr CostTable kHeavyCost = {{{600, 60}, {750, 80}, {950, 120}, {1100, 180}, {1600, 300}}};

// Reference transit hours per product and zone, a little inside the products' default promises
// (orders::DefaultPromisedHours: standard 24/48/48/72/120, express a day less, heavy a day more).
using HoursTable = std::array<int, 5>;
constexpr HoursTable kStandardHours = {18, 30, 40, 60, 100};
constexpr HoursTable kExpressHours = {12, 20, 22, 40, 80};
constexpr HoursTable kHeavyHours = {30, 54, 60, 84, 130};

// One subcontracted carrier's character: how much of the reference it charges and takes, where it
// goes, what it declares.
struct Profile {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
  carriers::CarrierKind kind;
  std::vector<std::string> coverage;  // empty: every province
  std::vector<std::string> products;
  int64_t first_bp;       // its first kilogram, in basis points of the reference
  int64_t step_bp;        // every further kilogram (a big network's line haul is cheap per kilogram)
  int64_t remote_bp;      // both, into the remote zone (a western carrier hauls there cheaply)
  int transit_percent;    // its transit times, in percent of the reference
  int64_t capacity_percent;  // orders a day, in percent of the demo's orders on an ordinary weekday
  int64_t grams_per_order;   // the weight it plans for per order
  carriers::Performance declared;
  std::vector<carriers::Contact> contacts;
  std::string_view suspended_reason;  // non-empty: suspended
};

std::vector<std::string> EveryProvince() {
  std::vector<std::string> out;
  for (const geo::Province& p : geo::Provinces()) out.emplace_back(p.code);
  return out;
}

std::vector<Profile> Profiles() {
  using carriers::CarrierKind;
  return {
      {"OWN", "自营网络", "Own network", CarrierKind::kOwn, {}, {"standard", "express", "heavy"},
       10'000, 8'500, 10'000, 90, 60, 10'000, {9'750, 8, 9'900},
       {{"林志远", "运营中心 调度", "13911020001", "dispatch@own.consign.example.cn"},
        {"郭雅婷", "网点管理", "13911020002", "network@own.consign.example.cn"}},
       ""},
      // Nationwide and good: the network's main partner for trunk lanes.
      {"CHIYUAN", "驰远速递", "Chiyuan Express", CarrierKind::kSubcontracted, {}, {"standard", "express"},
       8'600, 10'500, 10'000, 100, 35, 3'000, {9'350, 25, 9'500},
       {{"许立峰", "调度", "13725130101", "dispatch@chiyuan.example.cn"},
        {"罗佳", "结算", "13725130102", "billing@chiyuan.example.cn"}},
       ""},
      // Nationwide, cheap, slower and rougher: still above the failing thresholds.
      {"FEIHONG", "飞鸿快递", "Feihong Express", CarrierKind::kSubcontracted, {}, {"standard"},
       7'800, 7'800, 9'000, 115, 30, 2'500, {8'900, 50, 8'700},
       {{"丁晓军", "客服主管", "13660140201", "service@feihong.example.cn"}},
       ""},
      // 华南 only: 广东, 广西, 海南 — the fastest and cheapest inside the south.
      {"NANYUE", "南粤通快运", "Nanyuetong Express", CarrierKind::kSubcontracted, {"44", "45", "46"},
       {"standard", "express"}, 7'800, 8'500, 10'000, 85, 25, 3'000, {9'600, 15, 9'650},
       {{"梁嘉豪", "调度", "13802150301", "dispatch@nanyuetong.example.cn"},
        {"区慧敏", "客服", "13802150302", "kefu@nanyuetong.example.cn"}},
       ""},
      // 华东 only: 上海, 江苏, 浙江, 安徽, 福建, 江西, 山东.
      {"DONGHAI", "东海联运", "Donghai Link", CarrierKind::kSubcontracted, {"31", "32", "33", "34", "35", "36", "37"},
       {"standard"}, 8'000, 9'000, 10'000, 95, 25, 3'000, {9'400, 20, 9'300},
       {{"沈建华", "调度", "13916160401", "dispatch@donghai-link.example.cn"}},
       ""},
      // 西部: 四川, 重庆, 贵州, 云南, 陕西 and the remote provinces (西藏, 甘肃, 青海, 宁夏, 新疆, 内蒙古).
      {"XIYU", "西域通达物流", "Xiyu Tongda Logistics", CarrierKind::kSubcontracted,
       {"50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "15"}, {"standard", "heavy"},
       8'000, 7'500, 6'500, 105, 10, 6'000, {8'900, 60, 8'600},
       {{"马海军", "调度", "13899170501", "dispatch@xiyutongda.example.cn"},
        {"古丽娜", "乌鲁木齐分拨", "13899170502", "urumqi@xiyutongda.example.cn"}},
       ""},
      // Heavy freight in the north and east: 北京, 天津, 河北, 山西, 上海, 江苏, 浙江, 山东, 河南, 湖北.
      {"HENGYUAN", "恒远重货", "Hengyuan Heavy Freight", CarrierKind::kSubcontracted,
       {"11", "12", "13", "14", "31", "32", "33", "37", "41", "42"}, {"heavy"}, 8'500, 6'800, 10'000, 100, 10,
       30'000, {9'300, 30, 8'800},
       {{"赵铁柱", "车队调度", "13503180601", "fleet@hengyuan.example.cn"}},
       ""},
      // The cheapest, and failing: suspended after the Double-11 complaints.
      {"JIEMA", "捷马快运", "Jiema Express", CarrierKind::kSubcontracted, {}, {"standard"}, 7'500, 7'500, 8'500, 120, 20,
       2'500, {8'050, 150, 7'200},
       {{"钱宏", "客户经理", "13761190701", "account@jiema.example.cn"}},
       "双十一期间延误和破损投诉集中（准时率 80.5%，破损率 1.5%），暂停合作待整改"},
  };
}

Money Scaled(int64_t fen, int64_t bp) {
  // Reference prices are a few yuan and the factors under 2×: nothing here can overflow, so the error
  // branch of ApplyBasisPoints is unreachable. Carriers quote to the ten fen (角).
  const Money exact = ApplyBasisPoints(Money::Cny(fen), bp, Rounding::kHalfEven).value();
  return Money::Cny((exact.minor + 5) / 10 * 10);
}

const CostTable& CostFor(std::string_view product) {
  return product == "express" ? kExpressCost : product == "heavy" ? kHeavyCost : kStandardCost;
}

const HoursTable& HoursFor(std::string_view product) {
  return product == "express" ? kExpressHours : product == "heavy" ? kHeavyHours : kStandardHours;
}

carriers::Carrier FromProfile(const Profile& p, int64_t orders_per_day) {
  carriers::Carrier c;
  c.code = std::string(p.code);
  c.name_zh = std::string(p.name_zh);
  c.name_en = std::string(p.name_en);
  c.kind = p.kind;
  c.coverage = p.coverage.empty() ? EveryProvince() : p.coverage;
  c.products = p.products;
  c.daily_capacity_orders = std::max<int64_t>(10, orders_per_day * p.capacity_percent / 100);
  c.daily_capacity_grams = c.daily_capacity_orders * p.grams_per_order;
  for (const std::string& product : p.products) {
    const CostTable& cost = CostFor(product);
    const HoursTable& hours = HoursFor(product);
    for (size_t z = 0; z < kZones.size(); ++z) {
      const bool remote = kZones[z] == "remote";
      const int64_t first_bp = remote ? p.first_bp * p.remote_bp / 10'000 : p.first_bp;
      const int64_t step_bp = remote ? p.step_bp * p.remote_bp / 10'000 : p.step_bp;
      c.rates.push_back(carriers::CarrierRate{product, std::string(kZones[z]), 1000, Scaled(cost[z].first_kg, first_bp),
                                              1000, Scaled(cost[z].per_kg, step_bp)});
      c.transit.push_back(carriers::TransitTime{product, std::string(kZones[z]), hours[z] * p.transit_percent / 100});
    }
  }
  c.declared = p.declared;
  c.contacts = p.contacts;
  if (!p.suspended_reason.empty()) {
    c.status = carriers::CarrierStatus::kSuspended;
    c.suspended_reason = std::string(p.suspended_reason);
  }
  return c;
}

}  // namespace

std::vector<carriers::Carrier> DemoCarriers(int64_t orders_per_day) {
  const int64_t per_day = orders_per_day > 0 ? orders_per_day : kDefaultOrdersPerDay;
  std::vector<carriers::Carrier> out;
  for (const Profile& p : Profiles()) out.push_back(FromProfile(p, per_day));
  return out;
}

CarriersSummary LoadDemoCarriers(db::Database& database, const Clock& clock, int64_t orders_per_day,
                                 std::ostream& out) {
  CarriersSummary summary;
  const Principal system = Principal::System("consign-demo");
  for (carriers::Carrier carrier : DemoCarriers(orders_per_day)) {
    const std::string reason = carrier.suspended_reason;
    const std::string code = carrier.code;
    // Created active (the use case's rule), then suspended through its own use case with the reason.
    carrier.status = carriers::CarrierStatus::kActive;
    carrier.suspended_reason.clear();
    auto made = RunInScope<carriers::Carrier>(database, clock, system, "demo", [&](Scope& scope) -> Result<carriers::Carrier> {
      auto created = carriers::CreateCarrier(scope, carrier);
      if (!created || reason.empty()) return created;
      return carriers::SuspendCarrier(scope, created->id, reason);
    });
    if (made) {
      ++summary.created;
      if (made->status == carriers::CarrierStatus::kSuspended) ++summary.suspended;
    } else if (made.error().code == ErrorCode::kConflict) {
      ++summary.existing;
    } else {
      out << fmt::format("demo carrier {} not made: {} {}\n", code, made.error().public_message, made.error().field());
    }
  }
  out << fmt::format("demo: {} carriers ({} suspended), {} there already\n", summary.created, summary.suspended,
                     summary.existing);
  return summary;
}

}  // namespace consign::demo
