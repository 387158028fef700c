#pragma once
// What happens to one parsed request, on a worker thread or on the io thread that read it when one
// may run it there (server.cpp EnterInline: one io thread always stays free):
//   1. request id: always the server's own (NewRequestId), so a client can neither forge nor collide the
//      ids that the audit trail and the logs record. A client's X-Request-Id, when sane (1–128 of
//      [A-Za-z0-9._:-]), is kept apart: echoed as X-Client-Request-Id and logged as client_request_id;
//   2. route match: 404 / 405 (+Allow) as problem+json; GET/HEAD outside /api/ fall back to the
//      console's static files;
//   3. Authenticator (401 without a logged-in user), then Require() of the route's permission
//      (public routes skip both);
//   4. the handler, then COMMIT of the request's transaction when it answered < 400, else ROLLBACK;
//   5. the one try/catch of the request: DbError unique violation → 409, busy / unavailable /
//      serialization → 503 + Retry-After, anything else → 500 naming the request id (the internal
//      message is logged, never sent, and bodies are never logged);
//   6. X-Request-Id (and X-Client-Request-Id) and the edge headers (AddEdgeHeaders below) on every
//      response, one access-log JSON line, metrics. The server's own 400/413/431/501 go through FinishServerResponse, so they get the
//      same headers.
// The body of a HEAD is left in place: the server sends its length and drops it.
//
// A request with a body goes through steps 2–3 twice over: Admit() on its header alone, before the
// server reads a byte of the body, so an anonymous or forbidden client (or one at an unknown route)
// is refused without the server reading, say, 50 MB; the body is then read up to the route's limit
// (BodySize), and Dispatch(request, admission) runs steps 4–6 with the principal Admit() found.
//
// Thread safety: Dispatch() runs concurrently on every worker; everything it holds is const or
// thread-safe.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <variant>

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
  // Browsers reach the server over TLS (nginx in front; the `public_origin` setting is https://…):
  // every response gets HSTS and every cookie it sets gets Secure.
  bool https = false;
};

// The headers every response carries, set here and nowhere else; each replaces whatever a handler set,
// so no route can weaken them:
//   Content-Security-Policy   the console's policy on HTML (the only documents served), a lock-down
//                             policy (`default-src 'none'`) on everything else; both forbid framing;
//   X-Frame-Options: DENY     frame-ancestors for browsers that predate CSP 2;
//   Referrer-Policy: no-referrer    console URLs carry ids and search text, which are personal data;
//   X-Content-Type-Options: nosniff, Cross-Origin-Opener-Policy: same-origin;
//   Cache-Control: no-store   on everything but the console's static files (`static_file`), which keep
//                             their own (hashed assets cached for a year, index.html revalidated), and
//                             routes registered as Caching::kShared (reference data, Router::GetShared);
//                             no-store is the strictest value, so it replaces a handler's;
//   with `https`: Strict-Transport-Security, and `; Secure` added to each Set-Cookie lacking it.
void AddEdgeHeaders(Response& response, bool static_file, bool https);

// What Admit() decided about a request from its header: the route and who is calling. A null route
// means "not decided" (a GET or HEAD for the console's static files): Dispatch then does steps 2–3.
struct Admission {
  const Route* route = nullptr;
  Principal principal;
  BodySize body = BodySize::kSmall;
};

class Pipeline {
 public:
  explicit Pipeline(PipelineParts parts);

  // Steps 2–3 on a request whose body has not been read (request.body empty): the admission, or the
  // finished response (404, 405, 401, 403, 503 when authentication cannot reach the database) that
  // refuses it — already logged and counted like any other.
  std::variant<Admission, Response> Admit(Request& request, std::chrono::steady_clock::time_point received);
  // Steps 4–6 for a request Admit() let in, now with its body.
  Response Dispatch(Request& request, Admission admission, std::chrono::steady_clock::time_point received);

  // Whether a request without a body goes to a route that runs where it was read (Runs::kInline):
  // the server asks before it decides where Dispatch runs. Fills request.path_params as Dispatch would.
  bool RunsInline(Request& request) const;

  // `received` is when the server finished reading the request (queue time counts in duration_us).
  Response Dispatch(Request& request, std::chrono::steady_clock::time_point received);
  Response Dispatch(Request& request) { return Dispatch(request, std::chrono::steady_clock::now()); }

  // A response the server made itself (400/413/431/501 before any route was known): adds X-Request-Id,
  // X-Client-Request-Id and the edge headers, and accounts for it.
  void FinishServerResponse(const Request& request, Response& response, std::string_view request_id,
                            std::chrono::steady_clock::time_point received);

 private:
  Response Run(Request& request, Admission* admitted, std::chrono::steady_clock::time_point received);
  // Steps 2–3: fills `admission` and returns nullopt, or returns the response that ends the request.
  // `ctx` is the request's scope; authentication opens short transactions of its own, never ctx.tx().
  std::optional<Response> RouteAndAuthorize(Request& request, Context& ctx, std::string& route_label, Admission& admission);
  // `shared_cache` is set when the route answered is Caching::kShared.
  Response Handle(Request& request, const std::string& request_id, std::string& route_label, Admission* admitted,
                  bool& shared_cache);
  void Record(const Request& request, const Response& response, std::string_view route_label,
              std::string_view request_id, std::chrono::steady_clock::time_point received);

  PipelineParts parts_;
};

// A fresh request id: "r-" and 16 hex digits of randomness.
std::string NewRequestId();
// The client's X-Request-Id when it is sane (1–128 of [A-Za-z0-9._:-]), else nullopt. Never used as the
// request id: only echoed (X-Client-Request-Id) and logged (client_request_id), for the client's tracing.
std::optional<std::string> ClientRequestId(const Request& request);

}  // namespace consign::http
