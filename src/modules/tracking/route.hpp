#pragma once
// The cities a shipment passed through, for the public page's map: each scan's place (a GB/T 2260
// code of any level) as its city, in event order. Pure; the names come from the geo module's
// divisions (china_divisions.hpp), never from the carrier's words.
//   - A district or a town ("440305", "441900003") is its city ("4403" 深圳市, "4419" 东莞市).
//   - A municipality's province code ("310000") is its one city ("3101" 上海市).
//   - Any other province code ("440000") is the province ("44" 广东省): where in it is not known.
//   - A code the divisions do not know, or no code, is no stop.
// Claims (a status with no scan behind it) are no stops: nobody saw the parcel there. A city repeated
// by consecutive scans (arrival, departure) is one stop.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modules/tracking/scan.hpp"

namespace consign::tracking {

struct RouteStop {
  std::string division;  // "4403" (a city) or "44" (a province)
  std::string name;      // "深圳市", "广东省"
  friend bool operator==(const RouteStop&, const RouteStop&) = default;
};

std::optional<RouteStop> StopOf(std::string_view division);

// REQUIRES: `timeline` in event order (InEventOrder).
std::vector<RouteStop> RouteOf(std::span<const ScanEvent> timeline);

}  // namespace consign::tracking
