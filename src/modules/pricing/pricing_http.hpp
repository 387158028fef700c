#pragma once
#include "platform/http/router.hpp"

namespace consign::pricing {

// POST /api/v1/quotes; GET /api/v1/service-products; GET/PUT /api/v1/zone-matrix;
// GET/POST /api/v1/rate-cards, GET/PUT /api/v1/rate-cards/{id}, POST …/{id}/activate, POST …/{id}/end.
void RegisterRoutes(http::Router& router);

}  // namespace consign::pricing
