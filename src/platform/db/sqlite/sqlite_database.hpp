#pragma once
// The embedded backend: a pool of connections to one SQLite file in WAL mode with synchronous=FULL,
// so a commit returns only once it is on disk. Write transactions use BEGIN IMMEDIATE: writers queue
// on the database lock (busy_timeout) instead of failing on a lock upgrade.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "platform/db/database.hpp"

namespace consign::db {

// Opens (creating if needed) the file at `path` with the pool sizes and acquire timeout of `options`
// (whose url is not read). Throws DbError(kUnavailable) if it cannot.
std::unique_ptr<Database> OpenSqlite(const std::string& path, const DatabaseOptions& options);

// Rewrites $1, $2, ... to ?1, ?2, ... outside string literals, quoted identifiers and comments.
std::string RewritePlaceholders(std::string_view sql);

}  // namespace consign::db
