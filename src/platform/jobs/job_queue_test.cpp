// The job queue and runner on both backends.
#include "platform/jobs/job_queue.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "platform/db/test_backends.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::jobs {
namespace {

using namespace std::chrono_literals;

const Instant kStart = *ParseRfc3339("2026-11-22T08:00:00Z");
const std::vector<std::string> kMail{"mail"};

TEST(Backoff, DoublesFromTenSecondsUpToAnHour) {
  EXPECT_EQ(Backoff(0), 10s);
  EXPECT_EQ(Backoff(1), 10s);
  EXPECT_EQ(Backoff(2), 20s);
  EXPECT_EQ(Backoff(3), 40s);
  EXPECT_EQ(Backoff(9), 2560s);
  EXPECT_EQ(Backoff(10), 3600s);
  EXPECT_EQ(Backoff(1000), 3600s);
}

template <class Backend>
class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    const auto migrations = Migrations();
    db::ApplyMigrations(*db_, migrations);
  }

  int64_t Enqueue(std::string kind, Instant run_at, int max_attempts = kDefaultMaxAttempts) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    const int64_t id = jobs::Enqueue(*tx, kind, R"({"to":"王经理"})", run_at, max_attempts);
    tx->Commit();
    return id;
  }

  std::string Status(int64_t id) {
    auto tx = db_->Begin(db::TxMode::kRead);
    return tx->Query("SELECT status FROM jobs WHERE id = $1", {id})[0].Text(0);
  }

  Backend backend_;
  std::unique_ptr<db::Database> db_;
};

TYPED_TEST_SUITE(JobQueueTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(JobQueueTest, ClaimsDueJobsOfItsKindsOnly) {
  const int64_t due = this->Enqueue("mail", kStart);
  this->Enqueue("mail", kStart + 1h);  // not yet due
  this->Enqueue("sms", kStart);        // another kind
  const auto claimed = Claim(*this->db_, kMail, "node-a", 60s, 10, kStart);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, due);
  EXPECT_EQ(claimed[0].kind, "mail");
  EXPECT_EQ(claimed[0].payload, R"({"to":"王经理"})");
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].run_at, kStart);
  EXPECT_EQ(this->Status(due), "running");
  EXPECT_EQ(Depth(*this->db_), 3);
}

TYPED_TEST(JobQueueTest, EnqueueCommitsWithTheCallersTransaction) {
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    Enqueue(*tx, "mail", "{}", kStart);
  }  // rolled back
  EXPECT_EQ(Depth(*this->db_), 0);
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-a", 60s, 10, kStart).empty());
}

TYPED_TEST(JobQueueTest, ALeasedJobWaitsUntilTheLeaseExpires) {
  const int64_t id = this->Enqueue("mail", kStart);
  ASSERT_EQ(Claim(*this->db_, kMail, "node-a", 60s, 10, kStart).size(), 1u);
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-b", 60s, 10, kStart + 59s).empty());
  // node-a died: after its lease node-b takes the job over, and node-a's late answer is refused.
  const auto reclaimed = Claim(*this->db_, kMail, "node-b", 60s, 10, kStart + 61s);
  ASSERT_EQ(reclaimed.size(), 1u);
  EXPECT_EQ(reclaimed[0].id, id);
  EXPECT_EQ(reclaimed[0].attempts, 2);
  EXPECT_FALSE(Complete(*this->db_, id, "node-a"));
  EXPECT_TRUE(Complete(*this->db_, id, "node-b"));
  EXPECT_EQ(this->Status(id), "done");
  EXPECT_EQ(Depth(*this->db_), 0);
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-c", 60s, 10, kStart + 1h).empty());
}

TYPED_TEST(JobQueueTest, FailureRetriesWithBackoffThenTheJobDies) {
  const int64_t id = this->Enqueue("mail", kStart, 2);
  auto first = Claim(*this->db_, kMail, "node-a", 60s, 1, kStart);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(Fail(*this->db_, first[0], "node-a", "smtp 451 try later", kStart));
  EXPECT_EQ(this->Status(id), "queued");
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-a", 60s, 1, kStart + 9s).empty());  // backing off
  auto second = Claim(*this->db_, kMail, "node-a", 60s, 1, kStart + 10s);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  EXPECT_TRUE(Fail(*this->db_, second[0], "node-a", "smtp 550 no such user", kStart + 10s));
  EXPECT_EQ(this->Status(id), "dead");
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-a", 60s, 1, kStart + 24h).empty());
  auto tx = this->db_->Begin(db::TxMode::kRead);
  EXPECT_EQ(tx->Query("SELECT last_error FROM jobs WHERE id = $1", {id})[0].Text(0), "smtp 550 no such user");
}

