#include "modules/geo/divisions_http.hpp"

#include <boost/json.hpp>

#include "modules/geo/china_divisions.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::geo {

namespace json = boost::json;

namespace {

// {"version": "...", "provinces": [{"code", "name", "municipality", "children": [cities {"code", "name",
// "children": [districts {"code", "name"}]}]}]} — one "children" name at every level, as tree pickers
// read it.
std::string DivisionsBody() {
  const auto cities = Cities();
  const auto districts = Districts();
  json::array provinces;
  for (const Province& p : Provinces()) {
    json::array city_items;
    for (uint32_t c = p.first_city; c < p.first_city + p.city_count; ++c) {
      const City& city = cities[c];
      json::array district_items;
      for (uint32_t d = city.first_district; d < city.first_district + city.district_count; ++d)
        district_items.push_back(json::object{{"code", districts[d].code}, {"name", districts[d].name}});
      city_items.push_back(
          json::object{{"code", city.code}, {"name", city.name}, {"children", std::move(district_items)}});
    }
    provinces.push_back(json::object{{"code", p.code},
                                     {"name", p.name},
                                     {"municipality", p.municipality},
                                     {"children", std::move(city_items)}});
  }
  return json::serialize(json::object{{"version", DivisionsVersion()}, {"provinces", std::move(provinces)}});
}

// Whether an If-None-Match header names `etag` (a list of tags, weak ones included, or "*").
bool NoneMatchNames(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

http::Response DivisionsHandler(const http::Request& request, http::Context&) {
  // Built once, on first use (thread-safe: a function-local static), from constant data.
  static const std::string body = DivisionsBody();
  static const std::string etag = "\"divisions-" + std::string(DivisionsVersion()) + "\"";
  http::Response r;
  if (auto none_match = request.Header("if-none-match"); none_match && NoneMatchNames(*none_match, etag)) {
    r.status = 304;
    r.content_type.clear();
  } else {
    r = http::Response::Json(200, body);
  }
  r.Set("ETag", etag);
  // private: the route asks for a signed-in user, so no shared cache may keep it for others.
  r.Set("Cache-Control", "private, max-age=86400");
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.GetShared("/api/v1/divisions", http::Authenticated(), DivisionsHandler);
}

}  // namespace consign::geo
