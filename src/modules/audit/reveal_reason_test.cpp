#include "modules/audit/reveal_reason.hpp"

#include <gtest/gtest.h>

namespace consign::audit {
namespace {

TEST(RevealReason, KnownCodesParse) {
  auto r = ParseReason("delivery_problem", std::nullopt);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, RevealReason::kDeliveryProblem);
  EXPECT_EQ(r->Describe(), "delivery_problem");
  auto c = ParseReason("claim", "理赔 CL-2026-0042");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->Describe(), "claim: 理赔 CL-2026-0042");
}

TEST(RevealReason, MissingOrUnknownCodeNamesTheField) {
  auto missing = ParseReason(std::nullopt, std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field(), "reason");
  EXPECT_EQ(missing.error().fields[0].reason, "required");
  auto unknown = ParseReason("curious", std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields[0].reason, "invalid_enum");
}

TEST(RevealReason, OtherNeedsAText) {
  auto bare = ParseReason("other", "");
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().field(), "reason_text");
  auto stated = ParseReason("other", "客户来函要求核对地址");
  ASSERT_TRUE(stated);
  EXPECT_EQ(stated->Describe(), "other: 客户来函要求核对地址");
}

TEST(RevealReason, TextIsCappedAndClean) {
  EXPECT_TRUE(ParseReason("other", std::string(200, 'x')));
  auto long_text = ParseReason("other", std::string(201, 'x'));
  ASSERT_FALSE(long_text);
  EXPECT_EQ(long_text.error().fields[0].reason, "too_long");
  auto bidi = ParseReason("other", "ok\xe2\x80\xaeko");
  ASSERT_FALSE(bidi);
  EXPECT_EQ(bidi.error().fields[0].reason, "invalid_characters");
  auto custom = ParseReason(std::nullopt, std::nullopt, "unmasked_reason", "unmasked_reason_text");
  EXPECT_EQ(custom.error().field(), "unmasked_reason");
}

}  // namespace
}  // namespace consign::audit
