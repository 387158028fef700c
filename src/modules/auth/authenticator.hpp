#pragma once
// The auth module's answers to the platform's two questions (platform/http/router.hpp): who is
// calling (Authenticator), and with which permissions of the merged matrix (access.hpp).
//
// Credentials, in order: `Authorization: Bearer <session token>`, `Authorization: Bearer
// ck_<prefix>_<secret>` (an API key), or the `consign_session` cookie. A cookie session must echo its
// CSRF token in X-CSRF-Token on POST/PUT/PATCH/DELETE (403 reason csrf), because a browser sends
// cookies on cross-site requests and a bearer header it never adds by itself. Expired sessions,
// revoked keys and inactive users answer 401. While a user must change the password, every route
// but /api/v1/auth/me, /password and /logout answers 403 reason password_change_required.
#include <memory>
#include <optional>
#include <string>

#include "modules/auth/access.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace consign::auth {

// A principal gets its role's permissions (Matrix::Of), an API key's only those its scopes cover.
// Thread-safe: holds only references to the database and the matrix, which must outlive it.
std::unique_ptr<http::Authenticator> MakeAuthenticator(db::Database& database, const Matrix& matrix);

// The session token a request carries (bearer header or cookie), nullopt for none or an API key.
std::optional<std::string> SessionTokenOf(const http::Request& request);

}  // namespace consign::auth
