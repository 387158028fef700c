#pragma once
#include "platform/http/router.hpp"

namespace consign::tracking {

// POST /api/v1/scans (a carrier's key in X-Carrier-Key; a JSON array of at most 5,000 events, or NDJSON
// of up to 100,000), GET /api/v1/orders/{id}/tracking (orders.read), GET /api/v1/track/{waybill}
// (public, no personal data).
void RegisterRoutes(http::Router& router);

}  // namespace consign::tracking
