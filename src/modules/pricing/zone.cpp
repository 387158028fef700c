#include "modules/pricing/zone.hpp"

#include <unordered_map>

#include "modules/geo/china_divisions.hpp"

namespace consign::pricing {

std::string_view ZoneCode(Zone zone) {
  switch (zone) {
    case Zone::kSameCity: return "same_city";
    case Zone::kSameProvince: return "same_province";
    case Zone::kAdjacentProvince: return "adjacent_province";
    case Zone::kCrossProvince: return "cross_province";
    case Zone::kRemote: return "remote";
  }
  return "";
}

std::string_view ZoneNameZh(Zone zone) {
  switch (zone) {
    case Zone::kSameCity: return "同城";
    case Zone::kSameProvince: return "省内";
    case Zone::kAdjacentProvince: return "邻省";
    case Zone::kCrossProvince: return "跨省";
    case Zone::kRemote: return "偏远";
  }
  return "";
}

std::string_view ZoneNameEn(Zone zone) {
  switch (zone) {
    case Zone::kSameCity: return "Same city";
    case Zone::kSameProvince: return "Same province";
    case Zone::kAdjacentProvince: return "Adjacent province";
    case Zone::kCrossProvince: return "Cross-province";
    case Zone::kRemote: return "Remote";
  }
  return "";
}

std::optional<Zone> ParseZone(std::string_view code) {
  for (Zone z : kAllZones)
    if (ZoneCode(z) == code) return z;
  return std::nullopt;
}

bool ZoneMatrix::AreAdjacent(std::string_view a, std::string_view b) const {
  if (b < a) std::swap(a, b);
  return adjacent.contains({std::string(a), std::string(b)});
}

void ZoneMatrix::AddAdjacent(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  adjacent.emplace(std::move(a), std::move(b));
}

ZoneMatrix DefaultZoneMatrix() {
  // Each province with the neighbours of a higher code (the lower ones list it already).
  static constexpr std::pair<std::string_view, std::string_view> kNeighbours[] = {
      {"11", "12 13"},                // 北京: 天津 河北
      {"12", "13"},                   // 天津: 河北
      {"13", "14 15 21 37 41"},       // 河北: 山西 内蒙古 辽宁 山东 河南
      {"14", "15 41 61"},             // 山西: 内蒙古 河南 陕西
      {"15", "21 22 23 61 62 64"},    // 内蒙古: 辽宁 吉林 黑龙江 陕西 甘肃 宁夏
      {"21", "22"},                   // 辽宁: 吉林
      {"22", "23"},                   // 吉林: 黑龙江
      {"31", "32 33"},                // 上海: 江苏 浙江
      {"32", "33 34 37"},             // 江苏: 浙江 安徽 山东
      {"33", "34 35 36"},             // 浙江: 安徽 福建 江西
      {"34", "36 37 41 42"},          // 安徽: 江西 山东 河南 湖北
      {"35", "36 44"},                // 福建: 江西 广东
      {"36", "42 43 44"},             // 江西: 湖北 湖南 广东
      {"37", "41"},                   // 山东: 河南
      {"41", "42 61"},                // 河南: 湖北 陕西
      {"42", "43 50 61"},             // 湖北: 湖南 重庆 陕西
      {"43", "44 45 50 52"},          // 湖南: 广东 广西 重庆 贵州
      {"44", "45 46"},                // 广东: 广西 海南
      {"45", "52 53"},                // 广西: 贵州 云南
      {"50", "51 52 61"},             // 重庆: 四川 贵州 陕西
      {"51", "52 53 54 61 62 63"},    // 四川: 贵州 云南 西藏 陕西 甘肃 青海
      {"52", "53"},                   // 贵州: 云南
      {"53", "54"},                   // 云南: 西藏
      {"54", "63 65"},                // 西藏: 青海 新疆
      {"61", "62 64"},                // 陕西: 甘肃 宁夏
      {"62", "63 64 65"},             // 甘肃: 青海 宁夏 新疆
      {"63", "65"},                   // 青海: 新疆
  };
  ZoneMatrix m;
  for (auto [province, list] : kNeighbours)
    for (size_t i = 0; i + 2 <= list.size(); i += 3) m.AddAdjacent(std::string(province), std::string(list.substr(i, 2)));
  m.remote = {"15", "54", "62", "63", "64", "65"};
  return m;
}

namespace {

bool IsProvince(std::string_view code) {
  for (const geo::Province& p : geo::Provinces())
    if (p.code == code) return true;
  return false;
}

// Every code of the geo module → its province and city, built once (a function-local static:
// thread-safe) from constant data.
const std::unordered_map<std::string_view, Division>& DivisionIndex() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, Division>();
    const auto provinces = geo::Provinces();
    const auto cities = geo::Cities();
    for (const geo::Province& p : provinces) map->emplace(p.code, Division{std::string(p.code), ""});
    for (const geo::City& c : cities)
      map->emplace(c.code, Division{std::string(provinces[c.province].code), std::string(c.code)});
    for (const geo::District& d : geo::Districts()) {
      const geo::City& c = cities[d.city];
      map->emplace(d.code, Division{std::string(provinces[c.province].code), std::string(c.code)});
    }
    return map;
  }();
  return *index;
}

}  // namespace

Status ValidateZoneMatrix(const ZoneMatrix& matrix) {
  FieldErrors errors;
  size_t i = 0;
  for (const auto& [a, b] : matrix.adjacent) {
    if (!IsProvince(a)) errors.Add("adjacent[" + std::to_string(i) + "][0]", "unknown_division", "not a province code");
    if (!IsProvince(b)) errors.Add("adjacent[" + std::to_string(i) + "][1]", "unknown_division", "not a province code");
    if (a == b) errors.Add("adjacent[" + std::to_string(i) + "]", "invalid_value", "a province is not its own neighbour");
    ++i;
  }
  i = 0;
  for (const std::string& p : matrix.remote) {
    if (!IsProvince(p)) errors.Add("remote[" + std::to_string(i) + "]", "unknown_division", "not a province code");
    ++i;
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

Result<Division> ResolveDivision(std::string_view code, std::string_view field) {
  const auto& index = DivisionIndex();
  auto it = index.find(code);
  if (it == index.end())
    return InvalidField(std::string(field), "unknown_division",
                        "not a province, city or district code (GB/T 2260) of the geo module");
  return it->second;
}

Zone ZoneOf(const ZoneMatrix& matrix, const Division& origin, const Division& destination) {
  if (origin.province == destination.province) {
    if (!origin.city.empty() && origin.city == destination.city) return Zone::kSameCity;
    return Zone::kSameProvince;
  }
  if (matrix.remote.contains(destination.province)) return Zone::kRemote;
  if (matrix.AreAdjacent(origin.province, destination.province)) return Zone::kAdjacentProvince;
  return Zone::kCrossProvince;
}

}  // namespace consign::pricing
