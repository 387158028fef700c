#include "modules/tracking/rate_limit.hpp"

#include <gtest/gtest.h>

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;

const Instant kMinute = FromMicros(1'795'334'400'000'000);  // 08:00:00 exactly

TEST(AddressLimiter, CountsEachAddressByTheMinute) {
  AddressLimiter limiter(3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Admit("10.0.0.1", kMinute + 10s), std::nullopt) << i;
  EXPECT_EQ(limiter.Admit("10.0.0.1", kMinute + 15s), 45s);  // until 08:01:00
  EXPECT_EQ(limiter.Admit("10.0.0.2", kMinute + 15s), std::nullopt) << "another address has its own count";
  EXPECT_EQ(limiter.Admit("10.0.0.1", kMinute + 60s), std::nullopt) << "a new minute starts afresh";
  EXPECT_EQ(limiter.Admit("10.0.0.1", kMinute + 59s + 500ms), std::nullopt) << "an earlier minute's late caller";
}

TEST(AddressLimiter, ZeroMeansNoLimitAndTheWaitIsAtLeastASecond) {
  AddressLimiter none(0);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(none.Admit("x", kMinute), std::nullopt);
  AddressLimiter one(1);
  EXPECT_EQ(one.Admit("x", kMinute + 59s + 900ms), std::nullopt);
  EXPECT_EQ(one.Admit("x", kMinute + 59s + 950ms), 1s);
}

}  // namespace
}  // namespace consign::tracking
