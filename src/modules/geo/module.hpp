#pragma once
#include "platform/module/module.hpp"

namespace consign::geo {

// China's administrative divisions: the generated data (china_divisions.hpp, its public header) and
// GET /api/v1/divisions for the console's cascader.
module::Module Module();

}  // namespace consign::geo
