#include "modules/activities/subjects.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace consign::activities {
namespace {

// A resolver as the sales module would register one: lead 7 exists and is visible, nothing else.
Result<SubjectSummary> LeadSeven(Scope&, int64_t id) {
  if (id == 7) return SubjectSummary{"宁波港联贸易"};
  return NotFound("Lead");
}

class SubjectRegistryTest : public ::testing::Test {
 protected:
  ManualClock clock_{FromMicros(0)};
  Scope scope_{nullptr, clock_, Principal::System("test"), "test", db::TxMode::kRead};
  SubjectRegistry subjects_;
};

TEST_F(SubjectRegistryTest, AsksTheResolverOfTheSubjectsKind) {
  subjects_.Register("lead", LeadSeven);
  auto found = subjects_.Resolve(scope_, "lead", 7);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->label, "宁波港联贸易");
  auto missing = subjects_.Resolve(scope_, "lead", 8);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(SubjectRegistryTest, AKindNobodyRegisteredIsABadFieldListingTheKnownOnes) {
  subjects_.Register("lead", LeadSeven);
  subjects_.Register("opportunity", LeadSeven);
  auto unknown = subjects_.Resolve(scope_, "ship", 7);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field(), "subject");
  EXPECT_EQ(unknown.error().fields[0].reason, "invalid_enum");
  EXPECT_NE(unknown.error().fields[0].message.find("lead, opportunity"), std::string::npos);
  EXPECT_EQ(subjects_.Kinds(), (std::vector<std::string>{"lead", "opportunity"}));
}

TEST_F(SubjectRegistryTest, RefusesAKindTwiceOrOneThatCannotBeWrittenAsASubject) {
  subjects_.Register("lead", LeadSeven);
  EXPECT_THROW(subjects_.Register("lead", LeadSeven), std::logic_error);
  EXPECT_THROW(subjects_.Register("Lead", LeadSeven), std::logic_error);
  EXPECT_THROW(subjects_.Register("lead:1", LeadSeven), std::logic_error);
  EXPECT_THROW(subjects_.Register("", LeadSeven), std::logic_error);
  EXPECT_TRUE(subjects_.Knows("lead"));
  EXPECT_FALSE(subjects_.Knows("Lead"));
}

}  // namespace
}  // namespace consign::activities
