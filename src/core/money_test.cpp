#include "core/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace consign {
namespace {

std::int64_t Div(std::int64_t n, std::int64_t d, Rounding r) { return DivideRounded(n, d, r).value(); }

TEST(Money, DivisionRoundsAsNamedOnBothSidesOfZero) {
  // 25 / 10 = 2.5: half-even → 2, half-up → 3, up → 3, down → 2.
  EXPECT_EQ(Div(25, 10, Rounding::kHalfEven), 2);
  EXPECT_EQ(Div(25, 10, Rounding::kHalfUp), 3);
  EXPECT_EQ(Div(25, 10, Rounding::kUp), 3);
  EXPECT_EQ(Div(25, 10, Rounding::kDown), 2);
  // 35 / 10 = 3.5: half-even goes to the even 4.
  EXPECT_EQ(Div(35, 10, Rounding::kHalfEven), 4);
  // 26 / 10 = 2.6 and 24 / 10 = 2.4: not a tie, nearest.
  EXPECT_EQ(Div(26, 10, Rounding::kHalfEven), 3);
  EXPECT_EQ(Div(24, 10, Rounding::kHalfUp), 2);
  // −25 / 10 = −2.5: half-even → −2, half-up (away from zero) → −3, up (to +∞) → −2, down → −3.
  EXPECT_EQ(Div(-25, 10, Rounding::kHalfEven), -2);
  EXPECT_EQ(Div(-25, 10, Rounding::kHalfUp), -3);
  EXPECT_EQ(Div(-25, 10, Rounding::kUp), -2);
  EXPECT_EQ(Div(-25, 10, Rounding::kDown), -3);
  // Exact quotients are left alone by every rule.
  EXPECT_EQ(Div(30, 10, Rounding::kUp), 3);
  EXPECT_EQ(Div(-30, 10, Rounding::kDown), -3);
  EXPECT_FALSE(DivideRounded(1, 0, Rounding::kHalfEven).has_value());
}

TEST(Money, BasisPointsRoundOnce) {
  // 0.5 % of ¥12.00 = 6 fen exactly.
  EXPECT_EQ(ApplyBasisPoints(Money::Cny(1200), 50, Rounding::kHalfEven).value(), Money::Cny(6));
  // 0.3 % of ¥1,234.50 = 370.35 fen → 370 (half-even), 371 (up).
  EXPECT_EQ(ApplyBasisPoints(Money::Cny(123450), 30, Rounding::kHalfEven).value(), Money::Cny(370));
  EXPECT_EQ(ApplyBasisPoints(Money::Cny(123450), 30, Rounding::kUp).value(), Money::Cny(371));
  // 15 % off ¥10.10 = 151.5 fen → 152 (half-even: 151 is odd, goes to 152).
  EXPECT_EQ(ApplyBasisPoints(Money::Cny(1010), 1500, Rounding::kHalfEven).value(), Money::Cny(152));
}

TEST(Money, OverflowIsAnErrorNotAWrap) {
  Money big = Money::Cny(std::numeric_limits<std::int64_t>::max());
  EXPECT_FALSE(Add(big, Money::Cny(1)).has_value());
  EXPECT_FALSE(Multiply(big, 2).has_value());
  EXPECT_FALSE(ApplyBasisPoints(big, 2, Rounding::kHalfEven).has_value());
  EXPECT_FALSE(Subtract(Money::Cny(std::numeric_limits<std::int64_t>::min()), Money::Cny(1)).has_value());
  EXPECT_EQ(Add(Money::Cny(150), Money::Cny(-50)).value(), Money::Cny(100));
}

TEST(Money, TwoCurrenciesDoNotAdd) {
  Money usd{100, ParseCurrency("USD").value()};
  Result<Money> sum = Add(Money::Cny(100), usd);
  ASSERT_FALSE(sum.has_value());
  EXPECT_EQ(sum.error().field(), "currency");
  EXPECT_FALSE(ParseCurrency("cny").has_value());
  EXPECT_FALSE(ParseCurrency("CN").has_value());
}

TEST(Money, AllocatedPartsSumToTheTotal) {
  // ¥1.00 in three equal shares: 33 + 33 + 34 (the remainder to the last).
  std::vector<std::int64_t> thirds{1, 1, 1};
  std::vector<Money> parts = Allocate(Money::Cny(100), thirds).value();
  EXPECT_EQ(parts, (std::vector<Money>{Money::Cny(33), Money::Cny(33), Money::Cny(34)}));
  // Weights 2:1:0 of 7 fen: 7·2/3 = 4.67 → 4; the last positive share takes 3; the zero share 0.
  std::vector<std::int64_t> skewed{2, 1, 0};
  parts = Allocate(Money::Cny(7), skewed).value();
  EXPECT_EQ(parts, (std::vector<Money>{Money::Cny(4), Money::Cny(3), Money::Cny(0)}));
  std::vector<std::int64_t> none{0, 0};
  EXPECT_FALSE(Allocate(Money::Cny(7), none).has_value());
}

TEST(Money, FormatsYuanWithTwoDecimals) {
  EXPECT_EQ(FormatYuan(Money::Cny(1234)), "12.34");
  EXPECT_EQ(FormatYuan(Money::Cny(5)), "0.05");
  EXPECT_EQ(FormatYuan(Money::Cny(-5)), "-0.05");
  EXPECT_EQ(FormatYuan(Money::Cny(0)), "0.00");
}

}  // namespace
}  // namespace consign
