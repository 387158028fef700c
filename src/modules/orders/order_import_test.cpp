#include "modules/orders/order_import.hpp"

#include <gtest/gtest.h>

#include "core/testing/make_xlsx.hpp"

namespace consign::orders {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::vector<std::string> kHeader = {"寄件人", "寄件人电话", "寄件省", "寄件市", "寄件区", "寄件地址",
                                          "收件人", "收件人电话", "收件省", "收件市", "收件区", "收件地址",
                                          "件数", "重量(kg)", "长宽高(cm)", "声明价值", "货物类别", "产品",
                                          "增值服务", "代收货款", "客户单号"};

std::vector<std::string> GoodRow() {
  return {"张三", "13812341234", "广东省", "深圳市", "南山区", "科技园路88号", "李四", "021-12345678",
          "上海", "上海市", "浦东新区", "世纪大道100号", "2", "2.5", "30x20x10", "500", "易碎品", "特快",
          "保价、签单返还", "", "SO-1"};
}

}  // namespace
void PrintTo(const ImportRowError& e, std::ostream* os) { *os << e.row << " " << e.field << " " << e.reason << " " << e.message; }
namespace {

std::vector<csv::Record> Records(const Rows& rows) {
  std::vector<csv::Record> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(csv::Record{i + 1, rows[i]});
  return out;
}

std::string Csv(const Rows& rows) {
  std::string out;
  for (const auto& r : rows) csv::AppendRow(out, r);
  return out;
}

TEST(OrderImportParse, AGoodRowBecomesADraftWithDivisionCodesAndUnits) {
  auto parsed = ParseOrderRows(Records({kHeader, GoodRow()}));
  ASSERT_TRUE(parsed) << parsed.error().public_message;
  ASSERT_EQ(parsed->errors, std::vector<ImportRowError>{});
  ASSERT_EQ(parsed->orders.size(), 1u);
  const OrderDraft& d = parsed->orders[0].draft;
  EXPECT_EQ(parsed->orders[0].row, 2u);
  EXPECT_EQ(d.shipper.division, "440305");
  EXPECT_EQ(d.consignee.division, "310115") << "上海 (short name) → the municipality's 浦东新区";
  EXPECT_EQ(d.goods.pieces, 2);
  EXPECT_EQ(d.goods.weight_grams, 2500);
  ASSERT_TRUE(d.goods.dimensions_cm);
  EXPECT_EQ(d.goods.dimensions_cm->height_cm, 10);
  EXPECT_EQ(d.goods.declared_value, Money::Cny(50000));
  EXPECT_EQ(d.goods.category, "fragile");
  EXPECT_EQ(d.product, "express");
  EXPECT_TRUE(d.services.insured);
  EXPECT_TRUE(d.services.signed_receipt);
  EXPECT_FALSE(d.services.cod_amount);
  EXPECT_EQ(d.reference, "SO-1");
}

TEST(OrderImportParse, EnglishHeadersInAnyOrderAndNamesWithoutTheirSuffix) {
  const std::vector<std::string> header = {"weight_kg", "consignee_name", "consignee_phone", "consignee_province",
                                           "consignee_city", "consignee_district", "consignee_address",
                                           "Shipper", "Shipper phone", "shipper_province", "shipper_city",
                                           "shipper_district", "shipper_address"};
  auto parsed = ParseOrderRows(Records({header, {"0.3", "王五", "13900001111", "浙江", "杭州", "西湖", "文三路1号",
                                                 "赵六", "13800002222", "广东", "东莞", "长安", "长安镇1号"}}));
  ASSERT_TRUE(parsed) << parsed.error().public_message;
  ASSERT_EQ(parsed->errors, std::vector<ImportRowError>{});
  EXPECT_EQ(parsed->orders.at(0).draft.consignee.division, "330106");
  EXPECT_TRUE(parsed->orders.at(0).draft.shipper.division.starts_with("441900"))
      << "东莞市 has no districts: its town (长安镇) is the address";
  EXPECT_EQ(parsed->orders.at(0).draft.goods.weight_grams, 300);
  EXPECT_EQ(parsed->orders.at(0).draft.product, "standard");
}

TEST(OrderImportParse, EveryErrorOfABadRowNamesItsRowAndColumn) {
  std::vector<std::string> bad = GoodRow();
  bad[7] = "12345";        // consignee phone
  bad[10] = "不存在区";     // consignee district
  bad[13] = "abc";         // weight
  bad[14] = "30x20";       // dimensions
  bad[16] = "炸药";         // category
  auto parsed = ParseOrderRows(Records({kHeader, GoodRow(), bad, GoodRow()}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->rows, 3u);
  EXPECT_EQ(parsed->orders.size(), 2u);
  std::vector<std::pair<std::string, std::string>> found;
  for (const ImportRowError& e : parsed->errors) {
    EXPECT_EQ(e.row, 3u);
    EXPECT_NE(e.message.find("Row 3"), std::string::npos) << e.message;
    EXPECT_EQ(e.message.find("12345"), std::string::npos) << "no personal data in a message: " << e.message;
    found.emplace_back(e.field, e.reason);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"consignee_district", "unknown_division"}, {"weight_kg", "invalid_format"},
      {"dimensions_cm", "invalid_format"},        {"category", "invalid_enum"},
      {"consignee_phone", "invalid_phone"}};
  EXPECT_EQ(found, expected);
}

TEST(OrderImportParse, ImpossibleWeightsAndMissingValuesAreTheDraftsRulesNamedByColumn) {
  std::vector<std::string> heavy = GoodRow();
  heavy[13] = "9000";  // 9 t in a 30x20x10 box
  std::vector<std::string> empty_name = GoodRow();
  empty_name[0] = "";
  std::vector<std::string> cod_without_amount = GoodRow();
  cod_without_amount[18] = "代收货款";
  auto parsed = ParseOrderRows(Records({kHeader, heavy, empty_name, cod_without_amount}));
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->errors.size(), 3u);
  EXPECT_EQ(parsed->errors[0], (ImportRowError{2, "weight_kg", "impossible", parsed->errors[0].message}));
  EXPECT_EQ(parsed->errors[1].field, "shipper_name");
  EXPECT_EQ(parsed->errors[1].reason, "required");
  EXPECT_EQ(parsed->errors[2].field, "cod_amount");
  EXPECT_EQ(parsed->errors[2].reason, "required");
}

