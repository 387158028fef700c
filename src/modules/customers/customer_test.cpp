#include "modules/customers/customer.hpp"

#include <gtest/gtest.h>

namespace consign::customers {
namespace {

Customer Valid() {
  Customer c;
  c.name = "深圳市顺达电子有限公司";
  c.industry = "electronics";
  c.contacts.push_back(Contact{{}, "张伟", "decision_maker", "总经理", "+86 138-1234-5678", "zhang.wei@shunda.cn", true});
  c.addresses.push_back(Address{{}, "pickup", "广东省", "深圳市", "南山区", "科技园路88号3栋1201室", "518000", true});
  return c;
}

TEST(CustomerValidation, AcceptsAndNormalisesAGoodAccount) {
  Customer c = Valid();
  ASSERT_TRUE(Validate(c));
  EXPECT_EQ(c.contacts[0].phone, "13812345678");
}

TEST(CustomerValidation, NamesEveryBadFieldWithItsPath) {
  Customer c = Valid();
  c.name = " ";
  c.contacts[0].phone = "12345";
  c.contacts[0].email = "not-an-email";
  c.addresses[0].postal_code = "51800";
  c.preferences.birthday = "1980-02-30";
  Status s = Validate(c);
  ASSERT_FALSE(s);
  std::vector<std::pair<std::string, std::string>> got;
  for (const FieldError& f : s.error().fields) got.emplace_back(f.field, f.reason);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"name", "required"},
                                                                   {"contacts[0].phone", "invalid_phone"},
                                                                   {"contacts[0].email", "invalid_email"},
                                                                   {"addresses[0].postal_code", "invalid_format"},
                                                                   {"preferences.birthday", "invalid_format"}}));
}

TEST(CustomerValidation, CountsCharactersNotBytes) {
  Customer c = Valid();
  c.name = std::string();
  for (int i = 0; i < 200; ++i) c.name += "顺";
  EXPECT_TRUE(Validate(c));
  c.name += "达";
  Status s = Validate(c);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields[0].reason, "too_long");
}

TEST(CustomerValidation, RejectsACodeWithSpacesAndAPreferredContactThatIsNotAContact) {
  Customer c = Valid();
  c.code = "C 01";
  c.preferences.preferred_contact_id = ContactId{99};
  Status s = Validate(c);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields[0].field, "code");
  EXPECT_EQ(s.error().fields[1].field, "preferences.preferred_contact_id");
}

TEST(Masking, HidesPersonalDataToTheWaybillStandard) {
  Customer c = Valid();
  ASSERT_TRUE(Validate(c));
  MaskPersonalData(c);
  EXPECT_TRUE(c.masked);
  EXPECT_EQ(c.contacts[0].phone, "*******5678");
  EXPECT_EQ(c.contacts[0].name, "张*");
  EXPECT_EQ(c.contacts[0].email.find("zhang.wei"), std::string::npos);
  EXPECT_EQ(c.addresses[0].street.find("1201"), std::string::npos);
  EXPECT_EQ(c.name, "深圳市顺达电子有限公司") << "an organisation's name is not personal data";
}

TEST(Masking, AnIndividualsNameIsPersonalData) {
  Customer c = Valid();
  c.kind = "individual";
  c.name = "王芳";
  MaskPersonalData(c);
  EXPECT_EQ(c.name, "王*");
}

TEST(MaskedValues, SentBackUnchangedKeepTheStoredValue) {
  Customer stored = Valid();
  ASSERT_TRUE(Validate(stored));
  stored.contacts[0].id = ContactId{7};
  stored.addresses[0].id = AddressId{3};
  Customer edited = stored;
  MaskPersonalData(edited);
  edited.contacts[0].title = "董事长";  // the one real change
  RestoreMaskedValues(stored, edited);
  EXPECT_EQ(edited.contacts[0].phone, "13812345678");
  EXPECT_EQ(edited.contacts[0].name, "张伟");
  EXPECT_EQ(edited.contacts[0].email, "zhang.wei@shunda.cn");
  EXPECT_EQ(edited.addresses[0].street, "科技园路88号3栋1201室");
  EXPECT_EQ(edited.contacts[0].title, "董事长");
}

