#include "modules/tracking/tracking_http.hpp"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "modules/carriers/carrier_service.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/tracking/tracking_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::tracking {

namespace {

namespace json = boost::json;

constexpr size_t kMaxNdjsonEvents = 100'000;

// The zone offset written in an RFC 3339 time, in minutes: "…+08:00" 480, "…Z" 0.
int OffsetMinutes(std::string_view text) {
  if (text.empty() || text.back() == 'Z' || text.back() == 'z' || text.size() < 6) return 0;
  const std::string_view tail = text.substr(text.size() - 6);
  if ((tail[0] != '+' && tail[0] != '-') || tail[3] != ':') return 0;
  const int minutes = ((tail[1] - '0') * 10 + (tail[2] - '0')) * 60 + (tail[4] - '0') * 10 + (tail[5] - '0');
  return tail[0] == '-' ? -minutes : minutes;
}

// One event of the body; a malformed one is rejected by its index and the others go on.
std::optional<IncomingScan> ReadScan(const json::value& item, size_t index, std::vector<RejectedScan>& rejected) {
  const std::string at = "events[" + std::to_string(index) + "]";
  if (!item.is_object()) {
    rejected.push_back({index, at, "invalid_type", "an event is a JSON object"});
    return std::nullopt;
  }
  http::JsonFields f(item.get_object(), at);
  IncomingScan s;
  s.waybill = f.String("waybill", 20);
  s.event_id = f.OptString("event_id", 100).value_or("");
  s.raw_code = f.String("code", 40);
  const std::string time = f.String("time", 40);
  s.place_division = f.OptString("division", 12).value_or("");
  s.place_name = f.OptString("place", 200).value_or("");
  s.reason = f.OptString("reason", 500).value_or("");
  s.source = f.OptEnum("source", {"push", "poll"}).value_or("push") == "poll" ? Source::kPoll : Source::kPush;
  s.signer = f.OptString("signer", 100).value_or("");
  s.photo_ref = f.OptString("photo_ref", 300).value_or("");
  if (!time.empty()) {
    if (std::optional<Instant> t = ParseRfc3339(time)) {
      s.at = *t;
      s.utc_offset_minutes = OffsetMinutes(time);
    } else {
      f.Add("time", "invalid_format", "time is RFC 3339 with its zone: 2026-12-03T09:30:00+08:00");
    }
  }
  if (Status ok = f.Finish(); !ok) {
    for (const FieldError& e : ok.error().fields) rejected.push_back({index, e.field, e.reason, e.message});
    return std::nullopt;
  }
  s.index = index;
  return s;
}

json::object ReportJson(const IngestReport& r) {
  json::array rejected;
  for (const RejectedScan& x : r.rejected)
    rejected.push_back(json::object{{"index", x.index}, {"field", x.field}, {"reason", x.reason}, {"message", x.message}});
  return json::object{{"received", r.received},       {"stored", r.stored},     {"duplicates", r.duplicates},
                      {"quarantined", r.quarantined}, {"attached", r.attached}, {"rejected", std::move(rejected)}};
}

json::value OptTime(const std::optional<Instant>& t) { return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr); }

json::object ViewJson(const TrackingView& v) {
  json::array timeline;
  for (const ScanEvent& e : v.timeline)
    timeline.push_back(json::object{{"time", FormatRfc3339(e.at)},
                                    {"utc_offset_minutes", e.utc_offset_minutes},
                                    {"code", e.raw_code},
                                    {"status", StatusCode(e.status)},
                                    {"status_zh", StatusLabelZh(e.status)},
                                    {"status_en", StatusLabelEn(e.status)},
                                    {"substatus", e.substatus},
                                    {"claim", e.claim},
                                    {"party", PartyCode(e.party)},
                                    {"reason", e.reason},
                                    {"division", e.place_division},
                                    {"place", e.place_name},
                                    {"signer", e.signer},
                                    {"source", SourceCode(e.source)}});
  json::value eta = nullptr;
  if (v.eta)
    eta = json::object{{"p50", FormatRfc3339(v.eta->p50)},
                       {"p90", FormatRfc3339(v.eta->p90)},
                       {"basis", EtaBasisCode(v.eta->basis)},
                       {"confidence", ConfidenceCode(v.eta->confidence)}};
  const ShipmentState& s = v.state;
  return json::object{{"order_id", v.order_id},
                      {"waybill", v.waybill},
                      {"carrier_id", v.carrier_id ? json::value(*v.carrier_id) : json::value(nullptr)},
                      {"status", StatusCode(s.status)},
                      {"status_zh", StatusLabelZh(s.status)},
                      {"status_en", StatusLabelEn(s.status)},
                      {"substatus", s.substatus},
                      {"last_place", s.last_place_name.empty() ? s.last_place_division : s.last_place_name},
                      {"last_scan_at", OptTime(s.last_scan_at)},
                      {"picked_up_at", OptTime(s.picked_up_at)},
                      {"delivered_at", OptTime(s.delivered_at)},
                      {"failed_attempts", s.failed_attempts},
                      {"promised_at", FormatRfc3339(v.promised_at)},
                      {"eta", std::move(eta)},
                      {"timeline", std::move(timeline)}};
}

