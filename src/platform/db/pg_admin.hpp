#pragma once
// For tests and benchmarks: one statement with no result (CREATE/DROP SCHEMA or DATABASE) on the
// PostgreSQL server `url` names, on a connection of its own and outside any transaction (CREATE/DROP
// DATABASE refuse to run inside one). Throws std::runtime_error with the server's message.
#include <libpq-fe.h>

#include <stdexcept>
#include <string>

namespace consign::db::testing {

inline void PgAdmin(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "drop cascades to ..." is noise here
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error(sql + ": " + error);
}

}  // namespace consign::db::testing
