#pragma once
#include "platform/module/module.hpp"

namespace consign::views {

// Saved list views: the smallest whole module, and the one docs/adding-a-module.md walks through.
module::Module Module();

}  // namespace consign::views
