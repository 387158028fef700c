#include "modules/views/saved_view_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "modules/audit/audit_log.hpp"
#include "modules/views/access.hpp"
#include "modules/views/saved_view_store.hpp"

namespace consign::views {

Result<std::vector<SavedView>> ListOwnViews(Scope& scope, std::string_view resource) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  if (!IsKnownResource(resource)) return InvalidField("resource", "invalid_enum", "resource must be one of: customers, orders");
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
  SavedView saved = InsertView(tx, std::move(view));
  // Not the query: its filters may hold search text (a phone number) that the trail must not carry.
  boost::json::object after{{"id", saved.id.value()}, {"resource", saved.resource}, {"name", saved.name}};
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{scope.now(), scope.principal(), "saved_view.create", "saved_view",
                            std::to_string(saved.id.value()), std::nullopt, boost::json::serialize(after),
                            scope.request_id()}));
  return saved;
}

Status DeleteOwnView(Scope& scope, SavedViewId id) {
  CONSIGN_TRY(Require(scope.principal(), kDelete));
  if (!DeleteView(scope.tx(), scope.principal().user_id, id)) return NotFound("Saved view");
  return audit::AuditLog{}.Record(scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), "saved_view.delete",
                                                                "saved_view", std::to_string(id.value()), std::nullopt,
                                                                std::nullopt, scope.request_id()});
}

}  // namespace consign::views
