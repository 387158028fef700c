#pragma once
// Exports of customer lists (客户导出), GET /api/v1/customers/export and /api/v1/customers/exports/{id}.
//
// An export reads in a READ transaction, page by page, writing each page to its file as it comes: it
// never takes the write lock and never holds all its rows in memory, so writers go on while it runs.
// Its rows are counted first; the count decides (DecideExport, customer_export.hpp):
//   - up to ExportLimits::async_rows: written now and answered with the file;
//   - more: a background job ("customers.export") writes the file into the export directory; the
//     caller polls the export and downloads the file, which only the caller may, until it expires
//     (a "customers.export.expire" job deletes it);
//   - a user with an export still running, or with per_hour exports started in the last hour, is
//     refused (kTooManyRequests with a retry-after).
// Exports are masked. Unmasked needs customers.export_unmasked and a stated reason (audit::ParseReason).
// Every export is audited once its rows are written: action "export", entity "customer", id "*",
// after = {"export_id", "rows", "unmasked", "reason", "format"}; a file is never handed out before
// its entry is committed. Bookkeeping (the exports row, progress, the audit entry) goes through short
// write transactions on Background(), never the export's read transaction.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "modules/audit/reveal_reason.hpp"
#include "modules/customers/customer_export.hpp"
#include "modules/customers/customer_export_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

inline constexpr std::string_view kExportJob = "customers.export";
inline constexpr std::string_view kExpireExportJob = "customers.export.expire";

struct ExportSettings {
  std::filesystem::path dir = "data/exports";  // shared by every node when there are several
  ExportLimits limits;
  std::chrono::seconds file_ttl{24 * 3600};
  int page_rows = 1000;  // rows read per query
  // Test hooks only (CONSIGN_TEST_HOOKS=1): an export waits before each page while the file
  // <dir>/hold exists, so a test can keep one running and write beside it.
  bool test_hold = false;
};

struct ExportRequest {
  ListQuery query;  // filters as parsed; limit and cursor are ignored
  ExportFormat format = ExportFormat::kCsv;
  ExportLayout layout;  // the columns chosen and the language of headers and labels
  bool unmasked = false;
  std::optional<std::string_view> reason;       // "reason"
  std::optional<std::string_view> reason_text;  // "reason_text"
};

struct StartedExport {
  ExportRecord record;
  std::string file;  // the finished file's bytes when !record.background
};

// Requires customers.export, and customers.export_unmasked for an unmasked export (then a reason:
// kInvalidArgument naming "reason" or "reason_text"). kTooManyRequests with *retry_after as above;
// kInvalidArgument naming "limit" above ExportLimits::max_rows. After a background start, the caller
// wakes the job runner.
Result<StartedExport> StartExport(Scope& scope, ExportRequest request, const ExportSettings& settings,
                                  std::chrono::seconds* retry_after);

// The caller's own export; anyone else's (or none) is kNotFound.
Result<ExportRecord> GetExport(Scope& scope, int64_t id);
// The finished file of the caller's own background export: kNotFound for another user's, kInvalidState
// while it runs or when it failed or expired.
struct ExportDownload {
  std::filesystem::path path;
  ExportFormat format = ExportFormat::kCsv;
};
Result<ExportDownload> ExportFile(Scope& scope, int64_t id, const ExportSettings& settings);

// The job handlers. `reads` serves the export's read transaction, `writes` (Background()) the
// bookkeeping. Idempotent: a finished export is left alone, a rerun writes the file again.
Status RunExportJob(db::Database& reads, db::Database& writes, const Clock& clock, int64_t export_id,
                    const ExportSettings& settings);
Status ExpireExport(db::Database& writes, int64_t export_id, const Clock& clock, const ExportSettings& settings);

// The filters of an export, and its layout, as the job reads them back (exposed for tests).
std::string ExportQueryToJson(const ListQuery& query, const ExportLayout& layout = {});
[[nodiscard]] Result<ListQuery> ExportQueryFromJson(std::string_view text);
ExportLayout ExportLayoutFromJson(std::string_view text);

}  // namespace consign::customers
