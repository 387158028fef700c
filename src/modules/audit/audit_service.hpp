#pragma once
// The audit trail as people read it (GET /api/v1/audit). Writing entries is AuditLog::Record, inside
// the transaction of the change it records (audit_log.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "platform/scope/scope.hpp"

namespace consign::audit {

// Entries newest first, filtered by entity and entity id when given. Requires audit.read.
// The snapshots (before/after) hold personal data: they are masked (MaskSnapshot) for every caller,
// whatever its role (DOMAIN.md §12: masked on every ordinary read; a value is seen only by revealing
// one field of one record, with a reason).
[[nodiscard]] Result<std::vector<AuditEntryView>> ListTrail(Scope& scope, std::optional<std::string_view> entity,
                                                            std::optional<std::string_view> entity_id, int limit,
                                                            std::optional<int64_t> before_id);

// A snapshot (JSON text a module wrote) with personal data masked as DOMAIN.md §12 says, whatever
// module wrote it: every "phone", "email" and "street" value, every "name" inside a "contacts"
// array, the "name" of an object whose "kind" is "individual", and all but the month and day of a
// "birthday". Text that is not JSON comes back masked as a name would be. Pure.
std::string MaskSnapshot(std::string_view json_text);

// Counts one reveal of personal data by attempt.actor against the per-user limit (reveal_limit.hpp),
// in a transaction of its own on `database` that commits whatever becomes of the request's, so every
// server process shares the count and a failed request cannot undo it. `attempt` is the entry the
// reveal would write (action pii.reveal: entity, id, which field, the reason). Over the limit the
// attempt is recorded there as refused (action pii.reveal.refused, the same snapshot) and the answer
// is kTooManyRequests with *retry_after set; the attempt that reaches the limit raises an alert of
// kind "pii.reveal_burst" for admins (and is allowed).
// REQUIRES: attempt.actor is a user; the calling thread holds no write transaction on `database`
// (SQLite's single writer would wait for itself).
[[nodiscard]] Status CountReveal(db::Database& database, const AuditEntry& attempt, std::chrono::seconds* retry_after);

// Something admins should look at (GET /api/v1/alerts).
struct Alert {
  int64_t id = 0;
  Instant at{};
  std::string kind;                   // "pii.reveal_burst": a user reached the reveal limit
  std::optional<int64_t> user_id;     // whom it is about
  std::string login;
  std::string detail_json;            // {"reveals": 30, "window_seconds": 600}
};
inline constexpr std::string_view kRevealBurst = "pii.reveal_burst";

// Alerts newest first (at most `limit`, 1..500), with id < before_id. Requires alerts.read.
[[nodiscard]] Result<std::vector<Alert>> ListAlerts(Scope& scope, int limit, std::optional<int64_t> before_id);

}  // namespace consign::audit
