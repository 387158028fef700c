#pragma once
// Request and Response as handlers see them: plain values, no sockets, no Beast, so a handler is
// a function you can call in a unit test.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace consign::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
Method ParseMethod(std::string_view name);

struct Route;

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: "/api/v1/customers?q=%E9%A1%BA"
  std::string path;    // decoded path without the query: "/api/v1/customers"
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router
  const Route* route = nullptr;  // the router's match, once the server has looked (Pipeline::RunsInline)
  std::string body;
  std::string remote_address;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  std::vector<std::string_view> QueryAll(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;  // "" when absent
  std::optional<std::string_view> Cookie(std::string_view name) const;
};

// Fills request.target, .path (percent-decoded) and .query (decoded pairs, '+' read as a space)
// from an origin-form request target ("/a/b?x=1"). Returns false when the target is not a valid
// origin-form URI or its path decodes to something with a NUL byte (the server answers 400).
bool ParseTarget(std::string_view target, Request& request);

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response Json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8") {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(content_type);
    return r;
  }
  static Response NoContent() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
};

}  // namespace consign::http
