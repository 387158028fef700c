#pragma once
// Where a shipment is, from its events in any order of arrival. Pure.
//
// The events are put in the order they happened (InEventOrder); the status is the last *scan's*
// (claims are shown but never set the status). Once a shipment is delivered, returned or cancelled,
// a later scan of an earlier stage (a hub's scan sent late) is kept in the timeline but does not undo
// the end; only returning, returned and exception events move a delivered shipment on (a return after
// delivery, damage found at the door).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "modules/tracking/scan.hpp"

namespace consign::tracking {

struct ShipmentState {
  ShipmentStatus status = ShipmentStatus::kInfoReceived;
  std::string substatus;
  Party party = Party::kNone;  // of the event that set the status
  std::string reason;
  std::optional<Instant> picked_up_at;        // the first pickup scan, or the first scan of any later stage
  std::optional<Instant> out_for_delivery_at;  // the last
  std::optional<Instant> delivered_at;
  std::optional<Instant> last_scan_at;         // the latest scan by event time (claims not counted)
  std::string last_place_division;
  std::string last_place_name;
  int failed_attempts = 0;
  bool damaged = false;  // a damage scan at any time
  bool lost = false;     // the last scan says lost
  int scans = 0;
  int claims = 0;
};

ShipmentState Derive(std::span<const ScanEvent> events);

}  // namespace consign::tracking
