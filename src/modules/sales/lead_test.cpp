#include "modules/sales/lead.hpp"

#include <gtest/gtest.h>

namespace consign::sales {
namespace {

Lead ValidLead() {
  Lead lead;
  lead.source = "referral";
  lead.company = "深圳顺达电子有限公司";
  lead.credit_code = "91440300708461136T";  // a published code (core/credit_code_test.cpp)
  lead.region_code = "440305";
  lead.contacts = {{"王经理", "物流部经理", "+86 138-1234-5678", "wang@shunda.cn"}};
  lead.monthly_volume = 3000;
  lead.monthly_spend = Money::Cny(4'500'000);
  return lead;
}

TEST(LeadSources, AreTheEightOfSeed004WithChineseLabels) {
  ASSERT_EQ(kLeadSources.size(), 8u);
  EXPECT_EQ(FindLeadSource("door_to_door")->zh, "逐户寻访");
  EXPECT_EQ(FindLeadSource("referral")->zh, "客户引荐");
  EXPECT_EQ(FindLeadSource("halo")->zh, "光辉效应");
  EXPECT_EQ(FindLeadSource("direct_mail")->zh, "直接邮寄");
  EXPECT_EQ(FindLeadSource("telemarketing")->zh, "电话营销");
  EXPECT_EQ(FindLeadSource("snowball")->zh, "滚雪球");
  EXPECT_EQ(FindLeadSource("desk_research")->zh, "资料查阅");
  EXPECT_EQ(FindLeadSource("consulting")->zh, "市场咨询");
  EXPECT_EQ(FindLeadSource("cold_call"), nullptr);
  for (size_t i = 0; i < kLeadSources.size(); ++i) EXPECT_EQ(kLeadSources[i].name, kLeadSourceNames[i]);
}

TEST(ValidateLead, AcceptsAWholeLeadAndNormalisesThePhone) {
  Lead lead = ValidLead();
  ASSERT_TRUE(ValidateLead(lead));
  EXPECT_EQ(lead.contacts[0].phone, "13812345678");
}

TEST(ValidateLead, AWrongCheckCharacterNamesCreditCode) {
  Lead lead = ValidLead();
  lead.credit_code = "91440300708461136U";
  Status s = ValidateLead(lead);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field(), "credit_code");
  EXPECT_EQ(s.error().fields[0].reason, "invalid_check_character");
}

TEST(ValidateLead, ACreditCodeOfTheWrongLengthOrCharacterIsRefusedWithItsReason) {
  Lead short_code = ValidLead();
  short_code.credit_code = "9144030070846113";
  ASSERT_FALSE(ValidateLead(short_code));
  EXPECT_EQ(ValidateLead(short_code).error().fields[0].reason, "invalid_length");
  Lead letter_o = ValidLead();
  letter_o.credit_code = "91440300708461136O";
  EXPECT_EQ(ValidateLead(letter_o).error().fields[0].reason, "invalid_character");
}

TEST(ValidateLead, ReportsEveryMistakeWithItsPath) {
  Lead lead = ValidLead();
  lead.source = "billboard";
  lead.company = "  ";
  lead.region_code = "44030";
  lead.contacts = {{"王经理", "", "12345", ""}, {"", "", "", "not-an-email"}};
  lead.monthly_volume = -1;
  lead.monthly_spend = Money::Cny(-100);
  Status s = ValidateLead(lead);
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const FieldError& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"source", "company", "region_code", "contacts[0].phone",
                                              "contacts[1].name", "contacts[1].email", "monthly_volume",
                                              "monthly_spend.amount_minor"}));
}

TEST(ValidateLead, AnEmptyCreditCodeIsAllowedUntilQualification) {
  Lead lead = ValidLead();
  lead.credit_code.clear();
  EXPECT_TRUE(ValidateLead(lead));
}

ConditionCheck Met() { return ConditionCheck{true, UserId{7}, Instant{}, "信用中国无失信记录"}; }

TEST(CanQualify, NeedsAllThreeConditionsCheckedAndMet) {
  Qualification q;
  Status none = CanQualify(q, "91440300708461136T");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field(), "checks.not_yet_customer");
  EXPECT_EQ(none.error().fields[0].reason, "unchecked");

  q.checks = {Met(), Met(), Met()};
  q.checks[2]->met = false;
  Status bad_credit = CanQualify(q, "91440300708461136T");
  ASSERT_FALSE(bad_credit);
  EXPECT_EQ(bad_credit.error().field(), "checks.good_credit");
  EXPECT_EQ(bad_credit.error().fields[0].reason, "not_met");

  q.checks[2]->met = true;
  EXPECT_TRUE(CanQualify(q, "91440300708461136T"));
}

TEST(CanQualify, NeedsAValidCreditCode) {
  Qualification q;
  q.checks = {Met(), Met(), Met()};
  EXPECT_EQ(CanQualify(q, "").error().field(), "credit_code");
  EXPECT_EQ(CanQualify(q, "91440300708461136U").error().fields[0].reason, "invalid_check_character");
}

