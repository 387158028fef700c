#include "modules/pricing/zone.hpp"

#include <gtest/gtest.h>

namespace consign::pricing {
namespace {

Zone ZoneBetween(const ZoneMatrix& m, std::string_view from, std::string_view to) {
  Result<Division> a = ResolveDivision(from, "origin");
  Result<Division> b = ResolveDivision(to, "destination");
  EXPECT_TRUE(a && b) << from << " → " << to;
  return ZoneOf(m, *a, *b);
}

TEST(Zone, OfTwoDivisionsUnderTheDefaultMatrix) {
  const ZoneMatrix m = DefaultZoneMatrix();
  struct Case {
    std::string_view from, to;
    Zone expected;
    const char* why;
  } cases[] = {
      {"440305", "440305", Zone::kSameCity, "南山 → 南山"},
      {"440305", "4403", Zone::kSameCity, "南山 → 深圳市 itself"},
      {"110101", "110105", Zone::kSameCity, "北京 东城 → 朝阳: a municipality is one city"},
      {"440305", "440106", Zone::kSameProvince, "深圳 → 广州"},
      {"44", "4403", Zone::kSameProvince, "a province alone names no city"},
      {"310101", "330106", Zone::kAdjacentProvince, "上海 → 杭州"},
      {"440305", "460105", Zone::kAdjacentProvince, "广东 → 海南 across the strait"},
      {"330106", "310101", Zone::kAdjacentProvince, "neighbours either way"},
      {"310101", "110101", Zone::kCrossProvince, "上海 → 北京"},
      {"310101", "650102", Zone::kRemote, "上海 → 乌鲁木齐"},
      {"620102", "650102", Zone::kRemote, "甘肃 → 新疆: neighbours, but the destination is remote"},
      {"650102", "650102", Zone::kSameCity, "乌鲁木齐 → 乌鲁木齐: not remote inside its own city"},
      {"650102", "310101", Zone::kCrossProvince, "remote is about the destination"},
  };
  for (const Case& c : cases) EXPECT_EQ(ZoneBetween(m, c.from, c.to), c.expected) << c.why;
}

TEST(Zone, TheMatrixIsDataAnAdminEdits) {
  ZoneMatrix m = DefaultZoneMatrix();
  m.adjacent.erase({"31", "33"});
  EXPECT_EQ(ZoneBetween(m, "310101", "330106"), Zone::kCrossProvince);
  m.remote.insert("11");
  EXPECT_EQ(ZoneBetween(m, "310101", "110101"), Zone::kRemote);
}

TEST(Zone, DefaultMatrixIsValidAndSymmetric) {
  const ZoneMatrix m = DefaultZoneMatrix();
  EXPECT_TRUE(ValidateZoneMatrix(m));
  EXPECT_TRUE(m.AreAdjacent("13", "11"));
  EXPECT_TRUE(m.AreAdjacent("11", "13"));
  EXPECT_FALSE(m.AreAdjacent("11", "31"));
  // 河北 borders 北京 天津 山西 内蒙古 辽宁 山东 河南: seven.
  int hebei = 0;
  for (const auto& [a, b] : m.adjacent) hebei += (a == "13" || b == "13");
  EXPECT_EQ(hebei, 7);
}

TEST(Zone, UnknownDivisionNamesTheField) {
  for (std::string_view code : {"99", "4499", "440399", "", "广东"}) {
    Result<Division> d = ResolveDivision(code, "destination");
    ASSERT_FALSE(d) << code;
    EXPECT_EQ(d.error().field(), "destination");
    EXPECT_EQ(d.error().fields[0].reason, "unknown_division");
  }
}

TEST(Zone, MatrixValidationNamesTheBadEntry) {
  ZoneMatrix m;
  m.AddAdjacent("11", "12");
  m.AddAdjacent("31", "99");
  m.remote = {"65", "00"};
  Status s = ValidateZoneMatrix(m);
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].field, "adjacent[1][1]");
  EXPECT_EQ(s.error().fields[1].field, "remote[0]");  // sorted: "00" first
}

}  // namespace
}  // namespace consign::pricing
