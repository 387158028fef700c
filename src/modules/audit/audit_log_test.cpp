// AuditLog over both backends: appends chain, rollback leaves nothing, the triggers refuse edits,
// VerifyChain names a tampered entry and entries cut off the end, appends on different chains do not
// wait for each other, the pre-chain trail still verifies, ListFor pages a record's history.
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/audit/group_appender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
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

  // Drops one of the append-only triggers, as someone editing the database behind the server's back.
  void DropTrigger(const std::string& trigger, const std::string& table) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    tx->ExecuteScript("DROP TRIGGER " + trigger + (tx->dialect() == db::Dialect::kPostgres ? " ON " + table : ""));
    tx->Commit();
  }

  void Sql(const std::string& sql) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    tx->ExecuteScript(sql);
    tx->Commit();
  }

  int64_t ChainOf(int64_t id) {
    auto tx = db_->Begin(db::TxMode::kRead);
    return tx->Query("SELECT chain FROM audit_log WHERE id = $1", {id})[0].Int(0);
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
  EXPECT_TRUE(report->truncations.empty());
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

TYPED_TEST(AuditLogTest, TriggersRefuseMovingAHeadOtherThanOneStepForward) {
  this->Append(2);
  this->ExpectRefused("UPDATE audit_heads SET seq = 1 WHERE chain = 0");
  this->ExpectRefused("UPDATE audit_heads SET seq = 5 WHERE chain = 0");
  this->ExpectRefused("DELETE FROM audit_heads WHERE chain = 0");
}

TYPED_TEST(AuditLogTest, VerifyReportsEntriesCutOffTheEnd) {
  this->Append(5);
  this->DropTrigger("audit_log_no_delete", "audit_log");
  this->Sql("DELETE FROM audit_log WHERE id >= 4");
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact());
  EXPECT_FALSE(report->broken_id);  // what is left is a valid chain: only its head knows better
  EXPECT_EQ(report->entries, 3);
  ASSERT_EQ(report->truncations.size(), 1u);
  EXPECT_EQ(report->truncations[0].chain, 0);
  EXPECT_EQ(report->truncations[0].last_id, 3);
  EXPECT_EQ(report->truncations[0].last_seq, 3);
  EXPECT_EQ(report->truncations[0].expected_seq, 5);
  EXPECT_EQ(report->truncations[0].witness, "head");
}

TYPED_TEST(AuditLogTest, TheAnchorOutsideTheDatabaseCatchesACutWhoseHeadWasRewound) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("consign-anchor-" + db::testing::UniqueSuffix());
  std::filesystem::create_directories(dir);
  const std::string anchor = (dir / "audit.anchor").string();
  const VerifyOptions with_anchor{anchor};
  this->Append(3);
  auto first = VerifyChain(*this->db_, with_anchor);  // no file yet: creates it
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->intact());
  this->Append(2);
  auto second = VerifyChain(*this->db_, with_anchor);  // checks 1-3, advances the anchor to 5
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->intact());
  auto read_anchor = [&] {
    std::ifstream in(anchor);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string anchored = read_anchor();
  EXPECT_NE(anchored.find("\n0 5 "), std::string::npos) << anchored;

  // A careful tamperer cuts entries 4 and 5 and moves the head of chain 0 back to entry 3.
  this->DropTrigger("audit_log_no_delete", "audit_log");
  this->DropTrigger("audit_heads_forward_only", "audit_heads");
  this->Sql("DELETE FROM audit_log WHERE id >= 4");
  this->Sql("UPDATE audit_heads SET seq = 3, hash = (SELECT hash FROM audit_log WHERE id = 3) WHERE chain = 0");
  auto without = VerifyChain(*this->db_);
  ASSERT_TRUE(without);
  EXPECT_TRUE(without->intact());  // the database alone cannot tell

  auto report = VerifyChain(*this->db_, with_anchor);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->intact());
  ASSERT_EQ(report->truncations.size(), 1u);
  EXPECT_EQ(report->truncations[0].last_id, 3);
  EXPECT_EQ(report->truncations[0].expected_seq, 5);
  EXPECT_EQ(report->truncations[0].witness, "anchor");
  EXPECT_EQ(read_anchor(), anchored);  // a finding leaves the anchor as it was

  std::ofstream(anchor) << "not an anchor\n";
  auto unreadable = VerifyChain(*this->db_, with_anchor);
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().code, ErrorCode::kUnavailable);
  std::filesystem::remove_all(dir);
}

