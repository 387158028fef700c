#include "modules/orders/allocation.hpp"

#include <gtest/gtest.h>

namespace consign::orders {
namespace {

// A carrier that can take the order: quality 95 % on time, 0.50 % damage, 95 % scans. Its scores
// other than cost and transit are therefore on_time 9500, damage 10000 − 50 × 50 = 7500, scan 9500.
Candidate Carrier(int64_t id, std::string name, int64_t cost_fen, int transit_hours) {
  Candidate c;
  c.carrier_id = id;
  c.name = std::move(name);
  c.covers_origin = true;
  c.covers_destination = true;
  c.carries_product = true;
  c.orders_left = 10;
  c.grams_left = 100'000;
  c.cost = Money::Cny(cost_fen);
  c.transit_hours = transit_hours;
  c.on_time_bp = 9500;
  c.damage_bp = 50;
  c.scan_bp = 9500;
  return c;
}

const OrderNeed kNoPromise{.grams = 1000, .promised_hours = std::nullopt};

AllocationDecision Decide(const OrderNeed& need, const std::vector<Candidate>& candidates,
                          const AllocationWeights& weights = {}) {
  return Allocate(need, candidates, weights, AllocationThresholds{});
}

const CandidateScore& Scored(const AllocationDecision& d, int64_t carrier_id) {
  for (const CandidateScore& s : d.candidates)
    if (s.carrier_id == carrier_id) return s;
  throw std::logic_error("carrier not in the decision");
}

// One carrier that can take the order beside the one under test, so each exclusion is seen alone.
AllocationDecision DecideBeside(Candidate tested, const OrderNeed& need = kNoPromise) {
  return Decide(need, {std::move(tested), Carrier(2, "顺达", 1000, 24)});
}

TEST(Allocation, ExcludesASuspendedCarrierWithItsReason) {
  Candidate c = Carrier(1, "自营网络", 500, 24);
  c.active = false;
  c.suspended_reason = "罢工";
  const AllocationDecision d = DecideBeside(c);
  const CandidateScore& s = Scored(d, 1);
  EXPECT_EQ(s.excluded, Exclusion::kSuspended);
  EXPECT_EQ(s.reason_zh, "已暂停：罢工");
  EXPECT_EQ(s.reason_en, "suspended: 罢工");
  EXPECT_EQ(s.scores, CriterionScores{});
  EXPECT_EQ(s.total, 0);
  EXPECT_EQ(d.carrier_id, 2);
}

TEST(Allocation, ExcludesACarrierThatDoesNotCoverTheOriginOrTheDestination) {
  Candidate no_origin = Carrier(1, "自营网络", 500, 24);
  no_origin.covers_origin = false;
  const CandidateScore origin = Scored(DecideBeside(no_origin), 1);
  EXPECT_EQ(origin.excluded, Exclusion::kNoCoverage);
  EXPECT_EQ(origin.reason_zh, "不覆盖始发地");
  EXPECT_EQ(origin.reason_en, "does not cover the origin");

  Candidate no_destination = Carrier(1, "自营网络", 500, 24);
  no_destination.covers_destination = false;
  const CandidateScore destination = Scored(DecideBeside(no_destination), 1);
  EXPECT_EQ(destination.excluded, Exclusion::kNoCoverage);
  EXPECT_EQ(destination.reason_zh, "不覆盖目的地");
  EXPECT_EQ(destination.reason_en, "does not cover the destination");
}

TEST(Allocation, ExcludesACarrierThatDoesNotCarryTheProduct) {
  Candidate c = Carrier(1, "自营网络", 500, 24);
  c.carries_product = false;
  const CandidateScore s = Scored(DecideBeside(c), 1);
  EXPECT_EQ(s.excluded, Exclusion::kNoProduct);
  EXPECT_EQ(s.reason_zh, "不承运该产品");
  EXPECT_EQ(s.reason_en, "does not carry this product");
}

TEST(Allocation, ExcludesACarrierWithoutARate) {
  Candidate c = Carrier(1, "自营网络", 500, 24);
  c.cost.reset();
  const CandidateScore s = Scored(DecideBeside(c), 1);
  EXPECT_EQ(s.excluded, Exclusion::kNoRate);
  EXPECT_EQ(s.reason_zh, "无适用运价");
  EXPECT_EQ(s.reason_en, "has no rate for this order");
}

TEST(Allocation, ExcludesACarrierFullByOrdersOrByWeight) {
  Candidate no_orders = Carrier(1, "自营网络", 500, 24);
  no_orders.orders_left = 0;
  const CandidateScore orders = Scored(DecideBeside(no_orders), 1);
  EXPECT_EQ(orders.excluded, Exclusion::kFull);
  EXPECT_EQ(orders.reason_zh, "今日运力已满（订单）");
  EXPECT_EQ(orders.reason_en, "full today (orders)");

  Candidate light = Carrier(1, "自营网络", 500, 24);
  light.grams_left = 999;  // the order weighs 1000 g
  const CandidateScore weight = Scored(DecideBeside(light), 1);
  EXPECT_EQ(weight.excluded, Exclusion::kFull);
  EXPECT_EQ(weight.reason_zh, "今日运力已满（重量）");
  EXPECT_EQ(weight.reason_en, "full today (weight)");

  light.grams_left = 1000;  // exactly enough
  EXPECT_EQ(Scored(DecideBeside(light), 1).excluded, Exclusion::kNone);
}

TEST(Allocation, ExcludesACarrierFailingAThresholdWithTheFiguresInItsReason) {
  Candidate late = Carrier(1, "自营网络", 500, 24);
  late.on_time_bp = 8200;  // below the default 85.0 %
  const CandidateScore on_time = Scored(DecideBeside(late), 1);
  EXPECT_EQ(on_time.excluded, Exclusion::kFailing);
  EXPECT_EQ(on_time.reason_zh, "准时率 82.0% 低于 85.0%");
  EXPECT_EQ(on_time.reason_en, "on-time rate 82.0% below 85.0%");

  Candidate careless = Carrier(1, "自营网络", 500, 24);
  careless.damage_bp = 150;  // above the default 1.0 %
  const CandidateScore damage = Scored(DecideBeside(careless), 1);
  EXPECT_EQ(damage.excluded, Exclusion::kFailing);
  EXPECT_EQ(damage.reason_zh, "破损率 1.5% 高于 1.0%");
  EXPECT_EQ(damage.reason_en, "damage rate 1.5% above 1.0%");

  Candidate unscanned = Carrier(1, "自营网络", 500, 24);
  unscanned.scan_bp = 7550;  // below the default 80.0 %
  const CandidateScore scan = Scored(DecideBeside(unscanned), 1);
  EXPECT_EQ(scan.excluded, Exclusion::kFailing);
  EXPECT_EQ(scan.reason_zh, "扫描完整率 75.5% 低于 80.0%");
  EXPECT_EQ(scan.reason_en, "scan completeness 75.5% below 80.0%");
}

TEST(Allocation, ExclusionCodesAreStableWords) {
  EXPECT_EQ(ExclusionCode(Exclusion::kNone), "");
  EXPECT_EQ(ExclusionCode(Exclusion::kSuspended), "suspended");
  EXPECT_EQ(ExclusionCode(Exclusion::kNoCoverage), "no_coverage");
  EXPECT_EQ(ExclusionCode(Exclusion::kNoProduct), "no_product");
  EXPECT_EQ(ExclusionCode(Exclusion::kNoRate), "no_rate");
  EXPECT_EQ(ExclusionCode(Exclusion::kFull), "full");
  EXPECT_EQ(ExclusionCode(Exclusion::kFailing), "failing");
}

TEST(Allocation, TheCheaperCarrierWinsWhenQualityIsEqual) {
  const AllocationDecision d = Decide(kNoPromise, {Carrier(1, "自营网络", 1000, 24), Carrier(2, "顺达", 800, 24)});
  ASSERT_EQ(d.carrier_id, 2);
  // 顺达: cost 10000, transit 10000 (the fastest), 9500, 7500, 9500;
  // total (10000×4000 + 10000×2000 + 9500×2000 + 7500×1000 + 9500×1000) ÷ 10000 = 9600.
  EXPECT_EQ(d.candidates[0].scores, (CriterionScores{10000, 10000, 9500, 7500, 9500}));
  EXPECT_EQ(d.candidates[0].total, 9600);
  // 自营网络: cost 800 × 10000 ÷ 1000 = 8000; total 9600 − 2000 × 4000 ÷ 10000 = 8800.
  EXPECT_EQ(d.candidates[1].carrier_id, 1);
  EXPECT_EQ(d.candidates[1].scores.cost, 8000);
  EXPECT_EQ(d.candidates[1].total, 8800);
  EXPECT_EQ(d.summary_zh, "选择 顺达：综合得分最高（9,600）");
  EXPECT_EQ(d.summary_en, "Chose 顺达: highest total score (9,600)");
  EXPECT_EQ(d.candidates[0].reason_zh, "综合得分 9,600");
}

TEST(Allocation, WeightsChangeTheWinner) {
  // Cheap and slow against dear and fast, no promise.
  const std::vector<Candidate> carriers = {Carrier(1, "慢而便宜", 800, 48), Carrier(2, "快而贵", 1000, 24)};
  // Default weights. Slow: cost 10000, transit 24 × 10000 ÷ 48 = 5000 → (40M + 10M + 19M + 7.5M + 9.5M) ÷ 10000 = 8600.
  // Fast: cost 8000, transit 10000 → (32M + 20M + 36M) ÷ 10000 = 8800.
  const AllocationDecision by_default = Decide(kNoPromise, carriers);
  EXPECT_EQ(by_default.carrier_id, 2);
  EXPECT_EQ(Scored(by_default, 1).total, 8600);
  EXPECT_EQ(Scored(by_default, 2).total, 8800);

  // Cost 70 %, transit nothing. Slow: (70M + 9.5M + 7.5M + 9.5M) ÷ 10000 = 9650; fast: (56M + 26.5M) ÷ 10000 = 8250.
  const AllocationWeights cost_first{.cost_bp = 7000, .transit_bp = 0, .on_time_bp = 1000, .damage_bp = 1000, .scan_bp = 1000};
  const AllocationDecision by_cost = Decide(kNoPromise, carriers, cost_first);
  EXPECT_EQ(by_cost.carrier_id, 1);
  EXPECT_EQ(Scored(by_cost, 1).total, 9650);
  EXPECT_EQ(Scored(by_cost, 2).total, 8250);
}

TEST(Allocation, ACarrierFailingAThresholdIsExcludedEvenWhenCheapest) {
  Candidate cheapest = Carrier(1, "自营网络", 500, 24);
  cheapest.damage_bp = 101;
  const AllocationDecision d = Decide(kNoPromise, {cheapest, Carrier(2, "顺达", 1000, 24)});
  EXPECT_EQ(d.carrier_id, 2);
  EXPECT_EQ(d.candidates.back().excluded, Exclusion::kFailing);
  // The cost score is against the cheapest eligible carrier, so 顺达 scores 10000 alone.
  EXPECT_EQ(d.candidates.front().scores.cost, 10000);
}

TEST(Allocation, WhenTheFirstChoiceIsFullTheNextTakesTheOrder) {
  Candidate first = Carrier(1, "自营网络", 500, 24);
  first.orders_left = 0;
  const AllocationDecision d =
      Decide(kNoPromise, {first, Carrier(2, "顺达", 1000, 24), Carrier(3, "远方", 1200, 24)});
  EXPECT_EQ(d.carrier_id, 2);
  ASSERT_EQ(d.candidates.size(), 3u);
  EXPECT_EQ(d.candidates[1].carrier_id, 3);  // still ranked: the fallback after the fallback
  EXPECT_EQ(d.candidates[2].carrier_id, 1);
  EXPECT_EQ(d.candidates[2].excluded, Exclusion::kFull);
}

TEST(Allocation, MeetingThePromiseBeatsACheaperSlowerCarrier) {
  const OrderNeed need{.grams = 1000, .promised_hours = 48};
  const AllocationDecision d = Decide(need, {Carrier(1, "便宜但慢", 500, 72), Carrier(2, "准时", 1000, 48)});
  ASSERT_EQ(d.carrier_id, 2);
  // 准时: cost 500 × 10000 ÷ 1000 = 5000, transit just meets: 5000 → (20M + 10M + 36M) ÷ 10000 = 6600.
  EXPECT_EQ(d.candidates[0].scores.transit, 5000);
  EXPECT_EQ(d.candidates[0].total, 6600);
  EXPECT_TRUE(d.candidates[0].meets_promise);
  EXPECT_EQ(d.candidates[0].reason_zh, "综合得分 6,600；48 小时满足 48 小时承诺");
  // 便宜但慢: cost 10000, transit 5000 × 48 ÷ 72 = 3333 → (40M + 6.666M + 36M) ÷ 10000 = 8266: higher, yet second.
  EXPECT_EQ(d.candidates[1].scores.transit, 3333);
  EXPECT_EQ(d.candidates[1].total, 8266);
  EXPECT_FALSE(d.candidates[1].meets_promise);
  EXPECT_EQ(d.candidates[1].reason_en, "total score 8,266; 72 h misses the 48 h promise");
}

TEST(Allocation, MeetingThePromiseWithRoomScoresHigher) {
  const OrderNeed need{.grams = 1000, .promised_hours = 48};
  const AllocationDecision d = Decide(need, {Carrier(1, "从容", 1000, 24), Carrier(2, "刚好", 1000, 48)});
  EXPECT_EQ(Scored(d, 1).scores.transit, 7500);  // 5000 + 5000 × (48 − 24) ÷ 48
  EXPECT_EQ(Scored(d, 2).scores.transit, 5000);
  EXPECT_EQ(d.carrier_id, 1);
}

TEST(Allocation, OnlySlowCarriersTheBestIsChosenAndTheSummarySaysThePromiseIsMissed) {
  const OrderNeed need{.grams = 1000, .promised_hours = 24};
  const AllocationDecision d = Decide(need, {Carrier(1, "较慢", 1000, 48), Carrier(2, "最慢", 1000, 72)});
  ASSERT_EQ(d.carrier_id, 1);
  // 较慢: transit 5000 × 24 ÷ 48 = 2500 → (40M + 5M + 36M) ÷ 10000 = 8100.
  // 最慢: transit 5000 × 24 ÷ 72 = 1666 → (40M + 3.332M + 36M) ÷ 10000 = 7933.
  EXPECT_EQ(Scored(d, 1).total, 8100);
  EXPECT_EQ(Scored(d, 2).total, 7933);
  EXPECT_FALSE(d.candidates[0].meets_promise);
  EXPECT_EQ(d.summary_zh, "选择 较慢：没有承运商能满足 24 小时承诺，需 48 小时（综合得分 8,100）");
  EXPECT_EQ(d.summary_en, "Chose 较慢: no carrier meets the 24 h promise; it takes 48 h (total score 8,100)");
}

TEST(Allocation, NobodyCanTakeItSoItWaitsInTheDispatchersQueue) {
  Candidate suspended = Carrier(1, "自营网络", 500, 24);
  suspended.active = false;
  Candidate full = Carrier(2, "顺达", 1000, 24);
  full.orders_left = 0;
  const AllocationDecision d = Decide(kNoPromise, {full, suspended});
  EXPECT_FALSE(d.carrier_id.has_value());
  ASSERT_EQ(d.candidates.size(), 2u);
  EXPECT_EQ(d.candidates[0].carrier_id, 1);  // excluded ones by id
  EXPECT_EQ(d.candidates[0].reason_zh, "已暂停");
  EXPECT_EQ(d.summary_zh, "无可用承运商（2 家均被排除）：订单进入调度员队列");
  EXPECT_EQ(d.summary_en, "No carrier can take this order (2 excluded): it waits in the dispatcher's queue");
}

TEST(Allocation, NoCandidatesAtAllAlsoGoToTheQueue) {
  const AllocationDecision d = Decide(kNoPromise, {});
  EXPECT_FALSE(d.carrier_id.has_value());
  EXPECT_TRUE(d.candidates.empty());
}

TEST(Allocation, TiesGoToTheLowerCarrierId) {
  const AllocationDecision d = Decide(kNoPromise, {Carrier(7, "七", 1000, 24), Carrier(3, "三", 1000, 24)});
  EXPECT_EQ(d.carrier_id, 3);
  EXPECT_EQ(d.candidates[0].total, d.candidates[1].total);
}

TEST(Allocation, DamageCostsFiftyPointsPerBasisPointAndBottomsOutAtZero) {
  AllocationThresholds lenient;
  lenient.max_damage_bp = 10000;
  Candidate broken = Carrier(1, "粗暴", 1000, 24);
  broken.damage_bp = 250;  // 10000 − 12500 → 0
  Candidate careful = Carrier(2, "小心", 1000, 24);
  careful.damage_bp = 10;  // 10000 − 500
  const AllocationDecision d = Allocate(kNoPromise, std::vector{broken, careful}, AllocationWeights{}, lenient);
  EXPECT_EQ(Scored(d, 1).scores.damage, 0);
  EXPECT_EQ(Scored(d, 2).scores.damage, 9500);
}

TEST(AllocationSettings, TheDefaultsAreValid) {
  EXPECT_TRUE(ValidateAllocationSettings(AllocationWeights{}, AllocationThresholds{}));
}

TEST(AllocationSettings, AFigureOutOfRangeNamesItsField) {
  AllocationWeights weights;
  weights.cost_bp = -1;
  AllocationThresholds thresholds;
  thresholds.max_damage_bp = 10001;
  const Status s = ValidateAllocationSettings(weights, thresholds);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "weights.cost_bp");
  EXPECT_EQ(s.error().fields[0].reason, "out_of_range");
  EXPECT_EQ(s.error().fields[1].field, "thresholds.max_damage_bp");
  EXPECT_EQ(s.error().fields[1].reason, "out_of_range");
}

TEST(AllocationSettings, WeightsNotSummingToTenThousandNameTheWeights) {
  AllocationWeights weights;
  weights.scan_bp = 999;  // 9999 in all
  const Status s = ValidateAllocationSettings(weights, AllocationThresholds{});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field(), "weights");
  EXPECT_EQ(s.error().fields[0].reason, "sum");
}

}  // namespace
}  // namespace consign::orders
