#include "modules/tracking/tracking_service.hpp"

#include <map>
#include <set>

#include "core/text.hpp"
#include "modules/audit/audit_chain.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/tracking/code_mapping.hpp"
#include "modules/tracking/exception_rules.hpp"
#include "modules/tracking/tracking_store.hpp"

namespace consign::tracking {

namespace {

constexpr int kLaneSample = 500;       // the latest deliveries of a lane make its ETA
constexpr int kAttachPerCall = 1000;   // quarantined events looked at per call

std::string EventKey(const IncomingScan& in) {
  if (!in.event_id.empty()) return "id:" + in.event_id;
  return "sha:" + audit::Sha256Hex(in.waybill + "|" + in.raw_code + "|" + std::to_string(ToMicros(in.at)) + "|" +
                                   in.place_division + "|" + in.place_name);
}

ScanEvent ToEvent(const IncomingScan& in, const CodeRule& rule) {
  ScanEvent e;
  e.waybill = in.waybill;
  e.event_id = in.event_id;
  e.raw_code = in.raw_code;
  e.status = rule.status;
  e.substatus = rule.substatus;
  e.party = rule.party;
  e.claim = rule.claim;
  e.reason = in.reason;
  e.at = in.at;
  e.utc_offset_minutes = in.utc_offset_minutes;
  e.place_division = in.place_division;
  e.place_name = in.place_name;
  e.source = in.source;
  e.signer = in.signer;
  e.photo_ref = in.photo_ref;
  return e;
}

std::string Province(const std::string& division) { return division.substr(0, 2); }

Lane LaneOf(const orders::Order& o) {
  return Lane{o.carrier_id.value_or(0), o.draft.product, Province(o.draft.shipper.division),
              Province(o.draft.consignee.division)};
}

std::optional<Eta> EtaFor(db::Transaction& tx, const orders::Order& o, const ShipmentState& s, Instant now) {
  if (IsTerminal(s.status) && !s.delivered_at) return std::nullopt;
  if (s.delivered_at) return Eta{*s.delivered_at, *s.delivered_at, EtaBasis::kDelivered, Confidence::kHigh};
  const std::vector<double> hours = o.carrier_id ? LaneHours(tx, LaneOf(o), kLaneSample) : std::vector<double>{};
  const EtaInput in{s.status, s.picked_up_at.value_or(o.created_at), s.out_for_delivery_at, s.delivered_at,
                    o.promised_hours, hours};
  return EstimateDelivery(in, now);
}

// Brings one order's shipment row up to date with all its events.
void Refresh(db::Transaction& tx, const orders::Order& o, Instant now) {
  const std::vector<ScanEvent> events = EventsOf(tx, o.id.value());
  const ShipmentState state = Derive(events);
  if (state.picked_up_at && o.status == orders::OrderStatus::kAllocated) orders::MarkPickedUp(tx, o.id, now);
  if (state.delivered_at && state.picked_up_at && o.carrier_id) {
    const double hours = std::chrono::duration<double, std::ratio<3600>>(*state.delivered_at - *state.picked_up_at).count();
    AddTransitSample(tx, o.id.value(), LaneOf(o), hours, *state.delivered_at);
  }
  ShipmentRow row;
  row.order_id = o.id.value();
  row.carrier_id = o.carrier_id.value_or(0);
  row.state = state;
  row.eta = EtaFor(tx, o, state, now);
  const Shipment shipment{o.created_at, o.promised_at, events, state, row.eta};
  row.next_check_at = NextCheck(shipment, ExceptionThresholds{}, now);
  row.updated_at = now;
  SaveShipment(tx, row);
}

TrackingView ViewOf(db::Transaction& tx, const orders::Order& o, Instant now) {
  TrackingView v;
  v.order_id = o.id.value();
  v.waybill = orders::FormatWaybill(o.id.value());
  v.carrier_id = o.carrier_id;
  v.promised_at = o.promised_at;
  const std::vector<ScanEvent> events = EventsOf(tx, o.id.value());
  v.state = Derive(events);
  v.timeline = InEventOrder(events);
  // A signer's name is personal data: masked on every read (DOMAIN.md §12).
  for (ScanEvent& e : v.timeline) e.waybill = v.waybill, e.signer = text::MaskName(e.signer);
  if (!IsTerminal(v.state.status)) v.eta = EtaFor(tx, o, v.state, now);
  return v;
}

}  // namespace

Result<IngestReport> IngestScans(Scope& scope, carriers::CarrierId carrier, std::vector<IncomingScan> scans) {
  if (scans.empty()) return InvalidField("events", "required", "send at least one event");
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  const Instant now = scope.now();
  const CodeMapping& mapping = DefaultMapping();
  IngestReport report;
  report.received = static_cast<int64_t>(scans.size());
  std::map<int64_t, std::optional<orders::Order>> seen_orders;
  std::map<int64_t, orders::Order> touched;
  auto order_of = [&](int64_t serial) -> const std::optional<orders::Order>& {
    auto it = seen_orders.find(serial);
    if (it == seen_orders.end()) it = seen_orders.emplace(serial, orders::OrderForScans(tx, orders::OrderId{serial})).first;
    return it->second;
  };
  auto reject = [&](size_t index, std::string field, std::string reason, std::string message) {
    report.rejected.push_back({index, std::move(field), std::move(reason), std::move(message)});
  };

  for (size_t i = 0; i < scans.size(); ++i) {
    const IncomingScan& in = scans[i];
    const size_t index = in.index;
    const std::string at = "events[" + std::to_string(index) + "]";
    const CodeRule* rule = mapping.Find(in.raw_code);
    if (!rule) {
      reject(index, at + ".code", "unknown_code", "code " + in.raw_code + " is not in this carrier's code table");
      continue;
    }
    const ScanEvent event = ToEvent(in, *rule);
    if (Status valid = ValidateScan(event, now, at); !valid) {
      for (const FieldError& f : valid.error().fields) reject(index, f.field, f.reason, f.message);
      continue;
    }
    StoredEvent stored{carrier.value(), EventKey(in), *orders::ParseWaybill(event.waybill), std::nullopt, "",
                       event, now};
    const std::optional<orders::Order>& order = order_of(stored.serial);
    if (!order) {
      stored.quarantine = "waiting";
      ++(InsertEvent(tx, stored) ? report.quarantined : report.duplicates);
      continue;
    }
    if (order->carrier_id != carrier.value()) {
      reject(index, at + ".waybill", "not_your_waybill", "this waybill is not allocated to your carrier");
      continue;
    }
    stored.order_id = order->id.value();
    if (InsertEvent(tx, stored)) {
      ++report.stored;
      touched.emplace(order->id.value(), *order);
    } else {
      ++report.duplicates;
    }
  }

  // Quarantined events whose order may have arrived since: ids only grow, so a serial at most the
  // newest order's with no order is one that will never exist (a rolled-back insert) and is refused.
  for (const StoredEvent& w : WaitingUpTo(tx, orders::NewestOrderId(tx), kAttachPerCall)) {
    const std::optional<orders::Order>& order = order_of(w.serial);
    if (!order || order->carrier_id != w.carrier_id) {
      Refuse(tx, w.carrier_id, w.event_key);
      continue;
    }
    Attach(tx, w.carrier_id, w.event_key, order->id.value());
    ++report.attached;
    touched.emplace(order->id.value(), *order);
  }
  for (const auto& [id, order] : touched) Refresh(tx, order, now);
  return report;
}

Result<TrackingView> GetTracking(Scope& scope, orders::OrderId id) {
  auto order = orders::GetOrder(scope, id);
  if (!order) return std::move(order).error();
  return ViewOf(scope.tx(), *order, scope.now());
}

Result<TrackingView> PublicTracking(Scope& scope, std::string_view waybill) {
  const std::optional<int64_t> serial = orders::ParseWaybill(waybill);
  if (!serial)
    return InvalidField("waybill", "invalid_waybill",
                        "this is not a waybill number: CS, 12 digits and a check digit — please check it for a typo");
  std::optional<orders::Order> order = orders::OrderForScans(scope.tx(), orders::OrderId{*serial});
  if (!order || order->status == orders::OrderStatus::kCancelled) return NotFound("Waybill");
  TrackingView v = ViewOf(scope.tx(), *order, scope.now());
  for (ScanEvent& e : v.timeline) e.photo_ref.clear();
  return v;
}

}  // namespace consign::tracking
