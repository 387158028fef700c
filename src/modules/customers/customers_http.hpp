#pragma once
#include <boost/json/value.hpp>
#include <optional>

#include "modules/customers/answer_cache.hpp"
#include "modules/customers/brand_store.hpp"
#include "modules/customers/customer_export_service.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/http/router.hpp"

namespace consign::jobs {
class JobRunner;
}

namespace consign::customers {

// GET/POST /api/v1/customers, GET/PATCH /api/v1/customers/{id}, POST …/archive and …/restore,
// GET …/history, GET /api/v1/industry-templates, imports and exports. List cursors are sealed and
// opened with `cursor_key`, which must outlive the router; it may be set after this call, before the
// first request.
void RegisterRoutes(http::Router& router, const CursorKey& cursor_key, AnswerCache& answers);

// POST /api/v1/customers/{id}/reveal (pii.view) and GET /api/v1/customers/{id}/access-log
// (customers.access_log): customer_reveal_http.cpp.
void RegisterRevealRoutes(http::Router& router);

// GET /api/v1/customers/export, GET /api/v1/customers/exports/{id} and …/{id}/file
// (customer_export_http.cpp). `runner` is woken when a background export is queued. All three
// arguments must outlive the router.
void RegisterExportRoutes(http::Router& router, const CursorKey& cursor_key, const ExportSettings& settings,
                          jobs::JobRunner& runner);

// POST /api/v1/customers/bulk (customer_bulk_http.cpp): one action on up to 500 accounts.
void RegisterBulkRoutes(http::Router& router);

// PATCH and DELETE /api/v1/customers/{id}/brand (customers.update), GET /api/v1/brand-logos/{sha256}
// (public): brand_http.cpp.
void RegisterBrandRoutes(http::Router& router);

// An account's brand as the API shows it (GET /api/v1/customers/{id}, PATCH …/brand): null, or
// {primary_color, logo_url, logo_type, logo_bytes, updated_at}.
boost::json::value BrandJson(const std::optional<StoredBrand>& brand);

// The filters of GET /api/v1/customers, which the export takes too. kInvalidArgument naming each bad one.
Result<ListQuery> ParseListQuery(const http::Request& request, const CursorKey& cursor_key);

}  // namespace consign::customers
