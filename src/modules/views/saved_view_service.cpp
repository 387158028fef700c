#include "modules/views/saved_view_service.hpp"

#include "modules/views/access.hpp"
#include "modules/views/saved_view_store.hpp"

namespace consign::views {

Result<std::vector<SavedView>> ListOwnViews(Scope& scope, std::string_view resource) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  if (!IsKnownResource(resource)) return InvalidField("resource", "invalid_enum", "resource must be one of: customers");
  return ListViews(scope.tx(), scope.principal().user_id, resource);
}

Result<SavedView> SaveView(Scope& scope, SavedView view) {
  CONSIGN_TRY(Require(scope.principal(), kCreate));
  const UserId owner = scope.principal().user_id;
  view.user_id = owner;
  view.created_at = scope.now();
  CONSIGN_TRY(ValidateSavedView(view));
  db::Transaction& tx = scope.tx();
  if (NameTaken(tx, owner, view.resource, view.name))
    return Conflict("name", "duplicate", "You already have a saved view with this name.");
  if (CountViews(tx, owner, view.resource) >= kMaxViewsPerList)
    return MakeError(ErrorCode::kConflict, "At most 50 saved views per list; delete one first.");
  return InsertView(tx, std::move(view));
}

Status DeleteOwnView(Scope& scope, SavedViewId id) {
  CONSIGN_TRY(Require(scope.principal(), kDelete));
  if (!DeleteView(scope.tx(), scope.principal().user_id, id)) return NotFound("Saved view");
  return Ok();
}

}  // namespace consign::views
