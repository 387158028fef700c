#include "platform/http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace consign::http {
namespace {

TEST(Problem, RendersTheContractShapeWithFieldErrors) {
  FieldErrors errors;
  errors.Add("contacts[0].phone", "invalid_phone", "contacts[0].phone is not a mainland phone number.");
  errors.Add("name", "required", "name is required.");
  Error error = std::move(errors).ToError();
  error.internal_message = "SELECT secret FROM users";
  Response r = ProblemResponse(error, "/api/v1/customers", "r-1");

  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.body.find("SELECT"), std::string::npos) << "internal message leaked";
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc["type"], "/problems/invalid_argument");
  EXPECT_EQ(doc["status"], 400);
  EXPECT_EQ(doc["code"], "invalid_argument");
  EXPECT_EQ(doc["instance"], "/api/v1/customers");
  EXPECT_EQ(doc["request_id"], "r-1");
  EXPECT_EQ(doc["title"], "The request has invalid fields.");
  ASSERT_EQ(doc["errors"].as_array().size(), 2u);
  auto first = doc["errors"].as_array()[0].as_object();
  EXPECT_EQ(first["field"], "contacts[0].phone");
  EXPECT_EQ(first["reason"], "invalid_phone");
  EXPECT_EQ(doc["detail"], first["message"]);
}

TEST(Problem, StatusFollowsTheErrorCode) {
  EXPECT_EQ(ProblemResponse(MakeError(ErrorCode::kPreconditionFailed, "Stale."), "/x", "r").status, 412);
  EXPECT_EQ(ProblemResponse(Internal("db exploded"), "/x", "r").status, 500);
  auto doc = boost::json::parse(ProblemResponse(Internal("db exploded"), "/x", "r").body).as_object();
  EXPECT_EQ(doc["title"], "Internal error.");
  EXPECT_TRUE(doc["errors"].as_array().empty());
}

TEST(Problem, ExplicitStatusForCodesOutsideErrorCode) {
  Response r = ProblemResponse(431, "header_too_large", "Headers too large.", "/p", "r-9");
  EXPECT_EQ(r.status, 431);
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc["type"], "/problems/header_too_large");
  EXPECT_EQ(doc["code"], "header_too_large");
}

TEST(Problem, EscapesUntrustedText) {
  Response r = ProblemResponse(InvalidField("na\"me", "required", "quote \" and\nnewline"), "/a\"b", "r");
  EXPECT_NO_THROW(boost::json::parse(r.body));
}

}  // namespace
}  // namespace consign::http
