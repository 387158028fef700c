#include "modules/pricing/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::pricing {
namespace {

TEST(PricingAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "pricing"));
}

}  // namespace
}  // namespace consign::pricing
