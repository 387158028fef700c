#include "platform/http/message.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.hpp"

namespace consign::http {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view name) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete,
                   Method::kOptions})
    if (MethodName(m) == name) return m;
  return Method::kOther;
}

namespace {

template <class Pairs>
std::optional<std::string_view> Find(const Pairs& pairs, std::string_view key) {
  for (const auto& [k, v] : pairs)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  return Find(headers, lower_name);
}

std::optional<std::string_view> Request::Query(std::string_view name) const { return Find(query, name); }

std::vector<std::string_view> Request::QueryAll(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : query)
    if (k == name) out.emplace_back(v);
  return out;
}

std::string_view Request::PathParam(std::string_view name) const {
  return Find(path_params, name).value_or(std::string_view{});
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view item = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      const size_t eq = item.find('=');
      if (eq != std::string_view::npos && Trim(item.substr(0, eq)) == name) return Trim(item.substr(eq + 1));
    }
  }
  return std::nullopt;
}

bool ParseTarget(std::string_view target, Request& request) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;
  request.target = std::string(target);
  request.path = url.path();  // decoded
  // Decoded text must be UTF-8 (DESIGN.md: text is UTF-8 throughout): "%FF" in a filter would
  // otherwise reach PostgreSQL as a text parameter it refuses — a 500 instead of a 400.
  if (request.path.find('\0') != std::string::npos || !text::IsValidUtf8(request.path)) return false;
  request.query.clear();
  for (auto param : url.params()) {
    // params() decodes percent escapes and, by default, reads '+' as a space (form encoding).
    request.query.emplace_back(std::string(param.key), param.has_value ? std::string(param.value) : std::string());
    if (!text::IsValidUtf8(request.query.back().first) || !text::IsValidUtf8(request.query.back().second))
      return false;
  }
  return true;
}

}  // namespace consign::http
