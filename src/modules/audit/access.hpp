#pragma once
// The audit module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand.
#include "core/permission.hpp"

namespace consign::audit {

inline constexpr Permission kRead{"audit", "read"};  // the whole trail: GET /api/v1/audit
// See personal data unmasked (DOMAIN.md §12). Declared here, by the module that records every use of
// it, so that every module showing personal data — the audit trail's own snapshots included — asks
// for this one permission.
inline constexpr Permission kPiiView{"pii", "view"};

inline constexpr AccessRule kAccess[] = {
    {kRead, {Role::kAdmin, Role::kManager}},
    // Dispatchers and finance route and bill work: personal data stays masked for them.
    {kPiiView, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
};

}  // namespace consign::audit
