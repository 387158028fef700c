#include "modules/tracking/route.hpp"

#include <algorithm>

#include "modules/geo/china_divisions.hpp"

namespace consign::tracking {

namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<RouteStop> StopOf(std::string_view division) {
  if (division.size() < 2 || !AllDigits(division)) return std::nullopt;
  const auto provinces = geo::Provinces();
  const auto province = std::find_if(provinces.begin(), provinces.end(),
                                     [&](const geo::Province& p) { return p.code == division.substr(0, 2); });
  if (province == provinces.end()) return std::nullopt;
  const auto cities = geo::Cities().subspan(province->first_city, province->city_count);
  const bool province_level = division.size() < 4 || division.substr(2, 2) == "00";
  if (province_level) {
    if (province->municipality && !cities.empty()) return RouteStop{std::string(cities[0].code), std::string(cities[0].name)};
    return RouteStop{std::string(province->code), std::string(province->name)};
  }
  const auto city = std::find_if(cities.begin(), cities.end(),
                                 [&](const geo::City& c) { return c.code == division.substr(0, 4); });
  if (city == cities.end()) return std::nullopt;
  return RouteStop{std::string(city->code), std::string(city->name)};
}

std::vector<RouteStop> RouteOf(std::span<const ScanEvent> timeline) {
  std::vector<RouteStop> route;
  for (const ScanEvent& e : timeline) {
    if (e.claim) continue;
    std::optional<RouteStop> stop = StopOf(e.place_division);
    if (stop && (route.empty() || route.back() != *stop)) route.push_back(*std::move(stop));
  }
  return route;
}

}  // namespace consign::tracking
