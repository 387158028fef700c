#include "modules/customers/customer_import.hpp"

#include <gtest/gtest.h>

namespace consign::customers {
namespace {

std::vector<csv::Record> Records(std::string_view text) {
  auto records = csv::Read(text);
  EXPECT_TRUE(records.has_value());
  return records ? *records : std::vector<csv::Record>{};
}

ImportMapping MustMap(std::string_view text) {
  auto mapping = MapImport(Records(text));
  EXPECT_TRUE(mapping.has_value()) << (mapping ? "" : mapping.error().fields.at(0).message);
  return mapping ? *mapping : ImportMapping{};
}

TEST(ImportHeaders, ChineseEnglishAndAliases) {
  struct Case {
    std::string header;
    std::optional<ImportColumn> column;
  };
  const Case cases[] = {
      {"客户编码", ImportColumn::kCode},  {"code", ImportColumn::kCode},       {" CODE ", ImportColumn::kCode},
      {"客户名称", ImportColumn::kName},  {"Name", ImportColumn::kName},       {"类型", ImportColumn::kKind},
      {"行业", ImportColumn::kIndustry},  {"省", ImportColumn::kProvince},     {"省份", ImportColumn::kProvince},
      {"市", ImportColumn::kCity},        {"区", ImportColumn::kDistrict},     {"详细地址", ImportColumn::kStreet},
      {"联系人", ImportColumn::kContactName}, {"联系人角色", ImportColumn::kContactRole},
      {"电话", ImportColumn::kPhone},     {"手机", ImportColumn::kPhone},      {"邮箱", ImportColumn::kEmail},
      {"价值分类", ImportColumn::kValueClass}, {"客户层级", ImportColumn::kTier}, {"标签", ImportColumn::kTags},
      {"contact_name", ImportColumn::kContactName}, {"\u3000电话\u3000", ImportColumn::kPhone},
      {"备注", std::nullopt},             {"", std::nullopt},                  {"phone2", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseImportHeader(c.header), c.column) << c.header;
}

TEST(ImportLabels, ChineseAndEnglishEnumValues) {
  EXPECT_EQ(KindWord("个人"), "individual");
  EXPECT_EQ(KindWord("组织"), "organization");
  EXPECT_EQ(KindWord("Organization"), "organization");
  EXPECT_EQ(KindWord("机构x"), std::nullopt);
  EXPECT_EQ(IndustryWord("电子"), "electronics");
  EXPECT_EQ(IndustryWord("电子商务"), "ecommerce");
  EXPECT_EQ(IndustryWord("医药"), "pharma");
  EXPECT_EQ(IndustryWord("it/通信"), "it_telecom");
  EXPECT_EQ(IndustryWord("IT_TELECOM"), "it_telecom");
  EXPECT_EQ(IndustryWord("航天"), std::nullopt);
  EXPECT_EQ(ContactRoleWord("秘书"), "assistant");
  EXPECT_EQ(ContactRoleWord("决策者"), "decision_maker");
  EXPECT_EQ(ValueClassWord("a"), "A");
  EXPECT_EQ(ValueClassWord("Ｂ"), "B");
  EXPECT_EQ(ValueClassWord("C类"), "C");
  EXPECT_EQ(ValueClassWord("D"), std::nullopt);
  EXPECT_EQ(TierWord("高端"), "high_end");
  EXPECT_EQ(TierWord("mass"), "mass");
  EXPECT_EQ(TierWord("豪华"), std::nullopt);
}

TEST(ImportLabels, ExportLabelsMapBackToTheirWords) {
  for (std::string_view w : {"individual", "organization"}) EXPECT_EQ(KindWord(KindLabel(w)), w);
  for (std::string_view w : {"pharma", "it_telecom", "electronics", "apparel", "advertising", "ecommerce",
                             "manufacturing", "retail", "food", "other"}) {
    EXPECT_EQ(IndustryWord(IndustryLabel(w)), w) << w;
  }
  for (std::string_view w : {"decision_maker", "assistant", "operations", "finance", "other"}) {
    EXPECT_EQ(ContactRoleWord(ContactRoleLabel(w)), w);
  }
  for (std::string_view w : {"high_end", "mid", "mass"}) EXPECT_EQ(TierWord(TierLabel(w)), w);
}

TEST(ImportMap, MapsAChineseFile) {
  const auto mapping = MustMap(
      "客户编码,客户名称,类型,行业,省,市,区,详细地址,联系人,联系人角色,电话,邮箱,价值分类,客户层级,标签\r\n"
      "C1, 深圳市顺达电子有限公司 ,组织,电子,广东省,深圳市,南山区,科技园路88号,张三,决策者,13812341234,"
      "z@example.com,A,高端,\"VIP, 月结；VIP\"\r\n");
  ASSERT_EQ(mapping.rows.size(), 1u);
  EXPECT_TRUE(mapping.errors.empty());
  EXPECT_EQ(mapping.total_rows, 1u);
  const ImportedCustomer& row = mapping.rows[0];
  EXPECT_EQ(row.line, 2u);
  EXPECT_EQ(row.code, "C1");
  EXPECT_EQ(row.name, "深圳市顺达电子有限公司");  // trimmed
  EXPECT_EQ(row.kind, "organization");
  EXPECT_EQ(row.industry, "electronics");
  EXPECT_EQ(row.province, "广东省");
  EXPECT_EQ(row.district, "南山区");
  EXPECT_EQ(row.contact_role, "decision_maker");
  EXPECT_EQ(row.value_class, "A");
  EXPECT_EQ(row.tier, "high_end");
  EXPECT_EQ(row.tags, (std::vector<std::string>{"VIP", "月结"}));
}

TEST(ImportMap, EnglishHeadersInAnyOrderAndSubset) {
  const auto mapping = MustMap("name,phone\nAlpha Ltd,13812341234\nBeta,\n");
  ASSERT_EQ(mapping.rows.size(), 2u);
  EXPECT_EQ(mapping.rows[0].phone, "13812341234");
  EXPECT_EQ(mapping.rows[1].name, "Beta");
  EXPECT_EQ(mapping.rows[1].code, "");
}

TEST(ImportMap, ReportsEveryBadRowWithItsLine) {
  const auto mapping = MustMap(
      "code,name,kind,tier\n"
      "C1,Good,个人,mass\n"
      "C2,Too,many,fields,here\n"       // line 3: column_count
      "C3,\"Two\nlines\",火星人,mass\n"  // line 4-5: invalid kind
      "C1,Again,组织,mid\n"              // line 6: duplicate code
      "C4,Short\n"                       // line 7: column_count
      "C5,Both bad,x,y\n");              // line 8: two errors
  ASSERT_EQ(mapping.rows.size(), 1u);
  EXPECT_EQ(mapping.rows[0].code, "C1");
  EXPECT_EQ(mapping.total_rows, 6u);
  ASSERT_EQ(mapping.errors.size(), 6u);
  EXPECT_EQ(mapping.errors[0].line, 3u);
  EXPECT_EQ(mapping.errors[0].reason, "column_count");
  EXPECT_EQ(mapping.errors[0].field, "");
  EXPECT_EQ(mapping.errors[1].line, 4u);
  EXPECT_EQ(mapping.errors[1].field, "kind");
  EXPECT_EQ(mapping.errors[1].reason, "invalid_enum");
  EXPECT_EQ(mapping.errors[2].line, 6u);
  EXPECT_EQ(mapping.errors[2].field, "code");
  EXPECT_EQ(mapping.errors[2].reason, "duplicate");
  EXPECT_NE(mapping.errors[2].message.find("line 2"), std::string::npos) << mapping.errors[2].message;
  EXPECT_EQ(mapping.errors[3].line, 7u);
  EXPECT_EQ(mapping.errors[3].reason, "column_count");
  EXPECT_EQ(mapping.errors[4].line, 8u);
  EXPECT_EQ(mapping.errors[4].field, "kind");
  EXPECT_EQ(mapping.errors[5].line, 8u);
  EXPECT_EQ(mapping.errors[5].field, "tier");
}

TEST(ImportMap, CreditCodesAreUpperCasedAndARepeatIsADuplicate) {
  const auto mapping = MustMap(
      "名称,统一社会信用代码\n"
      "厦门海峡物流,91350100m000100y43\n"    // typed in lower case in Excel
      "海峡物流分部,91350100M000100Y43\n");  // line 3: the same code again
  ASSERT_EQ(mapping.rows.size(), 1u);
  EXPECT_EQ(mapping.rows[0].credit_code, "91350100M000100Y43");
  ASSERT_EQ(mapping.errors.size(), 1u);
  EXPECT_EQ(mapping.errors[0].line, 3u);
  EXPECT_EQ(mapping.errors[0].field, "credit_code");
  EXPECT_EQ(mapping.errors[0].reason, "duplicate");
  EXPECT_NE(mapping.errors[0].message.find("line 2"), std::string::npos) << mapping.errors[0].message;
}

TEST(ImportMap, HeaderProblemsRejectTheFile) {
  struct Case {
    std::string text, reason;
  };
  const Case cases[] = {
      {"", "required"},
      {"code,name,备注\nC1,A,x\n", "invalid_enum"},
      {"name,客户名称\nA,B\n", "duplicate"},
      {"code,phone\nC1,13812341234\n", "required"},
  };
  for (const auto& c : cases) {
    auto mapping = MapImport(Records(c.text));
    ASSERT_FALSE(mapping.has_value()) << c.text;
    EXPECT_EQ(mapping.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(mapping.error().fields.at(0).reason, c.reason) << c.text;
  }
}

TEST(ImportMap, UnknownColumnMessageNamesItAndTheKnownOnes) {
  auto mapping = MapImport(Records("name,备注\nA,x\n"));
  ASSERT_FALSE(mapping.has_value());
  const std::string& message = mapping.error().fields.at(0).message;
  EXPECT_NE(message.find("Line 1"), std::string::npos);
  EXPECT_NE(message.find("备注"), std::string::npos);
  EXPECT_NE(message.find("客户名称/name"), std::string::npos);
}

TEST(ImportMap, TemplateMapsCleanly) {
  const auto mapping = MustMap(ImportTemplateCsv());
  ASSERT_EQ(mapping.rows.size(), 1u);
  EXPECT_TRUE(ImportTemplateCsv().starts_with(csv::kUtf8Bom));
  EXPECT_EQ(mapping.rows[0].industry, "electronics");
}

TEST(ImportMap, ColumnOfValidationField) {
  EXPECT_EQ(ColumnOfField("contacts[0].phone"), "phone");
  EXPECT_EQ(ColumnOfField("contacts[0].name"), "contact_name");
  EXPECT_EQ(ColumnOfField("contacts[0].role"), "contact_role");
  EXPECT_EQ(ColumnOfField("addresses[0].street"), "street");
  EXPECT_EQ(ColumnOfField("classification.value_class"), "value_class");
  EXPECT_EQ(ColumnOfField("name"), "name");
  EXPECT_EQ(ColumnOfField("preferences.birthday"), "preferences.birthday");
}

TEST(ImportDecision, AllOrNothingWritesOnlyAFlawlessFile) {
  EXPECT_TRUE(DecideImport(ImportMode::kAllOrNothing, false, 5, 0).write);
  EXPECT_FALSE(DecideImport(ImportMode::kAllOrNothing, false, 5, 0).rejected);
  const auto bad = DecideImport(ImportMode::kAllOrNothing, false, 5, 1);
  EXPECT_FALSE(bad.write);
  EXPECT_TRUE(bad.rejected);
}

TEST(ImportDecision, ValidOnlyWritesTheGoodRows) {
  const auto d = DecideImport(ImportMode::kValidOnly, false, 5, 3);
  EXPECT_TRUE(d.write);
  EXPECT_FALSE(d.rejected);
  EXPECT_FALSE(DecideImport(ImportMode::kValidOnly, false, 0, 3).write);
}

TEST(ImportDecision, DryRunNeverWritesButStillRejects) {
  EXPECT_FALSE(DecideImport(ImportMode::kValidOnly, true, 5, 0).write);
  EXPECT_FALSE(DecideImport(ImportMode::kAllOrNothing, true, 5, 0).write);
  EXPECT_TRUE(DecideImport(ImportMode::kAllOrNothing, true, 5, 1).rejected);
}

TEST(ImportDecision, ModeWords) {
  EXPECT_EQ(ParseImportMode("all_or_nothing"), ImportMode::kAllOrNothing);
  EXPECT_EQ(ParseImportMode("valid_only"), ImportMode::kValidOnly);
  EXPECT_EQ(ParseImportMode("some"), std::nullopt);
  EXPECT_EQ(ImportModeName(ImportMode::kValidOnly), "valid_only");
}

TEST(ImportMap, ARowWithABadLabelIsKeptSoItsOtherErrorsCanBeFound) {
  const auto mapping = MustMap("name,kind,phone\nA,火星人,12345\nB,个人,13812341234\n");
  ASSERT_EQ(mapping.rows.size(), 1u);
  ASSERT_EQ(mapping.bad_rows.size(), 1u);
  EXPECT_EQ(mapping.bad_rows[0].line, 2u);
  EXPECT_EQ(mapping.bad_rows[0].kind, "") << "the bad label is left out";
  EXPECT_EQ(mapping.bad_rows[0].phone, "12345") << "the rest is read for the validation";
}

TEST(ImportMap, TheUsersMappingNamesColumnsAndLeavesOthersOut) {
  const auto records = Records("公司,手机号码,备注\n顺达,13812341234,x\n");
  ASSERT_FALSE(MapImport(records).has_value()) << "without a mapping the headers are unknown";
  const ImportColumnMapping chosen = {{"公司", ImportColumn::kName}, {"手机号码", ImportColumn::kPhone}, {"备注", std::nullopt}};
  auto mapping = MapImport(records, chosen);
  ASSERT_TRUE(mapping.has_value());
  ASSERT_EQ(mapping->rows.size(), 1u);
  EXPECT_EQ(mapping->rows[0].name, "顺达");
  EXPECT_EQ(mapping->rows[0].phone, "13812341234");
  ASSERT_EQ(mapping->headers.size(), 3u);
  EXPECT_TRUE(mapping->headers[2].ignored);
}

TEST(ImportMap, AnalyzeHeaderTellsWhatItCouldNotMap) {
  const auto headers = AnalyzeHeader(Records("客户名称, 手机号码 ,电话\n").front());
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[0].column, ImportColumn::kName);
  EXPECT_EQ(headers[1].header, "手机号码");
  EXPECT_FALSE(headers[1].column);
  EXPECT_FALSE(headers[1].ignored);
  EXPECT_EQ(headers[2].column, ImportColumn::kPhone);
}

TEST(ImportMap, EveryClassificationHasAColumnTakingWordsOrChineseLabels) {
  const auto mapping = MustMap("name,关系类型,relationship_depth,成熟度,营销类型,细分市场,生命周期阶段,发展阶段\n"
                               "A,合同型,strategic,现实客户,方便型,中央商务区,成长期,忠诚客户\n"
                               "B,x,,,,,,\n");
  ASSERT_EQ(mapping.rows.size(), 1u);
  using Pair = std::pair<std::string_view, std::string>;
  EXPECT_EQ(mapping.rows[0].classifications,
            (std::vector<Pair>{{"relationship_type", "contractual"}, {"relationship_depth", "strategic"},
                               {"maturity", "actual"}, {"marketing_type", "convenience"}, {"market", "cbd"},
                               {"lifecycle_stage", "growth"}, {"development_stage", "loyal"}}));
  ASSERT_EQ(mapping.errors.size(), 1u);
  EXPECT_EQ(mapping.errors[0].field, "relationship_type");
  EXPECT_EQ(mapping.errors[0].reason, "invalid_enum");
}

TEST(ImportLanguage, EnglishOnlyWhenAskedFirst) {
  EXPECT_EQ(LanguageOf("en-US,en;q=0.9"), Language::kEn);
  EXPECT_EQ(LanguageOf("zh-CN,en;q=0.5"), Language::kZh);
  EXPECT_EQ(LanguageOf(""), Language::kZh);
  EXPECT_EQ(RequestLanguage("en", "zh-CN"), Language::kEn) << "the console's choice over the browser's";
  EXPECT_EQ(RequestLanguage(std::nullopt, "en"), Language::kEn);
  EXPECT_EQ(RequestLanguage("fr", "en"), std::nullopt);
  EXPECT_EQ(FieldLabel("phone", Language::kZh), "电话");
  EXPECT_EQ(FieldLabel("phone", Language::kEn), "Phone");
  EXPECT_EQ(ReasonText("invalid_phone", Language::kEn), "is not a valid mobile or landline number");
  EXPECT_EQ(ReasonText("something_new", Language::kZh), "something_new");
}

TEST(FailedRows, TheFailedRowsInTemplateColumnsWithEveryErrorInTheUsersLanguage) {
  const auto records = Records("电话,客户名称\n12345,\n13812341234,好的\n");
  const std::vector<HeaderColumn> headers = AnalyzeHeader(records.front());
  const std::vector<ImportRowError> errors = {{2, "phone", "invalid_phone", ""}, {2, "name", "required", ""}};
  auto read = [&](Language lang) {
    auto out = csv::Read(FailedRowsCsv(records, headers, errors, lang));
    EXPECT_TRUE(out.has_value());
    return out ? *out : std::vector<csv::Record>{};
  };
  const auto zh = read(Language::kZh);
  ASSERT_EQ(zh.size(), 2u) << "the header and the one failed row";
  EXPECT_EQ(zh[0].fields.size(), ImportColumns().size() + 1);
  EXPECT_EQ(zh[0].fields[1], "客户名称");
  EXPECT_EQ(zh[0].fields.back(), "错误");
  EXPECT_EQ(zh[1].fields[10], "12345") << "the phone as the file had it, in the template's phone column";
  EXPECT_EQ(zh[1].fields.back(), "电话：不是有效的手机或座机号码；客户名称：必填");
  const auto en = read(Language::kEn);
  EXPECT_EQ(en[0].fields[1], "name");
  EXPECT_EQ(en[0].fields.back(), "errors");
  EXPECT_EQ(en[1].fields.back(), "Phone: is not a valid mobile or landline number; Name: is required");
}

}  // namespace
}  // namespace consign::customers
