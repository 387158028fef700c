#include "platform/http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace consign::http {
namespace {

using std::chrono::microseconds;

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  m.ObserveRequest("/a", "GET", 200, microseconds(300));     // ≤ 0.0005
  m.ObserveRequest("/a", "GET", 200, microseconds(20'000));  // ≤ 0.025
  m.ObserveRequest("/a", "GET", 500, microseconds(20'000'000));  // +Inf only
  const std::string text = m.Render();
  EXPECT_NE(text.find(R"(consign_http_request_duration_seconds_bucket{route="/a",le="0.0005"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_request_duration_seconds_bucket{route="/a",le="0.025"} 2)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_request_duration_seconds_bucket{route="/a",le="10"} 2)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_request_duration_seconds_bucket{route="/a",le="+Inf"} 3)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_request_duration_seconds_count{route="/a"} 3)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_requests_total{route="/a",method="GET",status="500"} 1)"), std::string::npos);
}

TEST(Metrics, GaugesAreReadAtScrapeTime) {
  Metrics m;
  double depth = 3;
  m.RegisterGauge("consign_jobs_queued", "Jobs queued.", [&depth] { return depth; });
  EXPECT_NE(m.Render().find("consign_jobs_queued 3\n"), std::string::npos);
  depth = 7;
  EXPECT_NE(m.Render().find("consign_jobs_queued 7\n"), std::string::npos);
  EXPECT_NE(m.Render().find("# TYPE consign_jobs_queued gauge"), std::string::npos);
}

TEST(Metrics, LabelsAreEscaped) {
  EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 1000; ++i) m.ObserveRequest(t % 2 ? "/x" : "/y", "GET", 200, microseconds(1));
    });
  for (auto& t : threads) t.join();
  const std::string text = m.Render();
  EXPECT_NE(text.find(R"(consign_http_requests_total{route="/x",method="GET",status="200"} 2000)"), std::string::npos);
  EXPECT_NE(text.find(R"(consign_http_requests_total{route="/y",method="GET",status="200"} 2000)"), std::string::npos);
}

}  // namespace
}  // namespace consign::http
