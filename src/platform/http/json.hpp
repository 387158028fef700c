#pragma once
// JSON in and out for module *_http.cpp handlers (Boost.JSON; include this only from HTTP-layer files).
//
// Reading a body:
//   CONSIGN_TRY_ASSIGN is not needed; the usual shape is
//     auto body = ParseJsonBody(request, kMaxDepth);
//     if (!body) return ProblemResponse(body.error(), ...);   // or let the handler helper do it
//   415 when Content-Type is not JSON, 400 `invalid_format` (naming line and column) for malformed
//   JSON, 400 `too_deep` past max_depth, 400 `invalid_type` when the top level is not an object.
//
// Reading fields, two ways:
//   - free functions, one field at a time, each a Result:  auto name = ReadString(obj, "name", 200);
//   - JsonFields, which collects every mistake of a form so the client sees all of them at once:
//       JsonFields f(obj);                      // or JsonFields f(contact, "contacts[0]")
//       std::string name = f.String("name", 200);
//       auto title = f.OptString("title", 100);
//       std::string kind = f.Enum("kind", {"individual", "organization"});
//       if (Status s = f.Finish(); !s) return s.error();
//     After a failed read the value is empty/nullopt; only Finish() tells whether all went well.
// Field errors name the path ("contacts[0].phone") and a reason word from docs/api-contract.md:
// required, invalid_type, too_long (in Unicode code points), invalid_enum (message lists the allowed
// values), invalid_format, out_of_range, invalid_characters, unknown_field.
// Text is refused (invalid_characters) when it holds a control character or a bidirectional override
// (text::HasUnsafeCharacters): String/OptString/StringArray take one line (tab allowed), the
// Multiline readers also line breaks (notes), Secret anything (a password is never displayed).
// JsonFields::Finish() refuses every member of its object that no reader asked for (unknown_field,
// naming it): a misspelt or guessed field ("type" for "kind") is an error, never silently dropped.
// Every accessor, IsPresent() included, marks its field as known; a free-form object (requirement
// flags, a saved view's query) is read whole with OptObject and checked by its reader.
// "Missing" and JSON null are the same for Opt* readers; use IsPresent() when a PATCH must tell
// "leave unchanged" (absent) from "clear" (null).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"
#include "platform/http/message.hpp"

namespace consign::http {

inline constexpr size_t kDefaultJsonMaxDepth = 32;

// Parses the request body as a JSON object. See the header comment for the errors.
Result<boost::json::object> ParseJsonBody(const Request& request, size_t max_depth = kDefaultJsonMaxDepth);
// The same for text that did not come in a Request (tests, CSV-embedded JSON).
Result<boost::json::value> ParseJsonText(std::string_view text, size_t max_depth = kDefaultJsonMaxDepth);

// True when the Content-Type is application/json or any application/*+json (parameters ignored).
bool IsJsonContentType(std::string_view content_type);

// Number of Unicode code points in valid UTF-8 (Boost.JSON rejects invalid UTF-8 on parse).
size_t CodePoints(std::string_view utf8);

// "contacts" + 0 → "contacts[0]"; "contacts[0]" + "phone" → "contacts[0].phone"; "" + "x" → "x".
std::string FieldPath(std::string_view prefix, std::string_view field);
std::string FieldPath(std::string_view prefix, size_t index);

// True when the key exists (even with a null value).
bool IsPresent(const boost::json::object& obj, std::string_view field);

// --- One field at a time. Errors name `field` as the path. ---------------------------------
Result<std::string> ReadString(const boost::json::object& obj, std::string_view field, size_t max_chars);
Result<std::optional<std::string>> OptString(const boost::json::object& obj, std::string_view field,
                                             size_t max_chars);
// Integers in [min, max]; a JSON number with a fraction is invalid_type, outside the range out_of_range.
Result<int64_t> ReadInt(const boost::json::object& obj, std::string_view field, int64_t min = INT64_MIN,
                        int64_t max = INT64_MAX);
Result<std::optional<int64_t>> OptInt(const boost::json::object& obj, std::string_view field,
                                      int64_t min = INT64_MIN, int64_t max = INT64_MAX);
Result<bool> ReadBool(const boost::json::object& obj, std::string_view field);
Result<std::optional<bool>> OptBool(const boost::json::object& obj, std::string_view field);
// A string that must be one of `allowed`; invalid_enum lists them.
Result<std::string> ReadEnum(const boost::json::object& obj, std::string_view field,
                             std::span<const std::string_view> allowed);
Result<std::optional<std::string>> OptEnum(const boost::json::object& obj, std::string_view field,
                                           std::span<const std::string_view> allowed);
// An array of strings; a missing field is an empty vector. Item errors name "field[i]".
Result<std::vector<std::string>> ReadStringArray(const boost::json::object& obj, std::string_view field,
                                                 size_t max_items, size_t max_chars);
// Nested object or array; nullptr when absent or null.
Result<const boost::json::object*> OptObject(const boost::json::object& obj, std::string_view field);
Result<const boost::json::array*> OptArray(const boost::json::object& obj, std::string_view field);

// --- A whole form, collecting every mistake. ------------------------------------------------
class JsonFields {
 public:
  // `prefix` is prepended to field paths: JsonFields(contact, "contacts[0]").
  explicit JsonFields(const boost::json::object& obj, std::string prefix = {});

