#pragma once
#include "modules/audit/group_appender.hpp"
#include "platform/http/router.hpp"

namespace consign::customers {

// GET/POST /api/v1/customers, GET/PATCH /api/v1/customers/{id}, POST …/archive and …/restore,
// GET …/history, GET /api/v1/industry-templates, imports and exports. Unmasked views are audited
// through `views`, which must outlive the router.
void RegisterRoutes(http::Router& router, audit::GroupAppender& views);

}  // namespace consign::customers
