#include "modules/views/views_http.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "core/text.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "platform/http/problem.hpp"
#include "modules/views/access.hpp"
#include "modules/views/saved_view_service.hpp"

namespace consign::views {

namespace json = boost::json;

namespace {

using http::Fail;

json::object ToJson(const SavedView& view) {
  json::object o;
  o["id"] = view.id.value();
  o["resource"] = view.resource;
  o["name"] = view.name;
  o["query"] = json::parse(view.query_json);
  o["created_at"] = FormatRfc3339(view.created_at);
  return o;
}

http::Response List(const http::Request& request, http::Context& ctx) {
  const std::string resource(request.Query("resource").value_or("customers"));
  auto views = ListOwnViews(ctx, resource);
  if (!views) return Fail(views.error(), request, ctx);
  json::array items;
  for (const SavedView& v : *views) items.push_back(ToJson(v));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response Create(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  SavedView view;
  view.resource = fields.Enum("resource", {"customers", "orders"});
  view.name = fields.String("name", kMaxNameChars);
  if (fields.IsPresent("name") && view.name.find_first_not_of(" \t") == std::string::npos)
    fields.Add("name", "required", "name is required");
  const json::object* query = fields.OptObject("query");
  if (!query && fields.ok()) fields.Add("query", "required", "query must be an object of list filters");
  // The filters are stored and shown again: their names and texts follow the rule of every stored text.
  if (query) {
    for (const auto& filter : *query) {
      const bool unsafe = text::HasUnsafeCharacters(filter.key()) ||
                          (filter.value().is_string() && text::HasUnsafeCharacters(filter.value().get_string()));
      if (unsafe)
        fields.Add(http::FieldPath("query", text::TruncateCodePoints(filter.key(), 64)), "invalid_characters",
                   "a filter holds a control character, a line break or a bidirectional override");
    }
  }
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  view.query_json = json::serialize(*query);
  auto saved = SaveView(ctx, std::move(view));
  if (!saved) return Fail(saved.error(), request, ctx);
  http::Response response = http::JsonResponse(201, ToJson(*saved));
  response.Set("Location", "/api/v1/saved-views/" + std::to_string(saved->id.value()));
  return response;
}

http::Response Delete(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Saved view"), request, ctx);
  if (Status s = DeleteOwnView(ctx, SavedViewId{*id}); !s) return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/saved-views", http::Requires(kRead), List);
  router.Post("/api/v1/saved-views", http::Requires(kCreate), Create);
  router.Delete("/api/v1/saved-views/{id}", http::Requires(kDelete), Delete);
}

}  // namespace consign::views
