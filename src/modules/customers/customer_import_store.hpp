#pragma once
// The import history (customer_imports, customers migration 5): one row per import run — who, when,
// which file, how, and how many rows went through. Row values are never stored here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "platform/db/database.hpp"

namespace consign::customers {

struct ImportRun {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string login;
  Instant created_at{};
  std::string file_name;   // as the client named it; may be empty
  std::string mode;        // all_or_nothing | valid_only
  bool dry_run = false;    // a check-only run
  std::string encoding;    // the one the file was read in
  std::string outcome;     // imported | checked | rejected
  int64_t total_rows = 0;
  int64_t ok_rows = 0;     // rows written, or on a check-only run rows that would be
  int64_t failed_rows = 0; // rows with at least one error
  std::string request_id;
};

db::Migration ImportsMigration();  // customers/5

// REQUIRES: a write transaction. Returns the new id.
int64_t InsertImportRun(db::Transaction& tx, const ImportRun& run);
// Newest first, at most limit + 1 (the extra one tells there is a next page), ids below `before_id`
// when given; only `user_id`'s when given.
std::vector<ImportRun> ListImportRuns(db::Transaction& tx, std::optional<int64_t> user_id, int limit,
                                      std::optional<int64_t> before_id);

}  // namespace consign::customers
