#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace consign::text {
namespace {

// "深圳市顺达电子有限公司" in GBK, produced with `printf 深圳市顺达电子有限公司 | iconv -f UTF-8 -t GBK`.
constexpr std::string_view kShundaGbk =
    "\xC9\xEE\xDB\xDA\xCA\xD0\xCB\xB3\xB4\xEF\xB5\xE7\xD7\xD3\xD3\xD0\xCF\xDE\xB9\xAB\xCB\xBE";
constexpr std::string_view kShunda = "深圳市顺达电子有限公司";
// "€" and "😀" exist in GB18030 but not in GBK: iconv -t GB18030 gives A2 E3 and 94 39 FC 36.
constexpr std::string_view kEuroGb18030 = "\xA2\xE3";
constexpr std::string_view kGrinningGb18030 = "\x94\x39\xFC\x36";

std::string Str(std::string_view s) { return std::string(s); }

TEST(DecodeToUtf8, AutoDetectsGbk) {
  const std::string bytes = "code,name\r\nC1," + Str(kShundaGbk) + "\r\n";
  auto decoded = DecodeToUtf8(bytes, Encoding::kAuto);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->encoding_used, Encoding::kGb18030);
  EXPECT_EQ(decoded->text, "code,name\r\nC1," + Str(kShunda) + "\r\n");
}

TEST(DecodeToUtf8, AutoDetectsUtf8WithAndWithoutBom) {
  for (std::string bytes : {Str(kShunda), "\xEF\xBB\xBF" + Str(kShunda)}) {
    auto decoded = DecodeToUtf8(bytes, Encoding::kAuto);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->encoding_used, Encoding::kUtf8);
    EXPECT_EQ(decoded->text, kShunda);  // the BOM is gone
  }
}

TEST(DecodeToUtf8, Gb18030BeyondGbk) {
  auto decoded = DecodeToUtf8(Str(kEuroGb18030) + Str(kGrinningGb18030), Encoding::kGb18030);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, "€😀");
}

TEST(DecodeToUtf8, ExplicitUtf8RefusesGbkNamingLineAndByte) {
  const std::string bytes = "code,name\nC1,ok\nC2," + Str(kShundaGbk) + "\n";
  auto decoded = DecodeToUtf8(bytes, Encoding::kUtf8);
  ASSERT_FALSE(decoded.has_value());
  const FieldError& field = decoded.error().fields.at(0);
  EXPECT_EQ(field.field, "file");
  EXPECT_EQ(field.reason, "bad_encoding");
  EXPECT_NE(field.message.find("Line 3, byte 19"), std::string::npos) << field.message;
}

TEST(DecodeToUtf8, ExplicitUtf8OffsetCountsTheBom) {
  auto decoded = DecodeToUtf8("\xEF\xBB\xBF" "ab\xFF", Encoding::kUtf8);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().fields[0].message.find("Line 1, byte 5"), std::string::npos)
      << decoded.error().fields[0].message;
}

TEST(DecodeToUtf8, BrokenGbkNamesLineAndByte) {
  // 0xC9 starts a GBK character; 0x0A cannot be its second byte.
  const std::string bytes = "code,name\nC1," + Str(kShundaGbk) + "\nC2,\xC9\n";
  auto decoded = DecodeToUtf8(bytes, Encoding::kGb18030);
  ASSERT_FALSE(decoded.has_value());
  const FieldError& field = decoded.error().fields.at(0);
  EXPECT_EQ(field.reason, "bad_encoding");
  const std::size_t offset = bytes.size() - 2;
  EXPECT_NE(field.message.find("Line 3, byte " + std::to_string(offset)), std::string::npos) << field.message;
}

TEST(DecodeToUtf8, AutoReportsBadBytesThatFitNeitherEncoding) {
  const std::string bytes = "a\nb\n\xFF\xFF";  // 0xFF is neither UTF-8 nor a GB18030 lead byte
  auto decoded = DecodeToUtf8(bytes, Encoding::kAuto);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().fields[0].reason, "bad_encoding");
  EXPECT_NE(decoded.error().fields[0].message.find("Line 3, byte 4"), std::string::npos)
      << decoded.error().fields[0].message;
}

TEST(DecodeToUtf8, RefusesUtf16) {
  auto decoded = DecodeToUtf8("\xFF\xFE" "a\0b\0", Encoding::kAuto);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().fields[0].reason, "bad_encoding");
}

TEST(DecodeToUtf8, EmptyInputIsEmptyUtf8) {
  auto decoded = DecodeToUtf8("", Encoding::kAuto);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, "");
  EXPECT_EQ(decoded->encoding_used, Encoding::kUtf8);
}

TEST(Encoding, NamesRoundTrip) {
  for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kGb18030}) {
    EXPECT_EQ(ParseEncoding(EncodingName(e)), e);
  }
  EXPECT_EQ(ParseEncoding("GBK"), Encoding::kGb18030);
  EXPECT_EQ(ParseEncoding("UTF8"), Encoding::kUtf8);
  EXPECT_EQ(ParseEncoding("latin1"), std::nullopt);
}

}  // namespace
}  // namespace consign::text
