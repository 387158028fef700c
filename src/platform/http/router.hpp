#pragma once
// Routes: method + pattern ("/api/v1/customers/{id}") + handler + what the permission matrix must
// allow. Every route declares its access; the pipeline checks the matrix before the handler runs,
// and the service applies record rules. A test walks all routes against the matrix.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "platform/http/message.hpp"

namespace consign {
class Clock;
namespace db {
class Database;
class Transaction;
enum class TxMode;
}  // namespace db
}  // namespace consign

namespace consign::http {

// What a route needs. `resource`/`action` index the permission matrix (auth/access.hpp);
// public routes (login, healthz, static files) skip authentication.
struct RouteAccess {
  std::string resource;  // "customers"
  std::string action;    // "read", "create", "update", "delete", "import", "export"
  bool is_public = false;
};

inline RouteAccess Public() { return RouteAccess{"", "", true}; }
// Any logged-in user, whatever the role (the auth module's me/logout/password). `consign routes`
// prints it as "authenticated".
inline RouteAccess Authenticated() { return RouteAccess{"", "", false}; }
inline RouteAccess Requires(std::string resource, std::string action) {
  return RouteAccess{std::move(resource), std::move(action), false};
}

// Per-request state handed to handlers. The transaction is opened lazily on first use, in read mode
// for GET/HEAD and write mode otherwise, and committed by the pipeline when the handler answers
// below 400 (rolled back otherwise). Handlers and services never commit.
class Context {
 public:
  Context(const Request& request, std::string request_id, db::Database* database, const Clock& clock);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Request& request() const { return request_; }
  const std::string& request_id() const { return request_id_; }
  const Clock& clock() const { return clock_; }
  const Principal& principal() const { return principal_; }
  void set_principal(Principal p) { principal_ = std::move(p); }

  db::Transaction& tx();
  // Opens the transaction in write mode even for a GET (e.g. a read that writes an audit entry for
  // unmasked personal data). REQUIRES: called before the first tx() of the request.
  db::Transaction& write_tx();
  bool has_tx() const { return tx_ != nullptr; }
  bool has_write_tx() const { return tx_ != nullptr && tx_is_write_; }
  // Called by the pipeline only.
  void Finish(bool commit);

  // Extra headers the pipeline adds to whatever the handler answers (Set-Cookie from login, ...).
  std::vector<std::pair<std::string, std::string>>& extra_headers() { return extra_headers_; }

 private:
  const Request& request_;
  std::string request_id_;
  db::Database* database_;
  const Clock& clock_;
  Principal principal_;
  std::unique_ptr<db::Transaction> tx_;
  bool tx_is_write_ = false;
  std::vector<std::pair<std::string, std::string>> extra_headers_;
};

using Handler = std::function<Response(const Request&, Context&)>;

struct Route {
  Method method;
  std::string pattern;  // segments; "{name}" captures one segment
  RouteAccess access;
  Handler handler;
};

// Authentication and authorisation are supplied by the auth module; the platform knows only these.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Returns an unauthenticated Principal when the request carries no credentials; an error when it
  // carries bad ones (expired token, missing CSRF header on a cookie session's unsafe request).
  virtual Result<Principal> Authenticate(const Request& request, Context& ctx) = 0;
};
class Authorizer {
 public:
  virtual ~Authorizer() = default;
  virtual Status Authorize(const Principal& principal, const RouteAccess& access) const = 0;
};

class Router {
 public:
  void Add(Method method, std::string pattern, RouteAccess access, Handler handler);
  void Get(std::string pattern, RouteAccess access, Handler handler) { Add(Method::kGet, std::move(pattern), std::move(access), std::move(handler)); }
  void Post(std::string pattern, RouteAccess access, Handler handler) { Add(Method::kPost, std::move(pattern), std::move(access), std::move(handler)); }
  void Put(std::string pattern, RouteAccess access, Handler handler) { Add(Method::kPut, std::move(pattern), std::move(access), std::move(handler)); }
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
};

}  // namespace consign::http
