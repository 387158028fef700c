#pragma once
#include "platform/module/module.hpp"

namespace consign::demo {

// `consign demo`: a realistic demo company. No tables, routes or permissions of its own.
module::Module Module();

}  // namespace consign::demo
