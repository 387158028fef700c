#pragma once
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace consign::auth {

// POST /api/v1/auth/login (public), POST /api/v1/auth/logout, GET /api/v1/auth/me,
// POST /api/v1/auth/password (any logged-in user); GET/POST /api/v1/users, GET/PATCH
// /api/v1/users/{id}; GET/POST /api/v1/api-keys, DELETE /api/v1/api-keys/{id}.
// `database` is used by login and password change, which need transactions of their own; `matrix`
// (kept alive by the caller) gives each user's permissions and checks API key scopes; `accounts` (kept
// alive by the caller too) tells whether a portal user's customer account exists.
void RegisterRoutes(http::Router& router, db::Database& database, const Matrix& matrix,
                    const CustomerAccounts& accounts);

}  // namespace consign::auth
