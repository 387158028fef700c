#pragma once
// The audit module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand.
#include "core/permission.hpp"

namespace consign::audit {

inline constexpr Permission kRead{"audit", "read"};  // the whole trail: GET /api/v1/audit
// Reveal personal data (DOMAIN.md §12). Declared here, by the module that records every use of
// it, so that every module showing personal data — the audit trail's own snapshots included — asks
// for this one permission.
inline constexpr Permission kPiiView{"pii", "view"};

// Alerts for admins (GET /api/v1/alerts): a user reached the limit of reveals of personal data.
inline constexpr Permission kAlertsRead{"alerts", "read"};

inline constexpr AccessRule kAccess[] = {
    {kRead, {Role::kAdmin, Role::kManager}},
    // Dispatchers and finance route and bill work: personal data stays masked for them.
    // Every read is masked for every role: pii.view is the right to reveal one field of one record,
    // with a reason (POST /api/v1/customers/{id}/reveal), and to search on personal fields.
    {kPiiView, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kAlertsRead, {Role::kAdmin}},
};

}  // namespace consign::audit
