#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace consign::csv {
namespace {

using Fields = std::vector<std::string>;

std::vector<Record> MustRead(std::string_view text) {
  auto records = Read(text);
  EXPECT_TRUE(records.has_value()) << (records ? "" : records.error().fields[0].message);
  return records ? *records : std::vector<Record>{};
}

TEST(CsvRead, PlainRecordsWithLfAndCrlf) {
  for (std::string text : {"a,b,c\n1,2,3\n", "a,b,c\r\n1,2,3\r\n", "a,b,c\r\n1,2,3"}) {
    const auto records = MustRead(text);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
    EXPECT_EQ(records[0].line, 1u);
    EXPECT_EQ(records[1].line, 2u);
  }
}

TEST(CsvRead, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto records = MustRead("name,note\n\"顺达, 深圳\",\"他说\"\"好\"\"\"\n\"two\r\nlines\",x\nlast,\"\"\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields, (Fields{"顺达, 深圳", "他说\"好\""}));
  EXPECT_EQ(records[2].fields, (Fields{"two\r\nlines", "x"}));
  EXPECT_EQ(records[3].fields, (Fields{"last", ""}));
}

TEST(CsvRead, LineNumbersArePhysicalLines) {
  // The record after a two-line quoted field starts on line 4, not on record number 3.
  const auto records = MustRead("h\n\"a\nb\"\nc\n\nd\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].line, 4u);
  EXPECT_EQ(records[3].line, 6u);  // the empty line 5 is skipped but counted
}

TEST(CsvRead, SkipsBomAndEmptyLinesKeepsEmptyFields) {
  const auto records = MustRead("\xEF\xBB\xBF客户名称,code\r\n\r\n,\r\n\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"客户名称", "code"}));
  EXPECT_EQ(records[1].fields, (Fields{"", ""}));
  EXPECT_EQ(records[1].line, 3u);
}

TEST(CsvRead, KeepsSpacesAndTrailingSeparator) {
  const auto records = MustRead(" a , b ,\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{" a ", " b ", ""}));
}

TEST(CsvRead, EmptyTextHasNoRecords) {
  EXPECT_TRUE(MustRead("").empty());
  EXPECT_TRUE(MustRead("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(MustRead("\r\n\n").empty());
}

TEST(CsvRead, UnterminatedQuoteNamesTheLineWhereItOpened) {
  const auto records = Read("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_FALSE(records.has_value());
  const Error& error = records.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].field, "file");
  EXPECT_EQ(error.fields[0].reason, "unterminated_quote");
  EXPECT_NE(error.fields[0].message.find("Line 3"), std::string::npos) << error.fields[0].message;
}

TEST(CsvRead, TextAfterClosingQuoteIsAnError) {
  const auto records = Read("a\n\"x\"y,z\n");
  ASSERT_FALSE(records.has_value());
  EXPECT_EQ(records.error().fields[0].reason, "invalid_format");
  EXPECT_NE(records.error().fields[0].message.find("Line 2"), std::string::npos);
}

TEST(CsvWrite, QuotesOnlyWhenNeeded) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"深圳市顺达电子有限公司", "深圳市顺达电子有限公司"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {" padded", "\" padded\""},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatCell(c.in), c.out) << c.in;
}

TEST(CsvWrite, GuardsAgainstFormulaInjection) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"=1+1", "'=1+1"},
      {"+8613812341234", "'+8613812341234"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"\t=1", "'\t=1"},
      {"a=1", "a=1"},
  };
  for (const auto& c : cases) EXPECT_EQ(FormatCell(c.in), c.out) << c.in;
}

TEST(CsvWrite, RowsRoundTripThroughTheReader) {
  const std::vector<Fields> rows = {{"code", "name", "note"},
                                    {"C1", "顺达, 深圳", "他说\"好\""},
                                    {"C2", "two\r\nlines", ""}};
  std::string text;
  for (const auto& row : rows) AppendRow(text, row);
  EXPECT_TRUE(text.ends_with("\r\n"));
  const auto records = MustRead(text);
  ASSERT_EQ(records.size(), rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) EXPECT_EQ(records[k].fields, rows[k]);
}

TEST(Csv, UnescapeCellUndoesTheFormulaGuardOnly) {
  EXPECT_EQ(UnescapeCell("'+86 138 1234 5678"), "+86 138 1234 5678");
  EXPECT_EQ(UnescapeCell("'=SUM(A1)"), "=SUM(A1)");
  EXPECT_EQ(UnescapeCell("'-5"), "-5");
  EXPECT_EQ(UnescapeCell("'@x"), "@x");
  // A ' before anything else is the user's own.
  EXPECT_EQ(UnescapeCell("'abc"), "'abc");
  EXPECT_EQ(UnescapeCell("'"), "'");
  EXPECT_EQ(UnescapeCell(""), "");
  EXPECT_EQ(UnescapeCell("+86"), "+86");
  // Round trip through FormatCell (unquoted cells).
  for (std::string_view cell : {"+86 13812345678", "=1+2", "-3", "@home", "plain"})
    EXPECT_EQ(UnescapeCell(FormatCell(cell)), cell);
}

}  // namespace
}  // namespace consign::csv
