#pragma once
#include "platform/http/router.hpp"

namespace consign::tracking {

// POST /api/v1/scans (a carrier's key in X-Carrier-Key; a JSON array of at most 5,000 events, or NDJSON
// of up to 100,000), GET /api/v1/orders/{id}/tracking (orders.read), GET /api/v1/track/{waybill}
// (public, no personal data; at most `track_per_minute` look-ups per client address a minute, 0: no
// limit), GET /api/v1/exceptions and POST /api/v1/exceptions/{id}/resolve (orders.dispatch).
void RegisterRoutes(http::Router& router, int track_per_minute);

}  // namespace consign::tracking
