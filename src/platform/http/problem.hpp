#pragma once
// RFC 9457 application/problem+json, in the exact shape of docs/api-contract.md:
//   {"type":"/problems/<code>","title":…,"status":…,"code":"<code>","detail":…,"instance":<path>,
//    "request_id":…,"errors":[{"field","reason","message"}]}
// `internal_message` never reaches the client.
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "platform/http/message.hpp"

namespace consign::http {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

// The problem document for `error` (status from error_mapping). `instance` is the request path.
std::string ProblemJson(const Error& error, std::string_view instance, std::string_view request_id);

// A complete response: status from HttpStatus(error.code), problem+json body.
Response ProblemResponse(const Error& error, std::string_view instance, std::string_view request_id);

// For statuses that have no ErrorCode (405 Method Not Allowed, 431, 408): same document shape with
// `code` given explicitly.
Response ProblemResponse(int status, std::string_view code, std::string_view title, std::string_view instance,
                         std::string_view request_id);

}  // namespace consign::http
