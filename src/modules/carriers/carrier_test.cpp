#include "modules/carriers/carrier.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace consign::carriers {
namespace {

Carrier Valid() {
  Carrier c;
  c.code = "SF-SUB";
  c.name_zh = "华南快运";
  c.name_en = "South China Express";
  c.coverage = {"44", "4501"};  // all of 广东, and 南宁 in 广西
  c.products = {"standard", "express"};
  c.daily_capacity_orders = 5000;
  c.daily_capacity_grams = 20'000'000;
  c.rates = {{"standard", "same_province", 1000, Money::Cny(600), 1000, Money::Cny(150)},
             {"standard", "cross_province", 3000, Money::Cny(1200), 500, Money::Cny(200)}};
  c.transit = {{"standard", "same_province", 24}, {"express", "same_province", 12}};
  c.contacts = {{"陈调度", "调度", "13812341234", "dispatch@example.com"}};
  return c;
}

TEST(CarrierCoverage, AProvinceCoversItsCitiesAndDistricts) {
  const Carrier c = Valid();
  EXPECT_TRUE(Covers(c, "44"));
  EXPECT_TRUE(Covers(c, "4403"));    // 深圳
  EXPECT_TRUE(Covers(c, "440305"));  // 南山区
}

TEST(CarrierCoverage, ACityCoversItsDistrictsButNotItsProvince) {
  const Carrier c = Valid();
  EXPECT_TRUE(Covers(c, "4501"));
  EXPECT_TRUE(Covers(c, "450102"));
  EXPECT_FALSE(Covers(c, "45"));      // not all of 广西
  EXPECT_FALSE(Covers(c, "4503"));    // 桂林
  EXPECT_FALSE(Covers(c, "450302"));
}

TEST(CarrierCoverage, NothingElseIsCovered) {
  const Carrier c = Valid();
  EXPECT_FALSE(Covers(c, "31"));
  EXPECT_FALSE(Covers(c, "3101"));
  EXPECT_FALSE(Covers(c, ""));
  EXPECT_FALSE(Covers(c, "4"));
}

TEST(CarrierProducts, CarriesOnlyItsProducts) {
  EXPECT_TRUE(CarriesProduct(Valid(), "express"));
  EXPECT_FALSE(CarriesProduct(Valid(), "heavy"));
}

TEST(CarrierCost, UpToTheFirstWeightIsTheFirstPrice) {
  EXPECT_EQ(CostOf(Valid(), "standard", "same_province", 1), Money::Cny(600));
  EXPECT_EQ(CostOf(Valid(), "standard", "same_province", 1000), Money::Cny(600));
}

TEST(CarrierCost, EveryStartedStepIsPaidInFull) {
  // 1001 g: first 1000 g ¥6.00 + 1 started step of 1000 g × ¥1.50 = ¥7.50.
  EXPECT_EQ(CostOf(Valid(), "standard", "same_province", 1001), Money::Cny(750));
  // 3500 g: ¥6.00 + 3 steps (2500 g over, steps of 1000 g) × ¥1.50 = ¥10.50.
  EXPECT_EQ(CostOf(Valid(), "standard", "same_province", 3500), Money::Cny(1050));
  // 4000 g: ¥6.00 + exactly 3 steps × ¥1.50 = ¥10.50.
  EXPECT_EQ(CostOf(Valid(), "standard", "same_province", 4000), Money::Cny(1050));
  // Cross-province: 3000 g for ¥12.00, then ¥2.00 per 500 g. 4200 g: 1200 g over → 3 steps → ¥18.00.
  EXPECT_EQ(CostOf(Valid(), "standard", "cross_province", 4200), Money::Cny(1800));
}

TEST(CarrierCost, NoneWithoutARateOrWeight) {
  EXPECT_FALSE(CostOf(Valid(), "express", "same_province", 1000));  // carried, but no rate
  EXPECT_FALSE(CostOf(Valid(), "standard", "remote", 1000));
  EXPECT_FALSE(CostOf(Valid(), "standard", "same_province", 0));
}

TEST(CarrierTransit, HoursOfTheProductAndZone) {
  EXPECT_EQ(TransitHours(Valid(), "express", "same_province"), 12);
  EXPECT_FALSE(TransitHours(Valid(), "express", "cross_province"));
}

TEST(CarrierCodes, KindAndStatusRoundTrip) {
  for (CarrierKind k : {CarrierKind::kOwn, CarrierKind::kSubcontracted}) EXPECT_EQ(ParseCarrierKind(CarrierKindCode(k)), k);
  for (CarrierStatus s : {CarrierStatus::kActive, CarrierStatus::kSuspended})
    EXPECT_EQ(ParseCarrierStatus(CarrierStatusCode(s)), s);
  EXPECT_FALSE(ParseCarrierKind("partner"));
  EXPECT_FALSE(ParseCarrierStatus("paused"));
}

TEST(CarrierValidation, AValidCarrierPasses) {
  Status s = ValidateCarrier(Valid());
  EXPECT_TRUE(s) << (s ? "" : s.error().field());
}

struct Mistake {
  std::string name;
  std::function<void(Carrier&)> make;
  std::string field;
  std::string reason;
};

TEST(CarrierValidation, EachMistakeNamesItsField) {
  const std::vector<Mistake> mistakes = {
      {"no code", [](Carrier& c) { c.code = ""; }, "code", "required"},
      {"lower-case code", [](Carrier& c) { c.code = "sf"; }, "code", "invalid"},
      {"long code", [](Carrier& c) { c.code = std::string(21, 'A'); }, "code", "too_long"},
      {"no name", [](Carrier& c) { c.name_zh = " "; }, "name_zh", "required"},
      {"long name", [](Carrier& c) { c.name_en = std::string(101, 'a'); }, "name_en", "too_long"},
      {"suspended without a reason",
       [](Carrier& c) { c.status = CarrierStatus::kSuspended; }, "suspended_reason", "required"},
      {"active with a reason", [](Carrier& c) { c.suspended_reason = "x"; }, "suspended_reason", "invalid"},
      {"no coverage", [](Carrier& c) { c.coverage.clear(); }, "coverage", "required"},
      {"unknown province", [](Carrier& c) { c.coverage.push_back("99"); }, "coverage[2]", "unknown_division"},
      {"a district", [](Carrier& c) { c.coverage.push_back("440305"); }, "coverage[2]", "invalid"},
      {"twice", [](Carrier& c) { c.coverage.push_back("4501"); }, "coverage[2]", "duplicate"},
      {"a city of a covered province", [](Carrier& c) { c.coverage.push_back("4403"); }, "coverage[2]", "duplicate"},
      {"no products", [](Carrier& c) { c.products.clear(); c.rates.clear(); c.transit.clear(); }, "products", "required"},
      {"bad product", [](Carrier& c) { c.products.push_back("Heavy"); }, "products[2]", "invalid"},
      {"product twice", [](Carrier& c) { c.products.push_back("express"); }, "products[2]", "duplicate"},
      {"no capacity", [](Carrier& c) { c.daily_capacity_orders = 0; }, "daily_capacity_orders", "out_of_range"},
      {"no weight capacity", [](Carrier& c) { c.daily_capacity_grams = -1; }, "daily_capacity_grams", "out_of_range"},
      {"rate for a product not carried", [](Carrier& c) { c.rates[1].product = "heavy"; }, "rates[1].product", "invalid"},
      {"rate zone", [](Carrier& c) { c.rates[0].zone = "abroad"; }, "rates[0].zone", "invalid_enum"},
      {"rate first grams", [](Carrier& c) { c.rates[0].first_grams = 0; }, "rates[0].first_grams", "out_of_range"},
      {"rate step grams", [](Carrier& c) { c.rates[0].step_grams = -5; }, "rates[0].step_grams", "out_of_range"},
      {"negative price", [](Carrier& c) { c.rates[0].first_price = Money::Cny(-1); }, "rates[0].first_price", "out_of_range"},
      {"mixed currencies", [](Carrier& c) { c.rates[0].step_price.currency = Currency{{'U', 'S', 'D'}}; },
       "rates[0].step_price", "invalid"},
      {"rate twice", [](Carrier& c) { c.rates[1].zone = "same_province"; }, "rates[1]", "duplicate"},
      {"transit hours", [](Carrier& c) { c.transit[0].hours = 0; }, "transit[0].hours", "out_of_range"},
      {"transit zone", [](Carrier& c) { c.transit[1].zone = ""; }, "transit[1].zone", "required"},
      {"transit twice", [](Carrier& c) { c.transit[1].product = "standard"; }, "transit[1]", "duplicate"},
      {"on-time over 100 %", [](Carrier& c) { c.declared.on_time_bp = 10'001; }, "declared.on_time_bp", "out_of_range"},
      {"negative damage", [](Carrier& c) { c.declared.damage_bp = -1; }, "declared.damage_bp", "out_of_range"},
      {"contact without a name", [](Carrier& c) { c.contacts[0].name = ""; }, "contacts[0].name", "required"},
      {"contact phone", [](Carrier& c) { c.contacts[0].phone = "12345"; }, "contacts[0].phone", "invalid"},
      {"contact e-mail", [](Carrier& c) { c.contacts[0].email = "nobody"; }, "contacts[0].email", "invalid"},
      {"contact unreachable", [](Carrier& c) { c.contacts[0].phone = c.contacts[0].email = ""; }, "contacts[0].phone",
       "required"},
  };
  for (const Mistake& m : mistakes) {
    Carrier c = Valid();
    m.make(c);
    Status s = ValidateCarrier(c);
    ASSERT_FALSE(s) << m.name;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << m.name;
    bool found = false;
    for (const FieldError& f : s.error().fields)
      if (f.field == m.field && f.reason == m.reason) found = true;
    EXPECT_TRUE(found) << m.name << ": first error " << s.error().field() << " " << s.error().fields.front().reason;
  }
}

TEST(CarrierValidation, EveryMistakeIsReportedAtOnce) {
  Carrier c = Valid();
  c.code = "";
  c.daily_capacity_orders = 0;
  c.contacts[0].email = "x";
  Status s = ValidateCarrier(c);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.size(), 3u);
}

}  // namespace
}  // namespace consign::carriers
