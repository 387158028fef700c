#include "modules/auth/user.hpp"

#include "core/text.hpp"

namespace consign::auth {

Status CheckLogin(std::string_view login) {
  if (login.empty()) return InvalidField("login", "required", "login is required");
  if (login.size() < 2) return InvalidField("login", "invalid_format", "a login has at least 2 characters");
  if (login.size() > kMaxLoginChars) return InvalidField("login", "too_long", "a login has at most 64 characters");
  for (char c : login) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok)
      return InvalidField("login", "invalid_format",
                          "a login uses only lower-case letters, digits and . _ - @");
  }
  return Ok();
}

Status CheckUserName(std::string_view name) {
  if (text::CodePointCount(name) > kMaxUserNameChars)
    return InvalidField("name", "too_long", "a name has at most 100 characters");
  if (text::HasUnsafeCharacters(name))
    return InvalidField("name", "invalid_characters", "a name holds no control characters, line breaks or bidirectional overrides");
  return Ok();
}

Status CheckRoleLinks(Role role, const std::optional<CustomerId>& customer_id) {
  if (role == Role::kPortal && !customer_id)
    return InvalidField("customer_id", "required", "a portal user must belong to a customer account");
  if (role != Role::kPortal && customer_id)
    return InvalidField("customer_id", "invalid_format", "only portal users belong to a customer account");
  return Ok();
}

Principal PrincipalOf(const User& user) {
  Principal p;
  p.authenticated = true;
  p.user_id = user.id;
  p.login = user.login;
  p.role = user.role;
  p.team_id = user.team_id;
  p.customer_id = user.customer_id;
  return p;
}

}  // namespace consign::auth
