#include "modules/customers/reveal.hpp"

#include <gtest/gtest.h>

namespace consign::customers {
namespace {

Customer Stored() {
  Customer c;
  c.name = "深圳市顺达电子有限公司";
  c.contacts.push_back(Contact{ContactId{7}, "张伟", "decision_maker", "总经理", "13812345678", "zhang.wei@shunda.cn", true});
  c.contacts.push_back(Contact{ContactId{9}, "刘秘书", "assistant", "", "13900001111", "", false});
  c.addresses.push_back(Address{AddressId{4}, "pickup", "广东省", "深圳市", "南山区", "科技园路88号3栋1201室", "518000", true});
  c.preferences.birthday = "1980-02-03";
  return c;
}

std::pair<std::string, std::string> FirstField(const Error& e) {
  if (e.fields.empty()) return {};
  return {e.fields[0].field, e.fields[0].reason};
}

std::string Reveal(const Customer& c, std::string_view field, std::optional<int64_t> contact_id,
                   std::optional<int64_t> address_id) {
  auto target = ParseRevealTarget(field, contact_id, address_id);
  EXPECT_TRUE(target) << field;
  if (!target) return "";
  auto value = RevealedValue(c, *target);
  EXPECT_TRUE(value) << field;
  return value ? *value : "";
}

TEST(Reveal, ShowsTheOneValueItsIdsName) {
  const Customer c = Stored();
  EXPECT_EQ(Reveal(c, "contact.phone", 9, std::nullopt), "13900001111");
  EXPECT_EQ(Reveal(c, "contact.name", 7, std::nullopt), "张伟");
  EXPECT_EQ(Reveal(c, "contact.email", 7, std::nullopt), "zhang.wei@shunda.cn");
  EXPECT_EQ(Reveal(c, "address.street", std::nullopt, 4), "科技园路88号3栋1201室");
  EXPECT_EQ(Reveal(c, "preferences.birthday", std::nullopt, std::nullopt), "1980-02-03");
}

TEST(Reveal, AnIndividualsNameIsRevealedAnOrganizationsIsNeverMasked) {
  Customer person = Stored();
  person.kind = "individual";
  person.name = "王小明";
  EXPECT_EQ(Reveal(person, "name", std::nullopt, std::nullopt), "王小明");
  auto target = ParseRevealTarget("name", std::nullopt, std::nullopt);
  ASSERT_TRUE(target);
  auto value = RevealedValue(Stored(), *target);
  ASSERT_FALSE(value);
  EXPECT_EQ(FirstField(value.error()), (std::pair<std::string, std::string>{"field", "not_masked"}));
}

TEST(Reveal, AMissingOrUnknownFieldIsRefusedByName) {
  auto missing = ParseRevealTarget(std::nullopt, 7, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(FirstField(missing.error()), (std::pair<std::string, std::string>{"field", "required"}));
  auto unknown = ParseRevealTarget("contact.title", 7, std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(FirstField(unknown.error()), (std::pair<std::string, std::string>{"field", "invalid_enum"}));
}

TEST(Reveal, AContactFieldNeedsAContactIdAndNothingElse) {
  auto without = ParseRevealTarget("contact.phone", std::nullopt, std::nullopt);
  ASSERT_FALSE(without);
  EXPECT_EQ(FirstField(without.error()), (std::pair<std::string, std::string>{"contact_id", "required"}));
  auto with_address = ParseRevealTarget("contact.phone", 7, 4);
  ASSERT_FALSE(with_address);
  EXPECT_EQ(FirstField(with_address.error()), (std::pair<std::string, std::string>{"address_id", "not_allowed"}));
  auto street = ParseRevealTarget("address.street", 7, std::nullopt);
  ASSERT_FALSE(street);
  ASSERT_EQ(street.error().fields.size(), 2u);
  EXPECT_EQ(street.error().fields[0].field, "contact_id");
  EXPECT_EQ(street.error().fields[1].field, "address_id");
}

TEST(Reveal, AnIdOfAnotherAccountsContactOrAddressIsNotFound) {
  auto contact = RevealedValue(Stored(), *ParseRevealTarget("contact.phone", 8, std::nullopt));
  ASSERT_FALSE(contact);
  EXPECT_EQ(FirstField(contact.error()), (std::pair<std::string, std::string>{"contact_id", "not_found"}));
  auto address = RevealedValue(Stored(), *ParseRevealTarget("address.street", std::nullopt, 5));
  ASSERT_FALSE(address);
  EXPECT_EQ(FirstField(address.error()), (std::pair<std::string, std::string>{"address_id", "not_found"}));
}

}  // namespace
}  // namespace consign::customers
