#pragma once
#include "modules/customers/customer_store.hpp"
#include "platform/http/router.hpp"

namespace consign::customers {

// GET/POST /api/v1/customers, GET/PATCH /api/v1/customers/{id}, POST …/archive and …/restore,
// GET …/history, GET /api/v1/industry-templates, imports and exports. List cursors are sealed and
// opened with `cursor_key`, which must outlive the router; it may be set after this call, before the
// first request.
void RegisterRoutes(http::Router& router, const CursorKey& cursor_key);

// POST /api/v1/customers/{id}/reveal (pii.view) and GET /api/v1/customers/{id}/access-log
// (customers.access_log): customer_reveal_http.cpp.
void RegisterRevealRoutes(http::Router& router);

}  // namespace consign::customers
