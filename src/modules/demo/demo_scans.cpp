#include "modules/demo/demo_scans.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

#include "modules/carriers/carrier_service.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/tracking/tracking_service.hpp"

namespace consign::demo {

namespace {

using namespace std::chrono_literals;
using tracking::ScanEvent;
using tracking::ShipmentStatus;

// "深圳市" for a district, town or city code: the hubs are named after their city.
std::string CityName(std::string_view division) {
  const std::string_view city = division.substr(0, 4);
  for (const geo::City& c : geo::Cities())
    if (c.code == city) {
      // Municipalities are their own city: 上海市 rather than 市辖区.
      const geo::Province& p = geo::Provinces()[c.province];
      return std::string(p.municipality ? p.name : c.name);
    }
  return std::string(division);
}

Instant Hours(Instant t, double h) { return t + std::chrono::microseconds(static_cast<int64_t>(h * 3.6e9)); }

const char* const kSigners[] = {"本人签收", "前台代收", "家人代收", "快递柜"};

}  // namespace

std::vector<ScanEvent> DemoJourney(const orders::Order& order, const carriers::Carrier& carrier, uint64_t seed,
                                   Instant now) {
  std::mt19937_64 rng(seed * 7'919 + static_cast<uint64_t>(order.id.value()));
  std::uniform_real_distribution<double> unit(0, 1);
  const std::string waybill = orders::FormatWaybill(order.id.value());
  const std::string from = CityName(order.draft.shipper.division);
  const std::string to = CityName(order.draft.consignee.division);
  const bool on_time = unit(rng) * 10'000 < carrier.declared.on_time_bp;
  const double scan_rate = carrier.declared.scan_completeness_bp / 10'000.0;

  std::vector<ScanEvent> events;
  int n = 0;
  auto add = [&](std::string code, ShipmentStatus status, std::string substatus, Instant at, std::string place,
                 std::string division) -> ScanEvent* {
    if (at > now) return nullptr;
    ScanEvent e;
    e.waybill = waybill;
    e.event_id = std::to_string(++n);
    e.raw_code = std::move(code);
    e.status = status;
    e.substatus = std::move(substatus);
    e.at = at;
    e.place_name = std::move(place);
    e.place_division = std::move(division);
    events.push_back(std::move(e));
    return &events.back();
  };
  // Optional scans a careless carrier skips; pickup and delivery are always scanned.
  auto maybe = [&] { return unit(rng) < scan_rate; };

  // Door to door from the pickup: within the promise for the carrier's on-time share, late by up to
  // half the promise for the rest; the scans fall at fixed shares of the journey.
  const double pickup_delay = 1 + 2 * unit(rng);
  const Instant pickup = Hours(order.created_at, pickup_delay);
  const double promise = order.promised_hours - pickup_delay;
  const bool untruthful = carrier.code == kUntruthfulCarrier && unit(rng) < 0.12;
  double door_to_door = on_time ? promise * (0.55 + 0.35 * unit(rng)) : promise * (1.05 + 0.45 * unit(rng));
  if (untruthful) door_to_door += 48;  // "loaded", then two days in the yard
  auto at = [&](double share) { return Hours(pickup, door_to_door * share); };
  const std::string origin_city = order.draft.shipper.division.substr(0, 4);
  const std::string dest_city = order.draft.consignee.division.substr(0, 4);

  add("103", ShipmentStatus::kPickedUp, "picked_up.accepted", pickup, from + "揽收网点", order.draft.shipper.division);
  if (maybe()) add("ARRIVE", ShipmentStatus::kInTransit, "in_transit.hub_arrival", at(0.08), from + "转运中心", origin_city);
  if (untruthful) {
    // Its system says loaded; no departure scan follows for two days.
    if (ScanEvent* claim = add("LOADED", ShipmentStatus::kInTransit, "in_transit.loaded", at(0.12), from + "转运中心",
                               origin_city))
      claim->claim = true;
  } else if (maybe()) {
    add("DEPART", ShipmentStatus::kInTransit, "in_transit.hub_departure", at(0.12), from + "转运中心", origin_city);
  }
  if (from != to && maybe())
    add("ARRIVE", ShipmentStatus::kInTransit, "in_transit.hub_arrival", at(0.7), to + "转运中心", dest_city);
  // Damage a little more often than declared; the untruthful carrier three times as often.
  const double damage_odds = carrier.declared.damage_bp / 10'000.0 * (carrier.code == kUntruthfulCarrier ? 3 : 1.5);
  if (unit(rng) < damage_odds) {
    if (ScanEvent* damaged = add("DAMAGED", ShipmentStatus::kException, "exception.damaged", at(0.72),
                                 to + "转运中心", dest_city)) {
      damaged->party = tracking::Party::kCarrier;
      damaged->reason = "外包装破损，内件待核实";
    }
  }
  Instant out_for_delivery = at(0.85);
  Instant delivered_at = at(1.0);
  if (unit(rng) < 0.03) {
    if (ScanEvent* failed = add("FAILED_ATTEMPT", ShipmentStatus::kFailedAttempt, "failed_attempt.no_contact",
                                at(0.9), to + "派送网点", order.draft.consignee.division)) {
      failed->party = tracking::Party::kConsignee;
      failed->reason = "收件人电话无人接听";
    }
    out_for_delivery = Hours(out_for_delivery, 24);
    delivered_at = Hours(delivered_at, 24);
  }
  add("5", ShipmentStatus::kOutForDelivery, "out_for_delivery.on_vehicle", out_for_delivery, to + "派送网点",
      order.draft.consignee.division);
  if (ScanEvent* delivered = add("301", ShipmentStatus::kDelivered, "delivered.signed_by_addressee", delivered_at, to,
                                 order.draft.consignee.division))
    delivered->signer = kSigners[rng() % std::size(kSigners)];
  return events;
}

ScansSummary LoadDemoScans(db::Database& database, const Clock& clock, int64_t days, uint64_t seed, std::ostream& out) {
  ScansSummary summary;
  const Instant now = clock.Now();
  const Instant since = now - std::chrono::hours(24 * days);
  std::map<int64_t, carriers::Carrier> carriers_by_id;
  {
    auto tx = database.Begin(db::TxMode::kRead);
    for (carriers::Carrier& c : carriers::CarriersForAllocation(*tx)) carriers_by_id.emplace(c.id.value(), std::move(c));
  }
  int64_t after = 0;
  for (;;) {
    auto tx = database.Begin(db::TxMode::kWrite);
    const std::vector<orders::Order> batch = orders::OrdersForScansAfter(*tx, after, 5'000);
    if (batch.empty()) break;
    std::vector<tracking::HistoricScans> shipments;
    for (const orders::Order& o : batch) {
      after = o.id.value();
      if (o.created_at < since || !o.carrier_id || o.status == orders::OrderStatus::kCancelled) continue;
      const auto carrier = carriers_by_id.find(*o.carrier_id);
      if (carrier == carriers_by_id.end()) continue;
      tracking::HistoricScans h{o.id.value(), *o.carrier_id, DemoJourney(o, carrier->second, seed, now)};
      if (h.events.empty()) continue;
      summary.events += static_cast<int64_t>(h.events.size());
      ++summary.orders;
      shipments.push_back(std::move(h));
    }
    summary.exceptions += tracking::InsertHistoricScans(*tx, shipments, now);
    tx->Commit();
    out << fmt::format("demo: scans … {} orders scanned so far\n", summary.orders) << std::flush;
  }
  {
    // Their scorecards, so that allocation weighs what the carriers did rather than what they declared.
    auto tx = database.Begin(db::TxMode::kWrite);
    summary.carriers_measured = tracking::MeasureCarriers(*tx, now);
    tx->Commit();
  }
  out << fmt::format("demo: {} scans for the {} orders of the last {} days ({} exceptions raised, {} carriers measured)\n",
                     summary.events, summary.orders, days, summary.exceptions, summary.carriers_measured);
  return summary;
}

}  // namespace consign::demo
