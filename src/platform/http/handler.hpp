#pragma once
// What the handlers of every module share: answering an Error as problem+json, reading a positive
// id from a path or query parameter, an Idempotency-Key, and the `limit` and `cursor` of a list paged
// by id.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/problem.hpp"
#include "platform/http/router.hpp"

namespace consign::http {

inline Response Fail(const Error& error, const Request& request, const Context& ctx) {
  return ProblemResponse(error, request.path, ctx.request_id());
}

// A positive whole number ("42"); nullopt for anything else ("0", "-1", "4x", "").
inline std::optional<int64_t> ParsePositiveInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// The version a write expects, from If-Match: "3" (or W/"3", or 3); nullopt when absent. An
// unreadable value is an error naming If-Match; `what` names the record in its message ("customer").
inline Result<std::optional<int64_t>> ExpectedVersion(const Request& request, std::string_view what) {
  auto header = request.Header("if-match");
  if (!header) return std::optional<int64_t>{};
  std::string_view v = *header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  auto version = ParsePositiveInt(v);
  if (!version || *version > INT32_MAX)
    return InvalidField("If-Match", "invalid_format",
                        "If-Match must be the ETag of the " + std::string(what) + ", e.g. \"3\"");
  return std::optional<int64_t>{*version};
}

// The Idempotency-Key of a create: 1 to 200 characters; nullopt when absent. Any other length is an
// error naming Idempotency-Key (invalid_format).
inline Result<std::optional<std::string>> IdempotencyKey(const Request& request) {
  auto header = request.Header("idempotency-key");
  if (!header) return std::optional<std::string>{};
  if (header->empty() || header->size() > 200)
    return InvalidField("Idempotency-Key", "invalid_format", "Idempotency-Key must be 1 to 200 characters");
  return std::optional<std::string>{std::string(*header)};
}

// `limit` (1..200, default 50) and `cursor` (an id from a previous page's next_cursor; pages go on
// past it) of a list paged by id, as PageResponse (json.hpp) answers it. Errors name the parameter.
struct IdPage {
  int limit = 50;
  std::optional<int64_t> cursor;
};
inline Result<IdPage> ParseIdPage(const Request& request) {
  IdPage page;
  if (auto raw = request.Query("limit")) {
    auto parsed = ParsePositiveInt(*raw);
    if (!parsed || *parsed > 200) return InvalidField("limit", "out_of_range", "limit must be a whole number from 1 to 200");
    page.limit = static_cast<int>(*parsed);
  }
  if (auto raw = request.Query("cursor"); raw && !raw->empty()) {
    page.cursor = ParsePositiveInt(*raw);
    if (!page.cursor) return InvalidField("cursor", "invalid_format", "cursor must come from next_cursor");
  }
  return page;
}

}  // namespace consign::http
