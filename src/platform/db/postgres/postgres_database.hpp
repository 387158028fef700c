#pragma once
// The server backend: libpq, a pool of connections (opened lazily, replaced when one breaks), each
// with TimeZone=UTC and UTF-8, statements prepared once per connection and executed with text
// parameters and text results. Transactions are READ COMMITTED in both modes.
#include <chrono>
#include <memory>
#include <string>

#include "platform/db/database.hpp"

namespace consign::db {

// Connects one connection now (so a bad URL fails at start). Throws DbError(kUnavailable).
std::unique_ptr<Database> OpenPostgres(const std::string& url, int pool_size,
                                       std::chrono::milliseconds acquire_timeout);

// The URL with any password replaced by "***", for messages and logs.
std::string RedactUrl(const std::string& url);

}  // namespace consign::db
