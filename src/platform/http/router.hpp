#pragma once
// Routes: method + pattern ("/api/v1/customers/{id}") + handler + what the permission matrix must
// allow. Every route declares its access; the pipeline checks the matrix before the handler runs,
// and the service applies record rules. A test walks all routes against the matrix.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "platform/http/message.hpp"
#include "platform/scope/scope.hpp"

namespace consign {
class Clock;
namespace db {
class Database;
class Transaction;
enum class TxMode;
}  // namespace db
}  // namespace consign

namespace consign::http {

// What a route needs: nothing (login, healthz, static files), a logged-in user of any role (the auth
// module's me/logout/password; `consign routes` prints it as "authenticated"), or a permission of the
// matrix, named by the owning module's constant (customers::kRead). The pipeline checks it before the
// handler runs — a second guard: services Require() the permission themselves.
struct RouteAccess {
  enum class Kind { kPublic, kAuthenticated, kPermission };
  Kind kind = Kind::kAuthenticated;
  Permission permission{};
  std::string Describe() const;  // "public", "authenticated" or "customers.read"
};

inline RouteAccess Public() { return RouteAccess{RouteAccess::Kind::kPublic, {}}; }
inline RouteAccess Authenticated() { return RouteAccess{RouteAccess::Kind::kAuthenticated, {}}; }
inline RouteAccess Requires(Permission permission) { return RouteAccess{RouteAccess::Kind::kPermission, permission}; }

// Per-request state handed to handlers: the request's Scope (principal, clock, request id, the one
// transaction — read mode for GET/HEAD, write otherwise, committed by the pipeline when the handler
// answers below 400) plus what only HTTP has. Handlers pass it to services as a Scope&.
class Context : public Scope {
 public:
  Context(const Request& request, std::string request_id, db::Database* database, const Clock& clock);
  ~Context() override;

  const Request& request() const { return request_; }

  // Extra headers the pipeline adds to whatever the handler answers (Set-Cookie from login, ...).
  std::vector<std::pair<std::string, std::string>>& extra_headers() { return extra_headers_; }

 private:
  const Request& request_;
  std::vector<std::pair<std::string, std::string>> extra_headers_;
};

using Handler = std::function<Response(const Request&, Context&)>;

// How large a body a route reads. kSmall, the default, is every JSON form and login (the server's
// `body_limit`, 64 KiB by default); kLarge only the file uploads that need it, the imports
// (`import_body_limit`, 24 MiB). The server reads no byte of a body before the route, its access and
// so its limit are known (pipeline.hpp, Admit), and answers 413 naming the limit past it.
enum class BodySize { kSmall, kLarge };

// Whether caches may keep a route's answers. kNoStore, the default, is every route whose answers hold
// account data (the pipeline then sets Cache-Control: no-store, whatever the handler said). kShared is
// for reference data that is the same for every caller and holds nothing personal (China's divisions):
// the handler's own Cache-Control and ETag stand.
enum class Caching { kNoStore, kShared };

// Where a route's handler runs (server.hpp). kOnWorker, the default: on the worker pool, so a slow
// handler (a search, a report, a password hash) never holds up the io thread that reads and writes
// other connections. kInline: on the io thread that read the request, with no hand-over to a worker and
// back — only for the hot routes that answer from a few indexed reads in well under a millisecond (an
// account by id, /auth/me, a quote). Every other connection of that io thread waits while one runs.
enum class Runs { kOnWorker, kInline };

struct Route {
  Method method;
  std::string pattern;  // segments; "{name}" captures one segment
  RouteAccess access;
  Handler handler;
  BodySize body = BodySize::kSmall;
  Caching caching = Caching::kNoStore;
  Runs runs = Runs::kOnWorker;
  // The pattern split at its slashes once, when the route is added: a literal segment, or the name
  // of a capture (`capture`). Matching compares these with the path's segments, allocating nothing.
  struct Segment {
    std::string text;
    bool capture = false;
  };
  std::vector<Segment> segments;
};

// Authentication is supplied by the auth module; the platform knows only this.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Returns an unauthenticated Principal when the request carries no credentials; an error when it
  // carries bad ones (expired token, missing CSRF header on a cookie session's unsafe request).
  virtual Result<Principal> Authenticate(const Request& request, Context& ctx) = 0;
};

class Router {
 public:
  // Each returns the route it added, for the caller to set what is not the default
  // (`router.Get(...).runs = Runs::kInline`); the reference lasts until the next Add.
  Route& Add(Method method, std::string pattern, RouteAccess access, Handler handler, BodySize body = BodySize::kSmall);
  Route& Get(std::string pattern, RouteAccess access, Handler handler) { return Add(Method::kGet, std::move(pattern), std::move(access), std::move(handler)); }
  // A GET whose answers caches may keep (Caching::kShared): reference data only.
  void GetShared(std::string pattern, RouteAccess access, Handler handler) {
    Add(Method::kGet, std::move(pattern), std::move(access), std::move(handler));
    routes_.back().caching = Caching::kShared;
  }
  Route& Post(std::string pattern, RouteAccess access, Handler handler, BodySize body = BodySize::kSmall) {
    return Add(Method::kPost, std::move(pattern), std::move(access), std::move(handler), body);
  }
  void Put(std::string pattern, RouteAccess access, Handler handler, BodySize body = BodySize::kSmall) {
    Add(Method::kPut, std::move(pattern), std::move(access), std::move(handler), body);
  }
  void Patch(std::string pattern, RouteAccess access, Handler handler) { Add(Method::kPatch, std::move(pattern), std::move(access), std::move(handler)); }
  void Delete(std::string pattern, RouteAccess access, Handler handler) { Add(Method::kDelete, std::move(pattern), std::move(access), std::move(handler)); }

  // Finds the route for a request and fills request.path_params. Sets *path_matched when some
  // route has the path but not the method (405 rather than 404).
  const Route* Match(Request& request, bool* path_matched) const;
  // The methods some route answers for this path, in registration order, HEAD included when GET
  // is (for the Allow header of a 405).
  std::vector<Method> AllowedMethods(std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  // The routes by their number of segments, then by the text of their key segment (the third,
  // "customers" in /api/v1/customers/{id}, or the last of a shorter path; "" holds those with a
  // capture there): Match tries only the routes that could match, not all two hundred of them.
  // Indexes into routes_, in registration order.
  std::vector<std::map<std::string, std::vector<uint32_t>, std::less<>>> index_;
};

}  // namespace consign::http
