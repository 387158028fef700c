#pragma once
// The server backend: libpq, a pool of connections (opened lazily, replaced when one breaks), UTF-8,
// statements prepared once per connection and executed with text parameters and text results.
// Transactions are READ COMMITTED in both modes; each one sets TimeZone=UTC and the statement
// timeout with SET LOCAL in the same round trip as its BEGIN, so no setting is session state.
//
// Behind a pooler in transaction mode (PgBouncer's pool_mode=transaction) consecutive transactions
// run on different server connections, where named prepared statements do not exist: add
// `prepared_statements=off` to the URL (postgresql://u@pgbouncer:6432/consign?prepared_statements=off,
// a parameter of Consign's own that libpq never sees) and every statement is sent unnamed
// (PQexecParams). Advisory locks used here are transaction-scoped, so they work there too.
#include <chrono>
#include <memory>
#include <string>

#include "platform/db/database.hpp"

namespace consign::db {

// Connects one connection now (so a bad URL fails at start). Throws DbError(kUnavailable).
std::unique_ptr<Database> OpenPostgres(const DatabaseOptions& options);

// The URL with any password replaced by "***", for messages and logs.
std::string RedactUrl(const std::string& url);

}  // namespace consign::db
