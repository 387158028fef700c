#pragma once
#include "platform/module/module.hpp"

namespace consign::notify {

// Notify (主动通知): customers told first — by e-mail, a signed webhook or SMS — through an outbox.
module::Module Module();

}  // namespace consign::notify
