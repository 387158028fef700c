#pragma once
// Allocation (自动分单): which carrier takes one order, and why. Pure (links consign_core only): the
// orders service reads the carriers (carriers/carrier_service.hpp), the capacity they have left today
// and the customer's promise, makes one Candidate per carrier and calls Allocate; the decision, every
// candidate with its scores and every exclusion with its reason, is stored with the order and shown.
//
// The rule:
//   1. A carrier is excluded, with its reason, when it is suspended, does not cover the origin or the
//      destination, does not carry the product, has no rate for it, has no capacity left (orders or
//      weight), or is failing (a performance figure past the thresholds an admin sets).
//   2. Every remaining carrier is scored 0–10000 on five criteria — our cost, transit time against the
//      customer's promise, on-time rate, damage rate, scan completeness — and the weighted sum of the
//      scores is its total.
//   3. Carriers that meet the promise rank above those that do not; within each group the higher total
//      ranks first, ties to the lower carrier id. The first is chosen. A carrier slower than the
//      promise is chosen only when none meets it, and the decision says so.
//   4. No candidate left: no carrier is chosen and the order waits in the dispatcher's queue — never
//      dropped, never forced on a carrier that cannot take it.
//
// The scores, in integer arithmetic (each rounded down, then held to 0–10000):
//   cost     the cheapest eligible carrier 10000, another cheapest × 10000 ÷ its cost (twice the
//            price: 5000). REQUIRES: every cost in one currency.
//   transit  with a promise of P hours, a carrier taking t hours: meeting it (t ≤ P) 5000 + 5000 ×
//            (P − t) ÷ P, so just meeting it is 5000 and room to spare counts up to 10000; missing it
//            5000 × P ÷ t, below 5000. Without a promise: the fastest eligible 10000, another
//            fastest × 10000 ÷ t. Unknown transit: 0, and it never counts as meeting a promise.
//   on_time  the on-time rate in bp itself (9500 bp = 95 % scores 9500); scan likewise.
//   damage   10000 − 50 × damage bp: every 0.01 % of damage costs 50 points, 2 % scores 0.
//   total    Σ score × weight ÷ 10000.
// Exclusions are checked in the order of step 1 and the first one met is the reason given: suspended
// (已暂停：<reason>), no coverage (不覆盖始发地 / 不覆盖目的地), no product (不承运该产品), no rate
// (无适用运价), full (今日运力已满（订单） / （重量）: no orders left, or fewer grams left than the order
// weighs), failing (准时率 82.0% 低于 85.0%, 破损率 … 高于 …, 扫描完整率 … 低于 …). Every reason
// has its English twin in reason_en. Excluded candidates follow the ranked ones, by carrier id.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"

namespace consign::orders {

// How much each criterion counts, basis points summing to 10000. An admin's setting.
struct AllocationWeights {
  int cost_bp = 4000;
  int transit_bp = 2000;
  int on_time_bp = 2000;
  int damage_bp = 1000;
  int scan_bp = 1000;
  friend bool operator==(const AllocationWeights&, const AllocationWeights&) = default;
};

// Past these a carrier is failing and takes no order. An admin's setting.
struct AllocationThresholds {
  int min_on_time_bp = 8500;
  int max_damage_bp = 100;
  int min_scan_bp = 8000;
  friend bool operator==(const AllocationThresholds&, const AllocationThresholds&) = default;
};

// kInvalidArgument naming the field ("weights.cost_bp" ... "thresholds.max_damage_bp"): each 0–10000,
// reason out_of_range, every such field listed; when all are in range, the weights summing to 10000
// (field "weights", reason sum).
[[nodiscard]] Status ValidateAllocationSettings(const AllocationWeights& weights,
                                                const AllocationThresholds& thresholds);

// One carrier as one order sees it.
struct Candidate {
  int64_t carrier_id = 0;
  std::string name;  // shown in the explanation
  bool active = true;
  std::string suspended_reason;
  bool covers_origin = false;
  bool covers_destination = false;
  bool carries_product = false;
  int64_t orders_left = 0;  // capacity left today
  int64_t grams_left = 0;
  std::optional<Money> cost;  // our cost of this order with this carrier; none: no rate
  std::optional<int> transit_hours;
  int on_time_bp = 0;
  int damage_bp = 0;
  int scan_bp = 0;
};

struct OrderNeed {
  int64_t grams = 0;                  // the order's actual weight, counted against capacity
  std::optional<int> promised_hours;  // the customer's promise (contract or product); none: no promise
};

enum class Exclusion { kNone, kSuspended, kNoCoverage, kNoProduct, kNoRate, kFull, kFailing };
std::string_view ExclusionCode(Exclusion e);  // "", "suspended", "no_coverage", "no_product", "no_rate", "full", "failing"

struct CriterionScores {
  int cost = 0, transit = 0, on_time = 0, damage = 0, scan = 0;  // each 0–10000
  friend bool operator==(const CriterionScores&, const CriterionScores&) = default;
};

struct CandidateScore {
  int64_t carrier_id = 0;
  std::string name;
  Exclusion excluded = Exclusion::kNone;
  std::string reason_zh;  // why excluded, or why ranked as it is: "已暂停：罢工", "今日运力已满"
  std::string reason_en;
  CriterionScores scores;  // zero when excluded
  int total = 0;           // Σ score × weight ÷ 10000, 0–10000
  bool meets_promise = true;
  std::optional<Money> cost;
  std::optional<int> transit_hours;
};

struct AllocationDecision {
  std::optional<int64_t> carrier_id;         // none: the dispatcher's queue
  std::vector<CandidateScore> candidates;    // ranked: the chosen first, then the others, excluded last
  std::string summary_zh;                    // one line: "选择 自营网络：综合得分最高（8,450）"
  std::string summary_en;
};

AllocationDecision Allocate(const OrderNeed& need, std::span<const Candidate> candidates,
                            const AllocationWeights& weights, const AllocationThresholds& thresholds);

}  // namespace consign::orders