TYPED_TEST(JobQueueTest, AnExpiredLeaseOnTheLastAttemptBuriesTheJob) {
  const int64_t id = this->Enqueue("mail", kStart, 1);
  ASSERT_EQ(Claim(*this->db_, kMail, "node-a", 60s, 1, kStart).size(), 1u);
  EXPECT_TRUE(Claim(*this->db_, kMail, "node-b", 60s, 1, kStart + 2min).empty());
  EXPECT_EQ(this->Status(id), "dead");
  EXPECT_EQ(Depth(*this->db_), 0);
}

TYPED_TEST(JobQueueTest, TwoClaimersNeverGetTheSameJob) {
  constexpr int kJobs = 120;
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    for (int i = 0; i < kJobs; ++i) Enqueue(*tx, "mail", std::to_string(i), kStart);
    tx->Commit();
  }
  auto other_node = this->backend_.Open();  // a second process on the same database
  std::mutex mu;
  std::vector<int64_t> seen;
  auto claimer = [&](db::Database& db, std::string node) {
    for (;;) {
      const auto batch = Claim(db, kMail, node, 60s, 3, kStart);
      if (batch.empty()) return;
      for (const auto& job : batch) {
        EXPECT_TRUE(Complete(db, job.id, node));
        std::lock_guard lock(mu);
        seen.push_back(job.id);
      }
    }
  };
  std::thread a(claimer, std::ref(*this->db_), "node-a");
  std::thread b(claimer, std::ref(*other_node), "node-b");
  a.join();
  b.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), static_cast<size_t>(kJobs));
  EXPECT_EQ(Depth(*this->db_), 0);
}

TYPED_TEST(JobQueueTest, RunnerRunsHandlersAndRetriesFailures) {
  ManualClock clock(kStart);
  std::mutex mu;
  std::multiset<std::string> delivered;
  int flaky_calls = 0;
  JobRunner runner(*this->db_, clock, JobRunnerOptions{"node-a", 2, 60s, 20ms});
  runner.Register("mail", [&](const Job& job, db::Database&) -> consign::Status {
    std::lock_guard lock(mu);
    delivered.insert(job.payload);
    return Ok();
  });
  runner.Register("flaky", [&](const Job& job, db::Database&) -> consign::Status {
    std::lock_guard lock(mu);
    if (++flaky_calls == 1) return Internal("gateway timeout");
    return Ok();
  });
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    for (int i = 0; i < 10; ++i) Enqueue(*tx, "mail", "m" + std::to_string(i), kStart);
    Enqueue(*tx, "flaky", "f", kStart);
    Enqueue(*tx, "unhandled", "u", kStart);  // no handler here: left for a node that has one
    tx->Commit();
  }
  runner.Start();
  auto wait_for_depth = [&](int64_t depth) {
    for (int i = 0; i < 3000 && runner.Depth() != depth; ++i) std::this_thread::sleep_for(10ms);
    return runner.Depth();
  };
  // The flaky job failed once and waits out its backoff; the mail jobs are done.
  for (int i = 0; i < 3000 && (runner.Completed() < 10 || runner.Failed() < 1); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(runner.Completed(), 10);
  EXPECT_EQ(runner.Failed(), 1);
  EXPECT_EQ(wait_for_depth(2), 2);  // flaky (queued, backing off) + unhandled
  clock.Advance(Backoff(1));
  runner.Poke();
  EXPECT_EQ(wait_for_depth(1), 1);
  runner.Stop();
  std::lock_guard lock(mu);
  EXPECT_EQ(delivered.size(), 10u);
  EXPECT_EQ(std::set<std::string>(delivered.begin(), delivered.end()).size(), 10u);
  EXPECT_EQ(flaky_calls, 2);
}

}  // namespace
}  // namespace consign::jobs
