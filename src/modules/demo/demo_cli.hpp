#pragma once
// `consign demo --customers N [--seed S]`: loads the demo company through the customers module's
// bulk insert (InsertCustomers), so demo accounts are stored, indexed and searchable exactly like
// accounts created over the API.
#include <vector>

#include "platform/module/module.hpp"

namespace consign::demo {

std::vector<module::Command> Commands();

}  // namespace consign::demo
