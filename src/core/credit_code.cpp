#include "core/credit_code.hpp"

#include <array>

namespace consign {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
static_assert(kAlphabet.size() == 31);

int ValueOf(char c) {
  std::size_t at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

CreditCodeProblem CheckCreditCode(std::string_view code) {
  if (code.size() != 18) return CreditCodeProblem::kLength;
  int sum = 0;
  for (std::size_t i = 0; i < 18; ++i) {
    int value = ValueOf(code[i]);
    if (value < 0) return CreditCodeProblem::kCharacter;
    if (i < 17) sum += value * kWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return ValueOf(code[17]) == check ? CreditCodeProblem::kNone : CreditCodeProblem::kCheckCharacter;
}

std::string_view CreditCodeReason(CreditCodeProblem problem) {
  switch (problem) {
    case CreditCodeProblem::kNone: return "";
    case CreditCodeProblem::kLength: return "invalid_length";
    case CreditCodeProblem::kCharacter: return "invalid_character";
    case CreditCodeProblem::kCheckCharacter: return "invalid_check_character";
  }
  return "";
}

std::string_view CreditCodeMessage(CreditCodeProblem problem) {
  switch (problem) {
    case CreditCodeProblem::kNone: return "";
    case CreditCodeProblem::kLength:
    case CreditCodeProblem::kCharacter:
      return "the unified social credit code is 18 characters of 0-9 and A-Y without I, O, S, V, Z";
    case CreditCodeProblem::kCheckCharacter:
      return "the check character (the 18th) does not match the first 17 (GB 32100-2015)";
  }
  return "";
}

}  // namespace consign
