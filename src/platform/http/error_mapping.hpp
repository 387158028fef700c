#pragma once
// THE table from ErrorCode to HTTP status (docs/api-contract.md). Nothing else in the program decides
// a status for an Error.
#include "core/error.hpp"

namespace consign::http {

// The HTTP status for an error code. Total: every enumerator has exactly one status.
int HttpStatus(ErrorCode code);

// The reason phrase for a status ("Not Found"); "Unknown" for statuses Consign never sends.
std::string_view StatusTitle(int status);

}  // namespace consign::http
