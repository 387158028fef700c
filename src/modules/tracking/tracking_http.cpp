#include "modules/tracking/tracking_http.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <span>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/text.hpp"
#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/tracking/code_mapping.hpp"
#include "modules/tracking/rate_limit.hpp"
#include "modules/tracking/tracking_service.hpp"
#include "platform/db/stamped_cache.hpp"
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

// An event as nearly every carrier sends it, read in one pass over its members without the field paths,
// the list of known fields and the errors' bookkeeping of http::JsonFields (a tenth of the server's CPU
// at 1,000 events a request): every member one of ReadScan's fields, once, a string (or null for an
// optional one) of at most its length in one line of printable characters, `source` push or poll, the
// time RFC 3339. None otherwise — absent, empty, wrong or unknown —, and ReadScan's checked reader,
// which names each mistake, reads it instead: this one accepts nothing that one would refuse.
std::optional<IncomingScan> ReadPlainScan(const json::object& o, size_t index) {
  enum Field : unsigned { kWaybill, kEventId, kCode, kTime, kDivision, kPlace, kReason, kSource, kSigner, kPhoto };
  struct Spec {
    std::string_view name;
    size_t max_chars;
    std::string IncomingScan::*member;  // null: time and source, read apart
  };
  static constexpr Spec kSpecs[] = {
      {"waybill", 20, &IncomingScan::waybill},      {"event_id", 100, &IncomingScan::event_id},
      {"code", 40, &IncomingScan::raw_code},        {"time", 40, nullptr},
      {"division", 12, &IncomingScan::place_division}, {"place", 200, &IncomingScan::place_name},
      {"reason", 500, &IncomingScan::reason},       {"source", 0, nullptr},
      {"signer", 100, &IncomingScan::signer},       {"photo_ref", 300, &IncomingScan::photo_ref}};
  IncomingScan s;
  std::string_view time;
  unsigned seen = 0;
  for (const json::key_value_pair& member : o) {
    const std::string_view key = member.key();
    const Spec* spec = std::find_if(std::begin(kSpecs), std::end(kSpecs), [&](const Spec& f) { return f.name == key; });
    if (spec == std::end(kSpecs)) return std::nullopt;
    const unsigned bit = 1u << (spec - kSpecs);
    if (seen & bit) return std::nullopt;
    seen |= bit;
    const json::value& v = member.value();
    if (v.is_null()) continue;
    if (!v.is_string()) return std::nullopt;
    const std::string_view text = v.get_string();
    if (bit == 1u << kSource) {
      if (text != "push" && text != "poll") return std::nullopt;
      s.source = text == "poll" ? Source::kPoll : Source::kPush;
      continue;
    }
    if (http::CodePoints(text) > spec->max_chars || text::HasUnsafeCharacters(text)) return std::nullopt;
    if (bit == 1u << kTime)
      time = text;
    else
      s.*(spec->member) = text;
  }
  constexpr unsigned kRequired = 1u << kWaybill | 1u << kCode | 1u << kTime;
  if ((seen & kRequired) != kRequired || s.waybill.empty() || s.raw_code.empty() || time.empty()) return std::nullopt;
  const std::optional<Instant> at = ParseRfc3339(time);
  if (!at) return std::nullopt;
  s.at = *at;
  s.utc_offset_minutes = OffsetMinutes(time);
  s.index = index;
  return s;
}

// One event of the body; a malformed one is rejected by its index and the others go on.
std::optional<IncomingScan> ReadScan(const json::value& item, size_t index, std::vector<RejectedScan>& rejected) {
  if (const json::object* o = item.if_object())
    if (std::optional<IncomingScan> plain = ReadPlainScan(*o, index)) return plain;
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
                      {"quarantined", r.quarantined}, {"attached", r.attached},
                      {"exceptions_raised", r.exceptions_raised}, {"rejected", std::move(rejected)}};
}

json::value OptTime(const std::optional<Instant>& t) { return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr); }

