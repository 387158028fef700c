#pragma once
#include "platform/module/module.hpp"

namespace consign::tracking {

// Tracking (跟踪与异常): scan events, a shipment's status and ETA, exceptions told first.
module::Module Module();

}  // namespace consign::tracking
