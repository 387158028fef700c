#include "platform/http/json.hpp"

#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/text.hpp"

namespace consign::http {

namespace json = boost::json;

namespace {

Error BodyError(std::string reason, std::string message) {
  return InvalidField("body", std::move(reason), std::move(message));
}

// Line and column (1-based, columns in bytes) of byte `offset` in `text`.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::string_view TypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "a value";
}

// A field's path for error messages ("contacts[0].phone"), written out only for an error: the fields
// of a request are read far more often than they are wrong, and a path built per field was a fifth of
// a quote's own work.
struct At {
  std::string_view prefix, field;
  long index = -1;  // an item of the array at prefix.field
  std::string str() const {
    std::string path = FieldPath(prefix, field);
    return index < 0 ? path : FieldPath(path, static_cast<size_t>(index));
  }
};

Error Required(const std::string& path) { return InvalidField(path, "required", path + " is required."); }
Error WrongType(const std::string& path, std::string_view want, const json::value& got) {
  return InvalidField(path, "invalid_type",
                      path + " must be " + std::string(want) + ", not " + std::string(TypeName(got)) + ".");
}

// The value at `field`, or nullptr when absent or null.
const json::value* Lookup(const json::object& obj, std::string_view field) {
  const json::value* v = obj.if_contains(field);
  return v && !v->is_null() ? v : nullptr;
}

// Which characters a text may hold besides the printable ones.
enum class TextRule { kOneLine, kMultiline, kAny };

std::optional<Error> TextError(std::string_view s, const At& at, size_t max_chars, TextRule rule) {
  const auto path = [&at] { return at.str(); };
  if (CodePoints(s) > max_chars)
    return InvalidField(path(), "too_long",
                        path() + " must be at most " + std::to_string(max_chars) + " characters long.");
  if (rule != TextRule::kAny && text::HasUnsafeCharacters(s, rule == TextRule::kMultiline))
    return InvalidField(path(), "invalid_characters",
                        path() + " holds a control character or a bidirectional override" +
                            (rule == TextRule::kMultiline ? "." : " (or a line break)."));
  return std::nullopt;
}

Result<std::optional<std::string>> OptStringAt(const json::object& obj, std::string_view field,
                                               const At& at, size_t max_chars,
                                               TextRule rule = TextRule::kOneLine) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return std::optional<std::string>{};
  if (!v->is_string()) return WrongType(path(), "a string", *v);
  const json::string& s = v->get_string();
  if (auto error = TextError(s, at, max_chars, rule)) return *std::move(error);
  return std::optional<std::string>(std::string(s));
}

Result<std::string> StringAt(const json::object& obj, std::string_view field, const At& at,
                             size_t max_chars, TextRule rule = TextRule::kOneLine) {
  const auto path = [&at] { return at.str(); };
  auto r = OptStringAt(obj, field, at, max_chars, rule);
  if (!r) return std::move(r).error();
  if (!r->has_value()) return Required(path());
  return std::move(**r);
}

Result<std::optional<int64_t>> OptIntAt(const json::object& obj, std::string_view field, const At& at,
                                        int64_t min, int64_t max) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return std::optional<int64_t>{};
  int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    return InvalidField(path(), "out_of_range", path() + " is too large.");
  } else if (v->is_double()) {
    // 12.0 is still an integer to a person; 12.5 is not. The range first: converting a double
    // beyond int64 is undefined behaviour (UBSan, fuzz/).
    const double d = v->get_double();
    if (d > 9.0e18 || d < -9.0e18 || d != static_cast<double>(static_cast<int64_t>(d)))
      return WrongType(path(), "an integer", *v);
    n = static_cast<int64_t>(d);
  } else {
    return WrongType(path(), "an integer", *v);
  }
  if (n < min || n > max)
    return InvalidField(path(), "out_of_range",
                        path() + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  return std::optional<int64_t>(n);
}

