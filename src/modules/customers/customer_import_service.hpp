#pragma once
// Import and export of customer files (客户导入/导出): the use cases behind
// POST /api/v1/customers/imports and GET /api/v1/customers/export. The file formats and the mapping
// of columns are pure and live in customer_import.hpp and customer_export.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.hpp"
#include "core/result.hpp"
#include "modules/customers/customer_import.hpp"
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
  std::vector<ImportRowError> errors;
};

struct ImportRequest {
  std::string_view bytes;
  text::Encoding encoding = text::Encoding::kAuto;
  ImportMode mode = ImportMode::kAllOrNothing;
  bool dry_run = false;
};

// Decodes, maps and validates every row (values as Validate checks them, codes against the file
// and the database), then writes the good rows in the request's transaction when the mode allows,
// with one audit entry per account. Errors (nothing written): a file that cannot be decoded or
// read as CSV, an empty file, a header that names no usable columns.
// Requires customers.import. REQUIRES: a write scope.
Result<ImportReport> Import(Scope& scope, const ImportRequest& request);

// One row per account the caller may see, matching `query` (its limit and cursor are ignored), in
// its sort order: the primary contact and the first address. Masked unless MaySeePersonalData;
// audited as one "export" entry either way. Requires customers.export. At most kMaxExportRows; more answers 422 asking for a filter.
inline constexpr std::size_t kMaxExportRows = 100000;
Result<std::vector<std::vector<std::string>>> ExportRows(Scope& scope, ListQuery query);

}  // namespace consign::customers
