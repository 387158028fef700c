#pragma once
#include "modules/audit/group_appender.hpp"
#include "platform/http/router.hpp"

namespace consign::audit {

// GET /api/v1/audit?entity=&entity_id=&limit=&cursor= (audit.read): entries newest first, snapshots
// masked without pii.view; an unmasked page is recorded through `views` (which must outlive the router).
void RegisterRoutes(http::Router& router, GroupAppender& views);

}  // namespace consign::audit
