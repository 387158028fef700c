#include "core/xlsx.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/testing/make_xlsx.hpp"

namespace consign::xlsx {
namespace {

using Fields = std::vector<std::string>;

// A workbook as Excel-compatible writers make it: shared strings, numbers, a second sheet that must
// not be read. Written with libxlsxwriter (the export's library).
std::string WorkbookWithSharedStrings() {
  char path[] = "/tmp/consign-xlsxw-XXXXXX";
  const int fd = mkstemp(path);
  close(fd);
  lxw_workbook* workbook = workbook_new(path);
  lxw_worksheet* first = workbook_add_worksheet(workbook, "订单");
  lxw_worksheet* second = workbook_add_worksheet(workbook, "说明");
  worksheet_write_string(first, 0, 0, "收件人", nullptr);
  worksheet_write_string(first, 0, 1, "重量(kg)", nullptr);
  worksheet_write_string(first, 0, 2, "备注", nullptr);
  worksheet_write_string(first, 1, 0, "张三", nullptr);
  worksheet_write_number(first, 1, 1, 1.5, nullptr);
  worksheet_write_string(first, 1, 2, "易碎 & 小心 <轻放>", nullptr);
  // Row 3 is left empty; row 4 has only its first cell.
  worksheet_write_string(first, 3, 0, "张三", nullptr);  // the same shared string again
  worksheet_write_number(first, 4, 1, 13812341234.0, nullptr);
  worksheet_write_boolean(first, 4, 2, 1, nullptr);
  worksheet_write_string(second, 0, 0, "not this sheet", nullptr);
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  return bytes.str();
}

TEST(XlsxRead, SharedStringsNumbersAndRowNumbersOfTheFirstSheet) {
  const std::string bytes = WorkbookWithSharedStrings();
  ASSERT_TRUE(LooksLikeXlsx(bytes));
  auto records = ReadFirstSheet(bytes);
  ASSERT_TRUE(records) << records.error().public_message;
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].line, 1u);
  EXPECT_EQ((*records)[0].fields, (Fields{"收件人", "重量(kg)", "备注"}));
  EXPECT_EQ((*records)[1].fields, (Fields{"张三", "1.5", "易碎 & 小心 <轻放>"}));
  EXPECT_EQ((*records)[2].line, 4u) << "the empty row 3 is skipped, the row numbers stay Excel's";
  EXPECT_EQ((*records)[2].fields, (Fields{"张三", "", ""})) << "a short row is brought to the header's width";
  EXPECT_EQ((*records)[3].line, 5u);
  EXPECT_EQ((*records)[3].fields, (Fields{"", "13812341234", "TRUE"}));
}

TEST(XlsxRead, InlineStringsAndARelationshipToAnotherPartName) {
  const std::string bytes =
      testing::MakeXlsx({{"寄件人", "件数", "", ""}, {"李四", "3", "", "extra"}, {"王五"}});
  auto records = ReadFirstSheet(bytes);
  ASSERT_TRUE(records) << records.error().public_message;
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, (Fields{"寄件人", "件数"}));
  EXPECT_EQ((*records)[1].fields, (Fields{"李四", "3", "", "extra"})) << "a value past the header stays: too many fields";
  EXPECT_EQ((*records)[2].fields, (Fields{"王五", ""}));
}

TEST(XlsxRead, WhatIsNoWorkbookIsAnInvalidFormatNamingTheFile) {
  for (std::string bytes : {std::string("PK\x03\x04garbage", 11), std::string("寄件人,收件人\n")}) {
    auto records = ReadFirstSheet(bytes);
    ASSERT_FALSE(records);
    EXPECT_EQ(records.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(records.error().fields.at(0).field, "file");
    EXPECT_EQ(records.error().fields.at(0).reason, "invalid_format");
  }
  EXPECT_FALSE(LooksLikeXlsx("寄件人,收件人\n"));
}

}  // namespace
}  // namespace consign::xlsx
