#pragma once
// The one list of modules. It is generated at build time (modules_list.cpp) from the list in
// src/modules/CMakeLists.txt, so adding a module is its folder plus one word there.
#include <string_view>
#include <vector>

#include "platform/module/module.hpp"

namespace consign::app {

// Every module's self-description, in the order of the list (the app sorts them by dependency).
std::vector<module::Module> AllModules();

// What each module's library links among the other modules (its target_link_libraries), as CMake
// saw it: a module's declared `depends` must say the same (module_list_test.cpp).
struct LinkedModules {
  std::string_view module;
  std::vector<std::string_view> links;
};
std::vector<LinkedModules> ModuleLinks();

}  // namespace consign::app
