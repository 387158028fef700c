#include "platform/db/database.hpp"

namespace consign::db {

std::unique_ptr<Database> Open(const DatabaseOptions& options) {
  throw DbError(DbError::Kind::kUnavailable, "no database backend is built yet: " + options.url);
}

void ApplyMigrations(Database&, std::span<const Migration>) {}

}  // namespace consign::db
