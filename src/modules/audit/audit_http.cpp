#include "modules/audit/audit_http.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <system_error>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "platform/http/problem.hpp"

namespace consign::audit {

namespace json = boost::json;

namespace {

// Stored snapshots are JSON written by the modules; show them as JSON, or as text if one is not.
json::value Snapshot(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  std::error_code ec;
  json::value v = json::parse(*text, ec);
  if (ec) return json::value(*text);
  return v;
}

json::object ToJson(const AuditEntryView& e) {
  json::object actor;
  actor["id"] = e.actor_user_id ? json::value(*e.actor_user_id) : json::value(nullptr);
  actor["login"] = e.actor_login;
  return json::object{{"id", e.id},
                      {"at", FormatRfc3339(e.at)},
                      {"actor", std::move(actor)},
                      {"action", e.action},
                      {"entity", e.entity},
                      {"entity_id", e.entity_id},
                      {"before", Snapshot(e.before_json)},
                      {"after", Snapshot(e.after_json)},
                      {"request_id", e.request_id}};
}

http::Response ListEntries(const http::Request& request, http::Context& ctx) {
  auto fail = [&](const Error& e) { return http::ProblemResponse(e, request.path, ctx.request_id()); };
  auto page = http::ParseIdPage(request);
  if (!page) return fail(page.error());
  const int limit = page->limit;
  std::optional<std::string_view> entity = request.Query("entity");
  std::optional<std::string_view> entity_id = request.Query("entity_id");
  if (entity && entity->empty()) entity.reset();
  if (entity_id && entity_id->empty()) entity_id.reset();
  if (entity_id && !entity)
    return fail(InvalidField("entity", "required", "entity_id needs entity (e.g. entity=customer)"));

  // One more than asked tells whether another page exists.
  auto entries = ListTrail(ctx, entity, entity_id, limit + 1, page->cursor);
  if (!entries) return fail(entries.error());
  return http::PageResponse(*entries, limit, [](const auto& e) { return e.id; }, [](const auto& e) { return ToJson(e); });
}

http::Response ListAlertsHandler(const http::Request& request, http::Context& ctx) {
  auto fail = [&](const Error& e) { return http::ProblemResponse(e, request.path, ctx.request_id()); };
  auto page = http::ParseIdPage(request);
  if (!page) return fail(page.error());
  auto alerts = ListAlerts(ctx, page->limit + 1, page->cursor);
  if (!alerts) return fail(alerts.error());
  return http::PageResponse(*alerts, page->limit, [](const Alert& a) { return a.id; }, [](const Alert& a) {
    json::object user{{"id", a.user_id ? json::value(*a.user_id) : json::value(nullptr)}, {"login", a.login}};
    return json::object{{"id", a.id},
                        {"at", FormatRfc3339(a.at)},
                        {"kind", a.kind},
                        {"user", std::move(user)},
                        {"detail", Snapshot(a.detail_json)}};
  });
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/audit", http::Requires(kRead), ListEntries);
  router.Get("/api/v1/alerts", http::Requires(kAlertsRead), ListAlertsHandler);
}

}  // namespace consign::audit
