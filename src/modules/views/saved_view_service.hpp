#pragma once
// Use cases for saved views. The permission matrix (saved_views.*) is checked on the route; the record
// rule lives here: a view belongs to the user who saved it, and nobody else can see or delete it.
#include <vector>

#include "core/principal.hpp"
#include "core/result.hpp"
#include "platform/db/database.hpp"
#include "modules/views/saved_view.hpp"

namespace consign::views {

Result<std::vector<SavedView>> ListOwnViews(db::Transaction& tx, const Principal& who, std::string_view resource);
// Conflict (field "name", reason duplicate) when the user already has a view of that name for the list.
Result<SavedView> SaveView(db::Transaction& tx, const Principal& who, SavedView view, Instant now);
Status DeleteOwnView(db::Transaction& tx, const Principal& who, int64_t id);

}  // namespace consign::views
