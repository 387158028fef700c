#include "core/credit_code.hpp"

#include <gtest/gtest.h>

namespace consign {
namespace {

// Sums worked out by hand from the table of values (0–9 → 0–9, A=10 … H=17, J=18 … N=22, P=23, Q=24,
// R=25, T=26, U=27, W=28, X=29, Y=30) and the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
TEST(CreditCode, AcceptsCodesWhoseCheckCharacterMatches) {
  // 9·1+1·3+3·9+5·27+0+1·26+0+0+M(21)·20+0+0+0+1·8+0+0+Y(30)·30+4·28 = 1640; 1640 mod 31 = 28; 31−28 = 3.
  EXPECT_EQ(CheckCreditCode("91350100M000100Y43"), CreditCodeProblem::kNone);
  // 9+3+9+27+0+0+0+0+6·20+0+0+0+3·8+7·24+3·10+4·30+1·28 = 538; 538 mod 31 = 11; 31−11 = 20 = L.
  EXPECT_EQ(CheckCreditCode("91110000600037341L"), CreditCodeProblem::kNone);
  // 9+3+4·9+4·27+0+3·26+0+0+7·20+0+8·25+4·13+6·8+1·24+1·10+3·30+6·28 = 966; mod 31 = 5; 31−5 = 26 = T.
  EXPECT_EQ(CheckCreditCode("91440300708461136T"), CreditCodeProblem::kNone);
}

TEST(CreditCode, ACheckCharacterOfThirtyOneReadsAsZero) {
  // 9+3+0+0+0+26+0+0+1·20+0+1·25+1·13+1·8+9·24+4·10+2·30+9·28 = 682 = 22·31: 31 − 0 = 31 → 0.
  EXPECT_EQ(CheckCreditCode("911100001011194290"), CreditCodeProblem::kNone);
}

TEST(CreditCode, RefusesAWrongCheckCharacter) {
  EXPECT_EQ(CheckCreditCode("91350100M000100Y44"), CreditCodeProblem::kCheckCharacter);
  EXPECT_EQ(CheckCreditCode("91110000600037341M"), CreditCodeProblem::kCheckCharacter);
  // Two characters swapped keep the alphabet but break the sum.
  EXPECT_EQ(CheckCreditCode("91350100M000010Y43"), CreditCodeProblem::kCheckCharacter);
}

TEST(CreditCode, RefusesCharactersOutsideTheAlphabet) {
  EXPECT_EQ(CheckCreditCode("91350100O000100Y43"), CreditCodeProblem::kCharacter);  // O is not used
  EXPECT_EQ(CheckCreditCode("91350100m000100Y43"), CreditCodeProblem::kCharacter);  // lower case
  EXPECT_EQ(CheckCreditCode("91350100I000100Y43"), CreditCodeProblem::kCharacter);
}

TEST(CreditCode, RefusesAnythingButEighteenCharacters) {
  EXPECT_EQ(CheckCreditCode(""), CreditCodeProblem::kLength);
  EXPECT_EQ(CheckCreditCode("91350100M000100Y4"), CreditCodeProblem::kLength);
  EXPECT_EQ(CheckCreditCode("91350100M000100Y433"), CreditCodeProblem::kLength);
  // A full-width character is three bytes: the length is wrong before any character is read.
  EXPECT_EQ(CheckCreditCode("91350100Ｍ000100Y43"), CreditCodeProblem::kLength);
}

TEST(CreditCode, EachProblemHasItsReasonWord) {
  EXPECT_EQ(CreditCodeReason(CreditCodeProblem::kNone), "");
  EXPECT_EQ(CreditCodeReason(CreditCodeProblem::kLength), "invalid_length");
  EXPECT_EQ(CreditCodeReason(CreditCodeProblem::kCharacter), "invalid_character");
  EXPECT_EQ(CreditCodeReason(CreditCodeProblem::kCheckCharacter), "invalid_check_character");
}

}  // namespace
}  // namespace consign
