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

// Which of a path's (or pattern's) segments the index keys on.
size_t KeySegment(size_t segments) { return std::min<size_t>(2, segments - 1); }

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
  const size_t count = segments.size();
  std::string key = count == 0 || segments[KeySegment(count)].capture ? std::string() : segments[KeySegment(count)].text;
  routes_.push_back(Route{method, std::move(pattern), std::move(access), std::move(handler), body, Caching::kNoStore,
                          Runs::kOnWorker, std::move(segments)});
  if (index_.size() <= count) index_.resize(count + 1);
  index_[count][std::move(key)].push_back(static_cast<uint32_t>(routes_.size() - 1));
  return routes_.back();
}

// Matches "/api/v1/customers/{id}" against "/api/v1/customers/42", collecting the captures of the best.
const Route* Router::Match(Request& request, bool* path_matched) const {
  *path_matched = false;
  PathSegments path;
  if (!SplitPath(request.path, path)) return nullptr;
  if (path.size >= index_.size()) return nullptr;
  // The candidates: the routes whose key segment is this path's, and those with a capture there;
  // merged in registration order, so that of two equally good routes the first added wins.
  const auto& by_key = index_[path.size];
  static const std::vector<uint32_t> kNone;
  const auto literal = path.size == 0 ? by_key.end() : by_key.find(path.at[KeySegment(path.size)]);
  const auto captured = by_key.find(std::string_view());
  const std::vector<uint32_t>& a = literal == by_key.end() ? kNone : literal->second;
  const std::vector<uint32_t>& b = captured == by_key.end() || captured == literal ? kNone : captured->second;
  // Literal segments win over captures: "/customers/import" before "/customers/{id}".
  const Route* best = nullptr;
  size_t best_captures = SIZE_MAX;
  for (size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    const bool from_a = j == b.size() || (i < a.size() && a[i] < b[j]);
    const Route& route = routes_[from_a ? a[i++] : b[j++]];
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
