#pragma once
// Scan events (扫描事件) and the status model they are normalised to. Pure.
//
// Our statuses line up with AfterShip's tags, Kuaidi100's states and 17TRACK's (REFERENCE.md):
//   info_received 已下单 → picked_up 已揽收 → in_transit 运输中 (redirected 转寄, customs 清关) →
//   out_for_delivery 派送中 → available_for_pickup 待取件 (locker, 驿站) → delivered 已签收;
//   failed_attempt 派送失败, exception 异常, returning 退回中, returned 已退回, cancelled 已取消.
// A sub-status refines a status and starts with its code: "in_transit.hub_departure",
// "exception.damaged" (kSubstatuses lists them). The carrier's raw code is kept beside both; a mapping
// table per carrier turns raw codes into ours (code_mapping.hpp).
//
// An event is either a physical scan (a person or a machine saw the parcel) or a *claim*: a status the
// carrier's system reports without a scan behind it ("loaded", 已装车). Claims are shown, but the
// status comes from scans; a claim no scan supports is the 2007 case of seed 000 (exception_rules.hpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace consign::tracking {

enum class ShipmentStatus {
  kInfoReceived,
  kPickedUp,
  kInTransit,
  kRedirected,
  kCustoms,
  kOutForDelivery,
  kAvailableForPickup,
  kDelivered,
  kFailedAttempt,
  kException,
  kReturning,
  kReturned,
  kCancelled,
};
inline constexpr ShipmentStatus kAllStatuses[] = {
    ShipmentStatus::kInfoReceived,   ShipmentStatus::kPickedUp,  ShipmentStatus::kInTransit,     ShipmentStatus::kRedirected, ShipmentStatus::kCustoms,
    ShipmentStatus::kOutForDelivery, ShipmentStatus::kAvailableForPickup, ShipmentStatus::kDelivered, ShipmentStatus::kFailedAttempt,
    ShipmentStatus::kException,      ShipmentStatus::kReturning, ShipmentStatus::kReturned,      ShipmentStatus::kCancelled};

std::string_view StatusCode(ShipmentStatus s);  // "in_transit"
std::optional<ShipmentStatus> ParseStatus(std::string_view code);
std::string_view StatusLabelZh(ShipmentStatus s);  // 运输中
std::string_view StatusLabelEn(ShipmentStatus s);  // In transit
// Delivered, returned and cancelled end a shipment's journey.
bool IsTerminal(ShipmentStatus s);

// Every sub-status we normalise to; each starts with its status's code and a dot.
inline constexpr std::string_view kSubstatuses[] = {
    "info_received.awaiting_pickup",
    "picked_up.accepted",
    "in_transit.hub_arrival",
    "in_transit.hub_departure",
    "in_transit.loaded",
    "in_transit.line_haul",
    "in_transit.arrived_destination_city",
    "redirected.forwarded",
    "customs.awaiting",
    "customs.in_progress",
    "customs.cleared",
    "out_for_delivery.on_vehicle",
    "available_for_pickup.locker",
    "available_for_pickup.station",
    "delivered.signed_by_addressee",
    "delivered.signed_by_other",
    "delivered.locker",
    "delivered.after_exception",
    "failed_attempt.addressee_unavailable",
    "failed_attempt.no_contact",
    "failed_attempt.business_closed",
    "exception.damaged",
    "exception.lost",
    "exception.address_problem",
    "exception.refused",
    "exception.customs_hold",
    "exception.weather_delay",
    "exception.out_of_area",
    "exception.held",
    "returning.to_sender",
    "returned.to_sender",
    "cancelled.order_cancelled",
};
// True for "" (no sub-status) and for a listed sub-status of `status`.
bool SubstatusBelongs(ShipmentStatus status, std::string_view substatus);

// How far along the journey a (status, sub-status) is, for telling whether a scan supports a claim
// and for ordering events at the same instant: 0 info received … 60 delivered. Exceptions and failed
// attempts carry the progress of out-of-band events (-1: they prove no progress).
int Progress(ShipmentStatus status, std::string_view substatus);

// Who an incident is down to (claims and costs use it): Karrio's incident parties.
enum class Party { kNone, kCarrier, kShipper, kConsignee, kCustoms, kWeather };
std::string_view PartyCode(Party p);
std::optional<Party> ParseParty(std::string_view code);

enum class Source { kPush, kPoll };
std::string_view SourceCode(Source s);
std::optional<Source> ParseSource(std::string_view code);

struct ScanEvent {
  std::string waybill;    // CS… with its check digit
  std::string event_id;   // the carrier's own id of the event; with the carrier, the event's identity
  std::string raw_code;   // the carrier's code, kept as sent
  ShipmentStatus status = ShipmentStatus::kInTransit;
  std::string substatus;
  Party party = Party::kNone;
  std::string reason;      // the carrier's words: 收件人电话无人接听
  Instant at;              // when it happened (UTC)
  int utc_offset_minutes = 480;  // the zone it was recorded in: +08:00
  std::string place_division;    // GB/T 2260 code of where, when known
  std::string place_name;        // 深圳南山集散中心
  Source source = Source::kPush;
  bool claim = false;      // a status report without a scan behind it
  std::string signer;      // delivered: who signed (proof of delivery)
  std::string photo_ref;   // delivered: the carrier's reference of the photo
};

inline constexpr std::chrono::minutes kMaxClockSkew{15};

// Checks one event as it arrives at `now`: the waybill number's check digit (invalid_waybill), an
// event time no later than now + kMaxClockSkew (in_future) and not before 2000, a zone offset of
// −12:00 … +14:00, a sub-status of its status, a delivered event's proof (signer or photo), text
// lengths. `prefix` names the fields ("events[3]"). Every mistake is named.
Status ValidateScan(const ScanEvent& e, Instant now, std::string_view prefix);

// The events in the order they happened: by time, then by progress (a hub's arrival before its
// departure when both carry the same minute), then by event id. Arrival order plays no part.
std::vector<ScanEvent> InEventOrder(std::span<const ScanEvent> events);

}  // namespace consign::tracking
