#include "modules/pricing/pricing_http.hpp"

#include <boost/json.hpp>

#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "modules/pricing/access.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/quote_json.hpp"
#include "modules/pricing/rate_card_json.hpp"
#include "modules/pricing/rate_cards.hpp"

namespace consign::pricing {

namespace json = boost::json;

namespace {

using http::Fail;

constexpr std::string_view kServices[] = {"insured", "cod", "signed_receipt", "packaging"};
constexpr std::string_view kKinds[] = {"published", "agreement"};
constexpr std::string_view kStatuses[] = {"draft", "active", "ended"};
constexpr size_t kMaxNameChars = 100;

// A date field "YYYY-MM-DD", or nullopt (with an error added when present and not a date).
std::optional<Date> ReadDate(http::JsonFields& form, std::string_view field) {
  std::optional<std::string> text = form.OptString(field, 10);
  if (!text) return std::nullopt;
  std::optional<Date> d = ParseDate(*text);
  if (!d) form.Add(field, "invalid_format", std::string(field) + " must be a date, YYYY-MM-DD");
  return d;
}

json::value DateJson(const std::optional<Date>& d) { return d ? json::value(FormatDate(*d)) : json::value(nullptr); }

json::object CardToJson(const RateCardRecord& r) {
  json::object o{{"id", r.id.value()},
                 {"kind", CardKindCode(r.kind)},
                 {"product", r.card.product_code},
                 {"name", r.name},
                 {"status", CardStatusCode(r.status)},
                 {"valid_from", DateJson(r.valid_from)},
                 {"valid_to", DateJson(r.valid_to)},
                 {"version", r.version},
                 {"created_at", FormatRfc3339(r.created_at)},
                 {"updated_at", FormatRfc3339(r.updated_at)}};
  o["customer_id"] = r.customer_id ? json::value(r.customer_id->value()) : json::value(nullptr);
  o["contract_id"] = r.contract_id ? json::value(*r.contract_id) : json::value(nullptr);
  RateCardFieldsToJson(r.card, o);
  return o;
}

http::Response CardResponse(int status, const RateCardRecord& r) {
  http::Response response = http::JsonResponse(status, CardToJson(r));
  response.Set("ETag", "\"" + std::to_string(r.version) + "\"");
  return response;
}

json::object MatrixToJson(const ZoneMatrix& m) {
  json::array adjacent, remote;
  for (const auto& [a, b] : m.adjacent) adjacent.push_back(json::array{json::string(a), json::string(b)});
  for (const std::string& p : m.remote) remote.push_back(json::string(p));
  return json::object{{"adjacent", std::move(adjacent)}, {"remote", std::move(remote)}};
}

// --- quotes ---

http::Response PostQuote(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  QuoteInput input;
  input.product_code = form.String("product", 40);
  input.request.origin = form.String("origin", 12);
  input.request.destination = form.String("destination", 12);
  input.request.weight_grams = form.Int("weight_grams");
  if (const json::object* dims = form.OptObject("dimensions_cm")) {
    http::JsonFields d(*dims, "dimensions_cm");
    input.request.dimensions_cm = Dimensions{d.Int("length"), d.Int("width"), d.Int("height")};
    if (Status s = d.Finish(); !s) form.Merge(s.error());
  }
  input.request.declared_value = ReadMoney(form, "declared_value", false);
  input.request.cod_amount = ReadMoney(form, "cod_amount", false);
  for (const std::string& service : form.StringArray("services", std::size(kServices), 20)) {
    if (service == "insured") input.request.insured = true;
    else if (service == "cod") input.request.cod = true;
    else if (service == "signed_receipt") input.request.signed_receipt = true;
    else if (service == "packaging") input.request.packaging = true;
    else form.Add("services", "invalid_enum", "services are: insured, cod, signed_receipt, packaging");
  }
  if (auto c = form.OptInt("customer_id", 1)) input.customer_id = CustomerId{*c};
  if (auto c = form.OptInt("rate_card_id", 1)) input.rate_card_id = RateCardId{*c};
  input.request.monthly_shipments = form.OptInt("monthly_shipments", 0, 100'000'000).value_or(0);
  input.date = ReadDate(form, "date");
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);

