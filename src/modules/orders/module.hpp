#pragma once
#include "platform/module/module.hpp"

namespace consign::orders {

// Orders: today only the allocation of orders to carriers (allocation.hpp, batch_allocation.hpp); no
// routes or tables yet.
module::Module Module();

}  // namespace consign::orders
