#include "modules/activities/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::activities {
namespace {

TEST(ActivitiesAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "activities"));
}

TEST(ActivitiesAccess, OnlyAdminsAndManagersActForOthers) {
  EXPECT_TRUE(ActsForOthers(Role::kAdmin));
  EXPECT_TRUE(ActsForOthers(Role::kManager));
  EXPECT_FALSE(ActsForOthers(Role::kSales));
  EXPECT_FALSE(ActsForOthers(Role::kAgent));
  EXPECT_FALSE(ActsForOthers(Role::kPortal));
}

}  // namespace
}  // namespace consign::activities