  auto answer = QuoteShipment(ctx, std::move(input));
  if (!answer) return Fail(answer.error(), request, ctx);
  return http::Response::Json(200, QuoteAnswerText(*answer));
}

// --- products and the zone matrix ---

http::Response GetProducts(const http::Request& request, http::Context& ctx) {
  auto products = ListProducts(ctx);
  if (!products) return Fail(products.error(), request, ctx);
  json::array items;
  for (const ServiceProduct& p : *products) items.push_back(ProductToJson(p));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

// 价目表: per product the card in force for the customer (or the published one), its prices only —
// the card's id, name and version are the company's bookkeeping, shown to staff alone.
http::Response GetPriceListRoute(const http::Request& request, http::Context& ctx) {
  std::optional<CustomerId> customer;
  if (auto text = request.Query("customer_id")) {
    auto id = http::ParsePositiveInt(*text);
    if (!id) return Fail(InvalidField("customer_id", "invalid_format", "customer_id is a positive id"), request, ctx);
    customer = CustomerId{*id};
  }
  std::optional<Date> date;
  if (auto text = request.Query("date")) {
    date = ParseDate(*text);
    if (!date) return Fail(InvalidField("date", "invalid_format", "date must be a date, YYYY-MM-DD"), request, ctx);
  }
  auto list = GetPriceList(ctx, customer, date);
  if (!list) return Fail(list.error(), request, ctx);
  const bool staff = ctx.principal().role != Role::kPortal;
  json::array items;
  for (const PriceListEntry& e : list->entries) {
    json::object o{{"product", ProductToJson(e.product)},
                   {"kind", CardKindCode(e.card.kind)},
                   {"valid_from", DateJson(e.card.valid_from)},
                   {"valid_to", DateJson(e.card.valid_to)}};
    if (staff) o["rate_card_id"] = e.card.id.value();
    RateCardFieldsToJson(e.card.card, o);
    items.push_back(std::move(o));
  }
  json::object body{{"customer_id", list->customer_id ? json::value(list->customer_id->value()) : json::value(nullptr)},
                    {"date", FormatDate(list->date)},
                    {"items", std::move(items)}};
  return http::JsonResponse(200, std::move(body));
}

http::Response GetMatrix(const http::Request& request, http::Context& ctx) {
  auto matrix = GetZoneMatrix(ctx);
  if (!matrix) return Fail(matrix.error(), request, ctx);
  return http::JsonResponse(200, MatrixToJson(*matrix));
}

http::Response PutMatrix(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  ZoneMatrix matrix;
  const json::array* adjacent = form.OptArray("adjacent");
  if (!adjacent && form.ok()) form.Add("adjacent", "required", "adjacent is required");
  if (adjacent) {
    if (adjacent->size() > 1000) form.Add("adjacent", "too_many", "at most 1000 pairs");
    else
      for (size_t i = 0; i < adjacent->size(); ++i) {
        const json::value& pair = (*adjacent)[i];
        const bool ok = pair.is_array() && pair.get_array().size() == 2 && pair.get_array()[0].is_string() &&
                        pair.get_array()[1].is_string();
        if (!ok) {
          form.Add(http::FieldPath("adjacent", i), "invalid_type", "a pair of province codes, [\"31\", \"32\"]");
          continue;
        }
        matrix.AddAdjacent(std::string(pair.get_array()[0].get_string()), std::string(pair.get_array()[1].get_string()));
      }
  }
  for (std::string& p : form.StringArray("remote", 100, 6)) matrix.remote.insert(std::move(p));
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetZoneMatrix(ctx, std::move(matrix));
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, MatrixToJson(*saved));
}

// --- rate cards ---

http::Response ListCardsRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  CardFilter filter;
  filter.limit = page->limit;
  filter.after_id = page->cursor;
  if (auto kind = request.Query("kind")) {
    filter.kind = ParseCardKind(*kind);
    if (!filter.kind) return Fail(InvalidField("kind", "invalid_enum", "kind is published or agreement"), request, ctx);
  }
  if (auto status = request.Query("status")) {
    filter.status = ParseCardStatus(*status);
    if (!filter.status)
      return Fail(InvalidField("status", "invalid_enum", "status is draft, active or ended"), request, ctx);
  }
  if (auto product = request.Query("product")) filter.product_code = std::string(*product);
  if (auto customer = request.Query("customer_id")) {
    auto id = http::ParsePositiveInt(*customer);
    if (!id) return Fail(InvalidField("customer_id", "invalid_format", "customer_id is a positive id"), request, ctx);
    filter.customer_id = CustomerId{*id};
  }
  auto cards = ListCards(ctx, filter);
  if (!cards) return Fail(cards.error(), request, ctx);
  return http::PageResponse(*cards, filter.limit, [](const RateCardRecord& r) { return r.id.value(); }, CardToJson);
}