TEST(Weights, MustEachBeAPercentageAndSumTo100) {
  EXPECT_TRUE(ValidateWeights(kDefaultWeights));
  EXPECT_TRUE(ValidateWeights({40, 30, 10, 10, 10}));
  Status sum = ValidateWeights({40, 30, 10, 10, 5});
  ASSERT_FALSE(sum);
  EXPECT_EQ(sum.error().field(), "weights");
  EXPECT_EQ(sum.error().fields[0].reason, "invalid_sum");
  Status negative = ValidateWeights({-10, 50, 20, 20, 20});
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().field(), "weights.service_fit");
  EXPECT_EQ(ValidateWeights({20, 20, 20, 20, 101}).error().field(), "weights.scale");
}

TEST(Ratings, AreZeroToFive) {
  EXPECT_TRUE(ValidateRatings({0, 5, 3, 2, 1}));
  EXPECT_EQ(ValidateRatings({0, 6, 3, 2, 1}).error().field(), "ratings.volume");
}

TEST(Score, IsTheWeightedRatingOutOf100RoundedToTheNearest) {
  // Equal weights, all 5: 5·20 × 5 = 500 → 500 ÷ 5 = 100.
  EXPECT_EQ(Score({5, 5, 5, 5, 5}, kDefaultWeights), 100);
  // 4·40 + 3·30 + 5·10 + 2·10 + 1·10 = 160 + 90 + 50 + 20 + 10 = 330 → 66.
  EXPECT_EQ(Score({4, 3, 5, 2, 1}, {40, 30, 10, 10, 10}), 66);
  // 3·33 + 1·33 = 132 → 26.4 → 26 (down).
  EXPECT_EQ(Score({3, 1, 0, 0, 0}, {33, 33, 34, 0, 0}), 26);
  // 3·51 = 153 → 30.6 → 31 (up).
  EXPECT_EQ(Score({3, 0, 0, 0, 0}, {51, 49, 0, 0, 0}), 31);
  EXPECT_EQ(Score({0, 0, 0, 0, 0}, kDefaultWeights), 0);
}

Lead WithContact(std::string name, std::string phone, std::string email) {
  Lead lead;
  lead.contacts.push_back(LeadContact{std::move(name), "经理", std::move(phone), std::move(email)});
  return lead;
}

TEST(MaskContacts, HidesNamePhoneAndEmailButNotTheTitle) {
  Lead lead = WithContact("王建国", "13812345678", "wang@shunda.cn");
  MaskContacts(lead);
  EXPECT_EQ(lead.contacts[0].name, "王**");
  EXPECT_EQ(lead.contacts[0].phone, "*******5678");
  EXPECT_EQ(lead.contacts[0].title, "经理");
  EXPECT_EQ(lead.contacts[0].email.find("wang@"), std::string::npos);
  Lead empty = WithContact("王", "", "");
  MaskContacts(empty);
  EXPECT_EQ(empty.contacts[0].phone, "");  // nothing stored, nothing to hide
}

TEST(RestoreMaskedContacts, KeepsAValueSentBackMaskedAndOnlyAtTheSamePosition) {
  const Lead stored = WithContact("王建国", "13812345678", "");
  Lead echoed = stored;
  MaskContacts(echoed);
  echoed.contacts.push_back(LeadContact{"李*", "", "*******5678", ""});  // a new contact copying the mask
  RestoreMaskedContacts(stored, echoed);
  EXPECT_EQ(echoed.contacts[0].name, "王建国");
  EXPECT_EQ(echoed.contacts[0].phone, "13812345678");
  Status refused = CheckNoMaskedContacts(echoed);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 2u);
  EXPECT_EQ(refused.error().fields[0].field, "contacts[1].name");
  EXPECT_EQ(refused.error().fields[0].reason, "masked_value");
  EXPECT_EQ(refused.error().fields[1].field, "contacts[1].phone");

  Lead changed = stored;
  changed.contacts[0].phone = "13900001111";  // a whole new value replaces the old one
  RestoreMaskedContacts(stored, changed);
  EXPECT_EQ(changed.contacts[0].phone, "13900001111");
  EXPECT_TRUE(CheckNoMaskedContacts(changed));
}

TEST(ContactValue, NamesContactIndexWhenTheLeadHasNoSuchContact) {
  const Lead stored = WithContact("王建国", "13812345678", "wang@shunda.cn");
  EXPECT_EQ(ContactValue(stored, 0, ContactField::kEmail).value(), "wang@shunda.cn");
  EXPECT_EQ(ContactValue(stored, 0, ContactField::kName).value(), "王建国");
  EXPECT_EQ(ContactValue(stored, 1, ContactField::kPhone).error().field(), "contact_index");
}

}  // namespace
}  // namespace consign::sales
