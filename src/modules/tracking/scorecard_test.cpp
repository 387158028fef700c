#include "modules/tracking/scorecard.hpp"

#include <gtest/gtest.h>

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;

const Instant kMonday = FromMicros(1'795'449'600'000'000);  // 2026-11-23T16:00:00Z: Tuesday 00:00 in China

ShipmentOutcome Delivered(std::string lane, std::chrono::hours late, int stages = kExpectedStages) {
  ShipmentOutcome s;
  s.lane = std::move(lane);
  s.picked_up_at = kMonday;
  s.promised_at = kMonday + 72h;
  s.delivered_at = s.promised_at + late;
  s.stages = stages;
  return s;
}

TEST(Scorecard, FiguresAreCountedByHand) {
  std::vector<ShipmentOutcome> list = {Delivered("44→31", -10h), Delivered("44→31", -1h), Delivered("44→31", 6h, 3),
                                       Delivered("44→11", 12h)};
  list[0].damaged = true;
  list[3].contradicted = true;
  list[3].exceptions = 2;
  // Estimates made on the way: right for the first (delivered 62 h after pickup, p50 60 h, p90 70 h),
  // wrong for the third (78 h, p90 74 h); the others had none.
  list[0].first_eta_p50 = kMonday + 60h;
  list[0].first_eta_p90 = kMonday + 70h;
  list[2].first_eta_p50 = kMonday + 66h;
  list[2].first_eta_p90 = kMonday + 74h;
  ShipmentOutcome moving;  // not delivered yet: counts as a shipment, not for on-time or scans
  moving.lane = "44→11";
  moving.picked_up_at = kMonday;
  moving.promised_at = kMonday + 72h;
  moving.exceptions = 1;
  list.push_back(moving);

  const Figures f = FiguresOf(list);
  EXPECT_EQ(f.shipments, 5);
  EXPECT_EQ(f.delivered, 4);
  EXPECT_EQ(f.on_time, 2);
  EXPECT_EQ(f.on_time_bp, 5000);
  EXPECT_DOUBLE_EQ(f.average_delay_hours, 9);  // (6 + 12) ÷ 2
  EXPECT_EQ(f.damage_bp, 2000);                // 1 of 5
  EXPECT_EQ(f.scan_completeness_bp, 8750);     // (6 + 6 + 3 + 6) ÷ 24
  EXPECT_EQ(f.truthful_bp, 8000);              // 1 of 5 contradicted
  EXPECT_EQ(f.exceptions_per_1000, 600);       // 3 ÷ 5
  EXPECT_EQ(f.eta_measured, 2);
  EXPECT_EQ(f.eta_hits, 1);
  EXPECT_EQ(f.eta_accuracy_bp, 5000);

  const Scorecard card = ScoreOf(list);
  ASSERT_EQ(card.lanes.size(), 2u);
  EXPECT_EQ(card.lanes.at("44→31").on_time_bp, 6666);
  EXPECT_EQ(card.lanes.at("44→11").delivered, 1);
  ASSERT_EQ(card.weeks.size(), 1u);
  EXPECT_EQ(card.weeks.begin()->first, "2026-11-23");  // the Monday of that week, China time
}

TEST(Scorecard, NothingYetIsZeroNotADivisionByZero) {
  const Figures f = FiguresOf({});
  EXPECT_EQ(f.shipments, 0);
  EXPECT_EQ(f.on_time_bp, 0);
  EXPECT_EQ(f.truthful_bp, 10000);
}

}  // namespace
}  // namespace consign::tracking
