#include "modules/orders/waybill.hpp"

#include <gtest/gtest.h>

namespace consign::orders {
namespace {

// The textbook Luhn examples (ISO/IEC 7812-1 annex; "79927398713" is the usual worked one).
TEST(Waybill, LuhnDigitIsTheTextbookOne) {
  EXPECT_EQ(LuhnCheckDigit("7992739871"), 3);
  EXPECT_EQ(LuhnCheckDigit("0"), 0);
  EXPECT_EQ(LuhnCheckDigit("1"), 8);
  EXPECT_EQ(LuhnCheckDigit("000000000001"), 8);
  EXPECT_EQ(LuhnCheckDigit("000000001234"), 4);
}

TEST(Waybill, IsThePrefixTwelveDigitsAndTheCheckDigit) {
  EXPECT_EQ(FormatWaybill(1), "CS0000000000018");
  EXPECT_EQ(FormatWaybill(1234), "CS0000000012344");
  EXPECT_EQ(FormatWaybill(999'999'999'999), "CS9999999999992");
}

TEST(Waybill, ParsesBackToItsSerial) {
  EXPECT_EQ(ParseWaybill("CS0000000012344"), 1234);
  EXPECT_EQ(ParseWaybill(" cs0000000012344 "), 1234);
  for (int64_t serial : {1LL, 7LL, 42LL, 99'999LL, 123'456'789'012LL})
    EXPECT_EQ(ParseWaybill(FormatWaybill(serial)), serial) << serial;
}

TEST(Waybill, EverySingleMistypedDigitIsRefused) {
  const std::string good = FormatWaybill(987'654'321);
  for (size_t i = 2; i < good.size(); ++i) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      EXPECT_EQ(ParseWaybill(bad), std::nullopt) << bad;
    }
  }
}

TEST(Waybill, SwappedNeighboursAreRefused) {
  EXPECT_EQ(ParseWaybill("CS0000000021344"), std::nullopt);  // 12 → 21
  EXPECT_EQ(ParseWaybill("CS0000000013244"), std::nullopt);  // 23 → 32
}

TEST(Waybill, AnythingElseIsNotAWaybill) {
  EXPECT_EQ(ParseWaybill(""), std::nullopt);
  EXPECT_EQ(ParseWaybill("CS000000001234"), std::nullopt);    // 14 characters
  EXPECT_EQ(ParseWaybill("SF0000000012344"), std::nullopt);   // another prefix
  EXPECT_EQ(ParseWaybill("CS00000000123A4"), std::nullopt);   // a letter
  EXPECT_EQ(ParseWaybill("CS0000000000000"), std::nullopt);   // serial 0 is never issued
}

}  // namespace
}  // namespace consign::orders
