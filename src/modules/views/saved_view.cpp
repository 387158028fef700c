#include "modules/views/saved_view.hpp"

#include <array>

#include "core/text.hpp"

namespace consign::views {

namespace {

constexpr std::array<std::string_view, 2> kResources = {"customers", "orders"};

size_t CodePointCount(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

bool IsKnownResource(std::string_view resource) {
  for (std::string_view r : kResources)
    if (r == resource) return true;
  return false;
}

Status ValidateSavedView(const SavedView& view) {
  FieldErrors errors;
  if (!IsKnownResource(view.resource))
    errors.Add("resource", "invalid_enum", "resource must be one of: customers, orders");
  if (IsBlank(view.name)) errors.Add("name", "required", "name is required");
  else if (CodePointCount(view.name) > kMaxNameChars)
    errors.Add("name", "too_long", "name must be at most 60 characters");
  else if (text::HasUnsafeCharacters(view.name))
    errors.Add("name", "invalid_characters", "name holds a control character, a line break or a bidirectional override");
  if (view.query_json.size() > kMaxQueryBytes)
    errors.Add("query", "too_long", "query must be at most 4000 bytes of JSON");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

}  // namespace consign::views
