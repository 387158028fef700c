// AuditLog over both backends: appends chain, rollback leaves nothing, the triggers refuse edits,
// VerifyChain names a tampered entry, ListFor pages a record's history.
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "platform/db/test_backends.hpp"

namespace consign::audit {
namespace {

template <class Backend>
class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    const auto migrations = Migrations();
    db::ApplyMigrations(*db_, migrations);
  }

  AuditEntry Entry(std::string entity_id, std::string after) {
    Principal who;
    who.authenticated = true;
    who.user_id = UserId{3};
    who.login = "zhang.wei";
    return AuditEntry{FromMicros(1'790'000'000'000'000), who, "update", "customer", std::move(entity_id),
                      R"({"v":0})", std::move(after), "r-test"};
  }

  void Append(int n, const std::string& entity_id = "12") {
    auto tx = db_->Begin(db::TxMode::kWrite);
    for (int i = 0; i < n; ++i) ASSERT_TRUE(log_.Record(*tx, Entry(entity_id, "{\"v\":" + std::to_string(i) + "}")));
    tx->Commit();
  }

  // Runs SQL that must fail (a trigger refuses it); the transaction is rolled back.
  void ExpectRefused(const std::string& sql) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    EXPECT_THROW(tx->Execute(sql), db::DbError) << sql;
    tx->Rollback();
  }

  Backend backend_;
  std::unique_ptr<db::Database> db_;
  AuditLog log_;
};

TYPED_TEST_SUITE(AuditLogTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(AuditLogTest, AppendedEntriesVerify) {
  this->Append(3);
  this->Append(2, "13");
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 5);
}

TYPED_TEST(AuditLogTest, EmptyTrailIsIntact) {
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 0);
}

TYPED_TEST(AuditLogTest, RolledBackChangeLeavesNoEntry) {
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    ASSERT_TRUE(this->log_.Record(*tx, this->Entry("12", "{}")));
    tx->Rollback();
  }
  this->Append(1);
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 1);
}

TYPED_TEST(AuditLogTest, RejectsEntryWithoutAction) {
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  AuditEntry e = this->Entry("12", "{}");
  e.action.clear();
  Status s = this->log_.Record(*tx, e);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(AuditLogTest, TriggersRefuseUpdateAndDelete) {
  this->Append(2);
  this->ExpectRefused("UPDATE audit_log SET actor_login = 'someone' WHERE id = 1");
  this->ExpectRefused("DELETE FROM audit_log WHERE id = 2");
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

TYPED_TEST(AuditLogTest, VerifyNamesTheTamperedEntry) {
  this->Append(5);
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    tx->ExecuteScript("DROP TRIGGER audit_log_no_update" +
                      std::string(tx->dialect() == db::Dialect::kPostgres ? " ON audit_log" : ""));
    tx->Execute("UPDATE audit_log SET after_json = '{\"v\":99}' WHERE id = 3");
    tx->Commit();
  }
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact());
  EXPECT_EQ(report->broken_id, 3);
  EXPECT_EQ(report->reason, "hash mismatch");
  EXPECT_EQ(report->entries, 2);
}

TYPED_TEST(AuditLogTest, VerifyNamesTheEntryAfterADeletedOne) {
  this->Append(4);
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    tx->ExecuteScript("DROP TRIGGER audit_log_no_delete" +
                      std::string(tx->dialect() == db::Dialect::kPostgres ? " ON audit_log" : ""));
    tx->Execute("DELETE FROM audit_log WHERE id = 2");
    tx->Commit();
  }
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->broken_id, 3);
  EXPECT_EQ(report->reason, "gap");
}

TYPED_TEST(AuditLogTest, ListForPagesNewestFirst) {
  this->Append(3, "12");
  this->Append(1, "13");
  auto tx = this->db_->Begin(db::TxMode::kRead);
  auto page = ListFor(*tx, "customer", "12", 2);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, 3);
  EXPECT_EQ((*page)[1].id, 2);
  EXPECT_EQ((*page)[0].actor_login, "zhang.wei");
  EXPECT_EQ((*page)[0].actor_user_id, 3);
  EXPECT_EQ((*page)[0].after_json, "{\"v\":2}");
  EXPECT_EQ((*page)[0].at, FromMicros(1'790'000'000'000'000));
  auto rest = ListFor(*tx, "customer", "12", 2, (*page)[1].id);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, 1);
  EXPECT_FALSE(ListFor(*tx, "customer", "12", 0));
}

TYPED_TEST(AuditLogTest, ConcurrentAppendersKeepOneChain) {
  constexpr int kThreads = 4, kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        for (;;) {
          // SQLite may answer busy to a second writer; a real request would get 503 and retry.
          try {
            auto tx = this->db_->Begin(db::TxMode::kWrite);
            ASSERT_TRUE(this->log_.Record(*tx, this->Entry(std::to_string(t), "{}")));
            tx->Commit();
            break;
          } catch (const db::DbError& e) {
            if (e.kind() != db::DbError::Kind::kBusy) throw;
          }
        }
      }
    });
  for (auto& th : threads) th.join();
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact()) << report->reason << " at " << report->broken_id.value_or(0);
  EXPECT_EQ(report->entries, kThreads * kEach);
}

TYPED_TEST(AuditLogTest, GroupAppenderCommitsConcurrentEntriesInOneUnbrokenChain) {
  constexpr int kThreads = 8, kEach = 40;
  {
    GroupAppender appender(*this->db_);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i)
          if (appender.Append(this->Entry(std::to_string(t), "{\"i\":" + std::to_string(i) + "}"))) ++ok;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), kThreads * kEach);
  }  // the destructor finishes the queue
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, kThreads * kEach);
}

}  // namespace
}  // namespace consign::audit
