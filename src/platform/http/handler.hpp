#pragma once
// What the handlers of every module share: answering an Error as problem+json, and reading a
// positive id from a path or query parameter.
#include <charconv>
#include <cstdint>
#include <optional>
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

}  // namespace consign::http
