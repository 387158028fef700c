#pragma once
#include "platform/http/router.hpp"

namespace consign::views {

// GET/POST /api/v1/saved-views, DELETE /api/v1/saved-views/{id}.
void RegisterRoutes(http::Router& router);

}  // namespace consign::views
