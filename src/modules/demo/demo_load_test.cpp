#include "modules/demo/demo_load.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::demo {
namespace {

// Records what the loader hands the customers module, and in which transactions.
class RecordingSink : public CustomerSink {
 public:
  struct Recorded : Batch {
    std::vector<std::string> codes;
    std::vector<int64_t> numbers;
    std::set<int64_t> owners, teams;
  };
  std::unique_ptr<Batch> Prepare(std::span<const DemoAccount> accounts) override {
    auto batch = std::make_unique<Recorded>();
    for (const DemoAccount& account : accounts) {
      batch->codes.push_back(account.customer->code);
      batch->numbers.push_back(account.number);
      batch->owners.insert(account.owner_id.value());
      batch->teams.insert(account.team_id.value());
      EXPECT_LE(account.created_at, now);
    }
    return batch;
  }
  void Write(db::Transaction& tx, Batch& batch) override {
    transactions.insert(&tx);
    auto& recorded = dynamic_cast<Recorded&>(batch);
    codes.insert(codes.end(), recorded.codes.begin(), recorded.codes.end());
    numbers.insert(numbers.end(), recorded.numbers.begin(), recorded.numbers.end());
    owners.insert(recorded.owners.begin(), recorded.owners.end());
    teams.insert(recorded.teams.begin(), recorded.teams.end());
    ++batches;
  }
  std::vector<std::string> codes;
  std::vector<int64_t> numbers;
  std::set<int64_t> owners, teams;
  std::set<const db::Transaction*> transactions;
  int batches = 0;
  Instant now{};
};

template <class Backend>
class DemoLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
  }
  Backend backend_;
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{FromMicros(1'790'000'000'000'000)};
};

TYPED_TEST_SUITE(DemoLoadTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(DemoLoadTest, WritesEveryCustomerOnceInBatchesAndCreatesOwnersWhoCannotLogIn) {
  RecordingSink sink;
  sink.now = this->clock_.Now();
  std::ostringstream out;
  DemoOptions options;
  options.customers = 2500;
  options.batch_size = 300;
  options.transaction_size = 1000;
  const DemoSummary summary = LoadDemo(*this->db_, this->clock_, sink, options, out);

  EXPECT_EQ(summary.customers, 2500);
  ASSERT_EQ(sink.codes.size(), 2500u);
  EXPECT_EQ(sink.codes.front(), "C0000001");
  EXPECT_EQ(sink.codes.back(), "C0002500");
  EXPECT_EQ(sink.numbers.front(), 1);
  EXPECT_EQ(sink.numbers.back(), 2500);
  EXPECT_EQ(std::set<std::string>(sink.codes.begin(), sink.codes.end()).size(), 2500u);
  EXPECT_EQ(sink.batches, 10);  // 300+300+300+100 in each of two transactions, then 300+200
  EXPECT_EQ(summary.sales_users, 6);
  EXPECT_GT(sink.owners.size(), 1u);
  EXPECT_GT(summary.contacts, summary.customers * 2);
  EXPECT_NE(out.str().find("demo: done"), std::string::npos);

  // The owners exist as sales users, and no password logs them in.
  auto tx = this->db_->Begin(db::TxMode::kRead);
  auto user = auth::store::FindUserByLogin(*tx, "sales.001");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->user.role, Role::kSales);
  EXPECT_TRUE(user->user.team_id.has_value());
  EXPECT_TRUE(sink.owners.count(user->user.id.value()) || sink.owners.size() < 6);
  tx.reset();
  std::chrono::seconds retry{0};
  for (std::string password : {"", "sales.001", "password"}) {
    auto login = auth::Login(*this->db_, this->clock_, "sales.001", password, "127.0.0.1", "r", &retry);
    EXPECT_FALSE(login.has_value());
  }
}

TYPED_TEST(DemoLoadTest, ASecondRunReusesTheSalesForce) {
  RecordingSink first, second;
  first.now = second.now = this->clock_.Now();
  std::ostringstream out;
  DemoOptions options;
  options.customers = 10;
  LoadDemo(*this->db_, this->clock_, first, options, out);
  LoadDemo(*this->db_, this->clock_, second, options, out);
  EXPECT_EQ(first.owners, second.owners);
  EXPECT_EQ(first.teams, second.teams);
}

}  // namespace
}  // namespace consign::demo