  std::string String(std::string_view field, size_t max_chars);
  std::optional<std::string> OptString(std::string_view field, size_t max_chars);
  // Line breaks allowed (notes, descriptions).
  std::optional<std::string> OptMultilineString(std::string_view field, size_t max_chars);
  // No character rule: passwords, which are hashed and never shown.
  std::string Secret(std::string_view field, size_t max_chars);
  int64_t Int(std::string_view field, int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  std::optional<int64_t> OptInt(std::string_view field, int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  bool Bool(std::string_view field);
  std::optional<bool> OptBool(std::string_view field);
  std::string Enum(std::string_view field, std::initializer_list<std::string_view> allowed);
  std::string Enum(std::string_view field, std::span<const std::string_view> allowed);
  std::optional<std::string> OptEnum(std::string_view field, std::initializer_list<std::string_view> allowed);
  std::optional<std::string> OptEnum(std::string_view field, std::span<const std::string_view> allowed);
  std::vector<std::string> StringArray(std::string_view field, size_t max_items, size_t max_chars);
  const boost::json::object* OptObject(std::string_view field);
  const boost::json::array* OptArray(std::string_view field);
  bool IsPresent(std::string_view field) {
    Know(field);
    return http::IsPresent(obj_, field);
  }

  // Adds an error found by the handler's own checks (e.g. a phone that fails validation).
  void Add(std::string_view field, std::string reason, std::string message);
  // Adds every field error of another collector or Error (nested objects), keeping their paths.
  void Merge(const Error& error);
  const std::string& prefix() const { return prefix_; }
  std::string Path(std::string_view field) const { return FieldPath(prefix_, field); }

  bool ok() const { return errors_.empty(); }
  // Ok() when nothing failed and every member of the object was asked for; otherwise
  // kInvalidArgument with every field error, unknown fields (reason unknown_field) last.
  Status Finish() &&;
  Status Finish() &;

 private:
  template <class T>
  T Take(Result<T> r);
  void Know(std::string_view field);

  const boost::json::object& obj_;
  std::string prefix_;
  std::vector<FieldError> errors_;
  std::vector<std::string> known_;  // fields some reader asked for
};

// A JSON response: status, application/json, the serialised value.
Response JsonResponse(int status, const boost::json::value& value);

// One page of a list read one row past `limit` (that row only tells that another page exists): the
// first `limit` rows as "items", and as "next_cursor" the id of the last one shown, or null.
template <class Row, class IdOf, class ToJson>
Response PageResponse(const std::vector<Row>& rows, int limit, IdOf id_of, ToJson to_json) {
  boost::json::array items;
  boost::json::value next_cursor = nullptr;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<int>(i) == limit) {
      next_cursor = std::to_string(id_of(rows[i - 1]));
      break;
    }
    items.push_back(to_json(rows[i]));
  }
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}, {"next_cursor", std::move(next_cursor)}});
}

}  // namespace consign::http
