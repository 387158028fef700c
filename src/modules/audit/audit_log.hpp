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
inline constexpr std::string_view kPiiReveal = "pii.reveal";                 // one field of one record shown
inline constexpr std::string_view kPiiRevealRefused = "pii.reveal.refused";  // over the reveal limit
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
  // Appends `entry` to one of the chains inside `tx` (which must be a write transaction): a rolled-back
  // change leaves no entry. The chain's head stays locked until `tx` ends. On PostgreSQL each
  // transaction takes a chain no other transaction holds (and keeps to it for its further entries),
  // so audited writes wait for each other only when more transactions append at once than there are
  // chains; on SQLite its single writer serialises them anyway. kInvalidArgument when action or
  // entity is empty.
  [[nodiscard]] Status Record(db::Transaction& tx, const AuditEntry& entry) const;
};

struct VerifyOptions {
  // A file outside the database holding the chain heads of the last intact verification (the
  // `--anchor` option of `consign audit verify`). When set, a chain that no longer reaches its anchored position, or holds
  // another entry there, is reported even if its head in the database was rewound as well; after an
  // intact verification the file is replaced (atomically) by the heads read this time. A missing file
  // is created. Empty: the heads in the database are the only witness of each chain's end.
  std::string anchor_path;
};

// Walks every chain in (chain, seq) order, in one read transaction, and reports the first broken
// entry (VerifyReport in audit_chain.hpp) and every chain cut short of its head or anchor. A broken
// or cut trail is a report, not an error; errors are the database's, or an anchor file that cannot
// be read, parsed or written (kUnavailable, naming the file).
[[nodiscard]] Result<VerifyReport> VerifyChain(db::Database& database, const VerifyOptions& options);
[[nodiscard]] Result<VerifyReport> VerifyChain(db::Database& database);  // no anchor

// The newest entries for one record, newest first, at most `limit` (1..500). With `before_id`,
// only entries older than that id (the cursor of the next page).
[[nodiscard]] Result<std::vector<AuditEntryView>> ListFor(db::Transaction& tx, std::string_view entity,
                                                          std::string_view entity_id, int limit,
                                                          std::optional<int64_t> before_id = std::nullopt);

// The same, only entries whose action is one of `actions` (a record's reveals: its access log).
[[nodiscard]] Result<std::vector<AuditEntryView>> ListActionsFor(db::Transaction& tx, std::string_view entity,
                                                                 std::string_view entity_id,
                                                                 const std::vector<std::string>& actions, int limit,
                                                                 std::optional<int64_t> before_id = std::nullopt);

// The same over the whole trail or one kind of entity (the /api/v1/audit list): either filter may
// be absent.
[[nodiscard]] Result<std::vector<AuditEntryView>> List(db::Transaction& tx, std::optional<std::string_view> entity,
                                                       std::optional<std::string_view> entity_id, int limit,
                                                       std::optional<int64_t> before_id);

// The audit_log and audit_heads tables and their append-only triggers.
std::vector<db::Migration> Migrations();

}  // namespace consign::audit
