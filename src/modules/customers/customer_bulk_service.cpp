#include "modules/customers/customer_bulk_service.hpp"

#include <algorithm>
#include <numeric>

#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"

namespace consign::customers {

namespace {

// One id through the single action's use case.
Result<bool> RunOne(Scope& scope, const BulkRequest& request, int64_t id) {
  if (request.action == BulkAction::kArchive) {
    auto archived = SetStatus(scope, id, StatusChange::kArchive, std::nullopt);
    if (!archived) return std::move(archived).error();
    return true;
  }
  auto before = LoadForEdit(scope, id);
  if (!before) return std::move(before).error();
  Customer changed = *before;
  if (!ApplyBulkEdit(request, changed)) return false;
  auto saved = Save(scope, *before, std::move(changed), before->version);
  if (!saved) return std::move(saved).error();
  return true;
}

}  // namespace

Result<std::vector<BulkOutcome>> RunBulk(Scope& scope, const BulkRequest& request) {
  CONSIGN_TRY(Require(scope.principal(), request.action == BulkAction::kArchive ? kDelete : kUpdate));
  if (request.action == BulkAction::kTransferOwner && !request.owner_id)
    return InvalidField("owner_id", "required", "transfer_owner needs owner_id, the new owner");
  if ((request.action == BulkAction::kAddTag || request.action == BulkAction::kRemoveTag) && request.tag.empty())
    return InvalidField("tag", "required", "add_tag and remove_tag need a tag");
  // Rows are locked in id order whatever order the client sent, so two bulk requests over the same
  // rows wait for each other instead of deadlocking (PostgreSQL); the outcomes keep the request's order.
  std::vector<std::size_t> order(request.ids.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return request.ids[a] < request.ids[b]; });
  std::vector<BulkOutcome> outcomes(request.ids.size(), BulkOutcome{0, false, std::nullopt});
  for (std::size_t k : order) {
    BulkOutcome& outcome = outcomes[k];
    outcome.id = request.ids[k];
    auto done = RunOne(scope, request, outcome.id);
    if (done) outcome.changed = *done;
    else outcome.error = std::move(done).error();
  }
  return outcomes;
}

}  // namespace consign::customers
