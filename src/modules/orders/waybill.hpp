#pragma once
// Waybill numbers (运单号): "CS", twelve digits of the order's serial, one check digit — 15
// characters, "CS0000000012347". The check digit is the Luhn digit (ISO/IEC 7812-1) of the twelve: it
// catches every single mistyped digit and every swap of two neighbouring digits but 09/90, so a
// number read off a label over the phone is refused before it is looked up. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consign::orders {

inline constexpr std::string_view kWaybillPrefix = "CS";
inline constexpr int64_t kMaxWaybillSerial = 999'999'999'999;

// The Luhn check digit of a string of decimal digits (not empty).
int LuhnCheckDigit(std::string_view digits);

// REQUIRES: 1 <= serial <= kMaxWaybillSerial.
std::string FormatWaybill(int64_t serial);

// The serial of a waybill number, or none unless it is CS + 12 digits + the right check digit. Lower
// case "cs" and surrounding spaces are accepted, as people type them.
std::optional<int64_t> ParseWaybill(std::string_view text);

}  // namespace consign::orders
