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

// Match looks only at the routes indexed under the path's length and its third segment (or those with
// a capture there): each of these must still find the route a walk over all of them would.
TEST(Router, FindsRoutesWithACaptureWhereTheIndexLooks) {
  Router router;
  router.Get("/", Public(), Answer(1));
  router.Get("/healthz", Public(), Answer(2));
  router.Get("/api/v1/customers/{id}", Public(), Answer(3));
  router.Get("/api/v1/{kind}/{id}", Public(), Answer(4));  // a capture where the index keys
  router.Get("/api/v1/orders/{id}", Public(), Answer(5));
  router.Get("/api/{version}/orders/{id}", Public(), Answer(6));  // as many captures as 4
  router.Get("/api/v1/customers/{id}/brand", Public(), Answer(7));
  router.Post("/api/v1/{kind}/{id}", Public(), Answer(8));
  const auto match = [&](Method method, std::string_view target, bool* path_matched = nullptr) -> std::string {
    Request r;
    r.method = method;
    EXPECT_TRUE(ParseTarget(target, r));
    bool matched = false;
    const Route* route = router.Match(r, &matched);
    if (path_matched) *path_matched = matched;
    return route ? route->pattern : "none";
  };
  EXPECT_EQ(match(Method::kGet, "/"), "/");
  EXPECT_EQ(match(Method::kGet, "/healthz"), "/healthz");
  EXPECT_EQ(match(Method::kGet, "/nothing"), "none");
  EXPECT_EQ(match(Method::kGet, "/api/v1/customers/9"), "/api/v1/customers/{id}");
  EXPECT_EQ(match(Method::kGet, "/api/v1/carriers/9"), "/api/v1/{kind}/{id}");
  EXPECT_EQ(match(Method::kGet, "/api/v1/orders/9"), "/api/v1/orders/{id}");
  EXPECT_EQ(match(Method::kGet, "/api/v2/orders/9"), "/api/{version}/orders/{id}");
  EXPECT_EQ(match(Method::kGet, "/api/v1/customers/9/brand"), "/api/v1/customers/{id}/brand");
  EXPECT_EQ(match(Method::kGet, "/api/v1/carriers/9/brand"), "none");
  EXPECT_EQ(match(Method::kPost, "/api/v1/customers/9"), "/api/v1/{kind}/{id}");
  bool path_matched = false;
  EXPECT_EQ(match(Method::kDelete, "/api/v1/orders/9", &path_matched), "none");
  EXPECT_TRUE(path_matched);  // 405, not 404
  EXPECT_EQ(match(Method::kGet, "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", &path_matched), "none");
  EXPECT_FALSE(path_matched);
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
