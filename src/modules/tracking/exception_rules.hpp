#pragma once
// Exceptions (异常): which shipments are in trouble, how badly and whose fault, before the customer
// asks. Pure; the tracking service runs it for the shipments due for a check and raises each finding
// once per shipment and kind.
//
// The rules, each with thresholds an admin sets (ExceptionThresholds):
//   stalled        no scan for longer than the current stage allows (not picked up 24 h after the
//                  order; 36 h in transit; 12 h out for delivery; 72 h in customs). Twice the limit:
//                  high severity, else medium. Down to the carrier.
//   lost           no scan for `lost_after` (7 days) in transit, or a loss scan: critical, carrier.
//   at_risk        not delivered, and the ETA's p90 later than the promise by more than
//                  `at_risk_margin`: medium, carrier.
//   late           not delivered and now past the promise (plus `late_grace`), or delivered after
//                  it: high; the party of the last incident if it was weather or customs, else carrier.
//   failed_delivery a failed attempt: medium, high from the second; the attempt's party (consignee
//                  when no one answers).
//   damaged        a damage scan: high, carrier.
//   contradicted   a claim (a status the carrier's system reports, "loaded") that no scan of the same
//                  stage or later supports within `claim_tolerance` — the 2007 case of seed 000:
//                  "loaded" with no departure scan. High, carrier.
// Delivered, returned and cancelled shipments are stalled, lost or at risk no more.
// NextCheck says when a shipment must be looked at again if nothing arrives for it: the earliest
// moment a time rule could fire. A new event brings the check forward; this is how the checks' cost
// follows the shipments due, not all the open ones.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/tracking/eta.hpp"
#include "modules/tracking/scan.hpp"
#include "modules/tracking/shipment_state.hpp"

namespace consign::tracking {

enum class ExceptionKind { kStalled, kLost, kAtRisk, kLate, kFailedDelivery, kDamaged, kContradicted };
inline constexpr ExceptionKind kAllExceptionKinds[] = {
    ExceptionKind::kStalled, ExceptionKind::kLost,    ExceptionKind::kAtRisk,       ExceptionKind::kLate,
    ExceptionKind::kFailedDelivery, ExceptionKind::kDamaged, ExceptionKind::kContradicted};
std::string_view ExceptionKindCode(ExceptionKind k);
std::optional<ExceptionKind> ParseExceptionKind(std::string_view code);
std::string_view ExceptionLabelZh(ExceptionKind k);  // 停滞, 丢失, 有延误风险, 已延误, 派送失败, 破损, 状态与扫描不符

enum class Severity { kLow, kMedium, kHigh, kCritical };
std::string_view SeverityCode(Severity s);

struct ExceptionThresholds {
  std::chrono::hours not_picked_up{24};
  std::chrono::hours in_transit{36};
  std::chrono::hours out_for_delivery{12};
  std::chrono::hours customs{72};
  std::chrono::hours lost_after{168};
  std::chrono::hours at_risk_margin{0};
  std::chrono::minutes late_grace{0};
  std::chrono::hours claim_tolerance{6};
};
// Each between 1 hour and 60 days (margins and grace 0 to 7 days); fields named as in JSON
// ("not_picked_up_hours", …).
Status ValidateThresholds(const ExceptionThresholds& t);

struct Shipment {
  Instant created_at;        // the order
  Instant promised_at;       // the promise to the customer
  std::span<const ScanEvent> events;  // any order
  ShipmentState state;       // Derive(events)
  std::optional<Eta> eta;    // EstimateDelivery, when not delivered
};

struct Finding {
  ExceptionKind kind = ExceptionKind::kStalled;
  Severity severity = Severity::kMedium;
  Party party = Party::kCarrier;
  Instant since;        // when the trouble began (the deadline passed, the scan's time)
  std::string detail_zh;
  std::string detail_en;
};

std::vector<Finding> Evaluate(const Shipment& s, const ExceptionThresholds& t, Instant now);

// The next moment a time rule could fire for this shipment with no new event; none when it is done.
std::optional<Instant> NextCheck(const Shipment& s, const ExceptionThresholds& t, Instant now);

}  // namespace consign::tracking
