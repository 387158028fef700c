#include "modules/orders/allocation.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace consign::orders {
namespace {

constexpr int kFull = 10000;
constexpr int kDamagePointsPerBp = 50;  // 2.00 % damage (200 bp) scores 0

int Clamp(int64_t score) { return static_cast<int>(std::clamp<int64_t>(score, 0, kFull)); }

// 8250 bp → "82.5%": one decimal, cut rather than rounded, as the thresholds are compared.
std::string Percent(int bp) { return fmt::format("{}.{}%", bp / 100, (bp % 100) / 10); }

// 8450 → "8,450", as the console prints scores.
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

struct Reason {
  Exclusion code = Exclusion::kNone;
  std::string zh, en;
};

// The first rule of the header's step 1 that the candidate breaks, in the order written there.
Reason ExclusionOf(const Candidate& c, const OrderNeed& need, const AllocationThresholds& t) {
  if (!c.active) {
    if (c.suspended_reason.empty()) return {Exclusion::kSuspended, "已暂停", "suspended"};
    return {Exclusion::kSuspended, "已暂停：" + c.suspended_reason, "suspended: " + c.suspended_reason};
  }
  if (!c.covers_origin) return {Exclusion::kNoCoverage, "不覆盖始发地", "does not cover the origin"};
  if (!c.covers_destination) return {Exclusion::kNoCoverage, "不覆盖目的地", "does not cover the destination"};
  if (!c.carries_product) return {Exclusion::kNoProduct, "不承运该产品", "does not carry this product"};
  if (!c.cost) return {Exclusion::kNoRate, "无适用运价", "has no rate for this order"};
  if (c.orders_left <= 0) return {Exclusion::kFull, "今日运力已满（订单）", "full today (orders)"};
  if (c.grams_left < need.grams) return {Exclusion::kFull, "今日运力已满（重量）", "full today (weight)"};
  if (c.on_time_bp < t.min_on_time_bp)
    return {Exclusion::kFailing, fmt::format("准时率 {} 低于 {}", Percent(c.on_time_bp), Percent(t.min_on_time_bp)),
            fmt::format("on-time rate {} below {}", Percent(c.on_time_bp), Percent(t.min_on_time_bp))};
  if (c.damage_bp > t.max_damage_bp)
    return {Exclusion::kFailing, fmt::format("破损率 {} 高于 {}", Percent(c.damage_bp), Percent(t.max_damage_bp)),
            fmt::format("damage rate {} above {}", Percent(c.damage_bp), Percent(t.max_damage_bp))};
  if (c.scan_bp < t.min_scan_bp)
    return {Exclusion::kFailing, fmt::format("扫描完整率 {} 低于 {}", Percent(c.scan_bp), Percent(t.min_scan_bp)),
            fmt::format("scan completeness {} below {}", Percent(c.scan_bp), Percent(t.min_scan_bp))};
  return {};
}

int CostScore(int64_t cost, int64_t cheapest) {
  if (cost <= 0) return kFull;
  return Clamp(static_cast<int64_t>(static_cast<__int128>(cheapest) * kFull / cost));
}

int TransitScore(std::optional<int> hours, std::optional<int> promised, std::optional<int> fastest) {
  if (!hours) return 0;
  const int64_t t = std::max(*hours, 0);
  if (promised && *promised > 0) {
    const int64_t p = *promised;
    if (t <= p) return Clamp(5000 + 5000 * (p - t) / p);
    return Clamp(5000 * p / t);
  }
  if (!fastest || t == 0) return kFull;
  return Clamp(kFull * std::max(*fastest, 0) / t);
}

bool MeetsPromise(std::optional<int> hours, std::optional<int> promised) {
  if (!promised) return true;
  return hours && *hours <= *promised;
}

void AddScoreReason(CandidateScore& s, std::optional<int> promised) {
  s.reason_zh = "综合得分 " + Grouped(s.total);
  s.reason_en = "total score " + Grouped(s.total);
  if (!promised) return;
  if (s.meets_promise) {
    s.reason_zh += fmt::format("；{} 小时满足 {} 小时承诺", *s.transit_hours, *promised);
    s.reason_en += fmt::format("; {} h meets the {} h promise", *s.transit_hours, *promised);
  } else if (s.transit_hours) {
    s.reason_zh += fmt::format("；{} 小时超出 {} 小时承诺", *s.transit_hours, *promised);
    s.reason_en += fmt::format("; {} h misses the {} h promise", *s.transit_hours, *promised);
  } else {
    s.reason_zh += fmt::format("；时效未知，不能保证 {} 小时承诺", *promised);
    s.reason_en += fmt::format("; transit unknown, cannot promise {} h", *promised);
  }
}

void Summarise(AllocationDecision& d, const OrderNeed& need) {
  if (!d.carrier_id) {
    d.summary_zh = fmt::format("无可用承运商（{} 家均被排除）：订单进入调度员队列", d.candidates.size());
    d.summary_en = fmt::format("No carrier can take this order ({} excluded): it waits in the dispatcher's queue",
                               d.candidates.size());
    return;
  }
  const CandidateScore& chosen = d.candidates.front();
  if (chosen.meets_promise) {
    d.summary_zh = fmt::format("选择 {}：综合得分最高（{}）", chosen.name, Grouped(chosen.total));
    d.summary_en = fmt::format("Chose {}: highest total score ({})", chosen.name, Grouped(chosen.total));
    return;
  }
  const std::string hours_zh = chosen.transit_hours ? fmt::format("需 {} 小时", *chosen.transit_hours) : "时效未知";
  const std::string hours_en = chosen.transit_hours ? fmt::format("takes {} h", *chosen.transit_hours) : "transit unknown";
  d.summary_zh = fmt::format("选择 {}：没有承运商能满足 {} 小时承诺，{}（综合得分 {}）", chosen.name,
                             *need.promised_hours, hours_zh, Grouped(chosen.total));
  d.summary_en = fmt::format("Chose {}: no carrier meets the {} h promise; it {} (total score {})", chosen.name,
                             *need.promised_hours, hours_en, Grouped(chosen.total));
}

}  // namespace

