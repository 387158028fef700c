#pragma once
// Import of order files (批量导入订单): the use case behind POST /api/v1/orders/imports. The file
// format, the columns and the row checks are pure and live in order_import.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.hpp"
#include "core/result.hpp"
#include "modules/orders/order_import.hpp"
#include "platform/scope/scope.hpp"

namespace consign::orders {

struct OrderImportRequest {
  std::string_view bytes;
  FileFormat format = FileFormat::kCsv;  // an .xlsx is recognised by its bytes whatever this says
  text::Encoding encoding = text::Encoding::kAuto;
  ImportMode mode = ImportMode::kAllOrNothing;
  std::optional<CustomerId> customer_id;  // staff: required; portal users: their own account
  std::optional<std::string> idempotency_key;
};

struct OrderImportReport {
  int64_t import_id = 0;            // 0 when nothing was kept (a rejected all-or-nothing run)
  ImportMode mode = ImportMode::kAllOrNothing;
  std::optional<text::Encoding> encoding;  // CSV: the one the file was read in
  int64_t rows = 0;                 // data rows in the file
  int64_t created = 0;              // orders written
  int64_t rejected = 0;             // rows with at least one error
  int64_t allocated = 0;            // of the created, those the batch gave a carrier (the rest queue)
  bool all_rejected = false;        // all_or_nothing with a bad row: nothing written, answer 422
  bool replayed = false;            // a retry under the same Idempotency-Key, answered again
  std::vector<ImportRowError> errors;  // every error of every bad row, in row order
};

// Reads the file (ReadOrderFile), checks every row (ParseOrderRows), prices each good one from the
// customer's card and checks it against the contract in force (PriceDraft: an unknown product, a
// COD the contract does not allow, a declared value over its limit are row errors too), then:
//   all_or_nothing: any bad row → nothing is written (all_rejected; the caller rolls back);
//   valid_rows:     the good rows are written.
// The orders written are allocated as one batch per ship date (AllocateBatchOn: the least total
// cost under the carriers' capacities; an order no carrier can take stays pending, in the
// dispatcher's queue), source "import", and audited by one entry for the run (order.import, entity
// order_import): the account, the mode, the counts and the ids of every order it created, as ranges.
// Not one entry per order: the audit chain's head advances once per entry, and 100,000 advances of
// one row in one transaction grow quadratically on PostgreSQL (every update leaves a row version the
// open transaction cannot prune). With an idempotency key: a retry answers the first run's report (replayed); the
// same key with another file, mode or account is kConflict naming Idempotency-Key.
// Errors (nothing written): kForbidden without orders.create; customer_id required or unknown for
// staff; a file that cannot be read (field "file": bad_encoding naming its line, invalid_format,
// required, too_large); a header naming unknown or missing columns (field "columns").
// REQUIRES: a write scope.
Result<OrderImportReport> ImportOrders(Scope& scope, const OrderImportRequest& request);

}  // namespace consign::orders
