#pragma once
// Carrier scorecards (承运商考核): what a carrier's shipments show over a window, per carrier, lane and
// week — on-time rate, average delay, damage rate, scan completeness, truthfulness (its claims that
// scans contradicted), exceptions per 1,000 shipments. They feed the allocation of orders: the measured
// on-time, damage and scan figures replace the carrier's declared ones once it has enough shipments
// (carriers::SetMeasuredPerformance). Pure.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "modules/tracking/eta.hpp"

namespace consign::tracking {

// The scan stages a delivered shipment is expected to show: pickup, the origin hub's arrival and
// departure, the destination hub, out for delivery, delivery.
inline constexpr int kExpectedStages = 6;

struct ShipmentOutcome {
  std::string lane;  // "44→31": origin and destination provinces
  Instant picked_up_at;
  std::optional<Instant> delivered_at;
  Instant promised_at;
  bool damaged = false;
  int stages = 0;         // of kExpectedStages seen by a scan
  bool contradicted = false;
  int exceptions = 0;     // raised for it
  // The first estimate made for it while under way (its p50 and p90), to measure the ETA's accuracy.
  std::optional<Instant> first_eta_p50;
  std::optional<Instant> first_eta_p90;
};

struct Figures {
  int64_t shipments = 0;
  int64_t delivered = 0;
  int64_t on_time = 0;           // delivered by the promise
  double average_delay_hours = 0;  // of the late deliveries
  int64_t damaged = 0;
  int64_t contradicted = 0;
  int64_t exceptions = 0;
  int on_time_bp = 0;            // of delivered
  int damage_bp = 0;             // of shipments
  int scan_completeness_bp = 0;  // stages seen ÷ expected, over delivered
  int truthful_bp = 10000;       // shipments whose claims no scan contradicted
  int exceptions_per_1000 = 0;
  int64_t eta_measured = 0;      // delivered shipments that had an estimate while under way
  int64_t eta_hits = 0;          // … whose delivery came by its p90 and not a day before its p50 (EtaHit)
  int eta_accuracy_bp = 0;
};

struct Scorecard {
  Figures overall;
  std::map<std::string, Figures> lanes;  // by lane
  std::map<std::string, Figures> weeks;  // by ISO-ish week start, "2026-11-23" (Monday, UTC+8)
};

Figures FiguresOf(std::span<const ShipmentOutcome> shipments);
Scorecard ScoreOf(std::span<const ShipmentOutcome> shipments);

}  // namespace consign::tracking
