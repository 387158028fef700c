#include "modules/orders/waybill.hpp"

#include <cstdio>

namespace consign::orders {

int LuhnCheckDigit(std::string_view digits) {
  // From the rightmost digit, which is doubled (the check digit will stand to its right).
  int sum = 0;
  bool doubled = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

std::string FormatWaybill(int64_t serial) {
  char digits[13];
  std::snprintf(digits, sizeof digits, "%012lld", static_cast<long long>(serial));
  std::string out(kWaybillPrefix);
  out += digits;
  out += static_cast<char>('0' + LuhnCheckDigit(digits));
  return out;
}

std::optional<int64_t> ParseWaybill(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() != 15) return std::nullopt;
  if ((text[0] != 'C' && text[0] != 'c') || (text[1] != 'S' && text[1] != 's')) return std::nullopt;
  const std::string_view digits = text.substr(2, 12);
  int64_t serial = 0;
  for (char c : text.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  for (char c : digits) serial = serial * 10 + (c - '0');
  if (serial == 0 || text[14] - '0' != LuhnCheckDigit(digits)) return std::nullopt;
  return serial;
}

}  // namespace consign::orders