json::object ExceptionJson(const ExceptionRow& e) {
  const Finding& f = e.finding;
  return json::object{{"id", e.id},
                      {"order_id", e.order_id},
                      {"waybill", orders::FormatWaybill(e.order_id)},
                      {"carrier_id", e.carrier_id},
                      {"kind", ExceptionKindCode(f.kind)},
                      {"kind_zh", ExceptionLabelZh(f.kind)},
                      {"severity", SeverityCode(f.severity)},
                      {"party", PartyCode(f.party)},
                      {"since", FormatRfc3339(f.since)},
                      {"detail_zh", f.detail_zh},
                      {"detail_en", f.detail_en},
                      {"raised_at", FormatRfc3339(e.raised_at)},
                      {"state", e.state},
                      {"outcome", e.outcome},
                      {"resolved_at", OptTime(e.resolved_at)},
                      {"customer_told", e.told.empty() ? json::value(nullptr) : json::value(e.told)},
                      {"customer_told_at", OptTime(e.told_at)}};
}

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
  // The carrier's key decides who this is before a byte of the body is looked at — in a read transaction
  // of its own, so that the body is read and checked before the write transaction begins: on SQLite it
  // holds the one writer lock, which other batches wait for meanwhile.
  const std::optional<std::string_view> key = request.Header("x-carrier-key");
  std::optional<carriers::CarrierId> carrier;
  if (key && !key->empty()) {
    const std::unique_ptr<db::Transaction> read = ctx.database().Begin(db::TxMode::kRead);
    carrier = carriers::CarrierOfApiKey(*read, *key);
    read->Commit();
  }
  auto unauthenticated = [&] {
    return Fail(MakeError(ErrorCode::kUnauthenticated, "A carrier's API key is required in X-Carrier-Key."), request,
                ctx);
  };
  if (!carrier) return unauthenticated();

  // The events: the lines of NDJSON, each parsed, or the JSON array's own elements (not copied).
  std::vector<json::value> lines;
  json::value body;
  std::span<const json::value> items;
  const bool ndjson = request.Header("content-type").value_or("").starts_with("application/x-ndjson");
  if (ndjson) {
    std::string_view rest = request.body;
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      if (lines.size() == kMaxNdjsonEvents)
        return Fail(InvalidField("events", "too_many", "at most 100,000 events per NDJSON request"), request, ctx);
      Result<json::value> v = http::ParseJsonText(line);
      lines.push_back(v ? std::move(*v) : json::value(nullptr));  // a broken line is rejected by its index
    }
    items = lines;
  } else {
    Result<json::value> parsed = http::ParseJsonText(request.body);
    if (!parsed) return Fail(parsed.error(), request, ctx);
    body = std::move(*parsed);
    const json::array* array = body.if_array();
    if (!array) return Fail(InvalidField("events", "invalid_type", "the body is a JSON array of events"), request, ctx);
    if (array->size() > kMaxScansPerBatch)
      return Fail(InvalidField("events", "too_many", "at most 5,000 events per JSON request; send more as NDJSON"),
                  request, ctx);
    items = std::span<const json::value>(array->data(), array->size());
  }
  if (items.empty()) return Fail(InvalidField("events", "required", "send at least one event"), request, ctx);

  std::vector<RejectedScan> malformed;
  std::vector<IncomingScan> scans;
  scans.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i)
    if (std::optional<IncomingScan> s = ReadScan(items[i], i, malformed)) scans.push_back(std::move(*s));
  // The key again, in the write transaction: one revoked (or its carrier suspended) meanwhile stores nothing.
  if (carriers::CarrierOfApiKey(ctx.tx(), *key) != carrier) return unauthenticated();
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
  json::object o = ViewJson(*view);
  json::array exceptions;
  for (const ExceptionRow& e : view->exceptions) exceptions.push_back(ExceptionJson(e));
  o["exceptions"] = std::move(exceptions);
  return http::JsonResponse(200, o);
}

