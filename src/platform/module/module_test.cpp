#include "platform/module/module.hpp"

#include <gtest/gtest.h>

namespace consign::module {
namespace {

Module Named(std::string_view name, std::vector<std::string_view> depends = {}) {
  Module m;
  m.name = name;
  m.depends = std::move(depends);
  return m;
}

std::vector<std::string_view> Names(const std::vector<Module>& modules) {
  std::vector<std::string_view> names;
  for (const Module& m : modules) names.push_back(m.name);
  return names;
}

TEST(ModuleStartOrder, StartsEachModuleAfterWhatItDependsOn) {
  auto sorted = InStartOrder({Named("views", {"auth"}), Named("customers", {"auth", "audit"}),
                              Named("auth", {"audit"}), Named("audit")});
  ASSERT_TRUE(sorted) << sorted.error().public_message;
  EXPECT_EQ(Names(*sorted), (std::vector<std::string_view>{"audit", "auth", "views", "customers"}));
}

TEST(ModuleStartOrder, KeepsListOrderAmongIndependentModules) {
  auto sorted = InStartOrder({Named("b"), Named("a"), Named("c")});
  ASSERT_TRUE(sorted);
  EXPECT_EQ(Names(*sorted), (std::vector<std::string_view>{"b", "a", "c"}));
}

TEST(ModuleStartOrder, RefusesACycleNamingItsPath) {
  auto sorted = InStartOrder({Named("orders", {"customers"}), Named("customers", {"tracking"}),
                              Named("tracking", {"orders"})});
  ASSERT_FALSE(sorted);
  EXPECT_EQ(sorted.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(sorted.error().public_message.find("cycle: orders → customers → tracking → orders"), std::string::npos)
      << sorted.error().public_message;
}

TEST(ModuleStartOrder, RefusesADependencyOnItself) {
  auto sorted = InStartOrder({Named("orders", {"orders"})});
  ASSERT_FALSE(sorted);
  EXPECT_NE(sorted.error().public_message.find("depends on itself"), std::string::npos);
}

TEST(ModuleStartOrder, RefusesAnUnknownDependency) {
  auto sorted = InStartOrder({Named("orders", {"carriers"})});
  ASSERT_FALSE(sorted);
  EXPECT_NE(sorted.error().public_message.find("orders depends on carriers"), std::string::npos);
}

TEST(ModuleStartOrder, RefusesTwoModulesOfOneName) {
  auto sorted = InStartOrder({Named("orders"), Named("orders")});
  ASSERT_FALSE(sorted);
  EXPECT_NE(sorted.error().public_message.find("two modules are named orders"), std::string::npos);
}

TEST(ModuleStartOrder, RefusesMigrationsFiledUnderAnotherModule) {
  Module m = Named("orders");
  m.migrations.push_back(db::Migration{"customers", 1, "x", "", ""});
  auto sorted = InStartOrder({m});
  ASSERT_FALSE(sorted);
  EXPECT_NE(sorted.error().public_message.find("migration of module customers"), std::string::npos);
}

TEST(ModuleServices, GivesWhatWasProvidedAndRefusesWhatWasNot) {
  Services services;
  int& provided = services.Provide(std::make_unique<int>(42));
  EXPECT_EQ(&services.Get<int>(), &provided);
  EXPECT_THROW(services.Get<double>(), std::logic_error);
  EXPECT_THROW(services.Provide(std::make_unique<int>(1)), std::logic_error);
}

TEST(CommandArgs, ReadsTextIntegersAndFlags) {
  CommandArgs args({{"login", "li.na"}, {"customers", "5000"}, {"password-stdin", ""}});
  EXPECT_EQ(args.Text("login"), "li.na");
  EXPECT_EQ(args.Integer("customers"), 5000);
  EXPECT_TRUE(args.Flag("password-stdin"));
  EXPECT_FALSE(args.Flag("team"));
  EXPECT_EQ(args.Text("team"), std::nullopt);
}

}  // namespace
}  // namespace consign::module