Result<std::optional<bool>> OptBoolAt(const json::object& obj, std::string_view field, const At& at) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return std::optional<bool>{};
  if (!v->is_bool()) return WrongType(path(), "true or false", *v);
  return std::optional<bool>(v->get_bool());
}

Result<std::optional<std::string>> OptEnumAt(const json::object& obj, std::string_view field,
                                             const At& at, std::span<const std::string_view> allowed) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return std::optional<std::string>{};
  if (!v->is_string()) return WrongType(path(), "a string", *v);
  const std::string_view s = v->get_string();
  for (std::string_view a : allowed)
    if (a == s) return std::optional<std::string>(std::string(s));
  std::string list;
  for (std::string_view a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  return InvalidField(path(), "invalid_enum", path() + " must be one of: " + list + ".");
}

Result<std::vector<std::string>> StringArrayAt(const json::object& obj, std::string_view field,
                                               const At& at, size_t max_items, size_t max_chars) {
  const auto path = [&at] { return at.str(); };
  std::vector<std::string> out;
  const json::value* v = Lookup(obj, field);
  if (!v) return out;
  if (!v->is_array()) return WrongType(path(), "an array of strings", *v);
  const json::array& items = v->get_array();
  if (items.size() > max_items)
    return InvalidField(path(), "too_long", path() + " may hold at most " + std::to_string(max_items) + " items.");
  out.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const At item{at.prefix, at.field, static_cast<long>(i)};
    if (!items[i].is_string()) return WrongType(item.str(), "a string", items[i]);
    const json::string& s = items[i].get_string();
    if (auto error = TextError(s, item, max_chars, TextRule::kOneLine)) return *std::move(error);
    out.emplace_back(s);
  }
  return out;
}

Result<const json::object*> OptObjectAt(const json::object& obj, std::string_view field, const At& at) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return static_cast<const json::object*>(nullptr);
  if (!v->is_object()) return WrongType(path(), "an object", *v);
  return &v->get_object();
}

Result<const json::array*> OptArrayAt(const json::object& obj, std::string_view field, const At& at) {
  const auto path = [&at] { return at.str(); };
  const json::value* v = Lookup(obj, field);
  if (!v) return static_cast<const json::array*>(nullptr);
  if (!v->is_array()) return WrongType(path(), "an array", *v);
  return &v->get_array();
}

// True when some number in `v` overflowed to infinity: Boost.JSON 1.81 reads 1e400 as inf and
// writes it back as `Infinity`, which is not JSON, so a stored copy of the value could never be read
// again (found by fuzz/fuzz_json_body). Depth is bounded by the parser's max_depth.
bool HoldsInfinity(const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: return !std::isfinite(v.get_double());
    case json::kind::array:
      for (const json::value& item : v.get_array())
        if (HoldsInfinity(item)) return true;
      return false;
    case json::kind::object:
      for (const auto& member : v.get_object())
        if (HoldsInfinity(member.value())) return true;
      return false;
    default: return false;
  }
}

template <class T>
Result<T> Require(Result<std::optional<T>> r, const At& at) {
  if (!r) return std::move(r).error();
  if (!r->has_value()) return Required(at.str());
  return std::move(**r);
}

}  // namespace

bool IsJsonContentType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lower(media);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "application/json") return true;
  return lower.starts_with("application/") && lower.ends_with("+json");
}

size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;  // count every byte that is not a continuation byte
  return n;
}

std::string FieldPath(std::string_view prefix, std::string_view field) {
  if (prefix.empty()) return std::string(field);
  std::string out(prefix);
  out += '.';
  out += field;
  return out;
}

std::string FieldPath(std::string_view prefix, size_t index) {
  return std::string(prefix) + "[" + std::to_string(index) + "]";
}

bool IsPresent(const json::object& obj, std::string_view field) { return obj.contains(field); }

