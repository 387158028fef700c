#include "modules/customers/customer_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

namespace consign::customers {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// An account with every internal field filled with a value that appears nowhere else.
Customer Classified() {
  Customer c;
  c.id = 42;
  c.code = "SD-001";
  c.name = "深圳市顺达电子有限公司";
  c.kind = "organization";
  c.industry = "electronics";
  for (size_t i = 0; i < kClassificationKeys.size(); ++i)
    c.classification[i] = std::string(kClassificationKeys[i].values.back());
  c.classification[4] = "A";  // value_class
  c.owner_user_id = 7;
  c.owner = OwnerView{7, "li.na", "李娜（客户经理）"};
  c.team_id = 3;
  c.tags = {"重点维护", "欠款风险"};
  c.preferences.pickup_window = "14:00-16:00";
  c.preferences.packaging = "防静电袋";
  c.requirements.template_industry = "electronics";
  c.requirements.notes = "内部备注：价格敏感，勿主动提折扣";
  c.requirements.flags = {{"fragile_packaging", true}, {"anti_shock", false}, {"credit_watch", true}};
  c.contacts.push_back(Contact{ContactId{1}, "陈*国", "decision_maker", "总经理", "*******5678", "", true});
  c.addresses.push_back(Address{AddressId{2}, "pickup", "广东省", "深圳市", "南山区", "科技园路****", "518000", true});
  c.status = CustomerStatus::kArchived;
  c.version = 9;
  c.masked = true;
  return c;
}

std::set<std::string> Keys(const json::object& o) {
  std::set<std::string> keys;
  for (const auto& kv : o) keys.emplace(kv.key());
  return keys;
}

TEST(CustomerFacingJson, HoldsExactlyTheCustomerFacingFields) {
  const json::object o = ToCustomerFacingJson(Classified());
  // The credit code is the customer's own registration (on its business licence and its contract).
  EXPECT_EQ(Keys(o), (std::set<std::string>{"id", "code", "credit_code", "name", "kind", "industry", "contacts",
                                            "addresses", "preferences", "requirements", "masked", "created_at"}));
  EXPECT_EQ(o.at("name").as_string(), "深圳市顺达电子有限公司");
  EXPECT_EQ(o.at("contacts").at(0).at("phone").as_string(), "*******5678");  // as masked by the caller
  EXPECT_EQ(o.at("addresses").at(0).at("city").as_string(), "深圳市");
  EXPECT_EQ(o.at("preferences").at("pickup_window").as_string(), "14:00-16:00");
  EXPECT_TRUE(o.at("masked").as_bool());
}

TEST(CustomerFacingJson, ShowsTheTemplatesServiceRequirementsButNoNotesOrFlagsStaffMadeUp) {
  const json::object o = ToCustomerFacingJson(Classified());
  const json::object& requirements = o.at("requirements").as_object();
  EXPECT_EQ(Keys(requirements), std::set<std::string>{"flags"});
  EXPECT_EQ(Keys(requirements.at("flags").as_object()), (std::set<std::string>{"fragile_packaging", "anti_shock"}));
  EXPECT_FALSE(requirements.at("flags").at("anti_shock").as_bool());
}

TEST(CustomerFacingJson, NothingOfTheInternalWorkAppearsAnywhereInTheText) {
  for (const json::object& o : {ToCustomerFacingJson(Classified()), ToCustomerFacingSummaryJson(Classified())}) {
    const std::string text = json::serialize(o);
    for (const char* internal : {"classification", "value_class", "lifecycle", "owner", "li.na", "李娜", "team",
                                 "tags", "重点维护", "notes", "内部备注", "credit_watch", "template", "status",
                                 "archived", "version", "updated_at"})
      EXPECT_THAT(text, Not(HasSubstr(internal))) << text;
  }
}

TEST(CustomerFacingJson, TheListItemHasTheSameLimits) {
  const json::object o = ToCustomerFacingSummaryJson(Classified());
  EXPECT_EQ(Keys(o), (std::set<std::string>{"id", "code", "credit_code", "name", "kind", "industry", "city",
                                            "province", "primary_contact", "masked"}));
  EXPECT_EQ(o.at("primary_contact").at("phone").as_string(), "*******5678");
}

TEST(CustomerFacingJson, TheStaffShapeStillHoldsTheInternalFields) {
  // The line is drawn by choosing the shape, not by emptying the record: staff see everything.
  const json::object staff = ToJson(Classified());
  EXPECT_EQ(staff.at("classification").at("value_class").as_string(), "A");
  EXPECT_EQ(staff.at("owner").at("login").as_string(), "li.na");
  EXPECT_EQ(staff.at("team_id").as_int64(), 3);
  EXPECT_EQ(staff.at("requirements").at("notes").as_string(), "内部备注：价格敏感，勿主动提折扣");
}


// The read of one account answers with ToJsonText: byte for byte what serialising ToJson gives, for
// a full record, an empty one, one owned by an id the auth module did not describe, and text that
// needs escaping.
TEST(CustomerJsonText, IsTheSerialisedStaffShape) {
  Customer full = Classified();
  full.preferences.preferred_channel = "wechat";
  full.preferences.preferred_contact_id = ContactId{1};
  full.preferences.birthday = "1980-02-29";
  full.preferences.usual = "每周一、三\t\"上午\"\n";
  full.contacts.push_back(Contact{ContactId{3}, "O'Brien \\ \"Bob\"", "other", "", "", "bob@example.com", false});
  full.addresses.push_back(Address{AddressId{4}, "billing", "", "", "", "line\x01break", "", false});

  Customer empty;
  empty.id = 1;
  empty.created_at = empty.updated_at = Instant{std::chrono::microseconds{1'700'000'000'123'456}};

  Customer undescribed = Classified();
  undescribed.owner.reset();
  undescribed.team_id.reset();
  undescribed.requirements.template_industry.clear();

  Customer repeated_flag = Classified();
  repeated_flag.requirements.flags = {{"a", true}, {"b", false}, {"a", false}};

  for (const Customer& c : {full, empty, undescribed, repeated_flag})
    EXPECT_EQ(ToJsonText(c), json::serialize(ToJson(c))) << c.id;
}

}  // namespace
}  // namespace consign::customers