json::object FiguresJson(const Figures& f) {
  return json::object{{"shipments", f.shipments},
                      {"delivered", f.delivered},
                      {"on_time", f.on_time},
                      {"on_time_bp", f.on_time_bp},
                      {"average_delay_hours", f.average_delay_hours},
                      {"damaged", f.damaged},
                      {"damage_bp", f.damage_bp},
                      {"scan_completeness_bp", f.scan_completeness_bp},
                      {"contradicted", f.contradicted},
                      {"truthful_bp", f.truthful_bp},
                      {"exceptions", f.exceptions},
                      {"exceptions_per_1000", f.exceptions_per_1000},
                      {"eta_measured", f.eta_measured},
                      {"eta_accuracy_bp", f.eta_accuracy_bp}};
}

http::Response ScorecardRoute(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  int days = 30;
  if (auto raw = request.Query("days"); raw && !raw->empty()) {
    auto d = http::ParsePositiveInt(*raw);
    if (!d || *d > 365) return Fail(InvalidField("days", "out_of_range", "days is 1 to 365"), request, ctx);
    days = static_cast<int>(*d);
  }
  auto card = CarrierScorecard(ctx, carriers::CarrierId{*id}, days);
  if (!card) return Fail(card.error(), request, ctx);
  json::array lanes, weeks;
  for (const auto& [lane, f] : card->lanes) {
    json::object o = FiguresJson(f);
    o["lane"] = lane;
    lanes.push_back(std::move(o));
  }
  for (const auto& [week, f] : card->weeks) {
    json::object o = FiguresJson(f);
    o["week"] = week;
    weeks.push_back(std::move(o));
  }
  return http::JsonResponse(200, json::object{{"carrier_id", *id},
                                              {"days", days},
                                              {"overall", FiguresJson(card->overall)},
                                              {"lanes", std::move(lanes)},
                                              {"weeks", std::move(weeks)}});
}

http::Response GetThresholdsRoute(const http::Request& request, http::Context& ctx) {
  auto t = GetThresholds(ctx);
  if (!t) return Fail(t.error(), request, ctx);
  return http::JsonResponse(200, ThresholdsJson(*t));
}

http::Response PutThresholdsRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  ExceptionThresholds t;
  for (const HourThreshold& h : kHourThresholds) t.*h.field = std::chrono::hours(form.Int(h.name, -1'000'000, 1'000'000));
  t.late_grace = std::chrono::minutes(form.Int(kLateGraceField, -1'000'000, 1'000'000));
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetThresholds(ctx, t);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, ThresholdsJson(*saved));
}

// {"own": true, "rules": [the carrier's own], "default": [DefaultMapping()'s]}, the revision as ETag.
http::Response ScanCodesResponse(const ScanCodeTable& table) {
  json::array own, defaults;
  for (const CodeRule& r : table.own) own.push_back(CodeRuleJson(r));
  for (const CodeRule& r : DefaultMapping().rules()) defaults.push_back(CodeRuleJson(r));
  http::Response response = http::JsonResponse(
      200, json::object{{"own", !table.own.empty()}, {"rules", std::move(own)}, {"default", std::move(defaults)}});
  response.Set("ETag", "\"" + std::to_string(table.revision) + "\"");
  return response;
}

http::Response GetScanCodesRoute(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto table = GetScanCodes(ctx, carriers::CarrierId{*id});
  if (!table) return Fail(table.error(), request, ctx);
  return ScanCodesResponse(*table);
}

// One rule of the body, its mistakes named "rules[i].field".
CodeRule ReadCodeRule(const json::value& item, const std::string& at, http::JsonFields& form) {
  CodeRule rule;
  if (!item.is_object()) {
    form.Merge(InvalidField(at, "invalid_type", "a rule is a JSON object"));
    return rule;
  }
  static const std::vector<std::string_view> statuses = [] {
    std::vector<std::string_view> out;
    for (ShipmentStatus s : kAllStatuses) out.push_back(StatusCode(s));
    return out;
  }();
  http::JsonFields f(item.get_object(), at);
  rule.raw_code = f.String("raw_code", 40);
  rule.status = ParseStatus(f.Enum("status", statuses)).value_or(ShipmentStatus::kInTransit);
  rule.substatus = f.OptString("substatus", 60).value_or("");
  rule.party = ParseParty(f.OptEnum("party", {"none", "carrier", "shipper", "consignee", "customs", "weather"})
                              .value_or("none"))
                   .value_or(Party::kNone);
  rule.claim = f.OptBool("claim").value_or(false);
  if (Status ok = f.Finish(); !ok) form.Merge(ok.error());
  return rule;
}

