#pragma once
#include "platform/module/module.hpp"

namespace consign::contracts {

// Customer contracts (合同): terms, approval, lifecycle, versions, expiry warnings, print view.
module::Module Module();

}  // namespace consign::contracts
