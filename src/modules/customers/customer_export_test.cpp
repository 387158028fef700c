#include "modules/customers/customer_export.hpp"

#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace consign::customers {
namespace {

TEST(ExportCsv, HasBomChineseHeaderAndGuardedCells) {
  const std::string file = ExportCsv({{"C1", "深圳市顺达电子有限公司", "组织", "电子", "广东省", "深圳市", "南山区",
                                       "科技园路****", "张*", "决策者", "*******1234", "z***@example.com", "A", "高端",
                                       "VIP;月结"},
                                      {"C2", "=HYPERLINK(\"http://evil\")", "", "", "", "", "", "", "", "", "", "", "",
                                       "", ""}});
  ASSERT_TRUE(file.starts_with(csv::kUtf8Bom));
  auto records = csv::Read(file);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, ExportHeader());
  EXPECT_EQ((*records)[0].fields[1], "客户名称");
  EXPECT_EQ((*records)[1].fields[1], "深圳市顺达电子有限公司");
  EXPECT_EQ((*records)[2].fields[1], "'=HYPERLINK(\"http://evil\")");  // shown as text, never run
}

TEST(ExportXlsx, WritesAZipWorkbookWithOneSheet) {
  auto file = ExportXlsx({{"C1", "深圳市顺达电子有限公司"}, {"C2", "0755-12345678"}});
  ASSERT_TRUE(file.has_value()) << file.error().internal_message;
  ASSERT_GT(file->size(), 1000u);
  EXPECT_EQ(file->substr(0, 4), std::string("PK\x03\x04", 4));  // a zip archive, as .xlsx is
  EXPECT_NE(file->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(ExportXlsx, EmptyExportStillHasItsHeader) {
  auto file = ExportXlsx({});
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->substr(0, 2), "PK");
}

}  // namespace
}  // namespace consign::customers
