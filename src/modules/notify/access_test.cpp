#include "modules/notify/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::notify {
namespace {

TEST(NotifyAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "notify"));
}

}  // namespace
}  // namespace consign::notify
