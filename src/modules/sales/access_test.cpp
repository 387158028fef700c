#include "modules/sales/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::sales {
namespace {

TEST(SalesAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "sales"));
}

TEST(SalesAccess, PortalUsersHoldNothing) {
  for (const AccessRule& rule : kAccess) EXPECT_FALSE(rule.roles.Has(Role::kPortal)) << rule.permission.Name();
}

}  // namespace
}  // namespace consign::sales
