#pragma once
// A user as the API shows it. HTTP-layer code (Boost.JSON): auth's handlers only.
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/permission.hpp"
#include "modules/auth/user.hpp"

namespace consign::auth {

// `held`: what the user may do (their role's, or the calling key's for /me).
boost::json::object UserJson(const User& u, const PermissionSet& held);
// The answer of GET /api/v1/auth/me, {"user": UserJson(u, held), "csrf_token": …} (null without a
// session), written straight to text: the bytes of serialising the Boost.JSON form, without building
// it (a test holds the two together).
std::string MeJsonText(const User& u, const PermissionSet& held, const std::optional<std::string>& csrf_token);

}  // namespace consign::auth
