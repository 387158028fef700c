#pragma once
#include "platform/module/module.hpp"

namespace consign::pricing {

// Prices (运价): service products, the zone matrix, published and agreement rate cards, quotes.
module::Module Module();

}  // namespace consign::pricing
