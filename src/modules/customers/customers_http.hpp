#pragma once
#include "modules/audit/group_appender.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/http/router.hpp"

namespace consign::customers {

// GET/POST /api/v1/customers, GET/PATCH /api/v1/customers/{id}, POST …/archive and …/restore,
// GET …/history, GET /api/v1/industry-templates, imports and exports. Unmasked views are audited
// through `views`; list cursors are sealed and opened with `cursor_key`. Both must outlive the router;
// the key may be set after this call, before the first request.
void RegisterRoutes(http::Router& router, audit::GroupAppender& views, const CursorKey& cursor_key);

}  // namespace consign::customers
