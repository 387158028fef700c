#include "modules/auth/access.hpp"

#include <gtest/gtest.h>

#include "core/testing/expected_access.hpp"

namespace consign::auth {
namespace {

TEST(AuthAccess, EveryPermissionAndRoleIsAsWrittenInTheExpectedTable) {
  testing::ExpectAccessAsWritten(kAccess, testing::ReadModuleExpectedAccess(CONSIGN_SOURCE_DIR, "auth"));
}

constexpr Permission kCustomersRead{"customers", "read"};
constexpr Permission kCustomersExport{"customers", "export"};
constexpr AccessRule kCustomersRules[] = {
    {kCustomersRead, RoleSet::All()},
    {kCustomersExport, {Role::kAdmin, Role::kFinance}},
};

Matrix Merged() {
  const ModuleAccess modules[] = {{"auth", kAccess}, {"customers", kCustomersRules}};
  auto matrix = Matrix::Merge(modules);
  EXPECT_TRUE(matrix) << matrix.error().public_message;
  return std::move(*matrix);
}

TEST(AccessMatrix, MergesEveryModulesTable) {
  const Matrix matrix = Merged();
  EXPECT_EQ(matrix.all().size(), std::size(kAccess) + 2);
  EXPECT_TRUE(matrix.Allows(Role::kFinance, kCustomersExport));
  EXPECT_FALSE(matrix.Allows(Role::kSales, kCustomersExport));
  EXPECT_TRUE(matrix.Allows(Role::kManager, kUsersRead));
  EXPECT_FALSE(matrix.Allows(Role::kDispatcher, kUsersRead));
}

TEST(AccessMatrix, RefusesAPermissionDeclaredByTwoModules) {
  const AccessRule again[] = {{kUsersRead, {Role::kAdmin}}};
  const ModuleAccess modules[] = {{"auth", kAccess}, {"orders", again}};
  auto matrix = Matrix::Merge(modules);
  ASSERT_FALSE(matrix);
  EXPECT_EQ(matrix.error().public_message, "permission users.read is declared twice: by auth and by orders");
}

TEST(AccessMatrix, RefusesAPermissionDeclaredTwiceByOneModule) {
  const AccessRule twice[] = {{kCustomersRead, {Role::kAdmin}}, {kCustomersRead, {Role::kSales}}};
  const ModuleAccess modules[] = {{"customers", twice}};
  EXPECT_FALSE(Matrix::Merge(modules));
}

TEST(AccessMatrix, RefusesNamesThatAreNotLowerCaseWords) {
  const AccessRule bad[] = {{{"Customers", "read"}, {Role::kAdmin}}};
  const ModuleAccess modules[] = {{"customers", bad}};
  auto matrix = Matrix::Merge(modules);
  ASSERT_FALSE(matrix);
  EXPECT_NE(matrix.error().public_message.find("'Customers.read'"), std::string::npos);
  const AccessRule empty[] = {{{"customers", ""}, {Role::kAdmin}}};
  const ModuleAccess empty_modules[] = {{"customers", empty}};
  EXPECT_FALSE(Matrix::Merge(empty_modules));
}

TEST(AccessMatrix, UnknownPermissionsAreNeverAllowedNotEvenToAdmin) {
  const Matrix matrix = Merged();
  EXPECT_FALSE(matrix.Knows({"customers", "fly"}));
  EXPECT_FALSE(matrix.Allows(Role::kAdmin, {"customers", "fly"}));
}

TEST(AccessMatrix, ApiKeyScopesNarrowTheRoleAndNeverWidenIt) {
  const Matrix matrix = Merged();
  auto key = matrix.ForApiKey(Role::kFinance, {"customers:*", "users:read"});
  EXPECT_TRUE(key->Has(kCustomersRead));
  EXPECT_TRUE(key->Has(kCustomersExport));
  EXPECT_FALSE(key->Has(kUsersRead)) << "finance may not read users, whatever the key says";
  auto narrow = matrix.ForApiKey(Role::kAdmin, {"customers:read"});
  EXPECT_TRUE(narrow->Has(kCustomersRead));
  EXPECT_FALSE(narrow->Has(kCustomersExport));
}

TEST(AccessMatrix, ScopesMustNameSomethingKnown) {
  const Matrix matrix = Merged();
  EXPECT_TRUE(matrix.IsValidScope("customers:read"));
  EXPECT_TRUE(matrix.IsValidScope("customers:*"));
  EXPECT_FALSE(matrix.IsValidScope("customers:fly"));
  EXPECT_FALSE(matrix.IsValidScope("rockets:*"));
  EXPECT_FALSE(matrix.IsValidScope("customers"));
}

TEST(Require, AnswersUnauthenticatedForbiddenOrOk) {
  const Matrix matrix = Merged();
  Principal nobody;
  EXPECT_EQ(Require(nobody, kUsersRead).error().code, ErrorCode::kUnauthenticated);
  Principal sales;
  sales.authenticated = true;
  sales.role = Role::kSales;
  sales.permissions = matrix.Of(Role::kSales);
  EXPECT_TRUE(Require(sales, kCustomersRead));
  EXPECT_EQ(Require(sales, kUsersRead).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(Require(Principal::System("cli"), kUsersCreate));
}

}  // namespace
}  // namespace consign::auth
