// Exports as a use case, on SQLite and on PostgreSQL: they read in the caller's read transaction and
// never ask for a write one; a background export's job writes the file once (a rerun leaves it be),
// only its owner gets it, and it expires; the unmasked export's permission and reason.
#include "modules/customers/customer_export_service.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <iterator>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/customers/module.hpp"
#include "platform/db/test_backends.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::customers {
namespace {

using namespace std::chrono_literals;
const Instant kStart = FromMicros(1'790'000'000'000'000);

auth::Matrix TestMatrix() {
  const auth::ModuleAccess tables[] = {{"audit", audit::kAccess}, {"auth", auth::kAccess}, {"customers", kAccess}};
  return *auth::Matrix::Merge(tables);
}

std::string Slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

template <class Backend>
class CustomerExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = jobs::Migrations();
    for (auto& m : audit::Migrations()) all.push_back(m);
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : AllMigrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    char pattern[] = "/tmp/consign-export-service-XXXXXX";
    settings_.dir = mkdtemp(pattern);
    settings_.limits.async_rows = 2;
    admin_ = As("admin", Role::kAdmin);
    for (const char* name : {"深圳市顺达电子有限公司", "上海东方酒店", "北京蓝天广告有限公司"}) {
      Customer c;
      c.name = name;
      c.contacts.push_back(Contact{{}, "张伟", "decision_maker", "", "13812345678", "", true});
      Scope scope(db_.get(), clock_, admin_, "test", db::TxMode::kWrite);
      ASSERT_TRUE(Create(scope, c, std::nullopt));
      scope.Finish(true);
    }
  }
  void TearDown() override {
    std::error_code ignored;
    if (!settings_.dir.empty()) std::filesystem::remove_all(settings_.dir, ignored);
  }

  Principal As(const std::string& login, Role role) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auth::NewUser u{login, login + "的名字", role, std::nullopt, std::nullopt, false};
    auto user = auth::CreateUser(*tx, Principal::System("test"), u, "not-a-real-hash", clock_.Now(), "test", auth::CustomerAccounts{});
    EXPECT_TRUE(user) << login;
    tx->Commit();
    Principal p = auth::PrincipalOf(*user);
    p.permissions = matrix_.Of(role);
    return p;
  }

  // As a GET request does it: a scope whose transaction is a read one. Checks that the use case never
  // asked for a write transaction.
  template <class F>
  auto Read(const Principal& who, F&& work) {
    Scope scope(db_.get(), clock_, who, "r-test", db::TxMode::kRead);
    auto result = work(scope);
    EXPECT_FALSE(scope.has_write_tx()) << "an export must never take the write lock";
    scope.Finish(true);
    return result;
  }

  Result<StartedExport> Start(const Principal& who, bool unmasked = false,
                              std::optional<std::string_view> reason = std::nullopt) {
    return Read(who, [&](Scope& s) {
      ExportRequest request;
      request.unmasked = unmasked;
      request.reason = reason;
      return StartExport(s, request, settings_, nullptr);
    });
  }

  Backend backend_;
  const auth::Matrix matrix_ = TestMatrix();
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{kStart};
  ExportSettings settings_;
  Principal admin_;
};

TYPED_TEST_SUITE(CustomerExportTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(CustomerExportTest, ABackgroundExportIsWrittenOnceForItsOwnerAndExpires) {
  auto started = this->Start(this->admin_);
  ASSERT_TRUE(started) << started.error().public_message;
  ASSERT_TRUE(started->record.background) << "3 rows > async_rows 2";
  EXPECT_EQ(started->record.total_rows, 3);
  const int64_t id = started->record.id;
  auto running = this->Read(this->admin_, [&](Scope& s) { return ExportFile(s, id, this->settings_); });
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().code, ErrorCode::kInvalidState);

  ASSERT_TRUE(RunExportJob(*this->db_, this->db_->Background(), this->clock_, id, this->settings_));
  auto done = this->Read(this->admin_, [&](Scope& s) { return GetExport(s, id); });
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, ExportStatus::kDone);
  EXPECT_EQ(done->rows_written, 3);
  auto file = this->Read(this->admin_, [&](Scope& s) { return ExportFile(s, id, this->settings_); });
  ASSERT_TRUE(file) << file.error().public_message;
  const std::string text = Slurp(file->path);
  EXPECT_NE(text.find("上海东方酒店"), std::string::npos);
  EXPECT_EQ(text.find("13812345678"), std::string::npos) << "masked";

  // A rerun of the job (at-least-once delivery) leaves the finished export and its audit entry be.
  ASSERT_TRUE(RunExportJob(*this->db_, this->db_->Background(), this->clock_, id, this->settings_));
  {
    auto tx = this->db_->Begin(db::TxMode::kRead);
    auto entries = audit::List(*tx, "customer", "*", 10, std::nullopt);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].action, "export");
    EXPECT_NE((*entries)[0].after_json->find("\"rows\":3"), std::string::npos);
  }

  const Principal manager = this->As("manager", Role::kManager);
  auto others = this->Read(manager, [&](Scope& s) { return ExportFile(s, id, this->settings_); });
  ASSERT_FALSE(others);
  EXPECT_EQ(others.error().code, ErrorCode::kNotFound);

  // After its lifetime the file is refused, and the expiry job deletes it.
  this->clock_.Advance(this->settings_.file_ttl + 1s);
  auto late = this->Read(this->admin_, [&](Scope& s) { return ExportFile(s, id, this->settings_); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kInvalidState);
  ASSERT_TRUE(ExpireExport(this->db_->Background(), id, this->clock_, this->settings_));
  EXPECT_FALSE(std::filesystem::exists(file->path));
  auto expired = this->Read(this->admin_, [&](Scope& s) { return GetExport(s, id); });
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, ExportStatus::kExpired);
}

TYPED_TEST(CustomerExportTest, UnmaskedNeedsItsPermissionAndAReason) {
  this->settings_.limits.async_rows = 100;
  const Principal sales = this->As("sales", Role::kSales);
  auto forbidden = this->Start(sales, true, "callback");
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  auto no_reason = this->Start(this->admin_, true);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field(), "reason");

  auto masked = this->Start(this->admin_);
  ASSERT_TRUE(masked);
  EXPECT_FALSE(masked->record.background);
  EXPECT_EQ(masked->file.find("13812345678"), std::string::npos);
  auto unmasked = this->Start(this->admin_, true, "claim");
  ASSERT_TRUE(unmasked) << unmasked.error().public_message;
  EXPECT_NE(unmasked->file.find("13812345678"), std::string::npos);
  EXPECT_EQ(unmasked->record.rows_written, 3);
}

}  // namespace
}  // namespace consign::customers
