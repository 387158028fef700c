#include "modules/audit/reveal_limit.hpp"

#include <gtest/gtest.h>

namespace consign::audit {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Instant kNoon = Instant{} + std::chrono::hours(24 * 20000);

TEST(RevealLimit, TheFirstAttemptOpensAWindowOfOne) {
  EXPECT_EQ(AddAttempt(std::nullopt, kNoon), (RevealWindow{kNoon, 1}));
}

TEST(RevealLimit, AttemptsInsideTheWindowCountOnFromItsStart) {
  const RevealWindow w = AddAttempt(RevealWindow{kNoon, 4}, kNoon + minutes(9));
  EXPECT_EQ(w, (RevealWindow{kNoon, 5}));
}

TEST(RevealLimit, AnAttemptAfterTheWindowStartsANewOne) {
  EXPECT_EQ(AddAttempt(RevealWindow{kNoon, 31}, kNoon + kRevealWindow), (RevealWindow{kNoon + kRevealWindow, 1}));
}

TEST(RevealLimit, AClockBehindTheWindowsStartCountsInIt) {
  EXPECT_EQ(AddAttempt(RevealWindow{kNoon, 2}, kNoon - seconds(3)), (RevealWindow{kNoon, 3}));
}

TEST(RevealLimit, TheLimitIsAllowedAndRaisesTheAlertOnceTheNextIsRefused) {
  RevealWindow w{kNoon, 0};
  for (int64_t i = 1; i < kRevealLimit; ++i) {
    w = AddAttempt(w, kNoon);
    EXPECT_TRUE(Allowed(w));
    EXPECT_FALSE(ReachesLimit(w)) << i;
  }
  w = AddAttempt(w, kNoon);
  EXPECT_TRUE(Allowed(w));
  EXPECT_TRUE(ReachesLimit(w));
  w = AddAttempt(w, kNoon);
  EXPECT_FALSE(Allowed(w));
  EXPECT_FALSE(ReachesLimit(w)) << "one alert per window, not one per refused attempt";
}

TEST(RevealLimit, RetryAfterIsTheRestOfTheWindowRoundedUpAndNeverZero) {
  const RevealWindow w{kNoon, 31};
  EXPECT_EQ(RetryAfter(w, kNoon + minutes(4)), seconds(6 * 60));
  EXPECT_EQ(RetryAfter(w, kNoon + minutes(4) + std::chrono::milliseconds(1)), seconds(6 * 60));
  EXPECT_EQ(RetryAfter(w, kNoon + kRevealWindow), seconds(1));
}

}  // namespace
}  // namespace consign::audit
