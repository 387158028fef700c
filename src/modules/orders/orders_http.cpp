#include "modules/orders/orders_http.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "modules/audit/access.hpp"
#include "modules/carriers/access.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/order_import_service.hpp"
#include "modules/orders/order_json.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/pricing/rate_card.hpp"
#include "modules/pricing/rate_card_json.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::orders {

namespace json = boost::json;

namespace {

using http::Fail;

constexpr std::string_view kServices[] = {"insured", "cod", "signed_receipt", "packaging"};

std::optional<Date> ReadDate(http::JsonFields& form, std::string_view field) {
  std::optional<std::string> text = form.OptString(field, 10);
  if (!text) return std::nullopt;
  std::optional<Date> d = pricing::ParseDate(*text);
  if (!d) form.Add(field, "invalid_format", std::string(field) + " must be a date, YYYY-MM-DD");
  return d;
}

Party ReadParty(http::JsonFields& form, std::string_view field) {
  Party p;
  const json::object* o = form.OptObject(field);
  if (!o) {
    form.Add(field, "required", std::string(field) + " is required");
    return p;
  }
  http::JsonFields in(*o, std::string(field));
  p.name = in.String("name", kMaxNameChars);
  p.phone = in.String("phone", 40);
  p.division = in.String("division", 9);
  p.address = in.String("address", kMaxAddressChars);
  if (Status s = in.Finish(); !s) form.Merge(s.error());
  return p;
}

// {"customer_id", "product", "ship_date", "shipper": Party, "consignee": Party, "goods": {...},
//  "services": ["insured", ...], "cod_amount": Money, "reference", "notes"}
Result<OrderDraft> ReadDraft(const json::object& body) {
  http::JsonFields form(body);
  OrderDraft d;
  if (auto c = form.OptInt("customer_id", 1)) d.customer_id = CustomerId{*c};
  d.product = form.OptString("product", 40).value_or("standard");
  d.ship_date = ReadDate(form, "ship_date");
  d.shipper = ReadParty(form, "shipper");
  d.consignee = ReadParty(form, "consignee");
  if (const json::object* g = form.OptObject("goods")) {
    http::JsonFields goods(*g, "goods");
    d.goods.pieces = static_cast<int>(goods.OptInt("pieces", 1, kMaxPieces).value_or(1));
    d.goods.weight_grams = goods.Int("weight_grams", 1, kMaxWeightGrams);
    if (const json::object* dims = goods.OptObject("dimensions_cm")) {
      http::JsonFields in(*dims, "goods.dimensions_cm");
      d.goods.dimensions_cm = pricing::Dimensions{in.Int("length"), in.Int("width"), in.Int("height")};
      if (Status s = in.Finish(); !s) goods.Merge(s.error());
    }
    d.goods.category = goods.OptString("category", 20).value_or("general");
    d.goods.description = goods.OptString("description", kMaxDescriptionChars).value_or("");
    d.goods.declared_value = pricing::ReadMoney(goods, "declared_value", false);
    if (Status s = goods.Finish(); !s) form.Merge(s.error());
  } else {
    form.Add("goods", "required", "goods is required: at least its weight_grams");
  }
  bool cod = false;
  for (const std::string& service : form.StringArray("services", std::size(kServices), 20)) {
    if (service == "insured") d.services.insured = true;
    else if (service == "cod") cod = true;
    else if (service == "signed_receipt") d.services.signed_receipt = true;
    else if (service == "packaging") d.services.packaging = true;
    else form.Add("services", "invalid_enum", "services are: insured, cod, signed_receipt, packaging");
  }
  d.services.cod_amount = pricing::ReadMoney(form, "cod_amount", cod);
  if (d.services.cod_amount && !cod)
    form.Add("services", "required", "services must name cod when cod_amount is given");
  d.reference = form.OptString("reference", kMaxReferenceChars).value_or("");
  d.notes = form.OptMultilineString("notes", kMaxNotesChars).value_or("");
  if (Status s = form.Finish(); !s) return s.error();
  return d;
}

// An order's path id: its number, or its waybill number.
std::optional<OrderId> PathOrderId(const http::Request& request) {
  const std::string_view raw = request.PathParam("id");
  if (auto id = http::ParsePositiveInt(raw)) return OrderId{*id};
  if (auto serial = ParseWaybill(raw)) return OrderId{*serial};
  return std::nullopt;
}

// A portal user's answer leaves out what is ours: the carriers weighed for the order (their scores
// and our cost with each) and our cost with the chosen one.
http::Response OrderResponse(int status, const Order& order, http::Context& ctx) {
  json::object o = OrderJson(order, /*reveal=*/false);
  if (ctx.principal().role == Role::kPortal) {
    o.erase("allocation");
    o.erase("carrier_cost");
  }
  http::Response r = http::JsonResponse(status, std::move(o));
  r.Set("ETag", "\"" + std::to_string(order.revision) + "\"");
  return r;
}

http::Response Create(const http::Request& request, http::Context& ctx) {
  auto key = http::IdempotencyKey(request);
  if (!key) return Fail(key.error(), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto draft = ReadDraft(*body);
  if (!draft) return Fail(draft.error(), request, ctx);
  // An API key's call is the API's; a person's, the console's (a portal user's, the portal's).
  const OrderSource source = ctx.principal().via_api_key ? OrderSource::kApi : OrderSource::kConsole;
  auto created = CreateOrder(ctx, *std::move(draft), source, *key);
  if (!created) return Fail(created.error(), request, ctx);
  http::Response r = OrderResponse(created->replayed ? 200 : 201, created->order, ctx);
  r.Set("Location", "/api/v1/orders/" + std::to_string(created->order.id.value()));
  if (created->replayed) r.Set("Idempotent-Replayed", "true");
  return r;
}

http::Response List(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  OrderFilter filter;
  filter.limit = page->limit;
  filter.cursor = page->cursor;
  FieldErrors errors;
  if (auto s = request.Query("status"); s && !s->empty()) {
    filter.status = ParseOrderStatus(*s);
    if (!filter.status)
      errors.Add("status", "invalid_enum", "status is one of pending, allocated, picked_up, cancelled");
  }
  auto id_param = [&](std::string_view name) -> std::optional<int64_t> {
    auto raw = request.Query(name);
    if (!raw || raw->empty()) return std::nullopt;
    auto id = http::ParsePositiveInt(*raw);
    if (!id) errors.Add(std::string(name), "invalid_format", std::string(name) + " is a positive id");
    return id;
  };
  if (auto c = id_param("customer_id")) filter.customer_id = CustomerId{*c};
  filter.carrier_id = id_param("carrier_id");
  if (auto e = request.Query("exception"); e && !e->empty()) {
    if (*e == "1" || *e == "true") filter.exception = true;
    else if (*e == "0" || *e == "false") filter.exception = false;
    else errors.Add("exception", "invalid_enum", "exception is 1 (with an open exception) or 0 (without)");
  }
  if (auto p = request.Query("province"); p && !p->empty()) {
    if (p->size() != 2 || p->find_first_not_of("0123456789") != std::string_view::npos)
      errors.Add("province", "invalid_format", "province is a two-digit GB/T 2260 code");
    else
      filter.province = std::string(*p);
  }
  auto date_param = [&](std::string_view name) -> std::optional<Date> {
    auto raw = request.Query(name);
    if (!raw || raw->empty()) return std::nullopt;
    auto d = pricing::ParseDate(*raw);
    if (!d) errors.Add(std::string(name), "invalid_format", std::string(name) + " must be a date, YYYY-MM-DD");
    return d;
  };
  filter.from = date_param("from");
  filter.to = date_param("to");
  if (auto q = request.Query("queue")) filter.queue = *q == "1" || *q == "true";
  if (auto q = request.Query("q"); q && !q->empty()) filter.waybill_or_reference = std::string(*q);
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  auto result = ListOrdersFor(ctx, std::move(filter));
  if (!result) return Fail(result.error(), request, ctx);
  json::array items;
  for (const Order& o : result->items) items.push_back(OrderSummaryJson(o));
  json::value next = result->next_cursor ? json::value(std::to_string(*result->next_cursor)) : json::value(nullptr);
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

http::Response Get(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto order = GetOrder(ctx, *id);
  if (!order) return Fail(order.error(), request, ctx);
  return OrderResponse(200, *order, ctx);
}

// {"items": [{"id", "at", "actor", "action", "before", "after"}]}, newest first; snapshots masked.
http::Response History(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto entries = OrderHistory(ctx, *id);
  if (!entries) return Fail(entries.error(), request, ctx);
  auto snapshot = [](const std::optional<std::string>& text) -> json::value {
    if (!text) return nullptr;
    boost::system::error_code ec;
    json::value v = json::parse(*text, ec);
    return ec ? json::value(*text) : v;
  };
  json::array items;
  for (const audit::AuditEntryView& e : *entries)
    items.push_back(json::object{{"id", e.id},
                                 {"at", FormatRfc3339(e.at)},
                                 {"actor", e.actor_login},
                                 {"action", e.action},
                                 {"before", snapshot(e.before_json)},
                                 {"after", snapshot(e.after_json)}});
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

// A body that may be empty: {} when there is none.
Result<json::object> OptionalBody(const http::Request& request) {
  if (request.body.empty()) return json::object{};
  return http::ParseJsonBody(request);
}

http::Response Cancel(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto body = OptionalBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::string reason = form.OptString("reason", 200).value_or("");
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto order = CancelOrder(ctx, *id, std::move(reason));
  if (!order) return Fail(order.error(), request, ctx);
  return OrderResponse(200, *order, ctx);
}

http::Response Override(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  const int64_t carrier = form.Int("carrier_id", 1);
  std::string reason = form.String("reason", 200);
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto order = OverrideCarrier(ctx, *id, carrier, std::move(reason));
  if (!order) return Fail(order.error(), request, ctx);
  return OrderResponse(200, *order, ctx);
}

http::Response AllocateAgain(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto order = Reallocate(ctx, *id);
  if (!order) return Fail(order.error(), request, ctx);
  return OrderResponse(200, *order, ctx);
}

http::Response Reveal(const http::Request& request, http::Context& ctx) {
  auto id = PathOrderId(request);
  if (!id) return Fail(NotFound("Order"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  const std::string party = form.Enum("party", {"shipper", "consignee"});
  const std::optional<std::string> reason = form.OptString("reason", 40);
  const std::optional<std::string> reason_text = form.OptString("reason_text", audit::kMaxReasonText);
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto stated = audit::ParseReason(reason, reason_text);
  if (!stated) return Fail(stated.error(), request, ctx);
  std::chrono::seconds retry_after{0};
  auto revealed = RevealParty(ctx, *id, party, *stated, &retry_after);
  if (!revealed) {
    http::Response r = Fail(revealed.error(), request, ctx);
    if (revealed.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  http::Response r = http::JsonResponse(200, json::object{{"party", party},
                                                          {"name", revealed->name},
                                                          {"phone", revealed->phone},
                                                          {"division", revealed->division},
                                                          {"address", revealed->address}});
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response AllocateDayRoute(const http::Request& request, http::Context& ctx) {
  auto body = OptionalBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::optional<Date> day = ReadDate(form, "date");
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto report = AllocateDay(ctx, day);
  if (!report) return Fail(report.error(), request, ctx);
  return http::JsonResponse(200, json::object{{"date", FormatDay(report->day)},
                                              {"orders", report->orders},
                                              {"allocated", report->allocated},
                                              {"queued", report->queued},
                                              {"total_cost", pricing::MoneyToJson(report->total_cost)},
                                              {"lp_cost_minor", report->lp_cost_fen}});
}

http::Response CarrierLoadRoute(const http::Request& request, http::Context& ctx) {
  std::optional<Date> day;
  if (auto raw = request.Query("date"); raw && !raw->empty()) {
    day = pricing::ParseDate(*raw);
    if (!day) return Fail(InvalidField("date", "invalid_format", "date must be a date, YYYY-MM-DD"), request, ctx);
  }
  auto load = CarrierLoadOn(ctx, day);
  if (!load) return Fail(load.error(), request, ctx);
  json::array items;
  for (const CarrierLoad& l : *load)
    items.push_back(json::object{{"carrier_id", l.carrier_id}, {"orders", l.orders}, {"grams", l.grams}});
  return http::JsonResponse(200, json::object{{"date", FormatDay(day.value_or(ChinaToday(ctx.now())))},
                                              {"items", std::move(items)}});
}

json::object SettingsJson(const AllocationSettings& s) {
  return json::object{{"weights", json::object{{"cost_bp", s.weights.cost_bp},
                                               {"transit_bp", s.weights.transit_bp},
                                               {"on_time_bp", s.weights.on_time_bp},
                                               {"damage_bp", s.weights.damage_bp},
                                               {"scan_bp", s.weights.scan_bp}}},
                      {"thresholds", json::object{{"min_on_time_bp", s.thresholds.min_on_time_bp},
                                                  {"max_damage_bp", s.thresholds.max_damage_bp},
                                                  {"min_scan_bp", s.thresholds.min_scan_bp}}}};
}

http::Response GetSettings(const http::Request& request, http::Context& ctx) {
  auto s = GetAllocationSettings(ctx);
  if (!s) return Fail(s.error(), request, ctx);
  return http::JsonResponse(200, SettingsJson(*s));
}

http::Response PutSettings(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  AllocationSettings s;
  if (const json::object* w = form.OptObject("weights")) {
    http::JsonFields in(*w, "weights");
    s.weights = {static_cast<int>(in.Int("cost_bp", 0, 10000)), static_cast<int>(in.Int("transit_bp", 0, 10000)),
                 static_cast<int>(in.Int("on_time_bp", 0, 10000)), static_cast<int>(in.Int("damage_bp", 0, 10000)),
                 static_cast<int>(in.Int("scan_bp", 0, 10000))};
    if (Status st = in.Finish(); !st) form.Merge(st.error());
  } else {
    form.Add("weights", "required", "weights is required");
  }
  if (const json::object* t = form.OptObject("thresholds")) {
    http::JsonFields in(*t, "thresholds");
    s.thresholds = {static_cast<int>(in.Int("min_on_time_bp", 0, 10000)),
                    static_cast<int>(in.Int("max_damage_bp", 0, 10000)),
                    static_cast<int>(in.Int("min_scan_bp", 0, 10000))};
    if (Status st = in.Finish(); !st) form.Merge(st.error());
  } else {
    form.Add("thresholds", "required", "thresholds is required");
  }
  if (Status st = form.Finish(); !st) return Fail(st.error(), request, ctx);
  auto saved = SetAllocationSettings(ctx, s);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, SettingsJson(*saved));
}

// The file is the body: text/csv (GBK or UTF-8; ?encoding= to say which), or an .xlsx
// (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or any type: a workbook is known
// by its bytes). ?mode=all_or_nothing|valid_rows, ?customer_id= for staff.
Result<OrderImportRequest> ReadImportRequest(const http::Request& request) {
  const std::string_view type = request.Header("content-type").value_or("");
  if (type.starts_with("multipart/") || type.starts_with("application/json"))
    return MakeError(ErrorCode::kUnsupportedMediaType,
                     "Send the file itself as the body (Content-Type: text/csv, or the .xlsx type).");
  OrderImportRequest in;
  in.bytes = request.body;
  if (type.starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    in.format = FileFormat::kXlsx;
  FieldErrors errors;
  if (auto v = request.Query("mode"); v && !v->empty()) {
    if (auto mode = ParseImportMode(*v)) in.mode = *mode;
    else errors.Add("mode", "invalid_enum", "mode is all_or_nothing or valid_rows");
  }
  if (auto v = request.Query("encoding"); v && !v->empty()) {
    if (auto e = text::ParseEncoding(*v)) in.encoding = *e;
    else errors.Add("encoding", "invalid_enum", "encoding is auto, utf-8 or gb18030");
  }
  if (auto v = request.Query("customer_id"); v && !v->empty()) {
    if (auto id = http::ParsePositiveInt(*v)) in.customer_id = CustomerId{*id};
    else errors.Add("customer_id", "invalid_format", "customer_id is a positive id");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return in;
}

http::Response Import(const http::Request& request, http::Context& ctx) {
  auto key = http::IdempotencyKey(request);
  if (!key) return Fail(key.error(), request, ctx);
  auto in = ReadImportRequest(request);
  if (!in) return Fail(in.error(), request, ctx);
  in->idempotency_key = *key;
  auto report = ImportOrders(ctx, *in);
  if (!report) return Fail(report.error(), request, ctx);
  json::array errors;
  errors.reserve(report->errors.size());
  for (const ImportRowError& e : report->errors)
    errors.push_back(json::object{{"row", e.row}, {"field", e.field}, {"reason", e.reason}, {"message", e.message}});
  json::object body{{"import_id", report->import_id ? json::value(report->import_id) : json::value(nullptr)},
                    {"mode", ImportModeName(report->mode)},
                    {"encoding", report->encoding ? json::value(text::EncodingName(*report->encoding))
                                                  : json::value(nullptr)},
                    {"rows", report->rows},
                    {"created", report->created},
                    {"rejected", report->rejected},
                    {"allocated", report->allocated},
                    {"errors", std::move(errors)}};
  // All or nothing with a bad row: 422 with the whole report, and the pipeline rolls everything back.
  http::Response r = http::JsonResponse(report->all_rejected ? 422 : 200, std::move(body));
  if (report->replayed) r.Set("Idempotent-Replayed", "true");
  return r;
}

http::Response ImportTemplate(const http::Request&, http::Context&) {
  http::Response r = http::Response::Text(200, OrderImportTemplateCsv(), "text/csv; charset=utf-8");
  // 订单导入模板.csv
  r.Set("Content-Disposition",
        "attachment; filename=\"orders-template.csv\"; "
        "filename*=UTF-8''%E8%AE%A2%E5%8D%95%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv");
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  // A file of up to 100,000 orders: the import body limit (import_body_limit), not a form's.
  router.Post("/api/v1/orders/imports", http::Requires(kCreate), Import, http::BodySize::kLarge);
  router.Get("/api/v1/orders/import-template.csv", http::Requires(kCreate), ImportTemplate);
  router.Post("/api/v1/orders", http::Requires(kCreate), Create);
  router.Get("/api/v1/orders", http::Requires(kRead), List);
  router.Post("/api/v1/orders/allocate-day", http::Requires(kDispatch), AllocateDayRoute);
  router.Get("/api/v1/orders/{id}", http::Requires(kRead), Get);
  router.Get("/api/v1/orders/{id}/history", http::Requires(kHistory), History);
  router.Post("/api/v1/orders/{id}/cancel", http::Requires(kCancel), Cancel);
  router.Post("/api/v1/orders/{id}/override", http::Requires(kDispatch), Override);
  router.Post("/api/v1/orders/{id}/allocate", http::Requires(kDispatch), AllocateAgain);
  router.Post("/api/v1/orders/{id}/reveal", http::Requires(audit::kPiiView), Reveal);
  router.Get("/api/v1/carrier-load", http::Requires(carriers::kRead), CarrierLoadRoute);
  router.Get("/api/v1/allocation-settings", http::Requires(kDispatch), GetSettings);
  router.Put("/api/v1/allocation-settings", http::Requires(kSettings), PutSettings);
}

}  // namespace consign::orders
