#pragma once
// Estimated delivery (预计送达) from the transit times actually measured. Pure.
//
// For each lane × carrier × service the hours from pickup to delivery of the shipments delivered
// lately are a sample; its p50 and p90 (linear interpolation between closest ranks, as R's type 7)
// say when a shipment picked up now most likely arrives and by when nine in ten have. With fewer
// than kMinSamples the product's promise stands in (basis "promise") and the confidence is low.
//
// A shipment out for delivery arrives today: p50 four hours after it went out, p90 eight. One already
// past its p50 in transit is re-estimated from the shipments that took at least as long (the sample's
// upper part): a late parcel's ETA moves with it rather than staying in the past.
// Accuracy on delivered shipments: an estimate is right when the delivery came no later than its p90
// and no more than a day before its p50 (EtaHit); the share right is shown per carrier.
#include <chrono>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "modules/tracking/scan.hpp"

namespace consign::tracking {

inline constexpr int kMinSamples = 20;

struct TransitQuantiles {
  int samples = 0;
  double p50_hours = 0;
  double p90_hours = 0;
};

// The q-quantile (0 ≤ q ≤ 1) of `sorted_hours` (ascending, not empty), R type 7.
double Quantile(std::span<const double> sorted_hours, double q);
// p50 and p90 of `hours` (any order); samples 0 when empty.
TransitQuantiles QuantilesOf(std::vector<double> hours);

enum class EtaBasis { kLane, kPromise, kOutForDelivery, kDelivered };
std::string_view EtaBasisCode(EtaBasis b);
enum class Confidence { kLow, kMedium, kHigh };
std::string_view ConfidenceCode(Confidence c);

struct Eta {
  Instant p50;
  Instant p90;
  EtaBasis basis = EtaBasis::kPromise;
  Confidence confidence = Confidence::kLow;
};

struct EtaInput {
  ShipmentStatus status = ShipmentStatus::kInfoReceived;
  Instant start;  // picked up, else the order's creation
  std::optional<Instant> out_for_delivery_at;
  std::optional<Instant> delivered_at;
  int promised_hours = 72;
  // The lane's measured hours from pickup to delivery, ascending; may be empty.
  std::span<const double> lane_hours;
};

Eta EstimateDelivery(const EtaInput& in, Instant now);

// Was an estimate right about a delivery at `delivered`?
bool EtaHit(const Eta& estimate, Instant delivered);

}  // namespace consign::tracking
