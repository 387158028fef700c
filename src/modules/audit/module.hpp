#pragma once
#include "platform/module/module.hpp"

namespace consign::audit {

// The audit trail: its table, GET /api/v1/audit, `consign audit verify`, and the GroupAppender other
// modules get from module::Services for audited views.
module::Module Module();

}  // namespace consign::audit
