#pragma once
// What happens to one parsed request, on a worker thread (never an io thread):
//   1. request id: the client's X-Request-Id when it is sane (1–128 of [A-Za-z0-9._:-]), else a new one;
//   2. route match: 404 / 405 (+Allow) as problem+json; GET/HEAD outside /api/ fall back to the
//      console's static files;
//   3. Authenticator (401 without a logged-in user), then Require() of the route's permission
//      (public routes skip both);
//   4. the handler, then COMMIT of the request's transaction when it answered < 400, else ROLLBACK;
//   5. the one try/catch of the request: DbError unique violation → 409, busy / unavailable /
//      serialization → 503 + Retry-After, anything else → 500 naming the request id (the internal
//      message is logged, never sent, and bodies are never logged);
//   6. X-Request-Id on every response, one access-log JSON line, metrics.
// The body of a HEAD is left in place: the server sends its length and drops it.
//
// Thread safety: Dispatch() runs concurrently on every worker; everything it holds is const or
// thread-safe.
#include <chrono>
#include <memory>
#include <string>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"

namespace spdlog {
class logger;
}

namespace consign::http {

class Metrics;
class StaticFiles;

struct PipelineParts {
  const Router* router = nullptr;
  db::Database* database = nullptr;  // may be null for tests of routes that never touch it
  const Clock* clock = nullptr;
  Authenticator* authenticator = nullptr;
  Metrics* metrics = nullptr;                      // optional
  const StaticFiles* static_files = nullptr;       // optional
  std::shared_ptr<spdlog::logger> access_log;      // optional; default: spdlog's default logger
};

class Pipeline {
 public:
  explicit Pipeline(PipelineParts parts);

  // `received` is when the server finished reading the request (queue time counts in duration_us).
  Response Dispatch(Request& request, std::chrono::steady_clock::time_point received);
  Response Dispatch(Request& request) { return Dispatch(request, std::chrono::steady_clock::now()); }

  // Accounts for a response the server made itself (413/431/400 before any route was known).
  void RecordServerResponse(const Request& request, const Response& response, std::string_view request_id,
                            std::chrono::steady_clock::time_point received);

 private:
  Response Handle(Request& request, const std::string& request_id, std::string& route_label);
  void Record(const Request& request, const Response& response, std::string_view route_label,
              std::string_view request_id, std::chrono::steady_clock::time_point received);

  PipelineParts parts_;
};

// A fresh request id: "r-" and 16 hex digits of randomness.
std::string NewRequestId();
// The client's X-Request-Id when it is sane, else NewRequestId().
std::string RequestIdFor(const Request& request);

}  // namespace consign::http
