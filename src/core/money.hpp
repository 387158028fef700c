#pragma once
// Money (STYLE.md §4): integer minor units (fen, 分) and an ISO-4217 currency; no double anywhere on
// a money path. Arithmetic is checked and answers kInvalidArgument on overflow; adding two currencies
// is an error, not a conversion. Rates are integer basis points (1 bp = 0.01 %); every multiply names
// its rounding, and rounding is written here once.
//
//   Money price = Money::Cny(1200);                               // ¥12.00
//   Result<Money> fee = ApplyBasisPoints(price, 50, Rounding::kHalfEven);  // 0.5 % → 6 fen
//   std::vector<Money> parts = Allocate(total, {1, 1, 1});        // sums to total exactly
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace consign {

// ISO-4217 alphabetic code, three upper-case letters.
struct Currency {
  char code[3] = {'C', 'N', 'Y'};
  std::string_view view() const { return {code, 3}; }
  friend bool operator==(const Currency& a, const Currency& b) { return a.view() == b.view(); }
};
inline constexpr Currency kCny{};
// A currency from its code; kInvalidArgument naming `field` unless three upper-case ASCII letters.
Result<Currency> ParseCurrency(std::string_view code, std::string_view field = "currency");

struct Money {
  std::int64_t minor = 0;  // fen for CNY
  Currency currency = kCny;

  static Money Cny(std::int64_t fen) { return Money{fen, kCny}; }
  friend bool operator==(const Money& a, const Money& b) {
    return a.minor == b.minor && a.currency == b.currency;
  }
};

enum class Rounding {
  kHalfEven,  // banker's rounding: the default for rates and shares
  kHalfUp,    // half away from zero, as printed tariffs often say (四舍五入)
  kUp,        // towards +∞: a charge that must not be undercut (a minimum fee, a weight band)
  kDown,      // towards −∞
};

// numerator / denominator rounded as named; denominator > 0. The one division on money paths.
Result<std::int64_t> DivideRounded(std::int64_t numerator, std::int64_t denominator, Rounding rounding);

Result<Money> Add(Money a, Money b);
Result<Money> Subtract(Money a, Money b);
Result<Money> Multiply(Money a, std::int64_t times);
// a × basis_points / 10,000, rounded as named (e.g. an insured-value fee of 30 bp = 0.3 %).
Result<Money> ApplyBasisPoints(Money a, std::int64_t basis_points, Rounding rounding);
// Splits `total` by integer weights (all ≥ 0, sum > 0); each part rounds down and the remainder goes
// to the last part with a positive weight, so the parts always sum to `total`.
Result<std::vector<Money>> Allocate(Money total, std::span<const std::int64_t> weights);

// "12.34" for 1234 fen; "-0.05" for −5. For print views and CSV, not for parsing.
std::string FormatYuan(Money m);

}  // namespace consign
