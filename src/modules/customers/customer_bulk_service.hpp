#pragma once
// Bulk actions on a selection (POST /api/v1/customers/bulk): each id goes through the use case of the
// single action — transfer_owner, add_tag and remove_tag through LoadForEdit + Save (customers.update,
// the record rules on writes: the new owner is an active staff user, a salesperson cannot hand an
// account over), archive through SetStatus (customers.delete) — and is audited as that action is.
//
// Not all-or-nothing: every id answers for itself, and a refused id does not undo the others. A
// selection is a list of independent accounts (the user wants the 480 that can move moved, and to
// see the 20 that could not); each single action fails before it writes anything, so a refused id
// leaves no trace in the shared transaction.
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "modules/customers/customer_bulk.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

struct BulkOutcome {
  int64_t id = 0;
  bool changed = false;        // false: already so (or refused)
  std::optional<Error> error;  // the single action's error for this id
};

// Requires the action's permission (customers.update, or customers.delete for archive): without it
// the whole request is kForbidden. kInvalidArgument for a request that names no tag (add_tag,
// remove_tag: "tag") or no owner (transfer_owner: "owner_id"). REQUIRES: a write scope; ids as
// BulkRequest says. One outcome per id, in request order.
Result<std::vector<BulkOutcome>> RunBulk(Scope& scope, const BulkRequest& request);

}  // namespace consign::customers
