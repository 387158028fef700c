#include "core/money.hpp"

#include <cstdlib>

namespace consign {
namespace {

Error Overflow() { return InvalidField("amount_minor", "overflow", "The amount is too large."); }

Status SameCurrency(const Money& a, const Money& b) {
  if (a.currency == b.currency) return Ok();
  return InvalidField("currency", "currency_mismatch",
                      "Amounts in " + std::string(a.currency.view()) + " and " +
                          std::string(b.currency.view()) + " cannot be combined.");
}

}  // namespace

Result<Currency> ParseCurrency(std::string_view code, std::string_view field) {
  if (code.size() != 3) return InvalidField(std::string(field), "invalid_currency", "Use an ISO-4217 code such as CNY.");
  Currency c;
  for (int i = 0; i < 3; ++i) {
    if (code[i] < 'A' || code[i] > 'Z')
      return InvalidField(std::string(field), "invalid_currency", "Use an ISO-4217 code such as CNY.");
    c.code[i] = code[i];
  }
  return c;
}

Result<std::int64_t> DivideRounded(std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
  if (denominator <= 0) return InvalidField("denominator", "not_positive", "Division by a non-positive number.");
  std::int64_t quotient = numerator / denominator;  // truncates towards zero
  std::int64_t remainder = numerator % denominator;  // same sign as numerator
  if (remainder == 0) return quotient;
  bool negative = remainder < 0;
  // |remainder| vs half the denominator, without overflow: compare r with d − r.
  std::int64_t r = negative ? -remainder : remainder;
  std::int64_t rest = denominator - r;
  auto away = [&] { return negative ? quotient - 1 : quotient + 1; };
  switch (rounding) {
    case Rounding::kUp: return negative ? quotient : quotient + 1;
    case Rounding::kDown: return negative ? quotient - 1 : quotient;
    case Rounding::kHalfUp: return r >= rest ? away() : quotient;
    case Rounding::kHalfEven:
      if (r > rest) return away();
      if (r < rest) return quotient;
      return (quotient % 2 == 0) ? quotient : away();
  }
  return quotient;
}

Result<Money> Add(Money a, Money b) {
  CONSIGN_TRY(SameCurrency(a, b));
  Money out{0, a.currency};
  if (__builtin_add_overflow(a.minor, b.minor, &out.minor)) return Overflow();
  return out;
}

Result<Money> Subtract(Money a, Money b) {
  CONSIGN_TRY(SameCurrency(a, b));
  Money out{0, a.currency};
  if (__builtin_sub_overflow(a.minor, b.minor, &out.minor)) return Overflow();
  return out;
}

Result<Money> Multiply(Money a, std::int64_t times) {
  Money out{0, a.currency};
  if (__builtin_mul_overflow(a.minor, times, &out.minor)) return Overflow();
  return out;
}

Result<Money> ApplyBasisPoints(Money a, std::int64_t basis_points, Rounding rounding) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a.minor, basis_points, &product)) return Overflow();
  Result<std::int64_t> minor = DivideRounded(product, 10'000, rounding);
  if (!minor) return std::move(minor).error();
  return Money{*minor, a.currency};
}

Result<std::vector<Money>> Allocate(Money total, std::span<const std::int64_t> weights) {
  std::int64_t sum = 0;
  std::size_t last = weights.size();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) return InvalidField("weights", "negative", "A share cannot be negative.");
    if (__builtin_add_overflow(sum, weights[i], &sum)) return Overflow();
    if (weights[i] > 0) last = i;
  }
  if (sum == 0) return InvalidField("weights", "empty", "At least one share must be positive.");
  std::vector<Money> parts(weights.size(), Money{0, total.currency});
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (i == last) continue;
    std::int64_t product = 0;
    if (__builtin_mul_overflow(total.minor, weights[i], &product)) return Overflow();
    Result<std::int64_t> part = DivideRounded(product, sum, Rounding::kDown);
    if (!part) return std::move(part).error();
    parts[i].minor = *part;
    given += *part;
  }
  parts[last].minor = total.minor - given;
  return parts;
}

std::string FormatYuan(Money m) {
  bool negative = m.minor < 0;
  // Through unsigned so INT64_MIN has a magnitude.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(m.minor) : static_cast<std::uint64_t>(m.minor);
  std::string fen = std::to_string(magnitude % 100);
  if (fen.size() == 1) fen.insert(fen.begin(), '0');
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fen;
}

}  // namespace consign
