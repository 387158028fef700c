#include "modules/tracking/scan.hpp"

#include <algorithm>
#include <chrono>

#include "modules/orders/waybill.hpp"

namespace consign::tracking {

namespace {

struct StatusNames {
  ShipmentStatus status;
  std::string_view code, zh, en;
};

constexpr StatusNames kNames[] = {
    {ShipmentStatus::kInfoReceived, "info_received", "已下单", "Info received"},
    {ShipmentStatus::kPickedUp, "picked_up", "已揽收", "Picked up"},
    {ShipmentStatus::kInTransit, "in_transit", "运输中", "In transit"},
    {ShipmentStatus::kRedirected, "redirected", "转寄", "Redirected"},
    {ShipmentStatus::kCustoms, "customs", "清关中", "In customs"},
    {ShipmentStatus::kOutForDelivery, "out_for_delivery", "派送中", "Out for delivery"},
    {ShipmentStatus::kAvailableForPickup, "available_for_pickup", "待取件", "Available for pickup"},
    {ShipmentStatus::kDelivered, "delivered", "已签收", "Delivered"},
    {ShipmentStatus::kFailedAttempt, "failed_attempt", "派送失败", "Delivery attempt failed"},
    {ShipmentStatus::kException, "exception", "异常", "Exception"},
    {ShipmentStatus::kReturning, "returning", "退回中", "Returning to sender"},
    {ShipmentStatus::kReturned, "returned", "已退回", "Returned to sender"},
    {ShipmentStatus::kCancelled, "cancelled", "已取消", "Cancelled"},
};

const StatusNames& NamesOf(ShipmentStatus s) { return kNames[static_cast<size_t>(s)]; }

constexpr std::pair<Party, std::string_view> kParties[] = {
    {Party::kNone, "none"},          {Party::kCarrier, "carrier"}, {Party::kShipper, "shipper"},
    {Party::kConsignee, "consignee"}, {Party::kCustoms, "customs"}, {Party::kWeather, "weather"},
};

// The latest instant an event may carry, and the earliest.
const Instant kEarliestEvent = Instant{std::chrono::sys_days{std::chrono::year{2000} / 1 / 1}};

void CheckLength(FieldErrors& errors, const std::string& prefix, std::string_view field, const std::string& value,
                 size_t max_bytes) {
  if (value.size() > max_bytes)
    errors.Add(prefix + std::string(field), "too_long",
               std::string(field) + " is at most " + std::to_string(max_bytes) + " bytes");
}

}  // namespace

std::string_view StatusCode(ShipmentStatus s) { return NamesOf(s).code; }
std::string_view StatusLabelZh(ShipmentStatus s) { return NamesOf(s).zh; }
std::string_view StatusLabelEn(ShipmentStatus s) { return NamesOf(s).en; }

std::optional<ShipmentStatus> ParseStatus(std::string_view code) {
  for (const StatusNames& n : kNames)
    if (n.code == code) return n.status;
  return std::nullopt;
}

bool IsTerminal(ShipmentStatus s) {
  return s == ShipmentStatus::kDelivered || s == ShipmentStatus::kReturned || s == ShipmentStatus::kCancelled;
}

bool SubstatusBelongs(ShipmentStatus status, std::string_view substatus) {
  if (substatus.empty()) return true;
  const std::string_view code = StatusCode(status);
  if (substatus.size() <= code.size() + 1 || substatus.substr(0, code.size()) != code || substatus[code.size()] != '.')
    return false;
  return std::find(std::begin(kSubstatuses), std::end(kSubstatuses), substatus) != std::end(kSubstatuses);
}

int Progress(ShipmentStatus status, std::string_view substatus) {
  switch (status) {
    case ShipmentStatus::kInfoReceived: return 0;
    case ShipmentStatus::kPickedUp: return 10;
    case ShipmentStatus::kInTransit:
      if (substatus == "in_transit.hub_arrival") return 20;
      if (substatus == "in_transit.loaded") return 25;
      if (substatus == "in_transit.hub_departure") return 30;
      if (substatus == "in_transit.line_haul") return 35;
      if (substatus == "in_transit.arrived_destination_city") return 40;
      return 20;
    case ShipmentStatus::kRedirected: return 20;
    case ShipmentStatus::kCustoms: return 20;
    case ShipmentStatus::kOutForDelivery: return 50;
    case ShipmentStatus::kAvailableForPickup: return 55;
    case ShipmentStatus::kDelivered: return 60;
    case ShipmentStatus::kReturned: return 60;
    case ShipmentStatus::kCancelled: return 60;
    case ShipmentStatus::kFailedAttempt:
    case ShipmentStatus::kException:
    case ShipmentStatus::kReturning: return -1;
  }
  return -1;
}

std::string_view PartyCode(Party p) {
  for (const auto& [party, code] : kParties)
    if (party == p) return code;
  return "none";
}

std::optional<Party> ParseParty(std::string_view code) {
  for (const auto& [party, name] : kParties)
    if (name == code) return party;
  return std::nullopt;
}

std::string_view SourceCode(Source s) { return s == Source::kPoll ? "poll" : "push"; }

std::optional<Source> ParseSource(std::string_view code) {
  if (code == "push") return Source::kPush;
  if (code == "poll") return Source::kPoll;
  return std::nullopt;
}

Status ValidateScan(const ScanEvent& e, Instant now, std::string_view prefix_in) {
  FieldErrors errors;
  const std::string prefix = prefix_in.empty() ? "" : std::string(prefix_in) + ".";
  if (e.waybill.empty())
    errors.Add(prefix + "waybill", "required", "waybill is required");
  else if (!orders::ParseWaybill(e.waybill))
    errors.Add(prefix + "waybill", "invalid_waybill", "waybill is CS + 12 digits + its check digit");
  if (e.at > now + kMaxClockSkew)
    errors.Add(prefix + "at", "in_future", "the event is later than now (more than 15 minutes of clock skew)");
  else if (e.at < kEarliestEvent)
    errors.Add(prefix + "at", "out_of_range", "the event is before 2000");
  if (e.utc_offset_minutes < -12 * 60 || e.utc_offset_minutes > 14 * 60)
    errors.Add(prefix + "at", "invalid_offset", "a zone offset is -12:00 to +14:00");
  if (!SubstatusBelongs(e.status, e.substatus))
    errors.Add(prefix + "substatus", "invalid_enum",
               "substatus is one of the " + std::string(StatusCode(e.status)) + ".* sub-statuses");
  if (e.status == ShipmentStatus::kDelivered && !e.claim && e.signer.empty() && e.photo_ref.empty())
    errors.Add(prefix + "signer", "required", "a delivery needs its proof: signer or photo_ref");
  CheckLength(errors, prefix, "event_id", e.event_id, 100);
  CheckLength(errors, prefix, "raw_code", e.raw_code, 40);
  CheckLength(errors, prefix, "reason", e.reason, 500);
  CheckLength(errors, prefix, "place_name", e.place_name, 200);
  CheckLength(errors, prefix, "place_division", e.place_division, 12);
  CheckLength(errors, prefix, "signer", e.signer, 100);
  CheckLength(errors, prefix, "photo_ref", e.photo_ref, 300);
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::vector<ScanEvent> InEventOrder(std::span<const ScanEvent> events) {
  std::vector<ScanEvent> out(events.begin(), events.end());
  std::stable_sort(out.begin(), out.end(), [](const ScanEvent& a, const ScanEvent& b) {
    if (a.at != b.at) return a.at < b.at;
    const int pa = Progress(a.status, a.substatus), pb = Progress(b.status, b.substatus);
    if (pa != pb) return pa < pb;
    return a.event_id < b.event_id;
  });
  return out;
}

}  // namespace consign::tracking
