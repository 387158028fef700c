#include "modules/tracking/code_mapping.hpp"

#include <algorithm>
#include <set>

namespace consign::tracking {

namespace {

using S = ShipmentStatus;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<CodeRule> DefaultRules() {
  return {
      // Kuaidi100 states (state) and sub-states (resultv2=4).
      {"1", S::kPickedUp, "", Party::kNone, false},
      {"101", S::kInfoReceived, "", Party::kNone, false},
      {"102", S::kInfoReceived, "info_received.awaiting_pickup", Party::kNone, false},
      {"103", S::kPickedUp, "picked_up.accepted", Party::kNone, false},
      {"0", S::kInTransit, "", Party::kNone, false},
      {"1001", S::kInTransit, "in_transit.arrived_destination_city", Party::kNone, false},
      {"1002", S::kInTransit, "in_transit.line_haul", Party::kNone, false},
      {"1003", S::kRedirected, "redirected.forwarded", Party::kNone, false},
      {"7", S::kRedirected, "redirected.forwarded", Party::kNone, false},
      {"5", S::kOutForDelivery, "out_for_delivery.on_vehicle", Party::kNone, false},
      {"501", S::kAvailableForPickup, "available_for_pickup.locker", Party::kNone, false},
      {"3", S::kDelivered, "", Party::kNone, false},
      {"301", S::kDelivered, "delivered.signed_by_addressee", Party::kNone, false},
      {"302", S::kDelivered, "delivered.after_exception", Party::kNone, false},
      {"303", S::kDelivered, "delivered.signed_by_other", Party::kNone, false},
      {"304", S::kDelivered, "delivered.locker", Party::kNone, false},
      {"6", S::kReturning, "returning.to_sender", Party::kNone, false},
      {"4", S::kReturned, "returned.to_sender", Party::kNone, false},
      {"401", S::kCancelled, "cancelled.order_cancelled", Party::kShipper, false},
      {"14", S::kException, "exception.refused", Party::kConsignee, false},
      {"2", S::kException, "", Party::kCarrier, false},
      {"201", S::kException, "exception.held", Party::kCarrier, false},
      {"202", S::kException, "exception.held", Party::kCarrier, false},
      {"203", S::kException, "exception.refused", Party::kConsignee, false},
      {"204", S::kFailedAttempt, "", Party::kCarrier, false},
      {"205", S::kAvailableForPickup, "available_for_pickup.station", Party::kConsignee, false},
      {"206", S::kFailedAttempt, "failed_attempt.no_contact", Party::kConsignee, false},
      {"207", S::kException, "exception.out_of_area", Party::kCarrier, false},
      {"208", S::kException, "exception.held", Party::kCarrier, false},
      {"209", S::kException, "exception.damaged", Party::kCarrier, false},
      {"210", S::kCancelled, "cancelled.order_cancelled", Party::kShipper, false},
      {"8", S::kCustoms, "", Party::kNone, false},
      {"10", S::kCustoms, "customs.awaiting", Party::kNone, false},
      {"11", S::kCustoms, "customs.in_progress", Party::kNone, false},
      {"12", S::kCustoms, "customs.cleared", Party::kNone, false},
      {"13", S::kException, "exception.customs_hold", Party::kCustoms, false},
      // Plain words.
      {"PICKUP", S::kPickedUp, "picked_up.accepted", Party::kNone, false},
      {"ARRIVE", S::kInTransit, "in_transit.hub_arrival", Party::kNone, false},
      {"DEPART", S::kInTransit, "in_transit.hub_departure", Party::kNone, false},
      {"LOADED", S::kInTransit, "in_transit.loaded", Party::kNone, true},
      {"OUT_FOR_DELIVERY", S::kOutForDelivery, "out_for_delivery.on_vehicle", Party::kNone, false},
      {"DELIVERED", S::kDelivered, "delivered.signed_by_addressee", Party::kNone, false},
      {"FAILED_ATTEMPT", S::kFailedAttempt, "failed_attempt.addressee_unavailable", Party::kConsignee, false},
      {"DAMAGED", S::kException, "exception.damaged", Party::kCarrier, false},
      {"LOST", S::kException, "exception.lost", Party::kCarrier, false},
      {"BAD_ADDRESS", S::kException, "exception.address_problem", Party::kShipper, false},
      {"REFUSED", S::kException, "exception.refused", Party::kConsignee, false},
      {"CUSTOMS_HOLD", S::kException, "exception.customs_hold", Party::kCustoms, false},
      {"WEATHER", S::kException, "exception.weather_delay", Party::kWeather, false},
      {"RETURNING", S::kReturning, "returning.to_sender", Party::kNone, false},
      {"RETURNED", S::kReturned, "returned.to_sender", Party::kNone, false},
  };
}

}  // namespace

CodeMapping::CodeMapping(std::vector<CodeRule> rules) : rules_(std::move(rules)) {
  for (CodeRule& r : rules_) r.raw_code = std::string(Trim(r.raw_code));
  std::sort(rules_.begin(), rules_.end(), [](const CodeRule& a, const CodeRule& b) { return a.raw_code < b.raw_code; });
}

const CodeRule* CodeMapping::Find(std::string_view raw_code) const {
  const std::string_view code = Trim(raw_code);
  auto it = std::lower_bound(rules_.begin(), rules_.end(), code,
                             [](const CodeRule& r, std::string_view c) { return r.raw_code < c; });
  return it != rules_.end() && it->raw_code == code ? &*it : nullptr;
}

Status ValidateMapping(std::span<const CodeRule> rules) {
  if (rules.size() > kMaxCodeRules)
    return InvalidField("rules", "too_many", "a carrier's table has at most " + std::to_string(kMaxCodeRules) + " codes");
  FieldErrors errors;
  std::set<std::string_view> seen;
  for (size_t i = 0; i < rules.size(); ++i) {
    const CodeRule& r = rules[i];
    const std::string at = "rules[" + std::to_string(i) + "].";
    const std::string_view code = Trim(r.raw_code);
    if (code.empty())
      errors.Add(at + "raw_code", "required", "raw_code is required");
    else if (code.size() > 40)
      errors.Add(at + "raw_code", "too_long", "raw_code is at most 40 bytes");
    else if (!seen.insert(code).second)
      errors.Add(at + "raw_code", "duplicate", "raw_code " + std::string(code) + " is mapped twice");
    if (!SubstatusBelongs(r.status, r.substatus))
      errors.Add(at + "substatus", "invalid_enum",
                 "substatus is one of the " + std::string(StatusCode(r.status)) + ".* sub-statuses");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

const CodeMapping& DefaultMapping() {
  static const CodeMapping mapping(DefaultRules());
  return mapping;
}

}  // namespace consign::tracking