http::Response PutScanCodesRoute(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Carrier"), request, ctx);
  auto expected = http::ExpectedVersion(request, "scan code table");
  if (!expected) return Fail(expected.error(), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::vector<CodeRule> rules;
  if (const json::array* items = form.OptArray("rules"); !items) {
    form.Add("rules", "required", "rules is the carrier's whole table; an empty list goes back to the default");
  } else if (items->size() > kMaxCodeRules) {
    form.Add("rules", "too_many", "a carrier's table has at most " + std::to_string(kMaxCodeRules) + " codes");
  } else {
    for (size_t i = 0; i < items->size(); ++i)
      rules.push_back(ReadCodeRule((*items)[i], "rules[" + std::to_string(i) + "]", form));
  }
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  const std::optional<int> revision = *expected ? std::optional<int>(static_cast<int>(**expected)) : std::nullopt;
  auto table = SetScanCodes(ctx, carriers::CarrierId{*id}, revision, std::move(rules));
  if (!table) return Fail(table.error(), request, ctx);
  return ScanCodesResponse(*table);
}

// The filters both exception lists share: state (default `default_state`), kind, and the positive ids
// named in `ids` — each mistake added to `errors` by its parameter's name.
ExceptionFilter ReadExceptionFilter(const http::Request& request, const http::IdPage& page, std::string_view default_state,
                                    std::initializer_list<std::pair<const char*, std::optional<int64_t>*>> ids,
                                    FieldErrors& errors) {
  ExceptionFilter filter;
  filter.limit = page.limit;
  filter.cursor = page.cursor;
  const std::string state(request.Query("state").value_or(default_state));
  if (state != "open" && state != "resolved" && state != "all")
    errors.Add("state", "invalid_enum", "state is open, resolved or all");
  else if (state != "all")
    filter.state = state;
  if (auto kind = request.Query("kind"); kind && !kind->empty()) {
    if (!ParseExceptionKind(*kind))
      errors.Add("kind", "invalid_enum", "kind is stalled, lost, at_risk, late, failed_delivery, damaged or contradicted");
    else
      filter.kind = std::string(*kind);
  }
  for (const auto& [name, target] : ids)
    if (auto raw = request.Query(name); raw && !raw->empty()) {
      if (auto id = http::ParsePositiveInt(*raw)) *target = *id;
      else errors.Add(name, "invalid_format", std::string(name) + " is a positive id");
    }
  return filter;
}

http::Response ExceptionPageResponse(const ExceptionPage& listed, bool for_customer) {
  json::array items;
  for (const ExceptionRow& e : listed.items) {
    json::object o = ExceptionJson(e);
    if (for_customer) o.erase("carrier_id"), o.erase("outcome");
    items.push_back(std::move(o));
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                              {"next_cursor", listed.next_cursor ? json::value(std::to_string(*listed.next_cursor)) : json::value(nullptr)}});
}

http::Response ListExceptionsRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  FieldErrors errors;
  std::optional<int64_t> carrier_id, order_id;
  ExceptionFilter filter =
      ReadExceptionFilter(request, *page, "open", {{"carrier_id", &carrier_id}, {"order_id", &order_id}}, errors);
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  filter.carrier_id = carrier_id;
  filter.order_id = order_id;
  auto listed = ListOpenExceptions(ctx, filter);
  if (!listed) return Fail(listed.error(), request, ctx);
  return ExceptionPageResponse(*listed, false);
}

// GET /api/v1/customer-exceptions: one account's exceptions (the portal's 我的异常件). The carrier and
// the dispatcher's outcome are the company's; the customer sees what happened, since when, whether it is
// settled and whether they were told.
http::Response ListAccountExceptionsRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  FieldErrors errors;
  std::optional<int64_t> account_id, order_id;
  ExceptionFilter filter =
      ReadExceptionFilter(request, *page, "all", {{"account_id", &account_id}, {"order_id", &order_id}}, errors);
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  filter.order_id = order_id;
  auto listed = ListAccountExceptions(ctx, account_id, filter);
  if (!listed) return Fail(listed.error(), request, ctx);
  return ExceptionPageResponse(*listed, true);
}

