#include "modules/tracking/route.hpp"

#include <gtest/gtest.h>

namespace consign::tracking {
namespace {

ScanEvent At(std::string division, bool claim = false) {
  ScanEvent e;
  e.place_division = std::move(division);
  e.claim = claim;
  return e;
}

TEST(RouteStop, ADistrictOrATownIsItsCity) {
  EXPECT_EQ(StopOf("440305"), (RouteStop{"4403", "深圳市"}));
  EXPECT_EQ(StopOf("4403"), (RouteStop{"4403", "深圳市"}));
  EXPECT_EQ(StopOf("441900003"), (RouteStop{"4419", "东莞市"}));
}

TEST(RouteStop, AMunicipalityIsItsOneCityAndAProvinceOnlyItself) {
  EXPECT_EQ(StopOf("310000"), (RouteStop{"3101", "上海市"}));
  EXPECT_EQ(StopOf("310115"), (RouteStop{"3101", "上海市"}));
  EXPECT_EQ(StopOf("440000"), (RouteStop{"44", "广东省"}));
}

TEST(RouteStop, AnUnknownOrMalformedCodeIsNoStop) {
  EXPECT_FALSE(StopOf(""));
  EXPECT_FALSE(StopOf("99"));
  EXPECT_FALSE(StopOf("449900"));
  EXPECT_FALSE(StopOf("44a305"));
}

TEST(Route, CitiesInOrderRepeatsMergedClaimsAndUnknownPlacesLeftOut) {
  const std::vector<ScanEvent> timeline = {At("440305"), At("440300"), At("440300", /*claim=*/true), At(""),
                                           At("330100", /*claim=*/true), At("310000"), At("310115"), At("440305")};
  EXPECT_EQ(RouteOf(timeline), (std::vector<RouteStop>{{"4403", "深圳市"}, {"3101", "上海市"}, {"4403", "深圳市"}}));
}

}  // namespace
}  // namespace consign::tracking