Result<json::value> ParseJsonText(std::string_view text, size_t max_depth) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return BodyError("invalid_format", "The body is empty; a JSON object is expected.");
  json::parse_options options;
  options.max_depth = max_depth;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  const size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    // Only whitespace may follow the value; write_some stops at the end of the first value.
    if (text.substr(consumed).find_first_not_of(" \t\r\n") != std::string_view::npos)
      ec = json::error::extra_data;
  }
  if (!ec) parser.finish(ec);
  if (ec) {
    if (ec == json::error::too_deep)
      return BodyError("too_deep", "The JSON nests deeper than " + std::to_string(max_depth) + " levels.");
    const auto [line, column] = LineColumn(text, consumed);
    return BodyError("invalid_format", "Malformed JSON at line " + std::to_string(line) + ", column " +
                                           std::to_string(column) + ": " + ec.message() + ".");
  }
  json::value value = parser.release();
  if (HoldsInfinity(value))
    return BodyError("invalid_format", "A number in the JSON is too large (beyond ±1.8e308).");
  return value;
}

Result<json::object> ParseJsonBody(const Request& request, size_t max_depth) {
  const std::string_view content_type = request.Header("content-type").value_or("");
  if (!IsJsonContentType(content_type))
    return MakeError(ErrorCode::kUnsupportedMediaType, "The body must be JSON (Content-Type: application/json).");
  auto value = ParseJsonText(request.body, max_depth);
  if (!value) return std::move(value).error();
  if (!value->is_object())
    return BodyError("invalid_type", "The body must be a JSON object, not " + std::string(TypeName(*value)) + ".");
  return std::move(value->get_object());
}

Result<std::string> ReadString(const json::object& obj, std::string_view field, size_t max_chars) {
  return StringAt(obj, field, At{{}, field}, max_chars);
}
Result<std::optional<std::string>> OptString(const json::object& obj, std::string_view field, size_t max_chars) {
  return OptStringAt(obj, field, At{{}, field}, max_chars);
}
Result<int64_t> ReadInt(const json::object& obj, std::string_view field, int64_t min, int64_t max) {
  const At at{{}, field};
  return Require(OptIntAt(obj, field, at, min, max), at);
}
Result<std::optional<int64_t>> OptInt(const json::object& obj, std::string_view field, int64_t min, int64_t max) {
  return OptIntAt(obj, field, At{{}, field}, min, max);
}
Result<bool> ReadBool(const json::object& obj, std::string_view field) {
  const At at{{}, field};
  return Require(OptBoolAt(obj, field, at), at);
}
Result<std::optional<bool>> OptBool(const json::object& obj, std::string_view field) {
  return OptBoolAt(obj, field, At{{}, field});
}
Result<std::string> ReadEnum(const json::object& obj, std::string_view field,
                             std::span<const std::string_view> allowed) {
  const At at{{}, field};
  return Require(OptEnumAt(obj, field, at, allowed), at);
}
Result<std::optional<std::string>> OptEnum(const json::object& obj, std::string_view field,
                                           std::span<const std::string_view> allowed) {
  return OptEnumAt(obj, field, At{{}, field}, allowed);
}
Result<std::vector<std::string>> ReadStringArray(const json::object& obj, std::string_view field, size_t max_items,
                                                 size_t max_chars) {
  return StringArrayAt(obj, field, At{{}, field}, max_items, max_chars);
}
Result<const json::object*> OptObject(const json::object& obj, std::string_view field) {
  return OptObjectAt(obj, field, At{{}, field});
}
Result<const json::array*> OptArray(const json::object& obj, std::string_view field) {
  return OptArrayAt(obj, field, At{{}, field});
}

// --- JsonFields -----------------------------------------------------------------------------

