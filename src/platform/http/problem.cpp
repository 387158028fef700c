#include "platform/http/problem.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/http/error_mapping.hpp"

namespace consign::http {

namespace {

boost::json::object Skeleton(int status, std::string_view code, std::string_view title,
                             std::string_view instance, std::string_view request_id) {
  boost::json::object doc;
  doc["type"] = "/problems/" + std::string(code);
  doc["title"] = title;
  doc["status"] = status;
  doc["code"] = code;
  doc["instance"] = instance;
  doc["request_id"] = request_id;
  return doc;
}

}  // namespace

std::string ProblemJson(const Error& error, std::string_view instance, std::string_view request_id) {
  const int status = HttpStatus(error.code);
  const std::string_view title = error.public_message.empty() ? StatusTitle(status) : error.public_message;
  boost::json::object doc = Skeleton(status, ErrorCodeName(error.code), title, instance, request_id);
  // detail: one sentence for people; the first field's message is the most useful thing to show.
  doc["detail"] = error.fields.empty() ? title : std::string_view(error.fields.front().message);
  boost::json::array fields;
  for (const FieldError& f : error.fields)
    fields.push_back(boost::json::object{{"field", f.field}, {"reason", f.reason}, {"message", f.message}});
  doc["errors"] = std::move(fields);
  return boost::json::serialize(doc);
}

Response ProblemResponse(const Error& error, std::string_view instance, std::string_view request_id) {
  Response r;
  r.status = HttpStatus(error.code);
  r.content_type = kProblemContentType;
  r.body = ProblemJson(error, instance, request_id);
  return r;
}

Response ProblemResponse(int status, std::string_view code, std::string_view title, std::string_view instance,
                         std::string_view request_id) {
  boost::json::object doc = Skeleton(status, code, title, instance, request_id);
  doc["detail"] = title;
  doc["errors"] = boost::json::array{};
  Response r;
  r.status = status;
  r.content_type = kProblemContentType;
  r.body = boost::json::serialize(doc);
  return r;
}

}  // namespace consign::http
