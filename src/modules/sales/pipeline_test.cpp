#include "modules/sales/pipeline.hpp"

#include <gtest/gtest.h>

namespace consign::sales {
namespace {

TEST(Pipeline, StagesAreSeed004sInOrderWithDefaultProbabilities) {
  EXPECT_EQ(kStages[0].zh, "寻找大客户");
  EXPECT_EQ(kStages[1].zh, "意向性接触");
  EXPECT_EQ(kStages[2].zh, "进一步沟通");
  EXPECT_EQ(kStages[3].zh, "跟进");
  EXPECT_EQ(kStages[4].zh, "交易");
  EXPECT_EQ(kStages[5].zh, "维护");
  EXPECT_EQ(DefaultProbability(Stage::kProspecting), 10);
  EXPECT_EQ(DefaultProbability(Stage::kFirstContact), 20);
  EXPECT_EQ(DefaultProbability(Stage::kDeeperTalks), 40);
  EXPECT_EQ(DefaultProbability(Stage::kFollowUp), 60);
  EXPECT_EQ(DefaultProbability(Stage::kDeal), 80);
  EXPECT_EQ(DefaultProbability(Stage::kMaintenance), 100);
  for (size_t i = 0; i < kStages.size(); ++i) EXPECT_EQ(kStages[i].name, kStageNames[i]);
}

TEST(Pipeline, MovesForwardByOneOrMore) {
  EXPECT_TRUE(CheckStageChange(Outcome::kOpen, Stage::kProspecting, Stage::kFirstContact));
  EXPECT_TRUE(CheckStageChange(Outcome::kOpen, Stage::kFirstContact, Stage::kFollowUp));
  EXPECT_TRUE(CheckStageChange(Outcome::kOpen, Stage::kProspecting, Stage::kDeal));
}

TEST(Pipeline, MovesBackByExactlyOne) {
  EXPECT_TRUE(CheckStageChange(Outcome::kOpen, Stage::kDeal, Stage::kFollowUp));
  Status two_back = CheckStageChange(Outcome::kOpen, Stage::kDeal, Stage::kDeeperTalks);
  ASSERT_FALSE(two_back);
  EXPECT_EQ(two_back.error().code, ErrorCode::kInvalidState);
  EXPECT_EQ(two_back.error().field(), "stage");
  EXPECT_EQ(two_back.error().fields[0].reason, "forbidden_transition");
}

TEST(Pipeline, StayingPutIsNotAChange) {
  EXPECT_FALSE(CheckStageChange(Outcome::kOpen, Stage::kFollowUp, Stage::kFollowUp));
}

TEST(Pipeline, MaintenanceIsReachedOnlyByWinning) {
  Status jump = CheckStageChange(Outcome::kOpen, Stage::kDeal, Stage::kMaintenance);
  ASSERT_FALSE(jump);
  EXPECT_EQ(jump.error().fields[0].reason, "forbidden_transition");
  EXPECT_TRUE(CheckWin(Outcome::kOpen, Stage::kDeal));
  Status early = CheckWin(Outcome::kOpen, Stage::kFollowUp);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field(), "stage");
  EXPECT_EQ(early.error().fields[0].reason, "not_at_deal");
}

TEST(Pipeline, WonAndLostAreTerminal) {
  for (Outcome closed : {Outcome::kWon, Outcome::kLost}) {
    Status move = CheckStageChange(closed, Stage::kDeal, Stage::kFollowUp);
    ASSERT_FALSE(move);
    EXPECT_EQ(move.error().fields[0].reason, "closed");
    EXPECT_EQ(CheckWin(closed, Stage::kDeal).error().fields[0].reason, "closed");
    EXPECT_EQ(CheckLoss(closed, "price").error().fields[0].reason, "closed");
  }
}

TEST(Pipeline, LostNeedsOneOfTheFiveReasons) {
  for (std::string_view reason : {"price", "competitor", "service", "timing", "other"})
    EXPECT_TRUE(CheckLoss(Outcome::kOpen, reason)) << reason;
  Status none = CheckLoss(Outcome::kOpen, "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(none.error().field(), "reason");
  EXPECT_EQ(CheckLoss(Outcome::kOpen, "weather").error().fields[0].reason, "invalid_enum");
}

TEST(Pipeline, EveryPairOfOpenStagesFollowsTheRule) {
  // Written out: row = from, column = to, over the five open stages (maintenance only by winning).
  constexpr bool kAllowed[5][5] = {
      {false, true, true, true, true},     // prospecting
      {true, false, true, true, true},     // first_contact
      {false, true, false, true, true},    // deeper_talks
      {false, false, true, false, true},   // follow_up
      {false, false, false, true, false},  // deal
  };
  for (int from = 0; from < 5; ++from)
    for (int to = 0; to < 5; ++to)
      EXPECT_EQ(StageChangeAllowed(static_cast<Stage>(from), static_cast<Stage>(to)), kAllowed[from][to])
          << StageName(static_cast<Stage>(from)) << " → " << StageName(static_cast<Stage>(to));
}

TEST(Pipeline, ParsesOnlyKnownWords) {
  EXPECT_EQ(ParseStage("follow_up"), Stage::kFollowUp);
  EXPECT_EQ(ParseStage("跟进"), std::nullopt);
  EXPECT_EQ(ParseOutcome("won"), Outcome::kWon);
}

}  // namespace
}  // namespace consign::sales
