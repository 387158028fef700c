#pragma once
// Import of customer files (客户导入): the use case behind POST /api/v1/customers/imports. The file
// format and the mapping of columns are pure and live in customer_import.hpp. Exports are in
// customer_export_service.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.hpp"
#include "core/result.hpp"
#include "modules/customers/customer_import.hpp"
#include "modules/customers/customer_import_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

struct ImportReport {
  ImportMode mode = ImportMode::kAllOrNothing;
  text::Encoding encoding = text::Encoding::kUtf8;  // the one the file was read in
  bool dry_run = false;
  std::size_t total_rows = 0;
  std::size_t imported = 0;  // rows written (0 on a dry run or a rejection)
  std::size_t valid = 0;     // rows that passed every check
  bool committed = false;
  bool rejected = false;     // all_or_nothing with a bad row: answer 422, nothing written
  std::vector<ImportRowError> errors;  // every error of every row, in line order
  std::vector<HeaderColumn> headers;   // the file's headers as read (for a mapping UI)
  std::optional<int64_t> import_id;    // the run's row in the import history
};

struct ImportRequest {
  std::string_view bytes;
  text::Encoding encoding = text::Encoding::kAuto;
  ImportMode mode = ImportMode::kAllOrNothing;
  bool dry_run = false;
  std::string file_name;          // for the history; may be empty
  ImportColumnMapping mapping;    // the user's column mapping, if the headers are not the template's
};

// Decodes, maps and validates every row (values as Validate checks them, codes against the file
// and the database), then writes the good rows in the request's transaction when the mode allows,
// with one audit entry per account. Errors (nothing written): a file that cannot be decoded or
// read as CSV, an empty file, a header that names no usable columns.
// A check-only run (dry_run) whose headers name columns it cannot map is not an error but a rejected
// report (no rows checked) with `headers` and a "columns" error per problem, so the console can
// offer a mapping. Every error of a row is reported (the enum labels, the values Validate checks,
// the code), each naming its column key and reason.
// Every run that reads a header is kept in the import history (counts, never values): in the
// request's transaction when it answers 200; a rejected run writes nothing of the file, so its
// transaction is rolled back at once and the history row goes through a short transaction of its own
// (Background()), which would otherwise be rolled back with the 422.
// Requires customers.import. REQUIRES: a write scope.
Result<ImportReport> Import(Scope& scope, const ImportRequest& request);

// The failed rows of `request`'s file as a CSV to fix and import again (FailedRowsCsv, in `lang`):
// the same checks as a check-only run, nothing written and nothing kept (no history row): the file
// comes from the user and goes back to that user in the same request. Requires customers.import.
Result<std::string> FailedRows(Scope& scope, const ImportRequest& request, Language lang);

// The import history, newest first (limit + 1 rows: PageResponse): a caller who may see all imports
// (admin, manager) sees everyone's, others their own. Requires customers.import.
Result<std::vector<ImportRun>> ImportHistory(Scope& scope, int limit, std::optional<int64_t> before_id);

}  // namespace consign::customers
