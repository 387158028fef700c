#include "core/error.hpp"

namespace consign {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kInvalidState: return "invalid_state";
    case ErrorCode::kPreconditionFailed: return "precondition_failed";
    case ErrorCode::kPreconditionRequired: return "precondition_required";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace consign
