// POST /api/v1/customers/bulk: parse → RunBulk → one result per id.
#include <boost/json.hpp>

#include <set>

#include "modules/customers/access.hpp"
#include "modules/customers/customer_bulk_service.hpp"
#include "modules/customers/customers_http.hpp"
#include "platform/http/error_mapping.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

using http::Fail;

Result<BulkRequest> ParseBulkRequest(const json::object& body) {
  http::JsonFields f(body);
  BulkRequest request;
  const std::string action = f.Enum("action", kBulkActions);
  if (auto parsed = ParseBulkAction(action)) request.action = *parsed;
  request.owner_id = f.OptInt("owner_id", 1);
  request.tag = f.OptString("tag", 30).value_or("");
  if (const json::array* ids = f.OptArray("ids"); !ids || ids->empty()) {
    f.Add("ids", "required", "ids lists the customers to act on (1 to 500)");
  } else if (ids->size() > kMaxBulkIds) {
    f.Add("ids", "too_long", "at most 500 customers at once");
  } else {
    std::set<int64_t> seen;
    for (size_t i = 0; i < ids->size(); ++i) {
      const json::value& v = (*ids)[i];
      if (!v.is_int64() || v.as_int64() < 1) {
        f.Add(http::FieldPath("ids", i), "invalid_type", "a customer id is a positive whole number");
      } else if (!seen.insert(v.as_int64()).second) {
        f.Add(http::FieldPath("ids", i), "duplicate", "this id is already in the list");
      } else {
        request.ids.push_back(v.as_int64());
      }
    }
  }
  CONSIGN_TRY(std::move(f).Finish());
  return request;
}

json::object OutcomeJson(const BulkOutcome& o) {
  json::object out{{"id", o.id}, {"ok", !o.error}, {"changed", o.changed}};
  if (o.error) {
    const Error& e = *o.error;
    json::object problem{{"status", http::HttpStatus(e.code)},
                         {"code", ErrorCodeName(e.code)},
                         {"field", e.field()},
                         {"reason", e.fields.empty() ? std::string(ErrorCodeName(e.code)) : e.fields.front().reason},
                         {"message", e.fields.empty() ? e.public_message : e.fields.front().message}};
    out["problem"] = std::move(problem);
  }
  return out;
}

http::Response BulkHandler(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto parsed = ParseBulkRequest(*body);
  if (!parsed) return Fail(parsed.error(), request, ctx);
  auto outcomes = RunBulk(ctx, *parsed);
  if (!outcomes) return Fail(outcomes.error(), request, ctx);
  json::array results;
  size_t ok = 0;
  for (const BulkOutcome& o : *outcomes) {
    if (!o.error) ++ok;
    results.push_back(OutcomeJson(o));
  }
  return http::JsonResponse(200, json::object{{"action", BulkActionName(parsed->action)},
                                              {"succeeded", ok},
                                              {"failed", outcomes->size() - ok},
                                              {"results", std::move(results)}});
}

}  // namespace

void RegisterBulkRoutes(http::Router& router) {
  // The route lets in who may edit accounts; archive needs customers.delete as well, which RunBulk
  // checks (every role holding delete holds update).
  router.Post("/api/v1/customers/bulk", http::Requires(kUpdate), BulkHandler);
}

}  // namespace consign::customers
