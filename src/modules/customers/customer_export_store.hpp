#pragma once
// The customer_exports table: one row per export a user asked for, kept for the per-user limits, the
// progress of background exports and their files' lifetime. SQL for both backends.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "modules/customers/customer_export.hpp"
#include "platform/db/database.hpp"

namespace consign::customers {

// running -> done | failed; done -> expired (its file deleted).
enum class ExportStatus { kRunning, kDone, kFailed, kExpired };
std::string_view ExportStatusName(ExportStatus status);

struct ExportRecord {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string login;       // of that user, for the audit entry a job writes
  ExportStatus status = ExportStatus::kRunning;
  ExportFormat format = ExportFormat::kCsv;
  bool unmasked = false;
  std::string reason;      // as the audit trail words it ("callback", "other: ..."); empty when masked
  bool background = false; // a job writes it (more rows than the threshold)
  std::string query_json;  // the filters, record rule applied (ExportQueryToJson)
  int64_t total_rows = 0;  // counted before it started
  int64_t rows_written = 0;
  std::string file_name;   // in the export directory, once done
  std::string request_id;  // of the request that asked for it, for the audit entry
  Instant created_at{};
  Instant updated_at{};
  Instant expires_at{};    // its file is deleted then
};

db::Migration ExportsMigration();  // customers/4

// REQUIRES: a write transaction. Serialises the exports of one user (PostgreSQL: an advisory lock to
// the end of the transaction; SQLite's single writer already does), so two requests cannot both pass
// the limits.
void LockUserExports(db::Transaction& tx, int64_t user_id);
// The user's exports for DecideExport: a running one counts while it made progress within `stale`
// (a process that died mid-export does not block its user for ever).
ExportHistory LoadExportHistory(db::Transaction& tx, int64_t user_id, Instant now, std::chrono::seconds stale);
int64_t InsertExport(db::Transaction& tx, const ExportRecord& record);  // returns the id
std::optional<ExportRecord> LoadExport(db::Transaction& tx, int64_t id);
void UpdateExportProgress(db::Transaction& tx, int64_t id, int64_t rows_written, Instant now);
void FinishExport(db::Transaction& tx, int64_t id, ExportStatus status, int64_t rows_written,
                  std::string_view file_name, Instant now);

}  // namespace consign::customers
