#include "modules/carriers/carriers_http.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_json.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::carriers {

namespace json = boost::json;

namespace {

using http::Fail;

http::Response CarrierResponse(int status, const Carrier& c) {
  http::Response r = http::JsonResponse(status, CarrierToJson(c));
  r.Set("ETag", "\"" + std::to_string(c.revision) + "\"");
  return r;
}

http::Response Answer(const Result<Carrier>& c, int status, const http::Request& request, http::Context& ctx) {
  if (!c) return Fail(c.error(), request, ctx);
  return CarrierResponse(status, *c);
}

std::optional<CarrierId> IdOf(const http::Request& request) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return std::nullopt;
  return CarrierId{*id};
}

json::object KeyJson(const CarrierApiKey& k) {
  auto instant = [](const std::optional<Instant>& t) { return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr); };
  return json::object{{"id", k.id.value()},
                      {"carrier_id", k.carrier_id.value()},
                      {"prefix", "ck_" + k.prefix},
                      {"label", k.label},
                      {"created_at", FormatRfc3339(k.created_at)},
                      {"last_used_at", instant(k.last_used_at)},
                      {"revoked_at", instant(k.revoked_at)}};
}

http::Response List(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  CarrierFilter filter;
  filter.limit = page->limit;
  filter.cursor = page->cursor;
  if (auto raw = request.Query("status"); raw && !raw->empty()) {
    filter.status = ParseCarrierStatus(*raw);
    if (!filter.status)
      return Fail(InvalidField("status", "invalid_enum", "status must be one of: active, suspended"), request, ctx);
  }
  if (auto raw = request.Query("kind"); raw && !raw->empty()) {
    filter.kind = ParseCarrierKind(*raw);
    if (!filter.kind)
      return Fail(InvalidField("kind", "invalid_enum", "kind must be one of: own, subcontracted"), request, ctx);
  }
  filter.covering = std::string(request.Query("covering").value_or(""));
  filter.text = std::string(request.Query("q").value_or(""));
  if (filter.text.size() > 200) return Fail(InvalidField("q", "too_long", "q is at most 200 bytes"), request, ctx);
  auto rows = ListCarriers(ctx, filter);
  if (!rows) return Fail(rows.error(), request, ctx);
  return http::PageResponse(*rows, filter.limit, [](const Carrier& c) { return c.id.value(); },
                            [](const Carrier& c) { return CarrierToJson(c); });
}

http::Response Create(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Carrier carrier;
  ReadCarrierFields(fields, carrier);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto created = CreateCarrier(ctx, std::move(carrier));
  if (!created) return Fail(created.error(), request, ctx);
  http::Response r = CarrierResponse(201, *created);
  r.Set("Location", "/api/v1/carriers/" + std::to_string(created->id.value()));
  return r;
}

http::Response Show(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  return Answer(GetCarrier(ctx, *id), 200, request, ctx);
}

http::Response Edit(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto expected = http::ExpectedVersion(request, "carrier");
  if (!expected) return Fail(expected.error(), request, ctx);
  const std::optional<int> revision = *expected ? std::optional<int>(static_cast<int>(**expected)) : std::nullopt;
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  const json::object& fields_of = *body;
  return Answer(UpdateCarrier(ctx, *id, revision,
                              [&fields_of](Carrier& c) -> Status {
                                http::JsonFields fields(fields_of);
                                ReadCarrierFields(fields, c);
                                return fields.Finish();
                              }),
                200, request, ctx);
}

http::Response Suspend(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  std::string reason = fields.OptString("reason", 500).value_or("");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return Answer(SuspendCarrier(ctx, *id, std::move(reason)), 200, request, ctx);
}

http::Response Resume(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  return Answer(ResumeCarrier(ctx, *id), 200, request, ctx);
}

http::Response ListKeys(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto keys = ListApiKeys(ctx, *id);
  if (!keys) return Fail(keys.error(), request, ctx);
  json::array items;
  for (const CarrierApiKey& k : *keys) items.push_back(KeyJson(k));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response CreateKey(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  std::string label = fields.OptString("label", 100).value_or("");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto made = CreateApiKey(ctx, *id, std::move(label));
  if (!made) return Fail(made.error(), request, ctx);
  json::object o = KeyJson(made->key);
  o["key"] = made->secret;  // shown this once
  http::Response r = http::JsonResponse(201, o);
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response RevokeKey(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  auto key_id = http::ParsePositiveInt(request.PathParam("key_id"));
  if (!id || !key_id) return Fail(NotFound("API key"), request, ctx);
  if (Status s = RevokeApiKey(ctx, *id, CarrierApiKeyId{*key_id}); !s) return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/carriers", http::Requires(kRead), List);
  router.Post("/api/v1/carriers", http::Requires(kManage), Create);
  router.Get("/api/v1/carriers/{id}", http::Requires(kRead), Show);
  router.Patch("/api/v1/carriers/{id}", http::Requires(kManage), Edit);
  router.Post("/api/v1/carriers/{id}/suspend", http::Requires(kManage), Suspend);
  router.Post("/api/v1/carriers/{id}/resume", http::Requires(kManage), Resume);
  router.Get("/api/v1/carriers/{id}/api-keys", http::Requires(kKeys), ListKeys);
  router.Post("/api/v1/carriers/{id}/api-keys", http::Requires(kKeys), CreateKey);
  router.Delete("/api/v1/carriers/{id}/api-keys/{key_id}", http::Requires(kKeys), RevokeKey);
}

}  // namespace consign::carriers
