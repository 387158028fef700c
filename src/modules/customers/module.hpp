#pragma once
#include <vector>

#include "platform/db/database.hpp"
#include "platform/module/module.hpp"

namespace consign::customers {

// Every migration of the module, in version order: the accounts' own (Migrations(): 1, 2, 7, 8), the
// exports' 4, the imports' 5 and the phone index's 6. For the module and for tests that need them all.
std::vector<db::Migration> AllMigrations();

// Customer information management (客户信息管理): accounts, contacts, addresses, classifications,
// search, masking, import and export.
module::Module Module();

}  // namespace consign::customers
