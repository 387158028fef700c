#pragma once
// The audit trail as people read it (GET /api/v1/audit). Writing entries is AuditLog::Record, inside
// the transaction of the change it records (audit_log.hpp).
#include <optional>
#include <string_view>
#include <vector>

#include "modules/audit/audit_log.hpp"
#include "platform/scope/scope.hpp"

namespace consign::audit {

// Entries newest first, filtered by entity and entity id when given. Requires audit.read.
[[nodiscard]] Result<std::vector<AuditEntryView>> ListTrail(Scope& scope, std::optional<std::string_view> entity,
                                                            std::optional<std::string_view> entity_id, int limit,
                                                            std::optional<int64_t> before_id);

}  // namespace consign::audit
