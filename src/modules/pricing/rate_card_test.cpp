#include "modules/pricing/rate_card.hpp"

#include <gtest/gtest.h>

#include "modules/pricing/testing_card.hpp"

namespace consign::pricing {
namespace {

using testing::HandCard;

// The first field error of a card with one mistake (an emptied band also leaves a gap after it, a
// zone written twice also leaves one missing: those report a second error after the first).
FieldError FirstError(const RateCard& card) {
  Status s = ValidateRateCard(card);
  EXPECT_FALSE(s);
  if (s) return {};
  return s.error().fields.front();
}

TEST(RateCard, TheHandCardAndEveryStandardCardAreValid) {
  EXPECT_TRUE(ValidateRateCard(HandCard()));
  for (const ServiceProduct& p : StandardProducts()) EXPECT_TRUE(ValidateRateCard(StandardRateCard(p))) << p.code;
}

TEST(RateCard, EachMistakeNamesItsFieldPath) {
  struct Case {
    const char* what;
    void (*spoil)(RateCard&);
    const char* field;
    const char* reason;
  } cases[] = {
      {"a gap between bands: [0,3000) then [3500,...)", [](RateCard& c) { c.zones[2].bands[1].from_grams = 3500; },
       "zones[2].bands[1].from_grams", "band_gap"},
      {"an overlap: [0,3000) then [2500,...)", [](RateCard& c) { c.zones[2].bands[1].from_grams = 2500; },
       "zones[2].bands[1].from_grams", "band_overlap"},
      {"a first band not from 0", [](RateCard& c) { c.zones[0].bands[0].from_grams = 100; },
       "zones[0].bands[0].from_grams", "band_gap"},
      {"an empty band", [](RateCard& c) { c.zones[1].bands[0].to_grams = 0; }, "zones[1].bands[0].to_grams",
       "out_of_range"},
      {"a negative first price", [](RateCard& c) { c.zones[3].bands[0].first_price = Money::Cny(-1); },
       "zones[3].bands[0].first_price", "negative"},
      {"a negative continued price", [](RateCard& c) { c.zones[4].bands[1].step_price = Money::Cny(-100); },
       "zones[4].bands[1].step_price", "negative"},
      {"a zero step", [](RateCard& c) { c.zones[4].bands[1].step_grams = 0; }, "zones[4].bands[1].step_grams",
       "out_of_range"},
      {"a negative minimum charge", [](RateCard& c) { c.minimum_charge = Money::Cny(-5); }, "minimum_charge",
       "negative"},
      {"a price in dollars", [](RateCard& c) { c.remote_surcharge = Money{500, Currency{{'U', 'S', 'D'}}}; },
       "remote_surcharge", "invalid_currency"},
      {"a discount over 100 %", [](RateCard& c) { c.discounts[1].discount_bp = 10'001; }, "discounts[1].discount_bp",
       "out_of_range"},
      {"tiers not ascending", [](RateCard& c) { c.discounts[1].min_monthly_shipments = 100; },
       "discounts[1].min_monthly_shipments", "not_ascending"},
      {"an insurance rate over 100 %", [](RateCard& c) { c.fees.insured.rate_bp = 20'000; }, "fees.insured.rate_bp",
       "out_of_range"},
      {"a negative COD minimum", [](RateCard& c) { c.fees.cod.minimum = Money::Cny(-1); }, "fees.cod.minimum",
       "negative"},
      {"a negative packaging fee", [](RateCard& c) { c.fees.packaging = Money::Cny(-1); }, "fees.packaging",
       "negative"},
      {"a zone twice", [](RateCard& c) { c.zones[4].zone = Zone::kSameCity; }, "zones[4].zone", "duplicate"},
      {"a zone missing", [](RateCard& c) { c.zones.pop_back(); }, "zones", "missing_zone"},
      {"a zone without bands", [](RateCard& c) { c.zones[0].bands.clear(); }, "zones[0].bands", "required"},
  };
  for (const Case& c : cases) {
    RateCard card = HandCard();
    c.spoil(card);
    FieldError e = FirstError(card);
    EXPECT_EQ(e.field, c.field) << c.what;
    EXPECT_EQ(e.reason, c.reason) << c.what;
  }
}

TEST(RateCard, ADiscountOfExactly100PercentIsAllowed) {
  RateCard card = HandCard();
  card.discounts[1].discount_bp = 10'000;
  EXPECT_TRUE(ValidateRateCard(card));
}

TEST(RateCard, ReportsEveryMistakeAtOnce) {
  RateCard card = HandCard();
  card.zones[0].bands[1].from_grams = 4000;
  card.zones[1].bands[0].first_price = Money::Cny(-1);
  card.discounts[0].discount_bp = 12'000;
  Status s = ValidateRateCard(card);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.size(), 3u);
}

TEST(RateCard, StandardProductsAreTheThreeOfTheDomain) {
  auto products = StandardProducts();
  ASSERT_EQ(products.size(), 3u);
  EXPECT_EQ(products[0].name_zh, "标准快递");
  EXPECT_EQ(products[1].name_zh, "特快");
  EXPECT_EQ(products[2].name_zh, "重货");
  EXPECT_TRUE(products[2].dimensions_required);
}

Date D(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

TEST(RateCardLifecycle, OnlyADraftIsEditedOrActivatedAndOnlyAnActiveCardEnds) {
  RateCardRecord r;
  r.kind = CardKind::kPublished;
  r.status = CardStatus::kDraft;
  EXPECT_TRUE(CheckEditable(r));
  EXPECT_TRUE(CheckActivation(r, std::nullopt, std::nullopt));  // a published card needs no dates
  EXPECT_EQ(CheckEnd(r).error().code, ErrorCode::kInvalidState);
  r.status = CardStatus::kActive;
  EXPECT_EQ(CheckEditable(r).error().code, ErrorCode::kInvalidState);
  EXPECT_EQ(CheckActivation(r, std::nullopt, std::nullopt).error().code, ErrorCode::kInvalidState);
  EXPECT_TRUE(CheckEnd(r));
  r.status = CardStatus::kEnded;
  EXPECT_EQ(CheckEditable(r).error().code, ErrorCode::kInvalidState);
  EXPECT_EQ(CheckEnd(r).error().code, ErrorCode::kInvalidState);
}

TEST(RateCardLifecycle, AnAgreementIsActivatedFromADateAndNotBackwards) {
  RateCardRecord r;
  r.kind = CardKind::kAgreement;
  EXPECT_EQ(CheckActivation(r, std::nullopt, std::nullopt).error().field(), "valid_from");
  EXPECT_EQ(CheckActivation(r, D(2027, 1, 1), D(2026, 12, 31)).error().field(), "valid_to");
  EXPECT_TRUE(CheckActivation(r, D(2027, 1, 1), D(2027, 1, 1)));  // one day
  EXPECT_TRUE(CheckActivation(r, D(2027, 1, 1), std::nullopt));
}

TEST(RateCardLifecycle, OverlapsCountEveryDayOfInclusiveRanges) {
  EXPECT_TRUE(Overlaps(D(2027, 1, 1), D(2027, 12, 31), D(2027, 12, 31), D(2028, 12, 31)));  // the last day
  EXPECT_FALSE(Overlaps(D(2027, 1, 1), D(2027, 12, 31), D(2028, 1, 1), std::nullopt));     // the day after
  EXPECT_TRUE(Overlaps(D(2027, 1, 1), std::nullopt, D(2030, 1, 1), D(2030, 2, 1)));        // open end
  EXPECT_FALSE(Overlaps(D(2028, 1, 1), std::nullopt, D(2027, 1, 1), D(2027, 12, 31)));
}

TEST(RateCardLifecycle, DatesAreRealCalendarDays) {
  EXPECT_EQ(ParseDate("2028-02-29"), D(2028, 2, 29));
  for (std::string_view bad : {"2027-02-29", "2027-13-01", "2027-1-01", "20270101", "２０２７-01-01", ""})
    EXPECT_FALSE(ParseDate(bad)) << bad;
  EXPECT_EQ(FormatDate(D(2027, 3, 5)), "2027-03-05");
  EXPECT_EQ(FormatDate(D(2027, 12, 31)), "2027-12-31");
  EXPECT_EQ(FormatDate(D(7, 1, 9)), "0007-01-09");
  EXPECT_EQ(FormatDate(D(9999, 10, 20)), "9999-10-20");
  EXPECT_EQ(FormatDate(D(12345, 6, 7)), "12345-06-07");  // years beyond four digits as printf writes them
}

}  // namespace
}  // namespace consign::pricing
