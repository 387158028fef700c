// The real module list: it composes (dependencies known and acyclic), each module declares exactly the
// modules its library links, and the merged permission matrix holds no duplicate.
#include <gtest/gtest.h>

#include <set>

#include "app/modules.hpp"
#include "modules/auth/access.hpp"

namespace consign::app {
namespace {

TEST(ModuleList, StartsInAnOrderThatRespectsEveryDependency) {
  auto ordered = module::InStartOrder(AllModules());
  ASSERT_TRUE(ordered) << ordered.error().public_message;
  std::set<std::string_view> started;
  for (const module::Module& m : *ordered) {
    for (std::string_view dep : m.depends) EXPECT_TRUE(started.contains(dep)) << m.name << " before " << dep;
    started.insert(m.name);
  }
  EXPECT_EQ(started.size(), AllModules().size());
}

TEST(ModuleList, EachModuleDeclaresTheModulesItsLibraryLinks) {
  const auto links = ModuleLinks();
  for (const module::Module& m : AllModules()) {
    const auto it = std::find_if(links.begin(), links.end(), [&](const LinkedModules& l) { return l.module == m.name; });
    ASSERT_NE(it, links.end()) << m.name << " has no library consign_" << m.name;
    const std::set<std::string_view> declared(m.depends.begin(), m.depends.end());
    const std::set<std::string_view> linked(it->links.begin(), it->links.end());
    EXPECT_EQ(declared, linked) << "module " << m.name
                                << ": `depends` in module.cpp and target_link_libraries in CMakeLists.txt differ";
  }
}

TEST(ModuleList, EveryModulesPermissionsMergeIntoOneMatrix) {
  std::vector<auth::ModuleAccess> tables;
  const auto modules = AllModules();
  for (const module::Module& m : modules) tables.push_back({m.name, m.access});
  auto matrix = auth::Matrix::Merge(tables);
  ASSERT_TRUE(matrix) << matrix.error().public_message;
  EXPECT_GE(matrix->all().size(), 17u);
}

TEST(ModuleList, MigrationsBelongToTheirModule) {
  for (const module::Module& m : AllModules())
    for (const db::Migration& migration : m.migrations) EXPECT_EQ(migration.module, m.name);
}

}  // namespace
}  // namespace consign::app
