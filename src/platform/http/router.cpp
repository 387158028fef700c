#include "platform/http/router.hpp"

#include <algorithm>
#include <array>
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

namespace {

// Up to kMaxSegments segments of a path ("/api/v1/customers/42" → api, v1, customers, 42); false when
// the path does not begin with '/' or has more segments than any route could (no route matches it).
constexpr size_t kMaxSegments = 16;
struct PathSegments {
  std::array<std::string_view, kMaxSegments> at;
  size_t size = 0;
};
bool SplitPath(std::string_view path, PathSegments& out) {
  out.size = 0;
  if (path.empty()) return true;
  if (path.front() != '/') return false;
  while (!path.empty()) {
    if (out.size == kMaxSegments) return false;
    path.remove_prefix(1);
    const size_t end = path.find('/');
    out.at[out.size++] = path.substr(0, end);
    path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
  }
  return true;
}

// Whether the route's segments match the path's; counts its captures.
bool MatchSegments(const Route& route, const PathSegments& path, size_t& captures) {
  if (route.segments.size() != path.size) return false;
  captures = 0;
  for (size_t i = 0; i < path.size; ++i) {
    const Route::Segment& segment = route.segments[i];
    if (segment.capture) {
      if (path.at[i].empty()) return false;
      ++captures;
    } else if (segment.text != path.at[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Route& Router::Add(Method method, std::string pattern, RouteAccess access, Handler handler, BodySize body) {
  PathSegments split;
  if (!SplitPath(pattern, split)) throw std::invalid_argument("route pattern must begin with '/': " + pattern);
  std::vector<Route::Segment> segments;
  for (size_t i = 0; i < split.size; ++i) {
    const std::string_view s = split.at[i];
    if (s.size() >= 2 && s.front() == '{' && s.back() == '}') {
      segments.push_back({std::string(s.substr(1, s.size() - 2)), true});
    } else {
      segments.push_back({std::string(s), false});
    }
  }
  routes_.push_back(Route{method, std::move(pattern), std::move(access), std::move(handler), body, Caching::kNoStore,
                          Runs::kOnWorker, std::move(segments)});
  return routes_.back();
}

// Matches "/api/v1/customers/{id}" against "/api/v1/customers/42", collecting the captures of the best.
const Route* Router::Match(Request& request, bool* path_matched) const {
  *path_matched = false;
  PathSegments path;
  if (!SplitPath(request.path, path)) return nullptr;
  // Literal segments win over captures: "/customers/import" before "/customers/{id}".
  const Route* best = nullptr;
  size_t best_captures = SIZE_MAX;
  for (const Route& route : routes_) {
    size_t captures = 0;
    if (!MatchSegments(route, path, captures)) continue;
    const bool method_ok = route.method == request.method ||
                           (request.method == Method::kHead && route.method == Method::kGet);
    if (!method_ok) {
      *path_matched = true;
      continue;
    }
    if (captures < best_captures) {
      best = &route;
      best_captures = captures;
    }
  }
  if (best) {
    request.path_params.clear();
    for (size_t i = 0; i < path.size; ++i)
      if (best->segments[i].capture) request.path_params.emplace_back(best->segments[i].text, std::string(path.at[i]));
  }
  return best;
}

std::vector<Method> Router::AllowedMethods(std::string_view path) const {
  std::vector<Method> out;
  PathSegments split;
  if (!SplitPath(path, split)) return out;
  auto add = [&out](Method m) {
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  };
  for (const Route& route : routes_) {
    size_t captures = 0;
    if (!MatchSegments(route, split, captures)) continue;
    add(route.method);
    if (route.method == Method::kGet) add(Method::kHead);
  }
  return out;
}

}  // namespace consign::http
