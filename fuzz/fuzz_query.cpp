// Request targets and query strings: http::ParseTarget, as the server calls it on every request
// line, then Request::Query/QueryAll, and the Cookie header reader on the same bytes.
// Invariants: a target that parses keeps the text as received, has a path starting with '/' and
// without NUL; re-encoding the decoded path and pairs (every byte but the unreserved ones
// percent-encoded) parses back to the same path and pairs; Query finds the first pair of a name and
// QueryAll every one; a cookie value never holds the ';' that separates cookies.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "core/text.hpp"
#include "platform/http/message.hpp"

namespace {

namespace http = consign::http;

// RFC 3986 percent-encoding of everything but unreserved characters (and '/' in a path).
std::string Encode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  http::Request request;
  if (http::ParseTarget(text, request)) {
    FUZZ_CHECK(request.target == text);
    FUZZ_CHECK(!request.path.empty() && request.path.front() == '/');
    FUZZ_CHECK(request.path.find('\0') == std::string::npos);
    FUZZ_CHECK(consign::text::IsValidUtf8(request.path));
    for (const auto& [name, value] : request.query)
      FUZZ_CHECK(consign::text::IsValidUtf8(name) && consign::text::IsValidUtf8(value));

    std::string target = Encode(request.path, /*keep_slash=*/true);
    if (!request.query.empty() || text.find('?') != std::string_view::npos) {
      target += '?';
      for (size_t i = 0; i < request.query.size(); ++i) {
        if (i > 0) target += '&';
        target += Encode(request.query[i].first, false) + "=" + Encode(request.query[i].second, false);
      }
    }
    http::Request again;
    FUZZ_CHECK(http::ParseTarget(target, again));
    FUZZ_CHECK(again.path == request.path);
    // "?" alone is no pair; "?&" are two empty ones and come back as two "=" pairs.
    FUZZ_CHECK(again.query.size() == request.query.size() || (request.query.empty() && again.query.size() == 1));
    for (size_t i = 0; i < request.query.size() && i < again.query.size(); ++i) FUZZ_CHECK(again.query[i] == request.query[i]);

    for (const auto& [name, value] : request.query) {
      const auto first = request.Query(name);
      FUZZ_CHECK(first.has_value());
      const auto all = request.QueryAll(name);
      FUZZ_CHECK(!all.empty() && all.front() == *first);
    }
  }

  http::Request with_cookie;
  with_cookie.headers = {{"cookie", std::string(text)}};
  for (std::string_view name : {"consign_session", "csrf", ""}) {
    if (auto value = with_cookie.Cookie(name)) FUZZ_CHECK(value->find(';') == std::string_view::npos);
  }
  return 0;
}
