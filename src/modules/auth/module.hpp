#pragma once
#include "platform/module/module.hpp"

namespace consign::auth {

// Users, sessions, API keys, login throttling, and THE permission matrix: at start it merges every
// module's access table (refusing duplicates), provides the Matrix to other modules through
// module::Services, and sets the Authenticator. Commands: `consign user add|set-password`.
module::Module Module();

}  // namespace consign::auth
