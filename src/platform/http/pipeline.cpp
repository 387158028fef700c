#include "platform/http/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cctype>
#include <random>

#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/static_files.hpp"

namespace consign::http {

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t bits = rng();
  std::string id = "r-";
  id.resize(2 + 16);
  for (size_t i = 0; i < 16; ++i, bits >>= 4) id[2 + i] = kHex[bits & 0xF];
  return id;
}

std::optional<std::string> ClientRequestId(const Request& request) {
  if (auto given = request.Header("x-request-id")) {
    const bool sane = !given->empty() && given->size() <= 128 &&
                      std::all_of(given->begin(), given->end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
                               c == '-';
                      });
    if (sane) return std::string(*given);
  }
  return std::nullopt;
}

namespace {

constexpr std::string_view kConsolePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
// JSON, problem documents, metrics: nothing in them may load or run anything, nor be framed.
constexpr std::string_view kLockdownPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void Replace(Response& response, std::string_view name, std::string_view value) {
  std::erase_if(response.headers, [&](const auto& header) { return IEquals(header.first, name); });
  response.headers.emplace_back(std::string(name), std::string(value));
}

// True when one of the cookie's attributes (after the first ';') is Secure.
bool HasSecureAttribute(std::string_view cookie) {
  size_t at = cookie.find(';');
  while (at != std::string_view::npos) {
    const size_t next = cookie.find(';', at + 1);
    std::string_view attribute = cookie.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
    while (!attribute.empty() && (attribute.front() == ' ' || attribute.front() == '\t')) attribute.remove_prefix(1);
    while (!attribute.empty() && (attribute.back() == ' ' || attribute.back() == '\t')) attribute.remove_suffix(1);
    if (IEquals(attribute, "secure")) return true;
    at = next;
  }
  return false;
}

}  // namespace

void AddEdgeHeaders(Response& response, bool static_file, bool https) {
  const bool html = response.content_type.starts_with("text/html");
  Replace(response, "Content-Security-Policy", html ? kConsolePolicy : kLockdownPolicy);
  Replace(response, "X-Frame-Options", "DENY");
  Replace(response, "Referrer-Policy", "no-referrer");
  Replace(response, "X-Content-Type-Options", "nosniff");
  Replace(response, "Cross-Origin-Opener-Policy", "same-origin");
  if (!static_file) Replace(response, "Cache-Control", "no-store");
  if (!https) return;
  Replace(response, "Strict-Transport-Security", kHsts);
  for (auto& [name, value] : response.headers)
    if (IEquals(name, "set-cookie") && !HasSecureAttribute(value)) value += "; Secure";
}

Pipeline::Pipeline(PipelineParts parts) : parts_(std::move(parts)) {
  if (!parts_.access_log) parts_.access_log = spdlog::default_logger();
}

