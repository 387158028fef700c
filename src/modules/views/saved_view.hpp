#pragma once
// A saved list view: a user's named set of filters for one list ("my A-class electronics accounts").
// Each user sees and deletes only their own.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::views {

using SavedViewId = StrongId<class SavedViewIdTag>;

struct SavedView {
  SavedViewId id{};
  UserId user_id;
  std::string resource;    // which list: "customers" or "orders"
  std::string name;        // shown in the console's view picker
  std::string query_json;  // the filters, a JSON object as the console sent it
  Instant created_at;
};

inline constexpr size_t kMaxNameChars = 60;
inline constexpr size_t kMaxQueryBytes = 4000;
inline constexpr size_t kMaxViewsPerList = 50;

// Lists that can have saved views.
bool IsKnownResource(std::string_view resource);

// Checks resource, name (1–60 characters after trimming, one line, no control characters or
// bidirectional overrides: invalid_characters) and the query's size. The caller has already
// checked that query_json is a JSON object.
[[nodiscard]] Status ValidateSavedView(const SavedView& view);

}  // namespace consign::views
