#pragma once
// Expected failures as values. See STYLE.md §3: every ErrorCode maps to one HTTP status in
// platform/http/error_mapping.cpp; nothing else in the program decides a status.
#include <string>
#include <utility>
#include <vector>

namespace consign {

enum class ErrorCode {
  kInvalidArgument,     // 400/422: the request names a field that is wrong
  kNotFound,            // 404
  kConflict,            // 409: duplicate code, concurrent claim
  kForbidden,           // 403: authenticated but not allowed
  kUnauthenticated,     // 401
  kInvalidState,        // 409: illegal state transition (archived account edited, ...)
  kPreconditionFailed,  // 412: stale If-Match version
  kPreconditionRequired,// 428: update without If-Match
  kPayloadTooLarge,     // 413
  kUnsupportedMediaType,// 415
  kTooManyRequests,     // 429: login throttling, rate limits
  kUnavailable,         // 503: pool exhausted, shutting down
  kInternal,            // 500: a bug or broken infrastructure
};

// One problem with one field. `reason` is a stable machine word the UI translates
// (e.g. "required", "invalid_phone", "too_long"); `message` is English for programs.
struct FieldError {
  std::string field;
  std::string reason;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string public_message;    // safe to show the client
  std::string internal_message;  // logs only; may name tables, SQL, hosts
  std::vector<FieldError> fields;

  // The first field named, or empty.
  const std::string& field() const {
    static const std::string kEmpty;
    return fields.empty() ? kEmpty : fields.front().field;
  }
};

inline Error MakeError(ErrorCode code, std::string public_message) {
  return Error{code, std::move(public_message), {}, {}};
}
inline Error InvalidField(std::string field, std::string reason, std::string message) {
  Error e{ErrorCode::kInvalidArgument, "The request has invalid fields.", {}, {}};
  e.fields.push_back({std::move(field), std::move(reason), std::move(message)});
  return e;
}
inline Error NotFound(std::string what) {
  return MakeError(ErrorCode::kNotFound, std::move(what) + " not found.");
}
inline Error Forbidden(std::string message = "You are not allowed to do this.") {
  return MakeError(ErrorCode::kForbidden, std::move(message));
}
inline Error Conflict(std::string field, std::string reason, std::string message) {
  Error e{ErrorCode::kConflict, message, {}, {}};
  e.fields.push_back({std::move(field), std::move(reason), std::move(message)});
  return e;
}
inline Error Internal(std::string internal_message) {
  return Error{ErrorCode::kInternal, "Internal error.", std::move(internal_message), {}};
}

// Collects field errors so a form reports all its mistakes at once.
class FieldErrors {
 public:
  void Add(std::string field, std::string reason, std::string message) {
    fields_.push_back({std::move(field), std::move(reason), std::move(message)});
  }
  bool empty() const { return fields_.empty(); }
  Error ToError() && {
    return Error{ErrorCode::kInvalidArgument, "The request has invalid fields.", {}, std::move(fields_)};
  }

 private:
  std::vector<FieldError> fields_;
};

std::string_view ErrorCodeName(ErrorCode code);

}  // namespace consign