TEST(OrderImportParse, AWrongColumnCountIsReportedForTheWholeRow) {
  std::vector<std::string> short_row = GoodRow();
  short_row.pop_back();
  auto parsed = ParseOrderRows(Records({kHeader, short_row, GoodRow()}));
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->errors.size(), 1u);
  EXPECT_EQ(parsed->errors[0].row, 2u);
  EXPECT_EQ(parsed->errors[0].field, "");
  EXPECT_EQ(parsed->errors[0].reason, "column_count");
  EXPECT_NE(parsed->errors[0].message.find("20 fields, but the header has 21"), std::string::npos);
  EXPECT_EQ(parsed->orders.size(), 1u);
}

TEST(OrderImportParse, AHeaderWithAnUnknownOrMissingColumnMapsNothing) {
  std::vector<std::string> header = kHeader;
  header[0] = "发件公司";
  header.erase(header.begin() + 13);  // 重量(kg)
  auto parsed = ParseOrderRows(Records({header}));
  ASSERT_FALSE(parsed);
  ASSERT_EQ(parsed.error().fields.size(), 3u);
  EXPECT_EQ(parsed.error().fields[0].reason, "invalid_enum");
  EXPECT_EQ(parsed.error().fields[1].reason, "required");  // 寄件人
  EXPECT_EQ(parsed.error().fields[2].reason, "required");  // 重量(kg)
  EXPECT_EQ(parsed.error().fields[0].field, "columns");
}

TEST(OrderImportFile, GbkAndUtf8CsvReadTheSame) {
  const std::string utf8 = Csv({kHeader, GoodRow()});
  // 寄件人 in GBK: the bytes Excel in China saves.
  std::string gbk;
  text::Encoding used = text::Encoding::kAuto;
  auto from_utf8 = ReadOrderFile(utf8, FileFormat::kCsv, text::Encoding::kAuto, &used);
  ASSERT_TRUE(from_utf8);
  EXPECT_EQ(used, text::Encoding::kUtf8);
  const std::string gbk_text = "\xBC\xC4\xBC\xFE\xC8\xCB\n\xD5\xC5\xC8\xFD\n";  // 寄件人 / 张三
  auto from_gbk = ReadOrderFile(gbk_text, FileFormat::kCsv, text::Encoding::kAuto, &used);
  ASSERT_TRUE(from_gbk) << from_gbk.error().public_message;
  EXPECT_EQ(used, text::Encoding::kGb18030);
  EXPECT_EQ((*from_gbk)[0].fields[0], "寄件人");
  EXPECT_EQ((*from_gbk)[1].fields[0], "张三");
}

