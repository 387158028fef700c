#pragma once
// `consign demo` part six: scans (扫描事件) for the demo's recent orders, from carriers of different
// quality — each carrier's declared on-time rate, damage rate and scan completeness decide how late its
// parcels arrive, how many are damaged and how many scans it skips; failed attempts (收件人电话无人接听)
// now and then; and one carrier, 飞鸿快递, reports "loaded" (已装车) from its system for parcels that no
// departure scan ever shows — the 2007 case of seed 000. Orders of the last `days` days get the scans
// that would have happened by now; the tracking module then derives each shipment's state, ETA and
// exceptions.
#include <cstdint>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "modules/carriers/carrier.hpp"
#include "modules/orders/order.hpp"
#include "modules/tracking/scan.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

// The carrier whose system claims what its scans do not show.
inline constexpr std::string_view kUntruthfulCarrier = "FEIHONG";

// The events of one order's journey that happened by `now` (pure, tested): pickup 1–3 h after the
// order, then the origin hub's arrival and departure, the destination hub, out for delivery and the
// signed delivery at fixed shares of the door-to-door time — within the order's promise for the
// carrier's declared on-time share, up to half the promise late for the rest; damaged, failed (a day
// later) or skipped as the carrier's figures make likely. Deterministic for the same order, carrier
// and seed.
std::vector<tracking::ScanEvent> DemoJourney(const orders::Order& order, const carriers::Carrier& carrier,
                                             uint64_t seed, Instant now);

struct ScansSummary {
  int64_t orders = 0;
  int64_t events = 0;
  int64_t exceptions = 0;
  int carriers_measured = 0;
};

ScansSummary LoadDemoScans(db::Database& database, const Clock& clock, int64_t days, uint64_t seed, std::ostream& out);

}  // namespace consign::demo
