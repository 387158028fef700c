#include "modules/customers/customer_bulk.hpp"

#include <algorithm>

namespace consign::customers {

std::optional<BulkAction> ParseBulkAction(std::string_view word) {
  for (BulkAction a : {BulkAction::kTransferOwner, BulkAction::kAddTag, BulkAction::kRemoveTag, BulkAction::kArchive})
    if (BulkActionName(a) == word) return a;
  return std::nullopt;
}

std::string_view BulkActionName(BulkAction action) {
  switch (action) {
    case BulkAction::kTransferOwner: return "transfer_owner";
    case BulkAction::kAddTag: return "add_tag";
    case BulkAction::kRemoveTag: return "remove_tag";
    case BulkAction::kArchive: return "archive";
  }
  return "add_tag";  // unreachable: the switch covers every enumerator
}

bool ApplyBulkEdit(const BulkRequest& request, Customer& account) {
  std::vector<std::string>& tags = account.tags;
  const auto tag = std::find(tags.begin(), tags.end(), request.tag);
  switch (request.action) {
    case BulkAction::kTransferOwner:
      if (account.owner_user_id == request.owner_id) return false;
      account.owner_user_id = request.owner_id;
      return true;
    case BulkAction::kAddTag:
      if (tag != tags.end()) return false;
      tags.push_back(request.tag);
      return true;
    case BulkAction::kRemoveTag:
      if (tag == tags.end()) return false;
      tags.erase(tag);
      return true;
    case BulkAction::kArchive: return false;
  }
  return false;
}

}  // namespace consign::customers
