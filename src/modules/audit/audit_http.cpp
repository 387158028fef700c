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

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

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

// limit (1..kMaxLimit, default kDefaultLimit) and cursor (an id from next_cursor) of a list.
struct Page {
  int limit = kDefaultLimit;
  std::optional<int64_t> before_id;
};

Result<Page> ParsePage(const http::Request& request) {
  Page page;
  if (auto raw = request.Query("limit")) {
    auto parsed = http::ParsePositiveInt(*raw);
    if (!parsed || *parsed > kMaxLimit)
      return InvalidField("limit", "out_of_range", "limit must be a whole number from 1 to 200");
    page.limit = static_cast<int>(*parsed);
  }
  if (auto raw = request.Query("cursor"); raw && !raw->empty()) {
    page.before_id = http::ParsePositiveInt(*raw);
    if (!page.before_id) return InvalidField("cursor", "invalid_format", "cursor must come from next_cursor");
  }
  return page;
}

http::Response ListEntries(const http::Request& request, http::Context& ctx) {
  auto fail = [&](const Error& e) { return http::ProblemResponse(e, request.path, ctx.request_id()); };
  auto page = ParsePage(request);
  if (!page) return fail(page.error());
  const int limit = page->limit;
  std::optional<std::string_view> entity = request.Query("entity");
  std::optional<std::string_view> entity_id = request.Query("entity_id");
  if (entity && entity->empty()) entity.reset();
  if (entity_id && entity_id->empty()) entity_id.reset();
  if (entity_id && !entity)
    return fail(InvalidField("entity", "required", "entity_id needs entity (e.g. entity=customer)"));

  // One more than asked tells whether another page exists.
  auto entries = ListTrail(ctx, entity, entity_id, limit + 1, page->before_id);
  if (!entries) return fail(entries.error());
  json::array items;
  json::value next_cursor = nullptr;
  for (size_t i = 0; i < entries->size(); ++i) {
    if (static_cast<int>(i) == limit) {
      next_cursor = std::to_string((*entries)[i - 1].id);
      break;
    }
    items.push_back(ToJson((*entries)[i]));
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", next_cursor}});
}

http::Response ListAlertsHandler(const http::Request& request, http::Context& ctx) {
  auto fail = [&](const Error& e) { return http::ProblemResponse(e, request.path, ctx.request_id()); };
  auto page = ParsePage(request);
  if (!page) return fail(page.error());
  auto alerts = ListAlerts(ctx, page->limit + 1, page->before_id);
  if (!alerts) return fail(alerts.error());
  json::array items;
  json::value next_cursor = nullptr;
  for (size_t i = 0; i < alerts->size(); ++i) {
    if (static_cast<int>(i) == page->limit) {
      next_cursor = std::to_string((*alerts)[i - 1].id);
      break;
    }
    const Alert& a = (*alerts)[i];
    json::object user{{"id", a.user_id ? json::value(*a.user_id) : json::value(nullptr)}, {"login", a.login}};
    items.push_back(json::object{{"id", a.id},
                                 {"at", FormatRfc3339(a.at)},
                                 {"kind", a.kind},
                                 {"user", std::move(user)},
                                 {"detail", Snapshot(a.detail_json)}});
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", next_cursor}});
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/audit", http::Requires(kRead), ListEntries);
  router.Get("/api/v1/alerts", http::Requires(kAlertsRead), ListAlertsHandler);
}

}  // namespace consign::audit