std::string_view ExclusionCode(Exclusion e) {
  switch (e) {
    case Exclusion::kNone: return "";
    case Exclusion::kSuspended: return "suspended";
    case Exclusion::kNoCoverage: return "no_coverage";
    case Exclusion::kNoProduct: return "no_product";
    case Exclusion::kNoRate: return "no_rate";
    case Exclusion::kFull: return "full";
    case Exclusion::kFailing: return "failing";
  }
  return "";
}

Status ValidateAllocationSettings(const AllocationWeights& weights, const AllocationThresholds& thresholds) {
  const std::pair<const char*, int> figures[] = {
      {"weights.cost_bp", weights.cost_bp},
      {"weights.transit_bp", weights.transit_bp},
      {"weights.on_time_bp", weights.on_time_bp},
      {"weights.damage_bp", weights.damage_bp},
      {"weights.scan_bp", weights.scan_bp},
      {"thresholds.min_on_time_bp", thresholds.min_on_time_bp},
      {"thresholds.max_damage_bp", thresholds.max_damage_bp},
      {"thresholds.min_scan_bp", thresholds.min_scan_bp},
  };
  FieldErrors errors;
  for (const auto& [field, bp] : figures)
    if (bp < 0 || bp > kFull) errors.Add(field, "out_of_range", "must be 0 to 10000 basis points");
  if (errors.empty()) {
    const int sum = weights.cost_bp + weights.transit_bp + weights.on_time_bp + weights.damage_bp + weights.scan_bp;
    if (sum != kFull) errors.Add("weights", "sum", fmt::format("the weights sum to {}, not 10000", sum));
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

AllocationDecision Allocate(const OrderNeed& need, std::span<const Candidate> candidates,
                            const AllocationWeights& weights, const AllocationThresholds& thresholds) {
  std::vector<CandidateScore> eligible, excluded;
  std::vector<const Candidate*> eligible_candidates;
  for (const Candidate& c : candidates) {
    Reason reason = ExclusionOf(c, need, thresholds);
    CandidateScore s;
    s.carrier_id = c.carrier_id;
    s.name = c.name;
    s.excluded = reason.code;
    s.reason_zh = std::move(reason.zh);
    s.reason_en = std::move(reason.en);
    s.cost = c.cost;
    s.transit_hours = c.transit_hours;
    if (s.excluded == Exclusion::kNone) {
      eligible.push_back(std::move(s));
      eligible_candidates.push_back(&c);
    } else {
      excluded.push_back(std::move(s));
    }
  }

  // Cost and transit are scored against the best eligible carrier, so they are known first.
  std::optional<int64_t> cheapest;
  std::optional<int> fastest;
  for (const Candidate* c : eligible_candidates) {
    cheapest = std::min(cheapest.value_or(c->cost->minor), c->cost->minor);
    if (c->transit_hours) fastest = std::min(fastest.value_or(*c->transit_hours), *c->transit_hours);
  }
  for (size_t i = 0; i < eligible.size(); ++i) {
    const Candidate& c = *eligible_candidates[i];
    CandidateScore& s = eligible[i];
    s.scores = {.cost = CostScore(c.cost->minor, *cheapest),
                .transit = TransitScore(c.transit_hours, need.promised_hours, fastest),
                .on_time = Clamp(c.on_time_bp),
                .damage = Clamp(kFull - int64_t{c.damage_bp} * kDamagePointsPerBp),
                .scan = Clamp(c.scan_bp)};
    const int64_t weighted = int64_t{s.scores.cost} * weights.cost_bp + int64_t{s.scores.transit} * weights.transit_bp +
                             int64_t{s.scores.on_time} * weights.on_time_bp +
                             int64_t{s.scores.damage} * weights.damage_bp + int64_t{s.scores.scan} * weights.scan_bp;
    s.total = Clamp(weighted / kFull);
    s.meets_promise = MeetsPromise(c.transit_hours, need.promised_hours);
    AddScoreReason(s, need.promised_hours);
  }

  std::sort(eligible.begin(), eligible.end(), [](const CandidateScore& a, const CandidateScore& b) {
    if (a.meets_promise != b.meets_promise) return a.meets_promise;
    if (a.total != b.total) return a.total > b.total;
    return a.carrier_id < b.carrier_id;
  });
  std::sort(excluded.begin(), excluded.end(),
            [](const CandidateScore& a, const CandidateScore& b) { return a.carrier_id < b.carrier_id; });

  AllocationDecision decision;
  if (!eligible.empty()) decision.carrier_id = eligible.front().carrier_id;
  decision.candidates = std::move(eligible);
  for (CandidateScore& s : excluded) decision.candidates.push_back(std::move(s));
  Summarise(decision, need);
  return decision;
}

}  // namespace consign::orders
