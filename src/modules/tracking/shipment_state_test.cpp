#include "modules/tracking/shipment_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;
using S = ShipmentStatus;

const Instant kT0 = FromMicros(1'795'334'400'000'000);  // 2026-11-22T08:00:00Z

ScanEvent Event(std::string id, S status, std::string substatus, Instant at, std::string place = "") {
  ScanEvent e;
  e.event_id = std::move(id);
  e.status = status;
  e.substatus = std::move(substatus);
  e.at = at;
  e.place_name = std::move(place);
  return e;
}

// 深圳 → 上海: picked up, through two hubs, out for delivery, delivered.
std::vector<ScanEvent> Journey() {
  return {Event("1", S::kPickedUp, "picked_up.accepted", kT0, "深圳南山营业部"),
          Event("2", S::kInTransit, "in_transit.hub_arrival", kT0 + 3h, "深圳转运中心"),
          Event("3", S::kInTransit, "in_transit.hub_departure", kT0 + 5h, "深圳转运中心"),
          Event("4", S::kInTransit, "in_transit.hub_arrival", kT0 + 20h, "上海转运中心"),
          Event("5", S::kOutForDelivery, "out_for_delivery.on_vehicle", kT0 + 26h, "上海浦东营业部"),
          Event("6", S::kDelivered, "delivered.signed_by_addressee", kT0 + 29h, "上海浦东")};
}

TEST(ShipmentState, NoEventsIsInfoReceived) {
  const ShipmentState s = Derive({});
  EXPECT_EQ(s.status, S::kInfoReceived);
  EXPECT_FALSE(s.last_scan_at);
  EXPECT_FALSE(s.picked_up_at);
}

TEST(ShipmentState, TheStatusComesFromEventTimeWhateverTheOrderOfArrival) {
  std::vector<ScanEvent> events = Journey();
  events.pop_back();  // not delivered yet
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(events.begin(), events.end(), rng);
    const ShipmentState s = Derive(events);
    EXPECT_EQ(s.status, S::kOutForDelivery);
    EXPECT_EQ(s.last_place_name, "上海浦东营业部");
    EXPECT_EQ(s.picked_up_at, kT0);
    EXPECT_EQ(s.out_for_delivery_at, kT0 + 26h);
    EXPECT_EQ(s.last_scan_at, kT0 + 26h);
    EXPECT_EQ(s.scans, 5);
  }
}

TEST(ShipmentState, ALateHubScanDoesNotUndoADelivery) {
  std::vector<ScanEvent> events = Journey();
  std::swap(events[3], events[5]);  // 上海's hub arrival is sent after the delivery
  const ShipmentState s = Derive(events);
  EXPECT_EQ(s.status, S::kDelivered);
  EXPECT_EQ(s.delivered_at, kT0 + 29h);

  // A hub scan stamped after the delivery (a wrong clock, a mix-up) is kept but moves nothing.
  events.push_back(Event("7", S::kInTransit, "in_transit.hub_arrival", kT0 + 40h, "杭州转运中心"));
  EXPECT_EQ(Derive(events).status, S::kDelivered);
  // A return after delivery does.
  events.push_back(Event("8", S::kReturning, "returning.to_sender", kT0 + 50h));
  EXPECT_EQ(Derive(events).status, S::kReturning);
}

TEST(ShipmentState, ClaimsAreCountedButNeverSetTheStatus) {
  std::vector<ScanEvent> events = {Journey()[0]};
  ScanEvent loaded = Event("c1", S::kInTransit, "in_transit.loaded", kT0 + 2h);
  loaded.claim = true;
  events.push_back(loaded);
  const ShipmentState s = Derive(events);
  EXPECT_EQ(s.status, S::kPickedUp);
  EXPECT_EQ(s.claims, 1);
  EXPECT_EQ(s.scans, 1);
}

TEST(ShipmentState, FailedAttemptsDamageAndLossAreRecorded) {
  std::vector<ScanEvent> events = Journey();
  events.pop_back();
  ScanEvent failed = Event("f1", S::kFailedAttempt, "failed_attempt.no_contact", kT0 + 27h);
  failed.party = Party::kConsignee;
  events.push_back(failed);
  events.push_back(Event("f2", S::kFailedAttempt, "", kT0 + 50h));
  events.push_back(Event("d1", S::kException, "exception.damaged", kT0 + 21h));
  ShipmentState s = Derive(events);
  EXPECT_EQ(s.failed_attempts, 2);
  EXPECT_TRUE(s.damaged);
  EXPECT_EQ(s.status, S::kFailedAttempt);
  EXPECT_FALSE(s.lost);

  events.push_back(Event("l1", S::kException, "exception.lost", kT0 + 60h));
  s = Derive(events);
  EXPECT_TRUE(s.lost);
  // Found again: a later scan.
  events.push_back(Event("9", S::kOutForDelivery, "", kT0 + 70h));
  EXPECT_FALSE(Derive(events).lost);
}

}  // namespace
}  // namespace consign::tracking
