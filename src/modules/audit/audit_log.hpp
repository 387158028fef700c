#pragma once
// The audit trail: who did what, when, to which record, with the record before and after. Other
// modules call AuditLog::Record inside the transaction of the change they audit (so a rolled-back
// change leaves no entry) and ListFor to show a record's history.
//
// Thread safety: AuditLog holds no state; use one from any thread, each call with its own transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_chain.hpp"
#include "platform/db/database.hpp"

namespace consign::audit {

// Action words in use; modules may add their own ("merge", ...).
namespace action {
inline constexpr std::string_view kCreate = "create";
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kArchive = "archive";
inline constexpr std::string_view kRestore = "restore";
inline constexpr std::string_view kPiiView = "pii.view";
inline constexpr std::string_view kExport = "export";
inline constexpr std::string_view kImport = "import";
inline constexpr std::string_view kLogin = "login";
inline constexpr std::string_view kUserCreate = "user.create";
inline constexpr std::string_view kUserUpdate = "user.update";
}  // namespace action

struct AuditEntry {
  Instant at{};
  Principal actor;            // unauthenticated (CLI, system): no user id; actor.login names who
  std::string action;         // see namespace action
  std::string entity;         // "customer", "user", ...
  std::string entity_id;      // "12"
  std::optional<std::string> before_json;  // the record before the change (JSON text), if any
  std::optional<std::string> after_json;   // after it
  std::string request_id;     // HTTP request id, or "cli"
};

// An entry as read back: the stored row, its hashes included.
using AuditEntryView = ChainEntry;

class AuditLog {
 public:
  // Appends `entry` to the chain inside `tx` (which must be a write transaction). Appends are
  // serialised: on PostgreSQL by a transaction-scoped advisory lock held until `tx` ends, on SQLite
  // by its single writer. kInvalidArgument when action or entity is empty.
  [[nodiscard]] Status Record(db::Transaction& tx, const AuditEntry& entry) const;
};

struct VerifyReport {
  int64_t entries = 0;                  // entries checked (all of them when intact)
  std::optional<int64_t> broken_id;     // the first entry that does not hold
  std::string reason;                   // "hash mismatch", "prev_hash mismatch", "gap"
  bool intact() const { return !broken_id.has_value(); }
};

// Walks the whole trail in id order, in one read transaction, and reports the first broken entry.
// A broken chain is a report, not an error; errors are only for the database itself.
[[nodiscard]] Result<VerifyReport> VerifyChain(db::Database& database);

// The newest entries for one record, newest first, at most `limit` (1..500). With `before_id`,
// only entries older than that id (the cursor of the next page).
[[nodiscard]] Result<std::vector<AuditEntryView>> ListFor(db::Transaction& tx, std::string_view entity,
                                                          std::string_view entity_id, int limit,
                                                          std::optional<int64_t> before_id = std::nullopt);

// The same over the whole trail or one kind of entity (the /api/v1/audit list): either filter may
// be absent.
[[nodiscard]] Result<std::vector<AuditEntryView>> List(db::Transaction& tx, std::optional<std::string_view> entity,
                                                       std::optional<std::string_view> entity_id, int limit,
                                                       std::optional<int64_t> before_id);

// The audit_log table and its append-only triggers.
std::vector<db::Migration> Migrations();

}  // namespace consign::audit
