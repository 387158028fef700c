#pragma once
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace consign::auth {

// POST /api/v1/auth/login (public), POST /api/v1/auth/logout, GET /api/v1/auth/me,
// POST /api/v1/auth/password (any logged-in user); GET/POST /api/v1/users, GET/PATCH
// /api/v1/users/{id}; GET/POST /api/v1/api-keys, DELETE /api/v1/api-keys/{id}.
// `database` is used by login and password change, which need transactions of their own.
void Register(http::Router& router, db::Database& database);

}  // namespace consign::auth
