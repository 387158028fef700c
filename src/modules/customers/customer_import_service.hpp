#pragma once
// Import of customer files (客户导入): the use case behind POST /api/v1/customers/imports. The file
// format and the mapping of columns are pure and live in customer_import.hpp. Exports are in
// customer_export_service.hpp.
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

}  // namespace consign::customers
