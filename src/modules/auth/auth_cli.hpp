#pragma once
// `consign user add` and `consign user set-password`: the auth module's commands.
#include <vector>

#include "platform/module/module.hpp"

namespace consign::auth {

std::vector<module::Command> Commands();

}  // namespace consign::auth
