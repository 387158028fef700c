#pragma once
// Use cases for saved views. Each checks its permission (saved_views.*) itself and applies the record
// rule: a view belongs to the user who saved it, and nobody else can see or delete it (404).
#include <vector>

#include "core/result.hpp"
#include "modules/views/saved_view.hpp"
#include "platform/scope/scope.hpp"

namespace consign::views {

[[nodiscard]] Result<std::vector<SavedView>> ListOwnViews(Scope& scope, std::string_view resource);
// Conflict (field "name", reason duplicate) when the user already has a view of that name for the list.
[[nodiscard]] Result<SavedView> SaveView(Scope& scope, SavedView view);
[[nodiscard]] Status DeleteOwnView(Scope& scope, SavedViewId id);

}  // namespace consign::views
