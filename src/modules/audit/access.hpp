#pragma once
// The audit module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand.
#include "core/permission.hpp"

namespace consign::audit {

inline constexpr Permission kRead{"audit", "read"};  // the whole trail: GET /api/v1/audit

inline constexpr AccessRule kAccess[] = {
    {kRead, {Role::kAdmin, Role::kManager}},
};

}  // namespace consign::audit
