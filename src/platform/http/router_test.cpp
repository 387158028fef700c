#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace consign::http {
namespace {

Handler Answer(int status) {
  return [status](const Request&, Context&) { return Response::Json(status, "{}"); };
}

TEST(Router, LiteralSegmentsWinOverCaptures) {
  Router router;
  router.Get("/api/v1/customers/{id}", Public(), Answer(1));
  router.Get("/api/v1/customers/export", Public(), Answer(2));
  Request r;
  ASSERT_TRUE(ParseTarget("/api/v1/customers/export", r));
  bool path_matched = false;
  const Route* route = router.Match(r, &path_matched);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/customers/export");
  ASSERT_TRUE(ParseTarget("/api/v1/customers/42", r));
  route = router.Match(r, &path_matched);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(r.PathParam("id"), "42");
}

TEST(Router, HeadUsesGetAndOtherMethodsAreReported) {
  Router router;
  router.Get("/x", Public(), Answer(1));
  router.Post("/x", Public(), Answer(2));
  Request r;
  ASSERT_TRUE(ParseTarget("/x", r));
  r.method = Method::kHead;
  bool path_matched = false;
  EXPECT_NE(router.Match(r, &path_matched), nullptr);
  r.method = Method::kDelete;
  EXPECT_EQ(router.Match(r, &path_matched), nullptr);
  EXPECT_TRUE(path_matched);
  EXPECT_EQ(router.AllowedMethods("/x"), (std::vector<Method>{Method::kGet, Method::kHead, Method::kPost}));
  EXPECT_TRUE(router.AllowedMethods("/y").empty());
}

TEST(ParseTarget, DecodesPathAndQuery) {
  Request r;
  ASSERT_TRUE(ParseTarget("/api/v1/customers?q=%E9%A1%BA%E8%BE%BE&tag=a+b&tag=c&flag", r));
  EXPECT_EQ(r.path, "/api/v1/customers");
  EXPECT_EQ(r.Query("q"), "顺达");
  EXPECT_EQ(r.QueryAll("tag"), (std::vector<std::string_view>{"a b", "c"}));
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_FALSE(ParseTarget("http://evil/x", r));
  EXPECT_FALSE(ParseTarget("/a%00b", r));
  EXPECT_FALSE(ParseTarget("no-slash", r));
}

TEST(ParseTarget, RefusesDecodedTextThatIsNotUtf8) {
  Request r;
  EXPECT_FALSE(ParseTarget("/api/v1/customers?city=%FF", r));     // found by fuzz_query
  EXPECT_FALSE(ParseTarget("/api/v1/customers?%C0%AF=x", r));     // an overlong '/' as a name
  EXPECT_FALSE(ParseTarget("/api/v1/customers/%ED%A0%80", r));    // a surrogate in the path
  EXPECT_TRUE(ParseTarget("/api/v1/customers?city=%E6%B7%B1%E5%9C%B3", r));
  EXPECT_EQ(r.Query("city"), "深圳");
}

}  // namespace
}  // namespace consign::http
