#pragma once
#include "platform/http/router.hpp"

namespace consign::carriers {

// GET/POST /api/v1/carriers, GET/PATCH /api/v1/carriers/{id}, POST .../suspend and .../resume,
// GET/POST /api/v1/carriers/{id}/api-keys, DELETE /api/v1/carriers/{id}/api-keys/{key_id}.
void RegisterRoutes(http::Router& router);

}  // namespace consign::carriers
