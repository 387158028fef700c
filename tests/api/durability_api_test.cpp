// "Nothing acknowledged is ever lost": writers keep creating records while the server is killed with
// SIGKILL mid-stream; after a restart on the same database every record the server answered 201 for
// is there, on every backend.
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

class DurabilityApi : public ApiTest {};

TEST_P(DurabilityApi, KillNineLosesNothingAcknowledged) {
  HttpClient admin = LogInAsAdmin(server());

  std::mutex mu;
  std::vector<int64_t> acknowledged;  // user ids the server answered 201 for
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      HttpClient client = LogInAs(server(), "admin", kAdminPassword);
      client.ExpectTransportFailures(true);
      for (int i = 0; !stop && i < 10000; ++i) {
        const std::string login = "w" + std::to_string(w) + "_" + std::to_string(i);
        HttpResponse r = client.Post(
            "/api/v1/users",
            boost::json::serialize(boost::json::object{{"login", login}, {"name", "写入者"}, {"role", "agent"},
                                                       {"password", kTestPassword}}));
        if (r.status != 201) break;  // the server is gone: connection refused or reset
        std::lock_guard lock(mu);
        acknowledged.push_back(r.Json().at("id").as_int64());
      }
    });
  }
  // Let the writers get going, then pull the plug without warning.
  for (int waited = 0; waited < 200; ++waited) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 20) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  server().Signal(SIGKILL);
  ASSERT_TRUE(server().Wait(std::chrono::seconds(10)).has_value());
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GE(acknowledged.size(), 5u) << "the writers hardly wrote; the test proves nothing";

  RestartServer();
  HttpClient after = LogInAs(server(), "admin", kAdminPassword);
  for (int64_t id : acknowledged) {
    HttpResponse r = after.Get("/api/v1/users/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << "acknowledged user " << id << " was lost";
  }
}

CONSIGN_API_SUITE(DurabilityApi);

}  // namespace
}  // namespace consign::apitest
