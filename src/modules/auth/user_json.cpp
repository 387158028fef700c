#include "modules/auth/user_json.hpp"

#include <boost/json/array.hpp>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "platform/http/json_writer.hpp"

namespace consign::auth {

namespace json = boost::json;

namespace {

json::value OptId(const auto& id) { return id ? json::value(id->value()) : json::value(nullptr); }

}  // namespace

json::object UserJson(const User& u, const PermissionSet& held) {
  json::array permissions;
  for (const Permission& p : held.items()) permissions.emplace_back(p.Name());
  return json::object{{"id", u.id.value()},
                      {"login", u.login},
                      {"name", u.name},
                      {"role", RoleName(u.role)},
                      {"team_id", OptId(u.team_id)},
                      {"customer_id", OptId(u.customer_id)},
                      {"must_change_password", u.must_change_password},
                      {"active", u.active},
                      {"permissions", std::move(permissions)},
                      {"created_at", FormatRfc3339(u.created_at)},
                      {"updated_at", FormatRfc3339(u.updated_at)}};
}

std::string MeJsonText(const User& u, const PermissionSet& held, const std::optional<std::string>& csrf_token) {
  http::JsonWriter w;
  w.BeginObject();
  w.Key("user");
  w.BeginObject();
  w.Key("id");
  w.Int(u.id.value());
  w.Key("login");
  w.String(u.login);
  w.Key("name");
  w.String(u.name);
  w.Key("role");
  w.String(RoleName(u.role));
  w.Key("team_id");
  w.IntOrNull(u.team_id ? std::optional<int64_t>(u.team_id->value()) : std::nullopt);
  w.Key("customer_id");
  w.IntOrNull(u.customer_id ? std::optional<int64_t>(u.customer_id->value()) : std::nullopt);
  w.Key("must_change_password");
  w.Bool(u.must_change_password);
  w.Key("active");
  w.Bool(u.active);
  w.Key("permissions");
  w.BeginArray();
  for (const Permission& p : held.items()) w.String(p.Name());
  w.EndArray();
  w.Key("created_at");
  w.String(FormatRfc3339(u.created_at));
  w.Key("updated_at");
  w.String(FormatRfc3339(u.updated_at));
  w.EndObject();
  w.Key("csrf_token");
  if (csrf_token) w.String(*csrf_token);
  else w.Null();
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace consign::auth
