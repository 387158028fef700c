#pragma once
#include "platform/module/module.hpp"

namespace consign::orders {

// Orders (订单处理): taking, pricing and allocating every shipment to the right carrier.
module::Module Module();

}  // namespace consign::orders