TEST(OrderImportFile, ABrokenEncodingNamesTheLine) {
  // A lead byte of GB18030 followed by a byte no encoding allows there, on line 2.
  const std::string broken = "寄件人\n\xFF\xFF\xFF\n";
  auto records = ReadOrderFile(broken, FileFormat::kCsv, text::Encoding::kAuto);
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().fields.at(0).field, "file");
  EXPECT_EQ(records.error().fields.at(0).reason, "bad_encoding");
  EXPECT_NE(records.error().fields.at(0).message.find("ine 2"), std::string::npos) << records.error().fields.at(0).message;
}

TEST(OrderImportFile, AnXlsxIsReadFromItsFirstSheetWhateverTheFormatSays) {
  const std::string bytes = testing::MakeXlsx({kHeader, GoodRow()});
  auto records = ReadOrderFile(bytes, FileFormat::kCsv, text::Encoding::kAuto);
  ASSERT_TRUE(records) << records.error().public_message;
  auto parsed = ParseOrderRows(*records);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->errors, std::vector<ImportRowError>{});
  ASSERT_EQ(parsed->orders.size(), 1u);
  EXPECT_EQ(parsed->orders[0].draft.goods.weight_grams, 2500) << "2.5 stored as a number";
  EXPECT_EQ(parsed->orders[0].draft.shipper.phone, "13812341234") << "a phone stored as a number";
}

TEST(OrderImportFile, TheTemplateImportsAsItsOwnExample) {
  auto records = ReadOrderFile(OrderImportTemplateCsv(), FileFormat::kCsv, text::Encoding::kAuto);
  ASSERT_TRUE(records);
  auto parsed = ParseOrderRows(*records);
  ASSERT_TRUE(parsed) << parsed.error().public_message;
  EXPECT_EQ(parsed->errors, std::vector<ImportRowError>{});
  EXPECT_EQ(parsed->orders.size(), 1u);
  EXPECT_TRUE(OrderImportTemplateCsv().starts_with(csv::kUtf8Bom));
}

TEST(OrderImportFile, MoreRowsThanOneImportTakesIsRefused) {
  std::string text = Csv({kHeader});
  const std::string row = Csv({GoodRow()});
  for (std::size_t i = 0; i <= kMaxImportRows; ++i) text += row;
  auto records = ReadOrderFile(text, FileFormat::kCsv, text::Encoding::kUtf8);
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().fields.at(0).reason, "too_large");
}

TEST(OrderImportValues, DivisionNamesFullShortAndMunicipalities) {
  EXPECT_EQ(std::get<std::string>(ResolveDivision("北京市", "", "朝阳区")), "110105");
  EXPECT_EQ(std::get<std::string>(ResolveDivision("北京", "市辖区", "朝阳")), "110105");
  EXPECT_EQ(std::get<std::string>(ResolveDivision("新疆", "乌鲁木齐", "天山区")), "650102");
  EXPECT_EQ(std::get<DivisionMiss>(ResolveDivision("广东省", "长沙市", "岳麓区")).level, "city");
  EXPECT_EQ(std::get<DivisionMiss>(ResolveDivision("火星", "", "")).reason, "unknown_division");
  EXPECT_EQ(std::get<DivisionMiss>(ResolveDivision("广东", "深圳", "")).reason, "required");
}

TEST(OrderImportValues, ModesHaveTheirApiWords) {
  EXPECT_EQ(ParseImportMode("valid_rows"), ImportMode::kValidRows);
  EXPECT_EQ(ParseImportMode("all_or_nothing"), ImportMode::kAllOrNothing);
  EXPECT_FALSE(ParseImportMode("valid_only"));
  EXPECT_EQ(ImportModeName(ImportMode::kValidRows), "valid_rows");
}

}  // namespace
}  // namespace consign::orders
