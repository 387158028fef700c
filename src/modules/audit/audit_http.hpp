#pragma once
#include "platform/http/router.hpp"

namespace consign::audit {

// GET /api/v1/audit?entity=&entity_id=&limit=&cursor= (audit.read): entries newest first, snapshots
// masked for everyone. GET /api/v1/alerts?limit=&cursor= (alerts.read): alerts newest first.
void RegisterRoutes(http::Router& router);

}  // namespace consign::audit
