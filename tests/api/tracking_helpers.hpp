#pragma once
// What the tracking and notification API tests share: a carrier and an order in the shape the API
// takes, and scans as a carrier in China writes them.
#include <time.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {

using namespace std::chrono_literals;

// China time, as a carrier in China writes it: 2026-12-03T09:30:00+08:00.
inline std::string ChinaTime(std::chrono::system_clock::time_point t) {
  const time_t seconds = std::chrono::system_clock::to_time_t(t + 8h);
  tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+08:00", &parts);
  return text;
}

// The server's clock: the harness fixes it at kFakeNow.
inline std::chrono::system_clock::time_point ServerNow() {
  const Instant now = *ParseRfc3339(kFakeNow);
  return std::chrono::system_clock::time_point{std::chrono::duration_cast<std::chrono::system_clock::duration>(
      now.time_since_epoch())};
}

inline boost::json::object Fen(int64_t amount) { return boost::json::object{{"amount_minor", amount}, {"currency", "CNY"}}; }

inline boost::json::object CarrierBody(std::string_view code) {
  return boost::json::object{
      {"code", code},
      {"name_zh", std::string(code) + "快运"},
      {"kind", "subcontracted"},
      {"coverage", boost::json::array{"44", "31"}},
      {"products", boost::json::array{"standard"}},
      {"daily_capacity_orders", 100},
      {"daily_capacity_grams", 1'000'000'000},
      {"rates", boost::json::array{boost::json::object{{"product", "standard"}, {"zone", "cross_province"}, {"first_grams", 1000},
                                         {"first_price", Fen(900)}, {"step_grams", 1000}, {"step_price", Fen(200)}}}},
      {"transit", boost::json::array{boost::json::object{{"product", "standard"}, {"zone", "cross_province"}, {"hours", 48}}}},
      {"declared", {{"on_time_bp", 9600}, {"damage_bp", 10}, {"scan_completeness_bp", 9700}}},
  };
}

inline boost::json::object OrderBody(int64_t customer) {
  return boost::json::object{
      {"customer_id", customer},
      {"product", "standard"},
      {"shipper", {{"name", "张三"}, {"phone", "13812345678"}, {"division", "440305"}, {"address", "科技园南区 1 栋"}}},
      {"consignee", {{"name", "李四"}, {"phone", "13987654321"}, {"division", "310115"}, {"address", "世纪大道 100 号"}}},
      {"goods", {{"pieces", 1}, {"weight_grams", 2300}}},
  };
}

inline boost::json::object Scan(const std::string& waybill, std::string_view code, std::chrono::system_clock::time_point at,
                  std::string_view event_id, std::string_view place = "") {
  boost::json::object o{{"waybill", waybill}, {"code", code}, {"time", ChinaTime(at)}, {"event_id", event_id}};
  if (!place.empty()) o["place"] = place;
  return o;
}

}  // namespace consign::apitest
