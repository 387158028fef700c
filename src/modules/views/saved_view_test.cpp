#include "modules/views/saved_view.hpp"

#include <gtest/gtest.h>

namespace consign::views {
namespace {

SavedView View(std::string resource, std::string name, std::string query = "{}") {
  SavedView v;
  v.resource = std::move(resource);
  v.name = std::move(name);
  v.query_json = std::move(query);
  return v;
}

TEST(SavedView, AcceptsAChineseName) { EXPECT_TRUE(ValidateSavedView(View("customers", "我的A类电子客户"))); }

TEST(SavedView, KeepsViewsOfTheOrdersListToo) { EXPECT_TRUE(ValidateSavedView(View("orders", "今天待分配"))); }

TEST(SavedView, NamesEveryBadField) {
  Status s = ValidateSavedView(View("shipments", "  ", std::string(5000, 'x')));
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].field, "resource");
  EXPECT_EQ(s.error().fields[0].reason, "invalid_enum");
  EXPECT_EQ(s.error().fields[1].field, "name");
  EXPECT_EQ(s.error().fields[1].reason, "required");
  EXPECT_EQ(s.error().fields[2].field, "query");
}

TEST(SavedView, RefusesControlAndBidiCharactersInTheName) {
  for (std::string name : {"我的\u202E视图", "two\nlines", "bell\a"}) {
    Status s = ValidateSavedView(View("customers", name));
    ASSERT_FALSE(s) << name;
    EXPECT_EQ(s.error().fields[0].field, "name");
    EXPECT_EQ(s.error().fields[0].reason, "invalid_characters");
  }
}

TEST(SavedView, CountsNameLengthInCharactersNotBytes) {
  // 60 Chinese characters are 180 bytes and still fit; 61 do not.
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "客";
  EXPECT_TRUE(ValidateSavedView(View("customers", sixty)));
  Status s = ValidateSavedView(View("customers", sixty + "户"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields[0].reason, "too_long");
}

}  // namespace
}  // namespace consign::views
