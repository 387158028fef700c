#pragma once
// Bulk actions on a selection of accounts (批量操作), pure part: the actions, their limits, and what
// each does to one account. The service (customer_bulk_service.hpp) runs each id through the same
// use case as the single action.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/customers/customer.hpp"

namespace consign::customers {

enum class BulkAction { kTransferOwner, kAddTag, kRemoveTag, kArchive };
inline constexpr std::array<std::string_view, 4> kBulkActions = {"transfer_owner", "add_tag", "remove_tag", "archive"};
std::optional<BulkAction> ParseBulkAction(std::string_view word);
std::string_view BulkActionName(BulkAction action);

inline constexpr size_t kMaxBulkIds = 500;

struct BulkRequest {
  BulkAction action = BulkAction::kAddTag;
  std::vector<int64_t> ids;         // 1..kMaxBulkIds distinct positive ids
  std::optional<int64_t> owner_id;  // transfer_owner: the new owner
  std::string tag;                  // add_tag, remove_tag
};

// What an edit action (transfer_owner, add_tag, remove_tag) makes of one account; false when the
// account is already so (the tag is there already or was never there, the owner is the same), and
// then nothing is saved. Archive is a status change, not an edit: not handled here.
bool ApplyBulkEdit(const BulkRequest& request, Customer& account);

}  // namespace consign::customers
