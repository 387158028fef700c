#include "modules/contracts/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::contracts {
namespace {

TEST(ContractsAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "contracts"));
}

}  // namespace
}  // namespace consign::contracts
