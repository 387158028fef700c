#include "modules/tracking/eta.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;

const Instant kStart = FromMicros(1'795'334'400'000'000);  // picked up 2026-11-22T08:00:00Z

Instant At(double hours) { return kStart + std::chrono::microseconds(std::llround(hours * 3'600'000'000.0)); }

std::vector<double> Range(int from, int to) {
  std::vector<double> out;
  for (int h = from; h <= to; ++h) out.push_back(h);
  return out;
}

TEST(Eta, QuantilesInterpolateBetweenClosestRanks) {
  const std::vector<double> one_to_ten = Range(1, 10);
  // h = (n − 1) q: p50 → 4.5 → 5 + 0.5 × (6 − 5); p90 → 8.1 → 9 + 0.1 × (10 − 9).
  EXPECT_DOUBLE_EQ(Quantile(one_to_ten, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(Quantile(one_to_ten, 0.9), 9.1);
  EXPECT_DOUBLE_EQ(Quantile(one_to_ten, 0), 1);
  EXPECT_DOUBLE_EQ(Quantile(one_to_ten, 1), 10);
  const TransitQuantiles q = QuantilesOf({10, 3, 7, 1, 9, 2, 8, 4, 6, 5});  // any order
  EXPECT_EQ(q.samples, 10);
  EXPECT_DOUBLE_EQ(q.p50_hours, 5.5);
  EXPECT_DOUBLE_EQ(q.p90_hours, 9.1);
  EXPECT_EQ(QuantilesOf({}).samples, 0);
}

TEST(Eta, AMeasuredLaneGivesItsP50AndP90) {
  const std::vector<double> lane = Range(30, 49);  // 20 deliveries: p50 39.5 h, p90 47.1 h
  EtaInput in{ShipmentStatus::kInTransit, kStart, std::nullopt, std::nullopt, 72, lane};
  const Eta eta = EstimateDelivery(in, At(10));
  EXPECT_EQ(eta.basis, EtaBasis::kLane);
  EXPECT_EQ(eta.confidence, Confidence::kMedium);
  EXPECT_EQ(eta.p50, At(39.5));
  EXPECT_EQ(eta.p90, At(47.1));
}

TEST(Eta, AShipmentPastTheUsualTimeIsEstimatedFromTheSlowerOnes) {
  const std::vector<double> lane = Range(30, 49);
  EtaInput in{ShipmentStatus::kInTransit, kStart, std::nullopt, std::nullopt, 72, lane};
  // 41 h in: the 8 that took longer (42…49): p50 45.5 h, p90 48.3 h.
  const Eta later = EstimateDelivery(in, At(41));
  EXPECT_EQ(later.p50, At(45.5));
  EXPECT_EQ(later.p90, At(48.3));
  EXPECT_EQ(later.confidence, Confidence::kLow);
  // 45 h in: only 4 took longer — a day from now at the latest, low confidence.
  const Eta stray = EstimateDelivery(in, At(45));
  EXPECT_EQ(stray.p50, At(57));
  EXPECT_EQ(stray.p90, At(69));
  EXPECT_EQ(stray.confidence, Confidence::kLow);
}

TEST(Eta, WithoutEnoughDeliveriesThePromiseStandsIn) {
  const std::vector<double> few = Range(30, 48);  // 19
  EtaInput in{ShipmentStatus::kPickedUp, kStart, std::nullopt, std::nullopt, 72, few};
  const Eta eta = EstimateDelivery(in, At(1));
  EXPECT_EQ(eta.basis, EtaBasis::kPromise);
  EXPECT_EQ(eta.confidence, Confidence::kLow);
  EXPECT_EQ(eta.p50, At(72));
  EXPECT_EQ(eta.p90, At(86.4));
}

TEST(Eta, OutForDeliveryArrivesTodayAndADeliveryIsItsOwnAnswer) {
  EtaInput in{ShipmentStatus::kOutForDelivery, kStart, At(30), std::nullopt, 72, {}};
  const Eta today = EstimateDelivery(in, At(31));
  EXPECT_EQ(today.basis, EtaBasis::kOutForDelivery);
  EXPECT_EQ(today.p50, At(34));
  EXPECT_EQ(today.p90, At(38));
  // Past those hours the estimate never lies in the past.
  EXPECT_EQ(EstimateDelivery(in, At(40)).p90, At(40));
  in.status = ShipmentStatus::kDelivered;
  in.delivered_at = At(33);
  const Eta done = EstimateDelivery(in, At(50));
  EXPECT_EQ(done.basis, EtaBasis::kDelivered);
  EXPECT_EQ(done.p50, At(33));
}

TEST(Eta, AnEstimateIsRightWhenTheDeliveryCameByItsP90AndNotADayBeforeItsP50) {
  const Eta eta{At(39.5), At(47.1), EtaBasis::kLane, Confidence::kMedium};
  EXPECT_TRUE(EtaHit(eta, At(47)));
  EXPECT_FALSE(EtaHit(eta, At(48)));
  EXPECT_TRUE(EtaHit(eta, At(16)));   // 23.5 h early
  EXPECT_FALSE(EtaHit(eta, At(15)));  // 24.5 h early
}

}  // namespace
}  // namespace consign::tracking
