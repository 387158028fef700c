#include "modules/orders/order.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace consign::orders {
namespace {

// Divisions: 440305 深圳南山区, 310115 上海浦东新区, 441900003 东莞东城街道 (东莞 has towns and streets
// instead of districts: nine digits), 44 广东省, 4403 深圳市 (a city with districts).
OrderDraft GoodDraft() {
  OrderDraft d;
  d.product = "standard";
  d.shipper = {"张三", "13812345678", "440305", "科技园南区 1 栋 101"};
  d.consignee = {"李四", "021-61234567", "310115", "世纪大道 100 号 2001 室"};
  d.goods.pieces = 2;
  d.goods.weight_grams = 2300;
  d.goods.description = "样品";
  return d;
}

bool HasField(const Status& s, std::string_view field, std::string_view reason) {
  if (s) return false;
  return std::ranges::any_of(s.error().fields,
                             [&](const FieldError& f) { return f.field == field && f.reason == reason; });
}

TEST(OrderDraft, AGoodDraftPasses) { EXPECT_TRUE(ValidateOrderDraft(GoodDraft())); }

TEST(OrderDraft, ATownOfACityWithoutDistrictsIsAnAddress) {
  OrderDraft d = GoodDraft();
  d.consignee.division = "441900003";
  EXPECT_TRUE(ValidateOrderDraft(d));
}

TEST(OrderDraft, AnUnknownDistrictIsNamed) {
  OrderDraft d = GoodDraft();
  d.consignee.division = "449999";
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "consignee.division", "unknown_division"));
}

TEST(OrderDraft, AProvinceOrACityWithDistrictsIsTooCoarse) {
  OrderDraft d = GoodDraft();
  d.shipper.division = "44";
  d.consignee.division = "4403";
  const Status s = ValidateOrderDraft(d);
  EXPECT_TRUE(HasField(s, "shipper.division", "not_a_district"));
  EXPECT_TRUE(HasField(s, "consignee.division", "not_a_district"));
}

TEST(OrderDraft, APhoneThatIsNoPhoneIsNamed) {
  OrderDraft d = GoodDraft();
  d.consignee.phone = "12345";
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "consignee.phone", "invalid_phone"));
}

TEST(OrderDraft, EveryMistakeIsReportedAtOnce) {
  OrderDraft d = GoodDraft();
  d.shipper.name = " ";
  d.consignee.address = "";
  d.goods.pieces = 0;
  d.goods.weight_grams = 0;
  d.goods.category = "explosives";
  const Status s = ValidateOrderDraft(d);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.size(), 5u);
  EXPECT_TRUE(HasField(s, "shipper.name", "required"));
  EXPECT_TRUE(HasField(s, "consignee.address", "required"));
  EXPECT_TRUE(HasField(s, "goods.pieces", "out_of_range"));
  EXPECT_TRUE(HasField(s, "goods.weight_grams", "out_of_range"));
  EXPECT_TRUE(HasField(s, "goods.category", "invalid_enum"));
}

TEST(OrderDraft, ImpossibleWeightsAndDimensionsAreRefused) {
  OrderDraft d = GoodDraft();
  d.goods.weight_grams = 30'000'001;
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "goods.weight_grams", "out_of_range"));

  d = GoodDraft();
  d.goods.dimensions_cm = pricing::Dimensions{0, 10, 1001};
  const Status sides = ValidateOrderDraft(d);
  EXPECT_TRUE(HasField(sides, "goods.dimensions_cm.length", "out_of_range"));
  EXPECT_TRUE(HasField(sides, "goods.dimensions_cm.height", "out_of_range"));

  // 10 × 10 × 10 cm holds at most 23 kg of anything; 50 kg in it is a typo.
  d = GoodDraft();
  d.goods.dimensions_cm = pricing::Dimensions{10, 10, 10};
  d.goods.weight_grams = 50'000;
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "goods.weight_grams", "impossible"));
  d.goods.weight_grams = 22'000;
  EXPECT_TRUE(ValidateOrderDraft(d));
}