TEST(MaskedValues, ARealNewValueReplacesTheStoredOne) {
  EXPECT_EQ(KeepStoredIfMasked("13812345678", "13900001111", +[](std::string_view s) { return std::string(s); }),
            "13900001111");
}

TEST(IndustryTemplates, EveryTemplatedIndustryHasNotesAndFlags) {
  for (std::string_view industry : {"pharma", "it_telecom", "electronics", "apparel", "advertising", "ecommerce"}) {
    auto t = TemplateFor(industry);
    ASSERT_TRUE(t) << industry;
    EXPECT_EQ(t->template_industry, industry);
    EXPECT_FALSE(t->notes.empty());
    EXPECT_FALSE(t->flags.empty());
  }
  EXPECT_FALSE(TemplateFor("food"));
  EXPECT_EQ(AllTemplates().size(), 6u);
  auto pharma = TemplateFor("pharma");
  EXPECT_NE(pharma->notes.find("回单"), std::string::npos);
  EXPECT_NE(pharma->notes.find("账期"), std::string::npos);
}

TEST(IndustryTemplates, TemplateFlagsAreTheServiceRequirementsOfSomeTemplate) {
  EXPECT_TRUE(IsTemplateFlag("insurance_clause"));  // pharma, it_telecom
  EXPECT_TRUE(IsTemplateFlag("cod"));               // ecommerce
  EXPECT_FALSE(IsTemplateFlag("credit_watch"));     // made up by staff
  EXPECT_FALSE(IsTemplateFlag(""));
}

TEST(Codes, AreGeneratedFromTheId) { EXPECT_EQ(GeneratedCode(42), "C0000042"); }

TEST(CustomerStatusTransitions, ArchiveTakesAnActiveAccountToArchived) {
  EXPECT_EQ(Transition(CustomerStatus::kActive, StatusChange::kArchive), CustomerStatus::kArchived);
}

TEST(CustomerStatusTransitions, RestoreTakesAnArchivedAccountBackToActive) {
  EXPECT_EQ(Transition(CustomerStatus::kArchived, StatusChange::kRestore), CustomerStatus::kActive);
}

TEST(CustomerStatusTransitions, CannotArchiveAnArchivedOrRestoreAnActiveAccount) {
  EXPECT_EQ(Transition(CustomerStatus::kArchived, StatusChange::kArchive), std::nullopt);
  EXPECT_EQ(Transition(CustomerStatus::kActive, StatusChange::kRestore), std::nullopt);
}

TEST(CustomerStatusTransitions, EveryChangeHasExactlyOneStartingStatus) {
  for (StatusChange change : {StatusChange::kArchive, StatusChange::kRestore}) {
    int from = 0;
    for (CustomerStatus status : {CustomerStatus::kActive, CustomerStatus::kArchived})
      from += Transition(status, change).has_value();
    EXPECT_EQ(from, 1) << StatusChangeName(change);
  }
}

TEST(CustomerStatusNames, ParseWhatTheyFormatAndNothingElse) {
  for (CustomerStatus status : {CustomerStatus::kActive, CustomerStatus::kArchived})
    EXPECT_EQ(ParseStatus(StatusName(status)), status);
  EXPECT_EQ(StatusName(CustomerStatus::kActive), "active");
  EXPECT_EQ(StatusName(CustomerStatus::kArchived), "archived");
  EXPECT_EQ(ParseStatus("all"), std::nullopt);
  EXPECT_EQ(ParseStatus("Active"), std::nullopt);
  EXPECT_EQ(ParseStatus(""), std::nullopt);
}

TEST(StaleVersion, IsA412NamingIfMatch) {
  const Error known = StaleVersion(3);
  EXPECT_EQ(known.code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(known.field(), "If-Match");
  EXPECT_EQ(known.fields[0].reason, "stale_version");
  EXPECT_NE(known.fields[0].message.find("version 3"), std::string::npos);
  EXPECT_EQ(StaleVersion(std::nullopt).fields[0].reason, "stale_version");
}

}  // namespace
}  // namespace consign::customers
