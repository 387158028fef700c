#pragma once
#include "platform/http/router.hpp"

namespace consign::sales {

// /api/v1/leads…, /api/v1/opportunities…, /api/v1/sales/score-weights, /api/v1/sales/region-rules,
// /api/v1/sales/pipeline-report.
void RegisterRoutes(http::Router& router);

}  // namespace consign::sales
