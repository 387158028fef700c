#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace consign {
namespace {

TEST(Rfc3339, FormatsUtcWithZ) {
  EXPECT_EQ(FormatRfc3339(FromMicros(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(FromMicros(1'500'000)), "1970-01-01T00:00:01.500000Z");
  // 2026-12-31T23:59:59.000001Z: every field at its widest, the smallest fraction.
  EXPECT_EQ(FormatRfc3339(FromMicros(1'798'761'599'000'001)), "2026-12-31T23:59:59.000001Z");
  EXPECT_EQ(FormatRfc3339(FromMicros(-1)), "1969-12-31T23:59:59.999999Z");
}

TEST(Rfc3339, ParsesOffsetsAndPostgresText) {
  auto a = ParseRfc3339("2026-11-22T08:00:00+08:00");
  auto b = ParseRfc3339("2026-11-22 00:00:00+00");
  auto c = ParseRfc3339("2026-11-22T00:00:00Z");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *c);
  EXPECT_EQ(*b, *c);
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2026-11-22 00:00:00.25+00")), "2026-11-22T00:00:00.250000Z");
}

TEST(Rfc3339, RejectsGarbage) {
  EXPECT_FALSE(ParseRfc3339(""));
  EXPECT_FALSE(ParseRfc3339("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-11-22T00:00:00"));
  EXPECT_FALSE(ParseRfc3339("2026-11-22T00:00:00Zjunk"));
}

TEST(ManualClock, AdvancesOnlyWhenTold) {
  ManualClock clock(FromMicros(10));
  EXPECT_EQ(ToMicros(clock.Now()), 10);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(ToMicros(clock.Now()), 1'000'010);
}

TEST(StartOfMonth, CountsTheMonthInTheGivenZoneNotInUtc) {
  // 17:00 UTC on 30 November is already 1 December, 01:00, in Shanghai (UTC+8).
  EXPECT_EQ(StartOfMonth(*ParseRfc3339("2026-11-30T17:00:00Z"), "Asia/Shanghai"),
            ParseRfc3339("2026-11-30T16:00:00Z"));
  // 15:59 UTC is still 30 November there: the month began on 1 November, 00:00 Shanghai time.
  EXPECT_EQ(StartOfMonth(*ParseRfc3339("2026-11-30T15:59:00Z"), "Asia/Shanghai"),
            ParseRfc3339("2026-10-31T16:00:00Z"));
  EXPECT_EQ(StartOfMonth(*ParseRfc3339("2026-11-30T15:59:00Z"), "UTC"), ParseRfc3339("2026-11-01T00:00:00Z"));
  EXPECT_FALSE(StartOfMonth(*ParseRfc3339("2026-11-30T15:59:00Z"), "Mars/Olympus_Mons"));
}

TEST(DayAt, CountsTheDayInTheGivenZoneNotInUtc) {
  using namespace std::chrono;
  // 17:00 UTC on 22 November is 01:00 on 23 November in Shanghai (UTC+8): that day runs from
  // 16:00 UTC on the 22nd to 16:00 UTC on the 23rd.
  auto day = DayAt(*ParseRfc3339("2026-11-22T17:00:00Z"), "Asia/Shanghai");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->date, year_month_day{year{2026} / November / 23});
  EXPECT_EQ(day->start, *ParseRfc3339("2026-11-22T16:00:00Z"));
  EXPECT_EQ(day->end, *ParseRfc3339("2026-11-23T16:00:00Z"));
  // One minute before Shanghai's midnight it is still the 22nd there.
  auto before = DayAt(*ParseRfc3339("2026-11-22T15:59:00Z"), "Asia/Shanghai");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->date, year_month_day{year{2026} / November / 22});
  EXPECT_EQ(before->end, *ParseRfc3339("2026-11-22T16:00:00Z"));
  EXPECT_FALSE(DayAt(*ParseRfc3339("2026-11-22T15:59:00Z"), "Mars/Olympus_Mons"));
}

}  // namespace
}  // namespace consign
