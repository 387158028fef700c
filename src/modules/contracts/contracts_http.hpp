#pragma once
#include "platform/http/router.hpp"

namespace consign::contracts {

// /api/v1/contracts…, /api/v1/contract-inbox, /api/v1/contract-approval-rules (README lists them).
void RegisterRoutes(http::Router& router);

}  // namespace consign::contracts
