#pragma once
// 统一社会信用代码, the unified social credit code of GB 32100-2015: 18 characters from the 31 of
// `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z); the last is a check character:
//   check = 31 − (Σ value(cᵢ) · wᵢ mod 31) over the first 17, weights 1 3 9 27 19 26 16 17 20 29 25 13 8
//   24 10 30 28, and 31 reads as 0.
// Lower-case letters are refused rather than folded: a form upper-cases what the user types, and a
// stored code compares byte for byte.
#include <string_view>

namespace consign {

enum class CreditCodeProblem {
  kNone,
  kLength,          // not 18 characters
  kCharacter,       // a character outside the 31 (e.g. I, O, lower case, full-width)
  kCheckCharacter,  // the 18th does not match the first 17
};

CreditCodeProblem CheckCreditCode(std::string_view code);

// The stable reason word of a field error for each problem ("invalid_length", ...); "" for kNone.
std::string_view CreditCodeReason(CreditCodeProblem problem);
// The field error's message for each problem, the same wherever a credit code is checked; "" for kNone.
std::string_view CreditCodeMessage(CreditCodeProblem problem);

}  // namespace consign
