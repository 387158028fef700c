#include "modules/views/saved_view_service.hpp"

#include "modules/views/saved_view_store.hpp"

namespace consign::views {

Result<std::vector<SavedView>> ListOwnViews(db::Transaction& tx, const Principal& who, std::string_view resource) {
  if (!IsKnownResource(resource)) return InvalidField("resource", "invalid_enum", "resource must be one of: customers");
  return ListViews(tx, who.user_id, resource);
}

Result<SavedView> SaveView(db::Transaction& tx, const Principal& who, SavedView view, Instant now) {
  view.user_id = who.user_id;
  view.created_at = now;
  CONSIGN_TRY(ValidateSavedView(view));
  if (NameTaken(tx, who.user_id, view.resource, view.name))
    return Conflict("name", "duplicate", "You already have a saved view with this name.");
  if (CountViews(tx, who.user_id, view.resource) >= kMaxViewsPerList)
    return MakeError(ErrorCode::kConflict, "At most 50 saved views per list; delete one first.");
  return InsertView(tx, std::move(view));
}

Status DeleteOwnView(db::Transaction& tx, const Principal& who, int64_t id) {
  if (!DeleteView(tx, who.user_id, id)) return NotFound("Saved view");
  return Ok();
}

}  // namespace consign::views