namespace {

// The one try/catch of a request (STYLE.md §3) around `step` (a template, not std::function: no
// allocation on the hot path). Expected failures never get here: they are
// Result values that handlers turn into problem responses. An exception means broken
// infrastructure or a bug; the Context's destructor has already rolled the transaction back.
template <class Step>
Response Guard(const Request& request, const std::string& request_id, const std::string& route_label, Step&& step) {
  try {
    return step();
  } catch (const db::DbError& e) {
    switch (e.kind()) {
      case db::DbError::Kind::kUniqueViolation: {
        spdlog::warn("request {} {} {}: unique violation not handled by the module: {}", request_id,
                     MethodName(request.method), route_label, e.what());
        Error error = MakeError(ErrorCode::kConflict, "A record with the same unique value already exists.");
        return ProblemResponse(error, request.path, request_id);
      }
      case db::DbError::Kind::kBusy:
      case db::DbError::Kind::kUnavailable:
      case db::DbError::Kind::kSerialization: {
        spdlog::warn("request {} {} {}: database unavailable: {}", request_id, MethodName(request.method),
                     route_label, e.what());
        Response response = ProblemResponse(MakeError(ErrorCode::kUnavailable, "The database is busy; retry shortly."),
                                            request.path, request_id);
        response.Set("Retry-After", "1");
        return response;
      }
      default:
        spdlog::error("request {} {} {}: database error: {}", request_id, MethodName(request.method), route_label,
                      e.what());
        return ProblemResponse(Internal(e.what()), request.path, request_id);
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: {}", request_id, MethodName(request.method), route_label, e.what());
    return ProblemResponse(Internal(e.what()), request.path, request_id);
  }
}

}  // namespace

std::optional<Response> Pipeline::RouteAndAuthorize(Request& request, Context& ctx, std::string& route_label,
                                        Admission& admission) {
  const std::string& request_id = ctx.request_id();
  bool path_matched = false;
  const http::Route* route = request.route ? request.route : parts_.router->Match(request, &path_matched);
  if (!route) {
    if (!path_matched && parts_.static_files) {
      if (auto file = parts_.static_files->Serve(request)) {
        route_label = "static";
        return std::move(*file);
      }
    }
    if (path_matched) {
      std::string allow;
      for (Method m : parts_.router->AllowedMethods(request.path)) {
        if (!allow.empty()) allow += ", ";
        allow += MethodName(m);
      }
      Response r = ProblemResponse(405, "method_not_allowed", "This method is not allowed here.", request.path,
                                   request_id);
      r.Set("Allow", allow);
      return r;
    }
    return ProblemResponse(MakeError(ErrorCode::kNotFound, "There is nothing at this address."), request.path, request_id);
  }
  route_label = route->pattern;
  admission.route = route;
  admission.body = route->body;
  if (route->access.kind == RouteAccess::Kind::kPublic) return std::nullopt;
  if (!parts_.authenticator)
    return ProblemResponse(MakeError(ErrorCode::kUnauthenticated, "Log in first."), request.path, request_id);
  Result<Principal> principal = parts_.authenticator->Authenticate(request, ctx);
  if (!principal) return ProblemResponse(principal.error(), request.path, request_id);
  if (!principal->authenticated)
    return ProblemResponse(MakeError(ErrorCode::kUnauthenticated, "Log in first."), request.path, request_id);
  if (route->access.kind == RouteAccess::Kind::kPermission) {
    if (Status allowed = Require(*principal, route->access.permission); !allowed)
      return ProblemResponse(allowed.error(), request.path, request_id);
  }
  admission.principal = std::move(*principal);
  return std::nullopt;
}

Response Pipeline::Handle(Request& request, const std::string& request_id, std::string& route_label,
                          Admission* admitted, bool& shared_cache) {
  Context ctx(request, request_id, parts_.database, *parts_.clock);
  Admission admission;
  if (admitted && admitted->route) {
    admission = std::move(*admitted);
    route_label = admission.route->pattern;
  } else if (auto refusal = RouteAndAuthorize(request, ctx, route_label, admission)) {
    return std::move(*refusal);
  }
  ctx.set_principal(std::move(admission.principal));
  Response response = admission.route->handler(request, ctx);
  shared_cache = admission.route->caching == Caching::kShared && response.status < 400;
  ctx.Finish(response.status < 400);
  for (auto& header : ctx.extra_headers()) response.headers.push_back(std::move(header));
  return response;
}

Response Pipeline::Run(Request& request, Admission* admitted, std::chrono::steady_clock::time_point received) {
  const std::string request_id = NewRequestId();
  std::string route_label = "unmatched";
  bool shared_cache = false;
  Response response = Guard(request, request_id, route_label,
                            [&] { return Handle(request, request_id, route_label, admitted, shared_cache); });
  response.Set("X-Request-Id", request_id);
  if (auto client_id = ClientRequestId(request)) Replace(response, "X-Client-Request-Id", *client_id);
  AddEdgeHeaders(response, route_label == "static" || shared_cache, parts_.https);
  Record(request, response, route_label, request_id, received);
  return response;
}

bool Pipeline::RunsInline(Request& request) const {
  bool path_matched = false;
  request.route = parts_.router->Match(request, &path_matched);  // kept: Handle needs not match again
  return request.route && request.route->runs == Runs::kInline;
}

Response Pipeline::Dispatch(Request& request, std::chrono::steady_clock::time_point received) {
  return Run(request, nullptr, received);
}

Response Pipeline::Dispatch(Request& request, Admission admission, std::chrono::steady_clock::time_point received) {
  return Run(request, &admission, received);
}

std::variant<Admission, Response> Pipeline::Admit(Request& request, std::chrono::steady_clock::time_point received) {
  const std::string request_id = NewRequestId();
  std::string route_label = "unmatched";
  Admission admission;
  std::optional<Response> refusal;
  bool threw = true;
  Response failed = Guard(request, request_id, route_label, [&] {
    Context ctx(request, request_id, parts_.database, *parts_.clock);
    refusal = RouteAndAuthorize(request, ctx, route_label, admission);
    threw = false;
    return Response{};
  });
  // Guard answered for an exception (the database down while authenticating).
  if (threw) refusal = std::move(failed);
  if (!refusal) return admission;
  if (route_label == "static") {
    // The console's files: Dispatch serves them once the (unusual) body of the GET has been read.
    return Admission{};
  }
  Response response = std::move(*refusal);
  response.Set("X-Request-Id", request_id);
  if (auto client_id = ClientRequestId(request)) Replace(response, "X-Client-Request-Id", *client_id);
  AddEdgeHeaders(response, false, parts_.https);
  Record(request, response, route_label, request_id, received);
  return response;
}

void Pipeline::FinishServerResponse(const Request& request, Response& response, std::string_view request_id,
                                    std::chrono::steady_clock::time_point received) {
  Replace(response, "X-Request-Id", request_id);
  if (auto client_id = ClientRequestId(request)) Replace(response, "X-Client-Request-Id", *client_id);
  AddEdgeHeaders(response, false, parts_.https);
  Record(request, response, "unmatched", request_id, received);
}

void Pipeline::Record(const Request& request, const Response& response, std::string_view route_label,
                      std::string_view request_id, std::chrono::steady_clock::time_point received) {
  const auto duration =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - received);
  const std::string_view method = MethodName(request.method);
  if (parts_.metrics) parts_.metrics->ObserveRequest(route_label, method, response.status, duration);
  if (!parts_.access_log->should_log(spdlog::level::info)) return;
  // The route pattern, never the path: paths carry ids and search text (PII). No bodies, no query.
  boost::json::object line;
  line["ts"] = FormatRfc3339(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
  line["request_id"] = request_id;
  if (auto client_id = ClientRequestId(request)) line["client_request_id"] = *client_id;
  line["method"] = method;
  line["route"] = route_label;
  line["status"] = response.status;
  line["duration_us"] = duration.count();
  line["bytes_in"] = request.body.size();
  line["bytes_out"] = response.body.size();
  line["remote"] = request.remote_address;
  parts_.access_log->info(boost::json::serialize(line));
}

}  // namespace consign::http
