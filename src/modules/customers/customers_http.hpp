#pragma once
#include "platform/http/router.hpp"

namespace consign::customers {

// GET/POST /api/v1/customers, GET/PATCH /api/v1/customers/{id}, POST …/archive and …/restore,
// GET …/history, GET /api/v1/industry-templates.
void Register(http::Router& router);

}  // namespace consign::customers
