#pragma once
// SQL for saved_views. Every query is scoped to one user: a user can never read or delete another's.
#include <optional>
#include <vector>

#include "platform/db/database.hpp"
#include "modules/views/saved_view.hpp"

namespace consign::views {

std::vector<db::Migration> Migrations();

std::vector<SavedView> ListViews(db::Transaction& tx, UserId user, std::string_view resource);
size_t CountViews(db::Transaction& tx, UserId user, std::string_view resource);
bool NameTaken(db::Transaction& tx, UserId user, std::string_view resource, std::string_view name);
// Returns the new view with its id.
SavedView InsertView(db::Transaction& tx, SavedView view);
// Returns false when the user has no view with that id.
bool DeleteView(db::Transaction& tx, UserId user, SavedViewId id);

}  // namespace consign::views
