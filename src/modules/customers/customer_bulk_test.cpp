#include "modules/customers/customer_bulk.hpp"

#include <gtest/gtest.h>

namespace consign::customers {
namespace {

TEST(BulkAction, ParsesItsFourWordsAndNothingElse) {
  EXPECT_EQ(ParseBulkAction("transfer_owner"), BulkAction::kTransferOwner);
  EXPECT_EQ(ParseBulkAction("archive"), BulkAction::kArchive);
  EXPECT_FALSE(ParseBulkAction("delete"));
  for (std::string_view word : kBulkActions) EXPECT_EQ(BulkActionName(*ParseBulkAction(word)), word);
}

TEST(ApplyBulkEdit, AddsATagOnceAndRemovesIt) {
  Customer c;
  c.tags = {"VIP"};
  BulkRequest add{BulkAction::kAddTag, {1}, std::nullopt, "月结"};
  EXPECT_TRUE(ApplyBulkEdit(add, c));
  EXPECT_EQ(c.tags, (std::vector<std::string>{"VIP", "月结"}));
  EXPECT_FALSE(ApplyBulkEdit(add, c)) << "already tagged: nothing to save";
  BulkRequest remove{BulkAction::kRemoveTag, {1}, std::nullopt, "VIP"};
  EXPECT_TRUE(ApplyBulkEdit(remove, c));
  EXPECT_EQ(c.tags, (std::vector<std::string>{"月结"}));
  EXPECT_FALSE(ApplyBulkEdit(remove, c));
}

TEST(ApplyBulkEdit, TransfersToAnotherOwnerOnly) {
  Customer c;
  c.owner_user_id = 3;
  BulkRequest to_three{BulkAction::kTransferOwner, {1}, 3, ""};
  EXPECT_FALSE(ApplyBulkEdit(to_three, c));
  BulkRequest to_five{BulkAction::kTransferOwner, {1}, 5, ""};
  EXPECT_TRUE(ApplyBulkEdit(to_five, c));
  EXPECT_EQ(c.owner_user_id, 5);
}

}  // namespace
}  // namespace consign::customers
