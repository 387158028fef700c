#pragma once
// Zones (运价分区): how far a shipment travels, from its origin and destination divisions (GB/T 2260
// codes of the geo module: "44" a province, "4403" a city, "440305" a district). The province ×
// province part — which provinces are neighbours, which destinations are remote — is data an admin
// edits (ZoneMatrix); DefaultZoneMatrix() is the seed, from the map of China.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"

namespace consign::pricing {

enum class Zone {
  kSameCity,          // 同城
  kSameProvince,      // 省内
  kAdjacentProvince,  // 邻省
  kCrossProvince,     // 跨省
  kRemote,            // 偏远
};
inline constexpr Zone kAllZones[] = {Zone::kSameCity, Zone::kSameProvince, Zone::kAdjacentProvince,
                                     Zone::kCrossProvince, Zone::kRemote};

std::string_view ZoneCode(Zone zone);     // "same_city", ...
std::string_view ZoneNameZh(Zone zone);   // "同城", ...
std::string_view ZoneNameEn(Zone zone);   // "Same city", ...
std::optional<Zone> ParseZone(std::string_view code);

// The editable province × province data. Pairs are stored with the smaller code first.
struct ZoneMatrix {
  std::set<std::pair<std::string, std::string>> adjacent;  // {"32", "33"}: 江苏 and 浙江 are neighbours
  std::set<std::string> remote;                            // destination provinces with the remote rate

  bool AreAdjacent(std::string_view a, std::string_view b) const;
  void AddAdjacent(std::string a, std::string b);  // in either order
};

// Neighbours by land border (and 广东–海南 across the 琼州海峡, which express networks treat as
// neighbours), and remote destinations 新疆, 西藏, 青海, 内蒙古, 甘肃, 宁夏 as couriers list them.
ZoneMatrix DefaultZoneMatrix();

// kInvalidArgument naming the field ("adjacent[3][1]", "remote[0]") for a code that is not a
// province of the geo module or a province paired with itself.
[[nodiscard]] Status ValidateZoneMatrix(const ZoneMatrix& matrix);

// A division of the geo module, resolved to its province and (when the code is at least a city) city.
struct Division {
  std::string province;  // "44"
  std::string city;      // "4403", or empty when the code names a province only
};
// The division `code` names; kInvalidArgument (field `field`, reason unknown_division) when the geo
// module has no such province, city or district.
[[nodiscard]] Result<Division> ResolveDivision(std::string_view code, std::string_view field);

// The zone between two divisions: same city (both name the same city) → same province → remote
// (the destination province is remote) → adjacent → cross-province. A remote destination inside the
// sender's own province is not remote: the remote rate pays for the long haul into it.
Zone ZoneOf(const ZoneMatrix& matrix, const Division& origin, const Division& destination);

}  // namespace consign::pricing
