#include "modules/customers/brand.hpp"

#include <gtest/gtest.h>

namespace consign::customers {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');
const std::string kJpeg = std::string("\xff\xd8\xff\xe0", 4) + std::string(64, '\0');

std::string FieldReason(const Error& e) { return e.fields.empty() ? "" : e.fields[0].field + ":" + e.fields[0].reason; }

TEST(BrandColour, IsAHashAndSixHexDigitsStoredLowerCase) {
  EXPECT_EQ(*ParseColor("#1F5FBF"), "#1f5fbf");
  for (std::string_view bad : {"", "1f5fbf", "#1f5fb", "#1f5fbf0", "#1g5fbf", "red", "#fff", "rgb(1,2,3)"}) {
    auto c = ParseColor(bad);
    ASSERT_FALSE(c) << bad;
    EXPECT_EQ(FieldReason(c.error()), "primary_color:invalid_format") << bad;
  }
}

TEST(BrandLogo, APngOrAJpegIsKnownByItsBytes) {
  EXPECT_EQ(*CheckLogo("image/png", kPng), ImageType::kPng);
  EXPECT_EQ(*CheckLogo("image/jpeg", kJpeg), ImageType::kJpeg);
  EXPECT_EQ(MediaType(ImageType::kJpeg), "image/jpeg");
}

TEST(BrandLogo, SvgIsRefusedWhateverItIsCalled) {
  const std::string svg = "\xef\xbb\xbf  <?xml version=\"1.0\"?><svg onload=\"alert(1)\"/>";
  for (std::string_view declared : {"image/svg+xml", "image/png"}) {
    auto r = CheckLogo(declared, svg);
    ASSERT_FALSE(r);
    EXPECT_EQ(FieldReason(r.error()), "logo:unsupported_type");
    EXPECT_NE(r.error().fields[0].message.find("SVG"), std::string::npos);
  }
  auto gif = CheckLogo("image/gif", "GIF89a....");
  ASSERT_FALSE(gif);
  EXPECT_EQ(FieldReason(gif.error()), "logo:unsupported_type");
}

TEST(BrandLogo, AtMost200KBAndNotEmpty) {
  std::string big = kPng;
  big.resize(kMaxLogoBytes, 'x');
  EXPECT_TRUE(CheckLogo("image/png", big));
  big.push_back('x');
  auto r = CheckLogo("image/png", big);
  ASSERT_FALSE(r);
  EXPECT_EQ(FieldReason(r.error()), "logo:too_large");
  auto empty = CheckLogo("image/png", "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(FieldReason(empty.error()), "logo:required");
}

TEST(BrandLogo, AJpegSentAsPngIsAMismatch) {
  auto r = CheckLogo("image/png", kJpeg);
  ASSERT_FALSE(r);
  EXPECT_EQ(FieldReason(r.error()), "logo:type_mismatch");
}

}  // namespace
}  // namespace consign::customers
