#include "modules/demo/demo_carriers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/carriers/carrier_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::demo {
namespace {

using carriers::Carrier;
using carriers::CarrierKind;
using carriers::CarrierStatus;

bool OnlyIn(const Carrier& c, std::set<std::string> provinces) {
  return std::ranges::all_of(c.coverage, [&](const std::string& code) { return provinces.contains(code.substr(0, 2)); });
}

TEST(DemoCarriers, EveryCarrierIsValidWithAUniqueCode) {
  const std::vector<Carrier> all = DemoCarriers(150);
  std::set<std::string> codes;
  for (const Carrier& c : all) {
    EXPECT_TRUE(carriers::ValidateCarrier(c)) << c.code << " " << carriers::ValidateCarrier(c).error().field();
    EXPECT_TRUE(codes.insert(c.code).second) << c.code;
    EXPECT_FALSE(c.contacts.empty()) << c.code;
    EXPECT_FALSE(c.name_en.empty()) << c.code;
  }
}

TEST(DemoCarriers, OurOwnNetworkNationwideAndFiveToEightSubcontractors) {
  const std::vector<Carrier> all = DemoCarriers(150);
  const auto own = std::ranges::count_if(all, [](const Carrier& c) { return c.kind == CarrierKind::kOwn; });
  const auto subcontracted = std::ranges::count_if(all, [](const Carrier& c) { return c.kind == CarrierKind::kSubcontracted; });
  EXPECT_EQ(own, 1);
  EXPECT_GE(subcontracted, 5);
  EXPECT_LE(subcontracted, 8);
  const Carrier& network = *std::ranges::find_if(all, [](const Carrier& c) { return c.kind == CarrierKind::kOwn; });
  EXPECT_EQ(network.coverage.size(), geo::Provinces().size());
  EXPECT_EQ(network.status, CarrierStatus::kActive);
  // The best declared figures of all.
  for (const Carrier& c : all) {
    EXPECT_GE(network.declared.on_time_bp, c.declared.on_time_bp) << c.code;
    EXPECT_LE(network.declared.damage_bp, c.declared.damage_bp) << c.code;
  }
}

TEST(DemoCarriers, RegionalCarriersForTheSouthTheEastAndTheRemoteWest) {
  const std::vector<Carrier> all = DemoCarriers(150);
  const auto any = [&](auto pred) { return std::ranges::any_of(all, pred); };
  EXPECT_TRUE(any([](const Carrier& c) { return OnlyIn(c, {"44", "45", "46"}); }));  // 华南
  EXPECT_TRUE(any([](const Carrier& c) { return OnlyIn(c, {"31", "32", "33", "34", "35", "36", "37"}); }));  // 华东
  EXPECT_TRUE(any([](const Carrier& c) {  // 西部, into 新疆 and 西藏
    return c.coverage.size() < 15 && carriers::Covers(c, "65") && carriers::Covers(c, "54");
  }));
}

TEST(DemoCarriers, QualityDiffersAndOneIsSuspendedWithAReason) {
  const std::vector<Carrier> all = DemoCarriers(150);
  std::set<int> on_time;
  for (const Carrier& c : all) on_time.insert(c.declared.on_time_bp);
  EXPECT_GE(on_time.size(), 5u);
  std::vector<const Carrier*> suspended;
  for (const Carrier& c : all)
    if (c.status == CarrierStatus::kSuspended) suspended.push_back(&c);
  ASSERT_EQ(suspended.size(), 1u);
  EXPECT_FALSE(suspended.front()->suspended_reason.empty());
}

TEST(DemoCarriers, EveryProvincePairHasTwoActiveCarriersForStandardParcels) {
  // Never one carrier as the only option: the network and at least one other for every lane.
  const std::vector<Carrier> all = DemoCarriers(150);
  for (const geo::Province& from : geo::Provinces())
    for (const geo::Province& to : geo::Provinces()) {
      const auto serving = std::ranges::count_if(all, [&](const Carrier& c) {
        return c.status == CarrierStatus::kActive && carriers::CarriesProduct(c, "standard") &&
               carriers::Covers(c, from.code) && carriers::Covers(c, to.code);
      });
      EXPECT_GE(serving, 2) << from.name << " → " << to.name;
    }
}

TEST(DemoCarriers, CapacitiesFollowTheOrdersADay) {
  const auto active_capacity = [](int64_t per_day) {
    int64_t total = 0;
    for (const Carrier& c : DemoCarriers(per_day))
      if (c.status == CarrierStatus::kActive) total += c.daily_capacity_orders;
    return total;
  };
  // An ordinary day fits with room; a Double-11 (four times) does not.
  EXPECT_GT(active_capacity(150), 150 * 3 / 2);
  EXPECT_LT(active_capacity(150), 150 * 4);
  EXPECT_GT(active_capacity(10'000), 10'000 * 3 / 2);
  EXPECT_EQ(DemoCarriers(0).front().daily_capacity_orders, DemoCarriers(150).front().daily_capacity_orders);
  for (const Carrier& c : DemoCarriers(1)) EXPECT_GT(c.daily_capacity_orders, 0) << c.code;
}

TEST(DemoCarriers, CheaperThanThePublishedCardAndFasterThanThePromise) {
  for (const Carrier& c : DemoCarriers(150)) {
    // 1 kg standard across provinces: the published card asks ¥15.00.
    if (auto cost = carriers::CostOf(c, "standard", "cross_province", 1000)) {
      EXPECT_LT(cost->minor, 1500) << c.code;
    }
    // Standard across provinces is promised in 72 hours.
    if (auto hours = carriers::TransitHours(c, "standard", "cross_province")) {
      EXPECT_LE(*hours, 72) << c.code;
    }
  }
}

template <class Backend>
class DemoCarriersLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : customers::Migrations()) all.push_back(m);
    for (auto& m : pricing::Migrations()) all.push_back(m);
    for (auto& m : carriers::Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    ASSERT_TRUE(pricing::SeedStandardPricing(*db_, clock_));
  }
  Backend backend_;
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{FromMicros(1'790'000'000'000'000)};
};

TYPED_TEST_SUITE(DemoCarriersLoadTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(DemoCarriersLoadTest, CreatesEveryCarrierOnceAndSuspendsTheFailingOne) {
  std::ostringstream out;
  const CarriersSummary first = LoadDemoCarriers(*this->db_, this->clock_, 150, out);
  const auto expected = static_cast<int64_t>(DemoCarriers(150).size());
  EXPECT_EQ(first.created, expected) << out.str();
  EXPECT_EQ(first.suspended, 1);

  auto tx = this->db_->Begin(db::TxMode::kRead);
  const std::vector<Carrier> stored = carriers::CarriersForAllocation(*tx);
  tx.reset();
  ASSERT_EQ(static_cast<int64_t>(stored.size()), expected);
  const auto suspended = std::ranges::find_if(stored, [](const Carrier& c) { return c.status == CarrierStatus::kSuspended; });
  ASSERT_NE(suspended, stored.end());
  EXPECT_FALSE(suspended->suspended_reason.empty());

  // A second demo on the same database adds none.
  const CarriersSummary second = LoadDemoCarriers(*this->db_, this->clock_, 150, out);
  EXPECT_EQ(second.created, 0);
  EXPECT_EQ(second.existing, expected) << out.str();
}

}  // namespace
}  // namespace consign::demo
