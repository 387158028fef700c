#include "modules/sales/sales_report.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace consign::sales {
namespace {

size_t StageIndex(Stage s) { return static_cast<size_t>(s); }

TEST(PipelineReport, WeightsEachStageOnceWithHalfEvenRounding) {
  // prospecting: 12,345 fen at 10 % = 1,234.5 → 1,234 (half-even; half-up would say 1,235).
  // deal: 250,001 at 80 % + 3 at 50 % = 200,000.8 + 1.5 = 200,002.3 → 200,002 (one rounding per
  // stage: rounding each row first would give 200,001 + 2 = 200,003).
  const std::vector<OpportunityGroup> groups = {
      {"prospecting", "open", "", 1, 12'345, 12'345 * 10},
      {"deal", "open", "", 2, 250'004, 250'001 * 80 + 3 * 50},
      {"maintenance", "won", "", 3, 4'500'000, 4'500'000 * 100},
      {"follow_up", "lost", "price", 2, 900, 0},
      {"prospecting", "lost", "timing", 1, 0, 0},
  };
  auto report = BuildPipelineReport(groups, {});
  ASSERT_TRUE(report);
  const FunnelStage& prospecting = report->funnel[StageIndex(Stage::kProspecting)];
  EXPECT_EQ(prospecting.count, 1);
  EXPECT_EQ(prospecting.revenue.minor, 12'345);
  EXPECT_EQ(prospecting.weighted.minor, 1'234);
  const FunnelStage& deal = report->funnel[StageIndex(Stage::kDeal)];
  EXPECT_EQ(deal.count, 2);
  EXPECT_EQ(deal.weighted.minor, 200'002);
  const FunnelStage& maintenance = report->funnel[StageIndex(Stage::kMaintenance)];
  EXPECT_EQ(maintenance.count, 3);
  EXPECT_EQ(maintenance.weighted.minor, 4'500'000);
  EXPECT_EQ(report->funnel[StageIndex(Stage::kFollowUp)].count, 0);  // the lost ones are in no row
  EXPECT_EQ(report->weighted_total.minor, 1'234 + 200'002);          // the open stages only
  EXPECT_EQ(report->won_revenue.minor, 4'500'000);
  EXPECT_EQ(report->open, 3);
  EXPECT_EQ(report->won, 3);
  EXPECT_EQ(report->lost, 3);
  EXPECT_EQ(report->lost_by_reason, (std::array<int64_t, 5>{2, 0, 0, 1, 0}));  // price, …, timing
}

TEST(PipelineReport, EveryStageAndSourceIsPresentInOrderWhenThereIsNothing) {
  auto report = BuildPipelineReport({}, {});
  ASSERT_TRUE(report);
  for (size_t s = 0; s < kStages.size(); ++s) {
    EXPECT_EQ(report->funnel[s].stage, kStages[s].stage);
    EXPECT_EQ(report->funnel[s].count, 0);
    EXPECT_EQ(report->funnel[s].weighted.minor, 0);
  }
  for (size_t i = 0; i < kLeadSources.size(); ++i) {
    EXPECT_EQ(report->sources[i].source->name, kLeadSourceNames[i]);
    EXPECT_FALSE(report->sources[i].qualified_bp) << "no leads: no rate, not 0 %";
  }
  EXPECT_EQ(report->weighted_total.minor, 0);
}

TEST(PipelineReport, RatesAreBasisPointsOfTheSourcesLeads) {
  const std::vector<SourceGroup> sources = {{"referral", 3, 2, 1, 1}, {"telemarketing", 8, 1, 1, 0}};
  auto report = BuildPipelineReport({}, sources);
  ASSERT_TRUE(report);
  const SourceConversion& referral = report->sources[1];
  ASSERT_EQ(referral.source->name, "referral");
  EXPECT_EQ(referral.leads, 3);
  EXPECT_EQ(referral.qualified_bp, 6'667);  // 2/3 = 66.666… %
  EXPECT_EQ(referral.converted_bp, 3'333);
  EXPECT_EQ(referral.won_bp, 3'333);
  const SourceConversion& telemarketing = report->sources[4];
  ASSERT_EQ(telemarketing.source->name, "telemarketing");
  EXPECT_EQ(telemarketing.qualified_bp, 1'250);  // 1/8 = 12.5 %
  EXPECT_EQ(telemarketing.won_bp, 0);
}

TEST(PipelineReport, RateRoundsHalfToEven) {
  EXPECT_EQ(RateBasisPoints(1, 20'000), 0);   // 0.5 bp → 0
  EXPECT_EQ(RateBasisPoints(3, 20'000), 2);   // 1.5 bp → 2
  EXPECT_EQ(RateBasisPoints(5, 5), 10'000);
  EXPECT_EQ(RateBasisPoints(0, 0), std::nullopt);
}

TEST(PipelineReport, GroupsItDoesNotKnowAreLeftOut) {
  const std::vector<OpportunityGroup> groups = {{"谈判", "open", "", 5, 100, 100}, {"deal", "pending", "", 5, 1, 1},
                                                {"deal", "lost", "weather", 5, 0, 0}};
  const std::vector<SourceGroup> sources = {{"carrier_pigeon", 9, 9, 9, 9}};
  auto report = BuildPipelineReport(groups, sources);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->open + report->won + report->lost, 0);
  for (const SourceConversion& s : report->sources) EXPECT_EQ(s.leads, 0);
}

TEST(PipelineReport, AnOverflowingSumIsAnErrorNotAWrappedNumber) {
  const int64_t big = std::numeric_limits<int64_t>::max() - 1;
  const std::vector<OpportunityGroup> groups = {{"deal", "open", "", 1, big, 0}, {"deal", "open", "", 1, 2, 0}};
  auto report = BuildPipelineReport(groups, {});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST(PipelineReport, DatesAreExactlyYearMonthDay) {
  ASSERT_TRUE(ParseReportDate("2026-11-01"));
  EXPECT_EQ(FormatReportDate(*ParseReportDate("2026-11-01")), "2026-11-01");
  EXPECT_TRUE(ParseReportDate("2028-02-29"));
  EXPECT_FALSE(ParseReportDate("2026-02-29"));
  EXPECT_FALSE(ParseReportDate("2026-13-01"));
  EXPECT_FALSE(ParseReportDate("2026-1-01"));
  EXPECT_FALSE(ParseReportDate("2026/11/01"));
  EXPECT_FALSE(ParseReportDate("2026-11-01T00:00:00Z"));
  EXPECT_FALSE(ParseReportDate("yesterday"));
  EXPECT_FALSE(ParseReportDate(""));
}

}  // namespace
}  // namespace consign::sales
