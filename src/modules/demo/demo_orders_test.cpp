#include "modules/demo/demo_orders.hpp"

#include <gtest/gtest.h>

namespace consign::demo {
namespace {

using namespace std::chrono;

TEST(DemoOrderRhythm, WeekdaysWeekendsAndThePeaks) {
  EXPECT_EQ(DayFactorPercent(2026y / October / 14), 100);  // a Wednesday
  EXPECT_EQ(DayFactorPercent(2026y / October / 17), 70);   // a Saturday
  EXPECT_EQ(DayFactorPercent(2026y / October / 18), 50);   // a Sunday
  EXPECT_EQ(DayFactorPercent(2026y / November / 11), 400); // 双十一
  EXPECT_EQ(DayFactorPercent(2026y / November / 12), 200);
  EXPECT_EQ(DayFactorPercent(2026y / June / 18), 250);     // 618
  EXPECT_EQ(DayFactorPercent(2026y / February / 4), 40);   // the Spring Festival, a Wednesday
  EXPECT_EQ(DayFactorPercent(2026y / December / 2), 110);  // December, a Wednesday
}

}  // namespace
}  // namespace consign::demo