http::Response ResolveRoute(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Open exception"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::string outcome = form.String("outcome", 500);
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  if (Status s = ResolveExceptionAs(ctx, *id, std::move(outcome)); !s) return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

// The public page's answers, kept by order against what they were made of (PublicStampOf).
using PublicPages = db::StampedCache<PublicPageStamp>;

http::Response Track(const http::Request& request, http::Context& ctx, AddressLimiter& limiter, PublicPages& pages) {
  if (const std::optional<std::chrono::seconds> wait = limiter.Admit(request.remote_address, ctx.now())) {
    http::Response r = Fail(MakeError(ErrorCode::kTooManyRequests, "Too many look-ups from this address; try again in a minute."),
                            request, ctx);
    r.Set("Retry-After", std::to_string(wait->count()));
    return r;
  }
  const std::string_view waybill = request.PathParam("waybill");
  const auto stamp = PublicStampOf(ctx, waybill);
  if (!stamp) return Fail(stamp.error(), request, ctx);
  if (std::optional<std::string> kept = pages.Find(stamp->order_id, stamp->made_of))
    return http::Response::Json(200, *std::move(kept));
  auto view = PublicTracking(ctx, waybill);
  if (!view) return Fail(view.error(), request, ctx);
  json::object o = ViewJson(view->tracking);
  o.erase("order_id");
  o.erase("carrier_id");
  auto stop = [](const RouteStop& s) { return json::object{{"division", s.division}, {"name", s.name}}; };
  json::array route;
  for (const RouteStop& s : view->route) route.push_back(stop(s));
  o["route"] = std::move(route);
  o["destination"] = view->destination ? json::value(stop(*view->destination)) : json::value(nullptr);
  json::value brand = nullptr;
  if (view->brand) {
    auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
    brand = json::object{{"primary_color", opt(view->brand->primary_color)}, {"logo_url", opt(view->brand->logo_url)}};
  }
  o["brand"] = std::move(brand);
  http::Response r = http::JsonResponse(200, o);
  // Kept only when made of what the stamp says: an ETA of this moment is not, nor an answer a write
  // came between (on PostgreSQL each statement of a read sees what was committed before it).
  if (!view->tracking.eta_of_now) {
    if (const auto after = PublicStampOf(ctx, waybill); after && after->made_of == stamp->made_of)
      pages.Keep(stamp->order_id, stamp->made_of, r.body);
  }
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router, int track_per_minute) {
  auto limiter = std::make_shared<AddressLimiter>(track_per_minute);
  auto pages = std::make_shared<PublicPages>();
  router.Post("/api/v1/scans", http::Public(), PostScans, http::BodySize::kLarge);
  router.Get("/api/v1/orders/{id}/tracking", http::Requires(orders::kRead), GetOrderTracking);
  router.Get("/api/v1/track/{waybill}", http::Public(),
             [limiter, pages](const http::Request& request, http::Context& ctx) {
               return Track(request, ctx, *limiter, *pages);
             });
  router.Get("/api/v1/exceptions", http::Requires(orders::kDispatch), ListExceptionsRoute);
  router.Get("/api/v1/customer-exceptions", http::Requires(orders::kRead), ListAccountExceptionsRoute);
  router.Get("/api/v1/carriers/{id}/scorecard", http::Requires(carriers::kRead), ScorecardRoute);
  router.Get("/api/v1/carriers/{id}/scan-codes", http::Requires(carriers::kRead), GetScanCodesRoute);
  router.Put("/api/v1/carriers/{id}/scan-codes", http::Requires(carriers::kManage), PutScanCodesRoute);
  router.Get("/api/v1/exception-thresholds", http::Requires(orders::kDispatch), GetThresholdsRoute);
  router.Put("/api/v1/exception-thresholds", http::Requires(orders::kSettings), PutThresholdsRoute);
  router.Post("/api/v1/exceptions/{id}/resolve", http::Requires(orders::kDispatch), ResolveRoute);
}

}  // namespace consign::tracking
