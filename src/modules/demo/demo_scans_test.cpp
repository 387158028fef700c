#include "modules/demo/demo_scans.hpp"

#include <gtest/gtest.h>

#include "modules/tracking/shipment_state.hpp"

namespace consign::demo {
namespace {

using namespace std::chrono_literals;
using tracking::ShipmentStatus;

const Instant kOrdered = FromMicros(1'795'334'400'000'000);  // 2026-11-22T08:00:00Z

orders::Order ShenzhenToShanghai(int64_t id) {
  orders::Order o;
  o.id = orders::OrderId{id};
  o.draft.product = "standard";
  o.draft.shipper.division = "440305";
  o.draft.consignee.division = "310115";
  o.zone = "cross_province";
  o.promised_hours = 72;
  o.created_at = kOrdered;
  return o;
}

carriers::Carrier Carrier(std::string code, int on_time_bp, int damage_bp, int scan_bp) {
  carriers::Carrier c;
  c.code = std::move(code);
  c.products = {"standard"};
  c.transit = {{"standard", "cross_province", 48}};
  c.declared = {on_time_bp, damage_bp, scan_bp};
  return c;
}

TEST(DemoScans, AJourneyOfAGoodCarrierIsCompleteInOrderAndDelivered) {
  const carriers::Carrier good = Carrier("GOOD", 10'000, 0, 10'000);
  const auto events = DemoJourney(ShenzhenToShanghai(7), good, 1, kOrdered + 200h);
  ASSERT_GE(events.size(), 6u);
  EXPECT_EQ(events.front().raw_code, "103");
  EXPECT_EQ(events.front().place_name, "深圳市揽收网点");
  EXPECT_EQ(events.back().status, ShipmentStatus::kDelivered);
  EXPECT_FALSE(events.back().signer.empty());
  for (size_t i = 1; i < events.size(); ++i) EXPECT_LE(events[i - 1].at, events[i].at) << i;
  const tracking::ShipmentState state = tracking::Derive(events);
  EXPECT_EQ(state.status, ShipmentStatus::kDelivered);
  // On time: within the carrier's 48 h line haul plus the last mile.
  EXPECT_LT(*state.delivered_at - *state.picked_up_at, 72h);
}

TEST(DemoScans, OnlyWhatHappenedByNowIsScannedAndTheSameOrderGivesTheSameJourney) {
  const carriers::Carrier good = Carrier("GOOD", 10'000, 0, 10'000);
  const auto early = DemoJourney(ShenzhenToShanghai(7), good, 1, kOrdered + 8h);
  ASSERT_FALSE(early.empty());
  for (const auto& e : early) EXPECT_LE(e.at, kOrdered + 8h);
  EXPECT_NE(tracking::Derive(early).status, ShipmentStatus::kDelivered);
  EXPECT_TRUE(DemoJourney(ShenzhenToShanghai(7), good, 1, kOrdered).empty());
  const auto again = DemoJourney(ShenzhenToShanghai(7), good, 1, kOrdered + 8h);
  ASSERT_EQ(again.size(), early.size());
  for (size_t i = 0; i < early.size(); ++i) EXPECT_EQ(again[i].at, early[i].at);
}

TEST(DemoScans, TheUntruthfulCarrierClaimsLoadingThatNoDepartureScanShows) {
  const carriers::Carrier rough = Carrier(std::string(kUntruthfulCarrier), 8'000, 100, 9'000);
  int claims = 0, damaged = 0, late = 0;
  for (int64_t id = 1; id <= 1000; ++id) {
    const auto events = DemoJourney(ShenzhenToShanghai(id), rough, 3, kOrdered + 400h);
    bool claimed = false, departed = false;
    for (const auto& e : events) {
      claimed |= e.claim;
      departed |= e.substatus == "in_transit.hub_departure";
      damaged += e.substatus == "exception.damaged";
    }
    claims += claimed;
    EXPECT_FALSE(claimed && departed) << "order " << id << ": a claim is never backed by a departure scan";
    const tracking::ShipmentState s = tracking::Derive(events);
    if (s.delivered_at && *s.delivered_at > kOrdered + 72h) ++late;
  }
  // 12 % claims, 5 × 1 % damage, 20 % late plus the claimed ones held two days: counted, not exact.
  EXPECT_GT(claims, 80);
  EXPECT_LT(claims, 170);
  EXPECT_GT(damaged, 20);
  EXPECT_GT(late, 150);
}

}  // namespace
}  // namespace consign::demo
