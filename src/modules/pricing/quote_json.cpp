#include "modules/pricing/quote_json.hpp"

#include "modules/pricing/rate_card_json.hpp"
#include "modules/pricing/zone.hpp"
#include "platform/http/json_writer.hpp"

namespace consign::pricing {

namespace json = boost::json;

namespace {

void WriteMoney(http::JsonWriter& w, const Money& m) {
  w.BeginObject();
  w.Key("amount_minor");
  w.Int(m.minor);
  w.Key("currency");
  w.String(m.currency.view());
  w.EndObject();
}

}  // namespace

json::object ProductToJson(const ServiceProduct& p) {
  return json::object{{"code", p.code},
                      {"name_zh", p.name_zh},
                      {"name_en", p.name_en},
                      {"volumetric_divisor", p.volumetric_divisor},
                      {"dimensions_required", p.dimensions_required}};
}

json::object QuoteAnswerJson(const QuoteAnswer& answer) {
  json::object o = QuoteToJson(answer.quote);
  o["product"] = ProductToJson(answer.product);
  const RateCardRecord& card = answer.card;
  json::object used{{"id", card.id.value()}, {"kind", CardKindCode(card.kind)}, {"name", card.name}};
  used["customer_id"] = card.customer_id ? json::value(card.customer_id->value()) : json::value(nullptr);
  used["contract_id"] = card.contract_id ? json::value(*card.contract_id) : json::value(nullptr);
  o["rate_card"] = std::move(used);
  o["date"] = FormatDate(answer.date);
  return o;
}

std::string QuoteAnswerText(const QuoteAnswer& answer) {
  const QuoteResult& quote = answer.quote;
  http::JsonWriter w;
  w.BeginObject();
  w.Key("zone");
  w.String(ZoneCode(quote.zone));
  w.Key("zone_zh");
  w.String(ZoneNameZh(quote.zone));
  w.Key("zone_en");
  w.String(ZoneNameEn(quote.zone));
  w.Key("actual_grams");
  w.Int(quote.actual_grams);
  w.Key("chargeable_grams");
  w.Int(quote.chargeable_grams);
  w.Key("lines");
  w.BeginArray();
  for (const QuoteLine& l : quote.lines) {
    w.BeginObject();
    w.Key("code");
    w.String(l.code);
    w.Key("label_zh");
    w.String(l.label_zh);
    w.Key("label_en");
    w.String(l.label_en);
    w.Key("amount");
    WriteMoney(w, l.amount);
    w.Key("rule_zh");
    w.String(l.rule_zh);
    w.Key("rule_en");
    w.String(l.rule_en);
    w.EndObject();
  }
  w.EndArray();
  w.Key("total");
  WriteMoney(w, quote.total);
  w.Key("volumetric_grams");
  w.IntOrNull(quote.volumetric_grams);

  const ServiceProduct& p = answer.product;
  w.Key("product");
  w.BeginObject();
  w.Key("code");
  w.String(p.code);
  w.Key("name_zh");
  w.String(p.name_zh);
  w.Key("name_en");
  w.String(p.name_en);
  w.Key("volumetric_divisor");
  w.Int(p.volumetric_divisor);
  w.Key("dimensions_required");
  w.Bool(p.dimensions_required);
  w.EndObject();

  const RateCardRecord& card = answer.card;
  w.Key("rate_card");
  w.BeginObject();
  w.Key("id");
  w.Int(card.id.value());
  w.Key("kind");
  w.String(CardKindCode(card.kind));
  w.Key("name");
  w.String(card.name);
  w.Key("customer_id");
  w.IntOrNull(card.customer_id ? std::optional<int64_t>(card.customer_id->value()) : std::nullopt);
  w.Key("contract_id");
  w.IntOrNull(card.contract_id);
  w.EndObject();
  w.Key("date");
  w.String(FormatDate(answer.date));
  w.EndObject();
  return std::move(w).Take();
}

}  // namespace consign::pricing
