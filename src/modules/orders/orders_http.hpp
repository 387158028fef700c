#pragma once
#include "platform/http/router.hpp"

namespace consign::orders {

// POST/GET /api/v1/orders, GET /api/v1/orders/{id}, its cancel, override, allocate and reveal;
// POST /api/v1/orders/allocate-day; GET /api/v1/carrier-load; GET/PUT /api/v1/allocation-settings.
void RegisterRoutes(http::Router& router);

}  // namespace consign::orders
