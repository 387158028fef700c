#include "platform/http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/db/database.hpp"

namespace consign::http {

namespace {
db::TxMode ModeFor(const Request& request) {
  const bool read_only = request.method == Method::kGet || request.method == Method::kHead;
  return read_only ? db::TxMode::kRead : db::TxMode::kWrite;
}
}  // namespace

Context::Context(const Request& request, std::string request_id, db::Database* database, const Clock& clock)
    : Scope(database, clock, Principal{}, std::move(request_id), ModeFor(request)), request_(request) {}

Context::~Context() = default;

std::string RouteAccess::Describe() const {
  switch (kind) {
    case Kind::kPublic: return "public";
    case Kind::kAuthenticated: return "authenticated";
    case Kind::kPermission: return permission.Name();
  }
  return "public";
}

void Router::Add(Method method, std::string pattern, RouteAccess access, Handler handler, BodySize body) {
  routes_.push_back(Route{method, std::move(pattern), std::move(access), std::move(handler), body});
}

namespace {

// Matches "/api/v1/customers/{id}" against "/api/v1/customers/42", collecting captures.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::vector<std::pair<std::string, std::string>>& captures) {
  captures.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty()) return false;
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const size_t pe = pattern.find('/');
    const size_t se = path.find('/');
    std::string_view pseg = pattern.substr(0, pe);
    std::string_view sseg = path.substr(0, se);
    if (pseg.size() >= 2 && pseg.front() == '{' && pseg.back() == '}') {
      if (sseg.empty()) return false;
      captures.emplace_back(std::string(pseg.substr(1, pseg.size() - 2)), std::string(sseg));
    } else if (pseg != sseg) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view{} : pattern.substr(pe);
    path = se == std::string_view::npos ? std::string_view{} : path.substr(se);
  }
  return true;
}

}  // namespace

const Route* Router::Match(Request& request, bool* path_matched) const {
  std::vector<std::pair<std::string, std::string>> captures;
  *path_matched = false;
  // Literal segments win over captures: "/customers/import" before "/customers/{id}".
  const Route* best = nullptr;
  size_t best_captures = SIZE_MAX;
  std::vector<std::pair<std::string, std::string>> best_params;
  for (const Route& route : routes_) {
    if (!MatchPattern(route.pattern, request.path, captures)) continue;
    const bool method_ok = route.method == request.method ||
                           (request.method == Method::kHead && route.method == Method::kGet);
    if (!method_ok) {
      *path_matched = true;
      continue;
    }
    if (captures.size() < best_captures) {
      best = &route;
      best_captures = captures.size();
      best_params = captures;
    }
  }
  if (best) request.path_params = std::move(best_params);
  return best;
}

std::vector<Method> Router::AllowedMethods(std::string_view path) const {
  std::vector<Method> out;
  std::vector<std::pair<std::string, std::string>> captures;
  auto add = [&out](Method m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  for (const Route& route : routes_) {
    if (!MatchPattern(route.pattern, path, captures)) continue;
    add(route.method);
    if (route.method == Method::kGet) add(Method::kHead);
  }
  return out;
}

}  // namespace consign::http
