#pragma once
// Carriers (承运商): our own network and the subcontracted carriers an order can be given to — where
// they go, what they carry, how much a day, what they charge us, how fast they promise, who to call,
// and whether they may take orders now. Pure: links consign_core only. The carriers module's public
// header with carrier_service.hpp: the orders module reads carriers through these two files only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::carriers {

using CarrierId = StrongId<class CarrierIdTag>;

enum class CarrierKind { kOwn, kSubcontracted };       // 自营网络, 外包承运商: "own", "subcontracted"
enum class CarrierStatus { kActive, kSuspended };      // 合作中, 已暂停: "active", "suspended"

// What the carrier charges us for one shipment of a product to a zone (the pricing module's zone codes:
// same_city, same_province, adjacent_province, cross_province, remote): first_price for the first
// first_grams, then step_price for every started step_grams above that.
struct CarrierRate {
  std::string product;  // a pricing service product code: "standard", "express", "heavy"
  std::string zone;
  int64_t first_grams = 1000;
  Money first_price;
  int64_t step_grams = 1000;
  Money step_price;
  friend bool operator==(const CarrierRate&, const CarrierRate&) = default;
};

// The carrier's promised transit time for a product to a zone, in hours.
struct TransitTime {
  std::string product;
  std::string zone;
  int hours = 0;
  friend bool operator==(const TransitTime&, const TransitTime&) = default;
};

// Quality over the last 30 days, basis points. Declared by the carrier until the tracking module
// measures it from scans.
struct Performance {
  int on_time_bp = 9500;             // delivered by the promise
  int damage_bp = 20;                // damaged or lost
  int scan_completeness_bp = 9500;   // shipments with every expected scan
  friend bool operator==(const Performance&, const Performance&) = default;
};

struct Contact {
  std::string name;
  std::string role;   // 调度, 客服, 结算 ... free text
  std::string phone;  // personal data: masked like every other phone
  std::string email;
  friend bool operator==(const Contact&, const Contact&) = default;
};

struct Carrier {
  CarrierId id;
  std::string code;     // short, unique, upper-case ASCII: "OWN", "ZTO-SUB"
  std::string name_zh;  // "自营网络"
  std::string name_en;
  CarrierKind kind = CarrierKind::kSubcontracted;
  CarrierStatus status = CarrierStatus::kActive;
  std::string suspended_reason;  // required when suspended, empty otherwise
  // GB/T 2260 codes of provinces ("44": all of 广东) or cities ("4403": 深圳 only). The carrier picks up
  // and delivers there.
  std::vector<std::string> coverage;
  std::vector<std::string> products;  // service product codes it carries
  int64_t daily_capacity_orders = 0;  // orders a day, > 0
  int64_t daily_capacity_grams = 0;   // total actual weight a day, > 0
  std::vector<CarrierRate> rates;
  std::vector<TransitTime> transit;
  Performance declared;
  // What its shipments showed over the last 30 days (the tracking module's scorecard), when measured;
  // allocation uses it instead of `declared` once `measured_shipments` reach tracking's minimum.
  std::optional<Performance> measured;
  int64_t measured_shipments = 0;
  std::optional<Instant> measured_at;
  std::vector<Contact> contacts;
  int revision = 1;
  Instant created_at{};
  Instant updated_at{};
};

std::string_view CarrierKindCode(CarrierKind kind);      // "own", "subcontracted"
std::string_view CarrierStatusCode(CarrierStatus status);  // "active", "suspended"
std::optional<CarrierKind> ParseCarrierKind(std::string_view code);
std::optional<CarrierStatus> ParseCarrierStatus(std::string_view code);

// Whether the carrier serves a division (a province, city or district code): its province or its city
// is in the coverage.
bool Covers(const Carrier& carrier, std::string_view division_code);
bool CarriesProduct(const Carrier& carrier, std::string_view product);
// Our cost of one shipment of `chargeable_grams` (> 0); none when the carrier has no rate for the
// product and zone.
std::optional<Money> CostOf(const Carrier& carrier, std::string_view product, std::string_view zone,
                            int64_t chargeable_grams);
std::optional<int> TransitHours(const Carrier& carrier, std::string_view product, std::string_view zone);

// Every mistake at once, each naming its field ("code", "coverage[3]", "rates[2].zone",
// "suspended_reason"): kInvalidArgument with reasons required / invalid / unknown_division /
// invalid_enum / out_of_range / duplicate / too_long.
[[nodiscard]] Status ValidateCarrier(const Carrier& carrier);

}  // namespace consign::carriers
