#pragma once
#include "platform/module/module.hpp"

namespace consign::sales {

// Leads, their qualification and the pipeline of opportunities (客户开发, DOMAIN.md §2).
module::Module Module();

}  // namespace consign::sales