TYPED_TEST(AuditLogTest, TrailWrittenBeforeTheChainsStillVerifiesAndChainZeroGoesOn) {
  TypeParam backend;  // a database of its own, migrated to version 1 only
  auto database = backend.Open();
  const auto all = Migrations();
  ASSERT_EQ(all[0].version, 1);
  db::ApplyMigrations(*database, std::span(all.data(), 1));
  std::vector<ChainEntry> legacy;
  {
    auto tx = database->Begin(db::TxMode::kWrite);
    for (int64_t id = 1; id <= 3; ++id) {
      ChainEntry e;
      e.id = id;
      e.seq = id;
      e.format = 1;
      e.at = FromMicros(1'700'000'000'000'000 + id);
      e.actor_login = "system";
      e.action = "create";
      e.entity = "customer";
      e.entity_id = std::to_string(id);
      e.after_json = "{}";
      e.request_id = "cli";
      e.prev_hash = legacy.empty() ? std::string(kGenesisHash) : legacy.back().hash;
      e.hash = ComputeHash(e);
      tx->Execute(
          "INSERT INTO audit_log (id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, "
          "after_json, request_id, prev_hash, hash) VALUES ($1, $2, NULL, $3, $4, $5, $6, NULL, $7, $8, $9, $10)",
          {e.id, e.at, e.actor_login, e.action, e.entity, e.entity_id, *e.after_json, e.request_id, e.prev_hash,
           e.hash});
      legacy.push_back(e);
    }
    tx->Commit();
  }
  db::ApplyMigrations(*database, all);
  auto migrated = VerifyChain(*database);
  ASSERT_TRUE(migrated);
  EXPECT_TRUE(migrated->intact()) << migrated->reason;
  EXPECT_EQ(migrated->entries, 3);
  {
    auto tx = database->Begin(db::TxMode::kWrite);
    ASSERT_TRUE(this->log_.Record(*tx, this->Entry("12", "{}")));
    tx->Commit();
  }
  auto tx = database->Begin(db::TxMode::kRead);
  auto newest = List(*tx, std::nullopt, std::nullopt, 1, std::nullopt);
  ASSERT_TRUE(newest);
  ASSERT_EQ(newest->size(), 1u);
  EXPECT_EQ((*newest)[0].id, 4);
  EXPECT_EQ((*newest)[0].chain, 0);
  EXPECT_EQ((*newest)[0].seq, 4);
  EXPECT_EQ((*newest)[0].prev_hash, legacy.back().hash);
  tx->Rollback();
  auto report = VerifyChain(*database);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 4);
}

// The point of the chains: a transaction that holds its chain open (a slow audited change) does not
// stop another from appending and committing. Under the single global lock of before, the second
// would wait for the first to end — here it would never end, because the first waits for it.
TYPED_TEST(AuditLogTest, AppendsOnDifferentChainsDoNotWaitForEachOther) {
  if (this->db_->dialect() == db::Dialect::kSqlite) GTEST_SKIP() << "SQLite has a single writer: appends queue there";
  auto slow = this->db_->Begin(db::TxMode::kWrite);
  ASSERT_TRUE(this->log_.Record(*slow, this->Entry("1", R"({"slow":1})")));
  auto other = std::async(std::launch::async, [this] {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    EXPECT_TRUE(this->log_.Record(*tx, this->Entry("2", R"({"other":1})")));
    EXPECT_TRUE(this->log_.Record(*tx, this->Entry("2", R"({"other":2})")));
    tx->Commit();
  });
  // Only a guard against hanging forever on a regression: the outcome, not the time, is the test.
  const bool committed = other.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  EXPECT_TRUE(committed) << "the second transaction waited for the first one's chain";
  ASSERT_TRUE(this->log_.Record(*slow, this->Entry("1", R"({"slow":2})")));
  slow->Commit();
  other.get();

  auto tx = this->db_->Begin(db::TxMode::kRead);
  auto slow_entries = ListFor(*tx, "customer", "1", 10);
  auto other_entries = ListFor(*tx, "customer", "2", 10);
  tx->Rollback();
  ASSERT_TRUE(slow_entries && other_entries);
  ASSERT_EQ(slow_entries->size(), 2u);
  ASSERT_EQ(other_entries->size(), 2u);
  // Each transaction kept to one chain, and the two chains differ.
  EXPECT_EQ((*slow_entries)[0].chain, (*slow_entries)[1].chain);
  EXPECT_EQ((*other_entries)[0].chain, (*other_entries)[1].chain);
  EXPECT_NE((*slow_entries)[0].chain, (*other_entries)[0].chain);
  auto report = VerifyChain(*this->db_);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 4);
  EXPECT_EQ(report->chains, 2);

  // And verification still names the first altered entry, in whichever chain it is.
  const int64_t altered = (*other_entries)[0].id;  // the newer entry of the other chain
  this->DropTrigger("audit_log_no_update", "audit_log");
  this->Sql("UPDATE audit_log SET after_json = '{\"other\":9}' WHERE id = " + std::to_string(altered));
  auto broken = VerifyChain(*this->db_);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->broken_id, altered);
  EXPECT_EQ(broken->reason, "hash mismatch");
}

TYPED_TEST(AuditLogTest, ConcurrentAppendersKeepEveryChainIntact) {
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

TEST(MaskSnapshot, MasksPersonalFieldsWhoeverWroteThem) {
  const std::string masked = MaskSnapshot(
      R"({"kind":"individual","name":"李娜","contacts":[{"name":"王建国","phone":"13812345678","email":"wang@example.cn"}],)"
      R"("addresses":[{"city":"深圳市","street":"科技园南路88号"}],"preferences":{"birthday":"1985-03-08"},"code":"C-1"})");
  EXPECT_EQ(masked.find("李娜"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("王建国"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("13812345678"), std::string::npos) << masked;
  EXPECT_NE(masked.find("5678"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("wang@example.cn"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("科技园南路88号"), std::string::npos) << masked;
  EXPECT_NE(masked.find("深圳市"), std::string::npos) << "a city is not personal data: " << masked;
  EXPECT_NE(masked.find("****-03-08"), std::string::npos) << masked;
  EXPECT_NE(masked.find("C-1"), std::string::npos) << masked;
}

TEST(MaskSnapshot, KeepsAnOrganisationsNameAndMasksTextThatIsNotJson) {
  EXPECT_NE(MaskSnapshot(R"({"kind":"organization","name":"顺达电子有限公司"})").find("顺达电子有限公司"),
            std::string::npos);
  EXPECT_EQ(MaskSnapshot("王建国").find("王建国"), std::string::npos);
}

}  // namespace
}  // namespace consign::audit