http::Response GetCardRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Rate card"), request, ctx);
  auto card = GetCard(ctx, RateCardId{*id});
  if (!card) return Fail(card.error(), request, ctx);
  return CardResponse(200, *card);
}

http::Response CreateCardRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  RateCardRecord record;
  record.kind = ParseCardKind(form.Enum("kind", kKinds)).value_or(CardKind::kPublished);
  record.name = form.OptString("name", kMaxNameChars).value_or("");
  if (auto c = form.OptInt("customer_id", 1)) record.customer_id = CustomerId{*c};
  record.contract_id = form.OptInt("contract_id", 1);
  const std::string product = form.String("product", 40);
  record.card = ReadRateCardFields(form);
  record.card.product_code = product;
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto created = CreateDraft(ctx, std::move(record));
  if (!created) return Fail(created.error(), request, ctx);
  http::Response response = CardResponse(201, *created);
  response.Set("Location", "/api/v1/rate-cards/" + std::to_string(created->id.value()));
  return response;
}

http::Response UpdateCardRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Rate card"), request, ctx);
  auto expected = http::ExpectedVersion(request, "rate card");
  if (!expected) return Fail(expected.error(), request, ctx);
  if (!*expected)
    return Fail(Error{ErrorCode::kPreconditionRequired, "Send If-Match with the rate card's ETag to change it.", {},
                      {{"If-Match", "required", "If-Match is required"}}},
                request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::string name = form.OptString("name", kMaxNameChars).value_or("");
  RateCard card = ReadRateCardFields(form);
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto updated = UpdateDraft(ctx, RateCardId{*id}, **expected, std::move(name), std::move(card));
  if (!updated) return Fail(updated.error(), request, ctx);
  return CardResponse(200, *updated);
}

http::Response ActivateRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Rate card"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  std::optional<Date> from = ReadDate(form, "valid_from");
  std::optional<Date> to = ReadDate(form, "valid_to");
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto card = Activate(ctx, RateCardId{*id}, from, to);
  if (!card) return Fail(card.error(), request, ctx);
  return CardResponse(200, *card);
}

http::Response EndRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Rate card"), request, ctx);
  auto card = End(ctx, RateCardId{*id});
  if (!card) return Fail(card.error(), request, ctx);
  return CardResponse(200, *card);
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  // Priced from reference data and one agreement lookup: run where it was read.
  router.Post("/api/v1/quotes", http::Requires(kQuote), PostQuote).runs = http::Runs::kInline;
  router.Get("/api/v1/service-products", http::Requires(kProductsRead), GetProducts);
  router.Get("/api/v1/price-list", http::Requires(kPriceListRead), GetPriceListRoute);
  router.Get("/api/v1/zone-matrix", http::Requires(kZoneMatrixRead), GetMatrix);
  router.Put("/api/v1/zone-matrix", http::Requires(kZoneMatrixWrite), PutMatrix);
  router.Get("/api/v1/rate-cards", http::Requires(kRateCardsRead), ListCardsRoute);
  router.Post("/api/v1/rate-cards", http::Requires(kAgreementCardsWrite), CreateCardRoute);  // the service tells kinds apart
  router.Get("/api/v1/rate-cards/{id}", http::Requires(kRateCardsRead), GetCardRoute);
  router.Put("/api/v1/rate-cards/{id}", http::Requires(kAgreementCardsWrite), UpdateCardRoute);
  router.Post("/api/v1/rate-cards/{id}/activate", http::Requires(kRateCardsWrite), ActivateRoute);
  router.Post("/api/v1/rate-cards/{id}/end", http::Requires(kRateCardsWrite), EndRoute);
}

}  // namespace consign::pricing