JsonFields::JsonFields(const json::object& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

template <class T>
T JsonFields::Take(Result<T> r) {
  if (r) return std::move(*r);
  Error e = std::move(r).error();
  for (FieldError& f : e.fields) errors_.push_back(std::move(f));
  return T{};
}

void JsonFields::Know(std::string_view field) {
  if (std::find(known_.begin(), known_.end(), field) == known_.end()) known_.emplace_back(field);
}

std::string JsonFields::String(std::string_view field, size_t max_chars) {
  Know(field);
  return Take(StringAt(obj_, field, At{prefix_, field}, max_chars));
}
std::optional<std::string> JsonFields::OptString(std::string_view field, size_t max_chars) {
  Know(field);
  return Take(OptStringAt(obj_, field, At{prefix_, field}, max_chars));
}
std::optional<std::string> JsonFields::OptMultilineString(std::string_view field, size_t max_chars) {
  Know(field);
  return Take(OptStringAt(obj_, field, At{prefix_, field}, max_chars, TextRule::kMultiline));
}
std::string JsonFields::Secret(std::string_view field, size_t max_chars) {
  Know(field);
  return Take(StringAt(obj_, field, At{prefix_, field}, max_chars, TextRule::kAny));
}
int64_t JsonFields::Int(std::string_view field, int64_t min, int64_t max) {
  Know(field);
  const At at{prefix_, field};
  return Take(Require(OptIntAt(obj_, field, at, min, max), at));
}
std::optional<int64_t> JsonFields::OptInt(std::string_view field, int64_t min, int64_t max) {
  Know(field);
  return Take(OptIntAt(obj_, field, At{prefix_, field}, min, max));
}
bool JsonFields::Bool(std::string_view field) {
  Know(field);
  const At at{prefix_, field};
  return Take(Require(OptBoolAt(obj_, field, at), at));
}
std::optional<bool> JsonFields::OptBool(std::string_view field) {
  Know(field);
  return Take(OptBoolAt(obj_, field, At{prefix_, field}));
}
std::string JsonFields::Enum(std::string_view field, std::initializer_list<std::string_view> allowed) {
  return Enum(field, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}
std::string JsonFields::Enum(std::string_view field, std::span<const std::string_view> allowed) {
  Know(field);
  const At at{prefix_, field};
  return Take(Require(OptEnumAt(obj_, field, at, allowed), at));
}
std::optional<std::string> JsonFields::OptEnum(std::string_view field,
                                               std::initializer_list<std::string_view> allowed) {
  return OptEnum(field, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}
std::optional<std::string> JsonFields::OptEnum(std::string_view field, std::span<const std::string_view> allowed) {
  Know(field);
  return Take(OptEnumAt(obj_, field, At{prefix_, field}, allowed));
}
std::vector<std::string> JsonFields::StringArray(std::string_view field, size_t max_items, size_t max_chars) {
  Know(field);
  return Take(StringArrayAt(obj_, field, At{prefix_, field}, max_items, max_chars));
}
const json::object* JsonFields::OptObject(std::string_view field) {
  Know(field);
  return Take(OptObjectAt(obj_, field, At{prefix_, field}));
}
const json::array* JsonFields::OptArray(std::string_view field) {
  Know(field);
  return Take(OptArrayAt(obj_, field, At{prefix_, field}));
}

void JsonFields::Add(std::string_view field, std::string reason, std::string message) {
  errors_.push_back({Path(field), std::move(reason), std::move(message)});
}

void JsonFields::Merge(const Error& error) {
  for (const FieldError& f : error.fields) errors_.push_back(f);
}

Status JsonFields::Finish() && {
  for (const auto& member : obj_) {
    const std::string_view key = member.key();
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    // The name is the client's: named (an empty one as ""), but never longer than a real one could be.
    const std::string name = key.empty()      ? std::string("\"\"")
                             : key.size() > 64 ? text::TruncateCodePoints(key, 64) + "…"
                                               : std::string(key);
    const std::string path = Path(name);
    errors_.push_back({path, "unknown_field", path + " is not a field of this request."});
  }
  if (errors_.empty()) return Ok();
  FieldErrors all;
  for (FieldError& f : errors_) all.Add(std::move(f.field), std::move(f.reason), std::move(f.message));
  return std::move(all).ToError();
}

Status JsonFields::Finish() & {
  JsonFields copy = *this;
  return std::move(copy).Finish();
}

Response JsonResponse(int status, const json::value& value) { return Response::Json(status, json::serialize(value)); }

}  // namespace consign::http
