#include "modules/tracking/shipment_state.hpp"

namespace consign::tracking {

namespace {

// May `next` change the status of a shipment whose status is `current`?
bool Moves(ShipmentStatus current, ShipmentStatus next) {
  if (!IsTerminal(current)) return true;
  if (current == ShipmentStatus::kCancelled || current == ShipmentStatus::kReturned)
    return next == ShipmentStatus::kException;
  return next == ShipmentStatus::kReturning || next == ShipmentStatus::kReturned ||
         next == ShipmentStatus::kException;
}

}  // namespace

ShipmentState Derive(std::span<const ScanEvent> events) {
  ShipmentState s;
  bool any_scan = false;
  for (const ScanEvent& e : InEventOrder(events)) {
    if (e.claim) {
      ++s.claims;
      continue;
    }
    ++s.scans;
    if (!s.last_scan_at || e.at >= *s.last_scan_at) {
      s.last_scan_at = e.at;
      if (!e.place_name.empty() || !e.place_division.empty()) {
        s.last_place_name = e.place_name;
        s.last_place_division = e.place_division;
      }
    }
    if (!s.picked_up_at && Progress(e.status, e.substatus) >= 10) s.picked_up_at = e.at;
    if (e.status == ShipmentStatus::kOutForDelivery) s.out_for_delivery_at = e.at;
    if (e.status == ShipmentStatus::kFailedAttempt) ++s.failed_attempts;
    if (e.substatus == "exception.damaged") s.damaged = true;
    if (e.status == ShipmentStatus::kDelivered && !s.delivered_at) s.delivered_at = e.at;
    if (any_scan && !Moves(s.status, e.status)) continue;
    any_scan = true;
    s.status = e.status;
    s.substatus = e.substatus;
    s.party = e.party;
    s.reason = e.reason;
  }
  // Lost while that is the last word: a parcel found again (a later scan) is no longer lost.
  s.lost = s.status == ShipmentStatus::kException && s.substatus == "exception.lost";
  return s;
}

}  // namespace consign::tracking
