#include "modules/orders/order_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "modules/pricing/rate_card_json.hpp"

namespace consign::orders {
namespace {

namespace json = boost::json;

// The decision as a boost::json tree: the form DecisionJson wrote before it wrote text straight away.
std::string TreeForm(const AllocationDecision& d, AllocationMode mode, std::string_view reason, Instant at) {
  json::array candidates;
  for (const CandidateScore& c : d.candidates) {
    candidates.push_back(json::object{
        {"carrier_id", c.carrier_id},
        {"name", c.name},
        {"excluded", ExclusionCode(c.excluded)},
        {"reason_zh", c.reason_zh},
        {"reason_en", c.reason_en},
        {"scores", json::object{{"cost", c.scores.cost}, {"transit", c.scores.transit}, {"on_time", c.scores.on_time},
                                {"damage", c.scores.damage}, {"scan", c.scores.scan}}},
        {"total", c.total},
        {"meets_promise", c.meets_promise},
        {"cost", c.cost ? json::value(pricing::MoneyToJson(*c.cost)) : json::value(nullptr)},
        {"transit_hours", c.transit_hours ? json::value(*c.transit_hours) : nullptr}});
  }
  return json::serialize(json::object{{"mode", AllocationModeCode(mode)},
                                      {"carrier_id", d.carrier_id ? json::value(*d.carrier_id) : nullptr},
                                      {"summary_zh", d.summary_zh},
                                      {"summary_en", d.summary_en},
                                      {"override_reason", reason},
                                      {"decided_at", FormatRfc3339(at)},
                                      {"candidates", std::move(candidates)}});
}

TEST(DecisionJson, WritesTheSameBytesAsTheTreeForm) {
  AllocationDecision d;
  d.carrier_id = 7;
  d.summary_zh = "整批分单：顺达 \"快运\"（当日总成本最低的分配）";
  d.summary_en = "Batch allocation: Shunda\\Express";
  CandidateScore chosen;
  chosen.carrier_id = 7;
  chosen.name = "顺达快运";
  chosen.reason_zh = "综合得分最高";
  chosen.reason_en = "best total\nscore";
  chosen.scores = {9000, 8000, 9600, 9990, 9700};
  chosen.total = 8450;
  chosen.cost = Money::Cny(1300);
  chosen.transit_hours = 48;
  CandidateScore excluded;
  excluded.carrier_id = 9;
  excluded.name = "停运物流";
  excluded.excluded = Exclusion::kSuspended;
  excluded.reason_zh = "已暂停：罢工";
  excluded.meets_promise = false;
  d.candidates = {chosen, excluded};
  const Instant at = FromMicros(1'795'334'400'123'456);
  EXPECT_EQ(DecisionJson(d, AllocationMode::kBatch, "", at), TreeForm(d, AllocationMode::kBatch, "", at));
  EXPECT_EQ(DecisionJson(AllocationDecision{}, AllocationMode::kOverride, "客户要求", at),
            TreeForm(AllocationDecision{}, AllocationMode::kOverride, "客户要求", at));
}

}  // namespace
}  // namespace consign::orders