http::Response PostScans(const http::Request& request, http::Context& ctx) {
  // The carrier's key decides who this is before a byte of the body is looked at.
  const std::optional<std::string_view> key = request.Header("x-carrier-key");
  std::optional<carriers::CarrierId> carrier;
  if (key && !key->empty()) carrier = carriers::CarrierOfApiKey(ctx.tx(), *key);
  if (!carrier)
    return Fail(MakeError(ErrorCode::kUnauthenticated, "A carrier's API key is required in X-Carrier-Key."), request,
                ctx);

  std::vector<json::value> items;
  const bool ndjson = request.Header("content-type").value_or("").starts_with("application/x-ndjson");
  if (ndjson) {
    std::string_view rest = request.body;
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      if (items.size() == kMaxNdjsonEvents)
        return Fail(InvalidField("events", "too_many", "at most 100,000 events per NDJSON request"), request, ctx);
      Result<json::value> v = http::ParseJsonText(line);
      items.push_back(v ? std::move(*v) : json::value(nullptr));  // a broken line is rejected by its index
    }
  } else {
    Result<json::value> body = http::ParseJsonText(request.body);
    if (!body) return Fail(body.error(), request, ctx);
    const json::array* array = body->if_array();
    if (!array) return Fail(InvalidField("events", "invalid_type", "the body is a JSON array of events"), request, ctx);
    if (array->size() > kMaxScansPerBatch)
      return Fail(InvalidField("events", "too_many", "at most 5,000 events per JSON request; send more as NDJSON"),
                  request, ctx);
    items.assign(array->begin(), array->end());
  }
  if (items.empty()) return Fail(InvalidField("events", "required", "send at least one event"), request, ctx);

  std::vector<RejectedScan> malformed;
  std::vector<IncomingScan> scans;
  scans.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i)
    if (std::optional<IncomingScan> s = ReadScan(items[i], i, malformed)) scans.push_back(std::move(*s));
  IngestReport report;
  if (!scans.empty()) {
    auto ingested = IngestScans(ctx, *carrier, std::move(scans));
    if (!ingested) return Fail(ingested.error(), request, ctx);
    report = std::move(*ingested);
  }
  carriers::NoteApiKeyUse(ctx.tx(), *key, ctx.now());
  report.received = static_cast<int64_t>(items.size());
  report.rejected.insert(report.rejected.end(), malformed.begin(), malformed.end());
  std::sort(report.rejected.begin(), report.rejected.end(),
            [](const RejectedScan& a, const RejectedScan& b) { return a.index < b.index; });
  return http::JsonResponse(200, ReportJson(report));
}

http::Response GetOrderTracking(const http::Request& request, http::Context& ctx) {
  const std::string_view raw = request.PathParam("id");
  std::optional<int64_t> id = http::ParsePositiveInt(raw);
  if (!id) id = orders::ParseWaybill(raw);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto view = GetTracking(ctx, orders::OrderId{*id});
  if (!view) return Fail(view.error(), request, ctx);
  return http::JsonResponse(200, ViewJson(*view));
}

http::Response Track(const http::Request& request, http::Context& ctx) {
  auto view = PublicTracking(ctx, request.PathParam("waybill"));
  if (!view) return Fail(view.error(), request, ctx);
  json::object o = ViewJson(*view);
  o.erase("order_id");
  o.erase("carrier_id");
  return http::JsonResponse(200, o);
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Post("/api/v1/scans", http::Public(), PostScans, http::BodySize::kLarge);
  router.Get("/api/v1/orders/{id}/tracking", http::Requires(orders::kRead), GetOrderTracking);
  router.Get("/api/v1/track/{waybill}", http::Public(), Track);
}

}  // namespace consign::tracking
