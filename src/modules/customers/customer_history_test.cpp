#include "modules/customers/customer_history.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace consign::customers {
namespace {

namespace json = boost::json;

std::vector<FieldChange> Diff(std::string_view before, std::string_view after) {
  return DiffSnapshots(json::parse(before), json::parse(after));
}

TEST(DiffSnapshots, NamesAChangedContactFieldByTheContactsIdWithItsName) {
  const auto changes = Diff(
      R"({"name":"顺达","contacts":[{"id":7,"name":"张*","phone":"*******1234"},{"id":8,"name":"李*","phone":"*******0000"}]})",
      R"({"name":"顺达","contacts":[{"id":7,"name":"张*","phone":"*******5678"},{"id":8,"name":"李*","phone":"*******0000"}]})");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].path, "contacts[id=7].phone");
  EXPECT_EQ(changes[0].change, "changed");
  EXPECT_EQ(changes[0].before, json::value("*******1234"));
  EXPECT_EQ(changes[0].after, json::value("*******5678"));
  EXPECT_EQ(changes[0].item, "张*");
}

TEST(DiffSnapshots, ARemovedContactIsOneChangeEvenWhenTheOthersMoveUp) {
  const auto changes = Diff(R"({"contacts":[{"id":7,"name":"张*"},{"id":8,"name":"李*"}]})",
                            R"({"contacts":[{"id":8,"name":"李*"}]})");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].path, "contacts[id=7]");
  EXPECT_EQ(changes[0].change, "removed");
  EXPECT_TRUE(changes[0].after.is_null());
  EXPECT_EQ(changes[0].item, "张*");
}

TEST(DiffSnapshots, AnAddedAddressIsNamedByItsPlace) {
  const auto changes = Diff(R"({"addresses":[]})",
                            R"({"addresses":[{"id":3,"province":"广东省","city":"深圳市","district":"南山区"}]})");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].path, "addresses[id=3]");
  EXPECT_EQ(changes[0].change, "added");
  EXPECT_EQ(changes[0].item, "广东省深圳市南山区");
}

TEST(DiffSnapshots, TagsGiveOneChangePerTagAddedOrRemoved) {
  const auto changes = Diff(R"({"tags":["VIP","月结"]})", R"({"tags":["月结","冷链"]})");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].path, "tags");
  EXPECT_EQ(changes[0].change, "added");
  EXPECT_EQ(changes[0].after, json::value("冷链"));
  EXPECT_EQ(changes[1].change, "removed");
  EXPECT_EQ(changes[1].before, json::value("VIP"));
}

TEST(DiffSnapshots, ClassificationAndOwnerChangesAreNestedPaths) {
  const auto changes = Diff(R"({"classification":{"value_class":"B","tier":null},"owner":{"id":3,"login":"","name":""}})",
                            R"({"classification":{"value_class":"A","tier":null},"owner":{"id":5,"login":"","name":""}})");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].path, "classification.value_class");
  EXPECT_EQ(changes[0].before, json::value("B"));
  EXPECT_EQ(changes[0].after, json::value("A"));
  EXPECT_EQ(changes[1].path, "owner.id");
}

TEST(DiffSnapshots, BookkeepingFieldsAreNotDifferences) {
  EXPECT_TRUE(Diff(R"({"version":1,"updated_at":"a","masked":false})", R"({"version":2,"updated_at":"b","masked":true})").empty());
}

TEST(DiffSnapshots, NoBeforeGivesNoDifferences) {
  EXPECT_TRUE(DiffSnapshots(json::value(nullptr), json::parse(R"({"name":"x"})")).empty());
}

TEST(DiffSnapshots, AChangeHiddenByTheMaskIsStillAChangeShownMasked) {
  // 13812341234 → 13912341234: both mask to *******1234. Found on the stored values, shown masked.
  const json::value before = json::parse(R"({"contacts":[{"id":7,"name":"王芳","phone":"13812341234"}]})");
  const json::value after = json::parse(R"({"contacts":[{"id":7,"name":"王芳","phone":"13912341234"}]})");
  const json::value before_shown = json::parse(R"({"contacts":[{"id":7,"name":"王*","phone":"*******1234"}]})");
  const json::value after_shown = json::parse(R"({"contacts":[{"id":7,"name":"王*","phone":"*******1234"}]})");
  const auto changes = DiffSnapshots(before, after, before_shown, after_shown);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].path, "contacts[id=7].phone");
  EXPECT_EQ(changes[0].change, "changed");
  EXPECT_EQ(changes[0].before, json::value("*******1234"));
  EXPECT_EQ(changes[0].after, json::value("*******1234"));
  EXPECT_EQ(changes[0].item, "王*");  // the label is masked too
}

TEST(DiffSnapshots, AddedAndRemovedItemsAreShownMasked) {
  const json::value before = json::parse(R"({"contacts":[{"id":7,"name":"王芳","phone":"13812341234"}]})");
  const json::value after = json::parse(R"({"contacts":[{"id":8,"name":"李娜","phone":"13900001111"}]})");
  const json::value before_shown = json::parse(R"({"contacts":[{"id":7,"name":"王*","phone":"*******1234"}]})");
  const json::value after_shown = json::parse(R"({"contacts":[{"id":8,"name":"李*","phone":"*******1111"}]})");
  const auto changes = DiffSnapshots(before, after, before_shown, after_shown);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].change, "added");
  EXPECT_EQ(changes[0].after, after_shown.at("contacts").at(0));
  EXPECT_EQ(changes[0].item, "李*");
  EXPECT_EQ(changes[1].change, "removed");
  EXPECT_EQ(changes[1].before, before_shown.at("contacts").at(0));
  EXPECT_EQ(changes[1].item, "王*");
}

}  // namespace
}  // namespace consign::customers