TEST(OrderDraft, InsuredNeedsADeclaredValue) {
  OrderDraft d = GoodDraft();
  d.services.insured = true;
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "goods.declared_value", "required"));
  d.goods.declared_value = Money::Cny(-1);
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "goods.declared_value", "out_of_range"));
}

TEST(OrderDraft, CodAmountIsPositiveCny) {
  OrderDraft d = GoodDraft();
  d.services.cod_amount = Money::Cny(0);
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "services.cod_amount", "out_of_range"));
  d.services.cod_amount = Money{100, Currency{{'U', 'S', 'D'}}};
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "services.cod_amount", "currency"));
}

TEST(OrderDraft, ControlCharactersAreRefused) {
  OrderDraft d = GoodDraft();
  d.consignee.name = "李\x1b[31m四";
  EXPECT_TRUE(HasField(ValidateOrderDraft(d), "consignee.name", "invalid_characters"));
}

TEST(OrderDraft, NormalizeGivesCanonicalPhonesAndTrimmedText) {
  OrderDraft d = GoodDraft();
  d.shipper.phone = "+86 138-1234-5678";
  d.shipper.name = "  张三 ";
  ASSERT_TRUE(ValidateOrderDraft(d));
  Normalize(d);
  EXPECT_EQ(d.shipper.phone, "13812345678");
  EXPECT_EQ(d.shipper.name, "张三");
}

TEST(OrderTerms, CodOnAContractWithoutCodIsNotAllowed) {
  OrderDraft d = GoodDraft();
  d.services.cod_amount = Money::Cny(10'000);
  EXPECT_TRUE(HasField(CheckAgainstTerms(d, OrderTerms{}), "services.cod_amount", "not_allowed"));
  OrderTerms with_cod;
  with_cod.cod_allowed = true;
  EXPECT_TRUE(CheckAgainstTerms(d, with_cod));
}

TEST(OrderTerms, ADeclaredValueOverTheLimitIsRefused) {
  OrderDraft d = GoodDraft();
  d.goods.declared_value = Money::Cny(2'000'001);  // ¥20,000.01, the default limit is ¥20,000
  EXPECT_TRUE(HasField(CheckAgainstTerms(d, OrderTerms{}), "goods.declared_value", "over_limit"));
  d.goods.declared_value = Money::Cny(2'000'000);
  EXPECT_TRUE(CheckAgainstTerms(d, OrderTerms{}));
}

TEST(OrderStatus, OnlyPendingAndAllocatedOrdersCanBeCancelled) {
  EXPECT_TRUE(CanCancel(OrderStatus::kPending));
  EXPECT_TRUE(CanCancel(OrderStatus::kAllocated));
  EXPECT_FALSE(CanCancel(OrderStatus::kPickedUp));
  EXPECT_FALSE(CanCancel(OrderStatus::kCancelled));
}

TEST(OrderStatus, CodesRoundTrip) {
  for (OrderStatus s : {OrderStatus::kPending, OrderStatus::kAllocated, OrderStatus::kPickedUp, OrderStatus::kCancelled})
    EXPECT_EQ(ParseOrderStatus(OrderStatusCode(s)), s);
  EXPECT_EQ(ParseOrderStatus("lost"), std::nullopt);
}

TEST(OrderPromise, DefaultsFollowTheZoneAndTheProduct) {
  EXPECT_EQ(DefaultPromisedHours("standard", "same_city"), 24);
  EXPECT_EQ(DefaultPromisedHours("standard", "cross_province"), 72);
  EXPECT_EQ(DefaultPromisedHours("express", "cross_province"), 48);
  EXPECT_EQ(DefaultPromisedHours("express", "same_city"), 24);
  EXPECT_EQ(DefaultPromisedHours("heavy", "remote"), 144);
}

}  // namespace
}  // namespace consign::orders
