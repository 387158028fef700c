#pragma once
// The audit trail as people read it (GET /api/v1/audit). Writing entries is AuditLog::Record, inside
// the transaction of the change it records (audit_log.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "platform/scope/scope.hpp"

namespace consign::audit {

// Entries newest first, filtered by entity and entity id when given. Requires audit.read.
// The snapshots (before/after) hold personal data: they are masked (MaskSnapshot) unless the caller
// holds pii.view, and a page that shows any snapshot unmasked is itself recorded as a pii.view entry
// of entity "audit" — through `views` (a shared durable commit) before the page is answered.
[[nodiscard]] Result<std::vector<AuditEntryView>> ListTrail(Scope& scope, std::optional<std::string_view> entity,
                                                            std::optional<std::string_view> entity_id, int limit,
                                                            std::optional<int64_t> before_id,
                                                            GroupAppender& views);

// A snapshot (JSON text a module wrote) with personal data masked as DOMAIN.md §12 says, whatever
// module wrote it: every "phone", "email" and "street" value, every "name" inside a "contacts"
// array, the "name" of an object whose "kind" is "individual", and all but the month and day of a
// "birthday". Text that is not JSON comes back masked as a name would be. Pure.
std::string MaskSnapshot(std::string_view json_text);

}  // namespace consign::audit
