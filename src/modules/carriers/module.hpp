#pragma once
#include "platform/module/module.hpp"

namespace consign::carriers {

// Carriers (承运商): our own network and the subcontracted carriers, their terms and API keys.
module::Module Module();

}  // namespace consign::carriers
