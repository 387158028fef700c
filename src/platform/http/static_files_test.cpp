#include "platform/http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace consign::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("consign-static-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "dist" / "assets");
    Write(root_ / "dist" / "index.html", "<html>app</html>");
    Write(root_ / "dist" / "assets" / "app-1a2b.js", "console.log(1)");
    Write(root_ / "dist" / "favicon.svg", "<svg/>");
    Write(root_ / "secret.txt", "do not serve");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void Write(const fs::path& p, std::string_view text) { std::ofstream(p) << text; }

  std::optional<Response> Get(std::string_view path, Method method = Method::kGet) {
    StaticFiles files(root_ / "dist");
    Request r;
    r.method = method;
    r.path = std::string(path);
    return files.Serve(r);
  }
  static std::string Header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirTypes) {
  auto js = Get("/assets/app-1a2b.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(Header(*js, "Cache-Control").find("immutable"), std::string::npos);
  auto svg = Get("/favicon.svg");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, ClientRoutesGetIndexHtmlUncached) {
  for (std::string_view path : {"/", "/customers/12", "/login"}) {
    auto r = Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->body, "<html>app</html>") << path;
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(Header(*r, "Cache-Control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, NeverServesApiPathsMissingAssetsOrOtherMethods) {
  EXPECT_FALSE(Get("/api/v1/customers"));
  EXPECT_FALSE(Get("/api"));
  EXPECT_FALSE(Get("/assets/gone-0000.js"));
  EXPECT_FALSE(Get("/", Method::kPost));
  EXPECT_TRUE(Get("/", Method::kHead));
}

TEST_F(StaticFilesTest, NoTraversalOutOfTheRoot) {
  EXPECT_FALSE(Get("/../secret.txt"));
  EXPECT_FALSE(Get("/assets/../../secret.txt"));
  EXPECT_FALSE(Get("/..\\secret.txt"));
  fs::create_symlink(root_ / "secret.txt", root_ / "dist" / "link.txt");
  EXPECT_FALSE(Get("/link.txt"));
}

TEST(StaticFiles, MissingRootServesNothing) {
  StaticFiles files("/nonexistent/consign/dist");
  Request r;
  r.path = "/";
  EXPECT_FALSE(files.Serve(r));
}

}  // namespace
}  // namespace consign::http
