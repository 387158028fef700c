#include "modules/orders/order_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.hpp"
#include "modules/pricing/rate_card_json.hpp"
#include "modules/orders/waybill.hpp"
#include "platform/http/json_writer.hpp"

namespace consign::orders {

namespace json = boost::json;

namespace {

json::value OptMoneyJson(const std::optional<Money>& m) { return m ? json::value(pricing::MoneyToJson(*m)) : json::value(nullptr); }

json::object PartyJson(const Party& p, bool reveal) {
  json::object o;
  o["name"] = reveal ? p.name : text::MaskName(p.name);
  o["phone"] = reveal ? p.phone : text::MaskPhone(p.phone);
  o["division"] = p.division;
  o["address"] = reveal ? p.address : text::MaskStreet(p.address);
  return o;
}

json::object DraftJson(const OrderDraft& d, bool reveal) {
  json::object o;
  o["product"] = d.product;
  o["shipper"] = PartyJson(d.shipper, reveal);
  o["consignee"] = PartyJson(d.consignee, reveal);
  json::object goods{{"pieces", d.goods.pieces},
                     {"weight_grams", d.goods.weight_grams},
                     {"category", d.goods.category},
                     {"description", d.goods.description},
                     {"declared_value", OptMoneyJson(d.goods.declared_value)}};
  if (d.goods.dimensions_cm)
    goods["dimensions_cm"] = json::object{{"length", d.goods.dimensions_cm->length_cm},
                                          {"width", d.goods.dimensions_cm->width_cm},
                                          {"height", d.goods.dimensions_cm->height_cm}};
  else
    goods["dimensions_cm"] = nullptr;
  o["goods"] = std::move(goods);
  o["services"] = json::object{{"insured", d.services.insured},
                               {"cod_amount", OptMoneyJson(d.services.cod_amount)},
                               {"signed_receipt", d.services.signed_receipt},
                               {"packaging", d.services.packaging}};
  o["reference"] = d.reference;
  o["notes"] = d.notes;
  return o;
}

}  // namespace

// Written straight to text (http::JsonWriter), not through a boost::json tree: every order of an import
// of 100,000 stores its decision with every candidate, and building and freeing the trees was the
// largest cost of the import (bench/order_import.cpp). order_json_test compares it with the tree form.
std::string DecisionJson(const AllocationDecision& decision, AllocationMode mode, std::string_view override_reason,
                         Instant at) {
  http::JsonWriter w(512 + 400 * decision.candidates.size());
  w.BeginObject();
  w.Key("mode");
  w.String(AllocationModeCode(mode));
  w.Key("carrier_id");
  w.IntOrNull(decision.carrier_id);
  w.Key("summary_zh");
  w.String(decision.summary_zh);
  w.Key("summary_en");
  w.String(decision.summary_en);
  w.Key("override_reason");
  w.String(override_reason);
  w.Key("decided_at");
  w.String(FormatRfc3339(at));
  w.Key("candidates");
  w.BeginArray();
  for (const CandidateScore& c : decision.candidates) {
    w.BeginObject();
    w.Key("carrier_id");
    w.Int(c.carrier_id);
    w.Key("name");
    w.String(c.name);
    w.Key("excluded");
    w.String(ExclusionCode(c.excluded));
    w.Key("reason_zh");
    w.String(c.reason_zh);
    w.Key("reason_en");
    w.String(c.reason_en);
    w.Key("scores");
    w.BeginObject();
    w.Key("cost");
    w.Int(c.scores.cost);
    w.Key("transit");
    w.Int(c.scores.transit);
    w.Key("on_time");
    w.Int(c.scores.on_time);
    w.Key("damage");
    w.Int(c.scores.damage);
    w.Key("scan");
    w.Int(c.scores.scan);
    w.EndObject();
    w.Key("total");
    w.Int(c.total);
    w.Key("meets_promise");
    w.Bool(c.meets_promise);
    w.Key("cost");
    if (c.cost) {
      w.BeginObject();
      w.Key("amount_minor");
      w.Int(c.cost->minor);
      w.Key("currency");
      w.String(c.cost->currency.view());
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("transit_hours");
    w.IntOrNull(c.transit_hours ? std::optional<int64_t>(*c.transit_hours) : std::nullopt);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::move(w).Take();
}

json::object OrderSummaryJson(const Order& order) {
  json::object o;
  o["id"] = order.id.value();
  o["waybill"] = FormatWaybill(order.id.value());
  o["customer_id"] = order.customer_id.value();
  o["status"] = OrderStatusCode(order.status);
  o["source"] = OrderSourceCode(order.source);
  o["product"] = order.draft.product;
  o["ship_date"] = FormatDay(order.ship_date);
  o["origin"] = order.draft.shipper.division;
  o["destination"] = order.draft.consignee.division;
  o["consignee_name"] = text::MaskName(order.draft.consignee.name);
  o["pieces"] = order.draft.goods.pieces;
  o["weight_grams"] = order.draft.goods.weight_grams;
  o["price"] = pricing::MoneyToJson(order.price);
  o["carrier_id"] = order.carrier_id ? json::value(*order.carrier_id) : nullptr;
  o["allocation_mode"] = AllocationModeCode(order.allocation_mode);
  o["reference"] = order.draft.reference;
  o["promised_at"] = FormatRfc3339(order.promised_at);
  o["created_at"] = FormatRfc3339(order.created_at);
  o["has_exception"] = order.has_exception;
  return o;
}

json::object OrderJson(const Order& order, bool reveal) {
  json::object o = OrderSummaryJson(order);
  json::object draft = DraftJson(order.draft, reveal);
  for (auto& [key, value] : draft) o[key] = value;
  o["zone"] = order.zone;
  o["chargeable_grams"] = order.chargeable_grams;
  json::array lines;
  for (const PriceLine& l : order.price_lines)
    lines.push_back(json::object{{"code", l.code}, {"label_zh", l.label_zh}, {"label_en", l.label_en},
                                 {"amount", pricing::MoneyToJson(l.amount)}, {"rule_zh", l.rule_zh}, {"rule_en", l.rule_en}});
  o["price_lines"] = std::move(lines);
  o["rate_card_id"] = order.rate_card_id;
  o["contract_id"] = order.contract_id ? json::value(*order.contract_id) : nullptr;
  o["promised_hours"] = order.promised_hours;
  o["carrier_cost"] = OptMoneyJson(order.carrier_cost);
  o["allocation"] = order.allocation_json.empty() ? json::value(json::object{}) : json::parse(order.allocation_json);
  o["override_reason"] = order.override_reason;
  o["cancel_reason"] = order.cancel_reason;
  o["updated_at"] = FormatRfc3339(order.updated_at);
  o["revision"] = order.revision;
  return o;
}

std::string DraftCanonicalJson(const OrderDraft& d) {
  json::object o = DraftJson(d, /*reveal=*/true);
  o["customer_id"] = d.customer_id ? json::value(d.customer_id->value()) : nullptr;
  o["ship_date"] = d.ship_date ? json::value(FormatDay(*d.ship_date)) : nullptr;
  return json::serialize(o);
}

json::object AuditJson(const Order& order) {
  // The trail keeps what was decided, not whom it was for: names, phones and streets stay in the order.
  json::object o{{"waybill", FormatWaybill(order.id.value())},
                 {"customer_id", order.customer_id.value()},
                 {"status", OrderStatusCode(order.status)},
                 {"product", order.draft.product},
                 {"origin", order.draft.shipper.division},
                 {"destination", order.draft.consignee.division},
                 {"weight_grams", order.draft.goods.weight_grams},
                 {"price", pricing::MoneyToJson(order.price)},
                 {"carrier_id", order.carrier_id ? json::value(*order.carrier_id) : nullptr},
                 {"allocation_mode", AllocationModeCode(order.allocation_mode)}};
  if (!order.override_reason.empty()) o["override_reason"] = order.override_reason;
  if (!order.cancel_reason.empty()) o["cancel_reason"] = order.cancel_reason;
  return o;
}

}  // namespace consign::orders
