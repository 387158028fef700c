#pragma once
#include "platform/module/module.hpp"

namespace consign::customers {

// Customer information management (客户信息管理): accounts, contacts, addresses, classifications,
// search, masking, import and export.
module::Module Module();

}  // namespace consign::customers
