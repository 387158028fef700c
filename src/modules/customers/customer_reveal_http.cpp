// POST /api/v1/customers/{id}/reveal and GET /api/v1/customers/{id}/access-log: parse, call
// customer_reveal.hpp, answer.
#include <boost/json.hpp>

#include "modules/audit/access.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_reveal.hpp"
#include "modules/customers/customers_http.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "platform/http/problem.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

using http::Fail;


// {"field": "contact.phone", "contact_id": 12, "reason": "delivery_problem", "reason_text": "…"}:
// every mistake named at once, unknown members included (JsonFields::Finish).
Result<std::pair<RevealTarget, audit::StatedReason>> ParseRevealBody(const json::object& body) {
  http::JsonFields in(body);
  const std::optional<std::string> field = in.OptString("field", 40);
  const std::optional<int64_t> contact_id = in.OptInt("contact_id", 1);
  const std::optional<int64_t> address_id = in.OptInt("address_id", 1);
  const std::optional<std::string> reason = in.OptString("reason", 40);
  const std::optional<std::string> reason_text = in.OptString("reason_text", audit::kMaxReasonText);
  if (Status read = in.Finish(); !read) return read.error();
  auto target = ParseRevealTarget(field, contact_id, address_id);
  if (!target) in.Merge(target.error());
  auto stated = audit::ParseReason(reason, reason_text);
  if (!stated) in.Merge(stated.error());
  if (Status checked = in.Finish(); !checked) return checked.error();
  return std::pair{*target, *stated};
}

http::Response RevealHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto parsed = ParseRevealBody(*body);
  if (!parsed) return Fail(parsed.error(), request, ctx);
  const auto& [target, reason] = *parsed;
  std::chrono::seconds retry_after{0};
  auto value = Reveal(ctx, *id, target, reason, &retry_after);
  if (!value) {
    http::Response r = Fail(value.error(), request, ctx);
    if (value.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  json::object out{{"field", RevealFieldName(target.field)}};
  if (target.contact_id) out["contact_id"] = target.contact_id->value();
  if (target.address_id) out["address_id"] = target.address_id->value();
  out["value"] = *value;
  http::Response r = http::JsonResponse(200, out);
  r.Set("Cache-Control", "no-store");
  return r;
}

// One reveal as the access log shows it: who, when, which value, why, and whether it was refused.
json::object AccessLogItem(const audit::AuditEntryView& e) {
  json::object item{{"id", e.id},
                    {"at", FormatRfc3339(e.at)},
                    {"actor", json::object{{"id", e.actor_user_id ? json::value(*e.actor_user_id) : json::value(nullptr)},
                                           {"login", e.actor_login}}},
                    {"outcome", e.action == audit::action::kPiiRevealRefused ? "refused" : "revealed"}};
  std::error_code ec;
  json::value snapshot = e.after_json ? json::parse(*e.after_json, ec) : json::value(nullptr);
  if (!ec && snapshot.is_object())
    for (std::string_view key : {"field", "contact_id", "address_id", "reason", "reason_text"})
      if (const json::value* v = snapshot.as_object().if_contains(key)) item[key] = *v;
  return item;
}

http::Response AccessLogHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  // One more than asked tells whether another page exists.
  auto entries = AccessLog(ctx, *id, page->limit + 1, page->cursor);
  if (!entries) return Fail(entries.error(), request, ctx);
  return http::PageResponse(*entries, page->limit, [](const auto& e) { return e.id; }, AccessLogItem);
}

}  // namespace

void RegisterRevealRoutes(http::Router& router) {
  router.Post("/api/v1/customers/{id}/reveal", http::Requires(audit::kPiiView), RevealHandler);
  router.Get("/api/v1/customers/{id}/access-log", http::Requires(kAccessLog), AccessLogHandler);
}

}  // namespace consign::customers
