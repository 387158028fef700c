#include "modules/pricing/quote.hpp"

#include <gtest/gtest.h>

#include "modules/pricing/testing_card.hpp"

namespace consign::pricing {
namespace {

using testing::HandCard;
using testing::HeavyProduct;
using testing::StandardProduct;

// Divisions used below: 440305 深圳南山, 440106 广州天河 (广东), 310101 上海黄浦, 330106 杭州西湖
// (浙江, neighbour of 上海), 110101 北京东城 (not a neighbour of 上海), 650102 乌鲁木齐天山 (新疆, remote).
QuoteRequest Ship(std::string from, std::string to, int64_t grams) {
  QuoteRequest r;
  r.origin = std::move(from);
  r.destination = std::move(to);
  r.weight_grams = grams;
  return r;
}

struct Case {
  const char* name;
  QuoteRequest request;
  int64_t chargeable_grams;
  std::vector<std::pair<std::string, int64_t>> lines;  // code, fen
  int64_t total;
};

QuoteRequest With(QuoteRequest r, void (*change)(QuoteRequest&)) {
  change(r);
  return r;
}

TEST(Quote, PricesByHand) {
  const Case cases[] = {
      // 深圳 → 广州 is 省内. 2300 g rounds up to 2500 g. Band [0, 3 kg): 800 for the first 1000 g,
      // then (2500 − 1000) / 500 = 3 steps × 150 = 450. 800 + 450 = 1250 ≥ minimum 1000.
      {"first and continued weight", Ship("440305", "440106", 2300), 2500, {{"freight", 1250}}, 1250},
      // 2500 g exactly stays 2500 g: the same 1250.
      {"on a step", Ship("440305", "440106", 2500), 2500, {{"freight", 1250}}, 1250},
      // 2900 g rounds up to 3000 g, which is the start of band [3 kg, 30 kg): its first price 1300
      // for the first 3000 g and nothing continued.
      {"rounding lands on the band edge", Ship("440305", "440106", 2900), 3000, {{"freight", 1300}}, 1300},
      // 3001 g → 3500 g in band 2: 1300 + ceil(500 / 1000) = 1 step × 250 = 1550.
      {"just past the edge", Ship("440305", "440106", 3001), 3500, {{"freight", 1550}}, 1550},
      // 上海 → 杭州 邻省, 1000 g but 40×30×20 = 24,000 cm³ × 1000 / 6000 = 4000 g volumetric, which
      // wins. Band 2: 1600 + (4000 − 3000) / 1000 = 1 × 300 = 1900.
      {"volumetric weight wins",
       With(Ship("310101", "330106", 1000), [](QuoteRequest& r) { r.dimensions_cm = Dimensions{40, 30, 20}; }),
       4000, {{"freight", 1900}}, 1900},
      // 10×10×10 = 1000 cm³ → 1,000,000 / 6000 = 166.7 → 167 g; actual 1200 g wins → 1500 g.
      // Band 1: 1000 + 1 × 200 = 1200.
      {"actual weight wins",
       With(Ship("310101", "330106", 1200), [](QuoteRequest& r) { r.dimensions_cm = Dimensions{10, 10, 10}; }),
       1500, {{"freight", 1200}}, 1200},
      // 上海 → 北京 跨省, 1000 g: the first price 1200.
      {"cross-province", Ship("310101", "110101", 1000), 1000, {{"freight", 1200}}, 1200},
      // 深圳 → 深圳 同城, 800 g → 1000 g: 600, below the minimum 1000: top-up 400.
      {"the minimum charge", Ship("440305", "440305", 800), 1000, {{"freight", 600}, {"minimum_charge", 400}}, 1000},
      // 上海 → 乌鲁木齐 偏远, 1000 g: 1500 + remote surcharge 500 = 2000.
      {"remote surcharge", Ship("310101", "650102", 1000), 1000, {{"freight", 1500}, {"remote_surcharge", 500}}, 2000},
      // 乌鲁木齐 → 乌鲁木齐 is 同城, not remote: 600 + top-up 400.
      {"remote province, same city", Ship("650102", "650102", 1000), 1000,
       {{"freight", 600}, {"minimum_charge", 400}}, 1000},
      // 上海 → 北京, 5000 g: band 2: 2000 + 2 × 400 = 2800. 1000 shipments a month → 10 %: 280.
      {"discount tier 10 %",
       With(Ship("310101", "110101", 5000), [](QuoteRequest& r) { r.monthly_shipments = 1000; }), 5000,
       {{"freight", 2800}, {"discount", -280}}, 2520},
      // 999 a month is still the 5 % tier: 2800 × 5 % = 140.
      {"discount tier 5 %", With(Ship("310101", "110101", 5000), [](QuoteRequest& r) { r.monthly_shipments = 999; }),
       5000, {{"freight", 2800}, {"discount", -140}}, 2660},
      // 99 a month: no tier.
      {"below the first tier", With(Ship("310101", "110101", 5000), [](QuoteRequest& r) { r.monthly_shipments = 99; }),
       5000, {{"freight", 2800}}, 2800},
      // 深圳 → 广州 2500 g: 1250 × 5 % = 62.5 → 63 (half up). 1250 − 63 = 1187.
      {"discount rounds half up",
       With(Ship("440305", "440106", 2500), [](QuoteRequest& r) { r.monthly_shipments = 100; }), 2500,
       {{"freight", 1250}, {"discount", -63}}, 1187},
      // 省内 1000 g: 800 − 10 % = 720, below 1000: top-up 280 → 1000. The discount never undercuts the minimum.
      {"discount then minimum",
       With(Ship("440305", "440106", 1000), [](QuoteRequest& r) { r.monthly_shipments = 1000; }), 1000,
       {{"freight", 800}, {"discount", -80}, {"minimum_charge", 280}}, 1000},
      // 跨省 1000 g 1200; insured ¥5000.00 × 0.30 % = 1500 fen (above the minimum 200) → 2700.
      {"insured value at its rate", With(Ship("310101", "110101", 1000), [](QuoteRequest& r) {
         r.insured = true;
         r.declared_value = Money::Cny(500'000);
       }),
       1000, {{"freight", 1200}, {"insured", 1500}}, 2700},
      // ¥500.00 × 0.30 % = 150, below the minimum 200 → 200. 1200 + 200 = 1400.
      {"insured value minimum", With(Ship("310101", "110101", 1000), [](QuoteRequest& r) {
         r.insured = true;
         r.declared_value = Money::Cny(50'000);
       }),
       1000, {{"freight", 1200}, {"insured", 200}}, 1400},
      // COD ¥1000.50 × 1 % = 1000.5 fen → 1001 (half up). 1200 + 1001 = 2201.
      {"COD at its rate", With(Ship("310101", "110101", 1000), [](QuoteRequest& r) {
         r.cod = true;
         r.cod_amount = Money::Cny(100'050);
       }),
       1000, {{"freight", 1200}, {"cod", 1001}}, 2201},
      // COD ¥200.00 × 1 % = 200, below the minimum 300 → 300. 1200 + 300 = 1500.
      {"COD minimum", With(Ship("310101", "110101", 1000), [](QuoteRequest& r) {
         r.cod = true;
         r.cod_amount = Money::Cny(20'000);
       }),
       1000, {{"freight", 1200}, {"cod", 300}}, 1500},
      // Receipt 300 and packaging 500 flat: 1200 + 300 + 500 = 2000.
      {"signed receipt and packaging", With(Ship("310101", "110101", 1000), [](QuoteRequest& r) {
         r.signed_receipt = true;
         r.packaging = true;
       }),
       1000, {{"freight", 1200}, {"signed_receipt", 300}, {"packaging", 500}}, 2000},
  };
  for (const Case& c : cases) {
    Result<QuoteResult> q = Quote(StandardProduct(), HandCard(), DefaultZoneMatrix(), c.request);
    ASSERT_TRUE(q) << c.name << ": " << q.error().field();
    EXPECT_EQ(q->chargeable_grams, c.chargeable_grams) << c.name;
    ASSERT_EQ(q->lines.size(), c.lines.size()) << c.name;
    for (size_t i = 0; i < c.lines.size(); ++i) {
      EXPECT_EQ(q->lines[i].code, c.lines[i].first) << c.name;
      EXPECT_EQ(q->lines[i].amount, Money::Cny(c.lines[i].second)) << c.name << " " << c.lines[i].first;
    }
    EXPECT_EQ(q->total, Money::Cny(c.total)) << c.name;
  }
}

TEST(Quote, OneKgRoundingOnTheHeavyCard) {
  RateCard card = HandCard("heavy");
  card.rounding = WeightRounding::kOneKg;
  QuoteRequest r = Ship("310101", "110101", 1200);
  r.dimensions_cm = Dimensions{10, 10, 10};
  // 1200 g → 2000 g (next whole kg). Band 1: 1200 + (2000 − 1000) / 500 = 2 × 200 = 1600.
  Result<QuoteResult> q = Quote(HeavyProduct(), card, DefaultZoneMatrix(), r);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->chargeable_grams, 2000);
  EXPECT_EQ(q->total, Money::Cny(1600));
}

TEST(Quote, EachLineSaysItsRule) {
  QuoteRequest r = Ship("310101", "110101", 2300);
  r.insured = true;
  r.declared_value = Money::Cny(500'000);
  Result<QuoteResult> q = Quote(StandardProduct(), HandCard(), DefaultZoneMatrix(), r);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->zone, Zone::kCrossProvince);
  // 2500 g: 1200 + 3 × 200.
  EXPECT_EQ(q->lines[0].rule_zh, "跨省 2.5kg: 首重 1kg ¥12.00 + 续重 3×0.5kg×¥2.00");
  EXPECT_EQ(q->lines[0].rule_en, "Cross-province 2.5kg: first 1kg ¥12.00 + continued 3×0.5kg×¥2.00");
  EXPECT_EQ(q->lines[0].label_zh, "运费");
  EXPECT_EQ(q->lines[1].rule_zh, "申报价值 ¥5000.00 × 0.30%，最低 ¥2.00");
}

TEST(Quote, BadRequestsNameTheirField) {
  struct Bad {
    const char* name;
    ServiceProduct product;
    QuoteRequest request;
    const char* field;
    const char* reason;
  } cases[] = {
      {"unknown origin province", StandardProduct(), Ship("99", "110101", 1000), "origin", "unknown_division"},
      {"unknown destination city", StandardProduct(), Ship("310101", "4499", 1000), "destination", "unknown_division"},
      {"heavy freight without dimensions", HeavyProduct(), Ship("310101", "110101", 1000), "dimensions_cm", "required"},
      {"zero weight", StandardProduct(), Ship("310101", "110101", 0), "weight_grams", "out_of_range"},
      {"heavier than the last band (30 kg)", StandardProduct(), Ship("310101", "110101", 30'000), "weight_grams",
       "out_of_range"},
      {"a zero side", StandardProduct(),
       With(Ship("310101", "110101", 1000), [](QuoteRequest& r) { r.dimensions_cm = Dimensions{10, 0, 10}; }),
       "dimensions_cm.width", "out_of_range"},
      {"insured without a declared value", StandardProduct(),
       With(Ship("310101", "110101", 1000), [](QuoteRequest& r) { r.insured = true; }), "declared_value", "required"},
      {"COD without its amount", StandardProduct(),
       With(Ship("310101", "110101", 1000), [](QuoteRequest& r) { r.cod = true; }), "cod_amount", "required"},
      {"a negative declared value", StandardProduct(),
       With(Ship("310101", "110101", 1000), [](QuoteRequest& r) { r.declared_value = Money::Cny(-1); }),
       "declared_value", "negative"},
  };
  for (const Bad& c : cases) {
    Result<QuoteResult> q = Quote(c.product, HandCard(c.product.code), DefaultZoneMatrix(), c.request);
    ASSERT_FALSE(q) << c.name;
    EXPECT_EQ(q.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(q.error().field(), c.field) << c.name;
    EXPECT_EQ(q.error().fields[0].reason, c.reason) << c.name;
  }
}

TEST(Quote, FormatsWeightsAndRates) {
  EXPECT_EQ(FormatKg(1000), "1kg");
  EXPECT_EQ(FormatKg(500), "0.5kg");
  EXPECT_EQ(FormatKg(2250), "2.25kg");
  EXPECT_EQ(FormatKg(30'005), "30.005kg");
  EXPECT_EQ(FormatPercent(30), "0.30%");
  EXPECT_EQ(FormatPercent(1000), "10.00%");
  EXPECT_EQ(FormatPercent(5), "0.05%");
}

}  // namespace
}  // namespace consign::pricing
