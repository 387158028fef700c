#include "modules/tracking/eta.hpp"

#include <algorithm>
#include <cmath>

namespace consign::tracking {

namespace {

Instant Plus(Instant t, double hours) {
  return t + std::chrono::microseconds(static_cast<int64_t>(std::llround(hours * 3'600'000'000.0)));
}

Confidence ConfidenceOf(int samples) {
  if (samples >= 200) return Confidence::kHigh;
  if (samples >= kMinSamples) return Confidence::kMedium;
  return Confidence::kLow;
}

}  // namespace

double Quantile(std::span<const double> sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1) * std::clamp(q, 0.0, 1.0);
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

TransitQuantiles QuantilesOf(std::vector<double> hours) {
  TransitQuantiles out;
  if (hours.empty()) return out;
  std::sort(hours.begin(), hours.end());
  out.samples = static_cast<int>(hours.size());
  out.p50_hours = Quantile(hours, 0.5);
  out.p90_hours = Quantile(hours, 0.9);
  return out;
}

std::string_view EtaBasisCode(EtaBasis b) {
  switch (b) {
    case EtaBasis::kLane: return "lane";
    case EtaBasis::kPromise: return "promise";
    case EtaBasis::kOutForDelivery: return "out_for_delivery";
    case EtaBasis::kDelivered: return "delivered";
  }
  return "promise";
}

std::string_view ConfidenceCode(Confidence c) {
  switch (c) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "low";
}

Eta EstimateDelivery(const EtaInput& in, Instant now) {
  if (in.delivered_at) return Eta{*in.delivered_at, *in.delivered_at, EtaBasis::kDelivered, Confidence::kHigh};
  if (in.status == ShipmentStatus::kOutForDelivery && in.out_for_delivery_at)
    return Eta{std::max(now, Plus(*in.out_for_delivery_at, 4)), std::max(now, Plus(*in.out_for_delivery_at, 8)),
               EtaBasis::kOutForDelivery, Confidence::kHigh};

  const int n = static_cast<int>(in.lane_hours.size());
  if (n < kMinSamples) {
    // The promise: most arrive by then; p90 a fifth later.
    const Instant p50 = Plus(in.start, in.promised_hours);
    return Eta{std::max(now, p50), std::max(now, Plus(in.start, in.promised_hours * 1.2)), EtaBasis::kPromise,
               Confidence::kLow};
  }
  const double elapsed = std::chrono::duration<double, std::ratio<3600>>(now - in.start).count();
  std::span<const double> sample = in.lane_hours;
  if (elapsed > Quantile(sample, 0.5)) {
    // Past the usual time: condition on having taken this long — the shipments that took longer.
    auto first_longer = std::upper_bound(sample.begin(), sample.end(), elapsed);
    const size_t left = static_cast<size_t>(sample.end() - first_longer);
    if (left >= 5) {
      std::span<const double> tail(&*first_longer, left);
      return Eta{Plus(in.start, Quantile(tail, 0.5)), Plus(in.start, Quantile(tail, 0.9)), EtaBasis::kLane,
                 ConfidenceOf(static_cast<int>(left)) == Confidence::kHigh ? Confidence::kMedium : Confidence::kLow};
    }
    // Later than nearly all: no sample left to say; a day from now, little confidence.
    return Eta{Plus(now, 12), Plus(now, 24), EtaBasis::kLane, Confidence::kLow};
  }
  return Eta{Plus(in.start, Quantile(sample, 0.5)), Plus(in.start, Quantile(sample, 0.9)), EtaBasis::kLane,
             ConfidenceOf(n)};
}

bool EtaHit(const Eta& estimate, Instant delivered) {
  return delivered <= estimate.p90 && delivered >= estimate.p50 - std::chrono::hours(24);
}

}  // namespace consign::tracking
