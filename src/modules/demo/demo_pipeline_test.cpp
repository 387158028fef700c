#include "modules/demo/demo_pipeline.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/customers/customer_export_store.hpp"
#include "modules/customers/customer_import_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/demo/demo_load.hpp"
#include "modules/sales/sales_store.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::demo {
namespace {

// The sales force only: no accounts are written.
class NoAccounts : public CustomerSink {
 public:
  std::unique_ptr<Batch> Prepare(std::span<const DemoAccount>) override { return std::make_unique<Batch>(); }
  void Write(db::Transaction&, Batch&) override {}
};

template <class Backend>
class DemoPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : customers::Migrations()) all.push_back(m);
    all.push_back(customers::ExportsMigration());
    all.push_back(customers::ImportsMigration());
    all.push_back(customers::PhoneIndexMigration());
    for (auto& m : sales::Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
  }
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> values;
    auto tx = db_->Begin(db::TxMode::kRead);
    for (const db::Row& row : tx->Query(sql)) values.push_back(row.Text(0));
    return values;
  }
  Backend backend_;
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{FromMicros(1'790'000'000'000'000)};
};

TYPED_TEST_SUITE(DemoPipelineTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(DemoPipelineTest, PutsLeadsAtEveryStepOfThePipeline) {
  NoAccounts sink;
  std::ostringstream out;
  DemoOptions options;
  options.customers = 10;
  LoadDemo(*this->db_, this->clock_, sink, options, out);
  const PipelineSummary summary = LoadDemoPipeline(*this->db_, this->clock_, 30, 1, out);
  EXPECT_EQ(summary.leads, 30) << out.str();
  // Of every ten: two open, one disqualified, seven converted — one left at each of the five open
  // stages, one won, one lost at 跟进.
  EXPECT_EQ(summary.converted, 21);
  EXPECT_EQ(summary.won, 3);
  EXPECT_EQ(summary.lost, 3);
  EXPECT_EQ(this->Column("SELECT status || ':' || count(*) FROM sales_leads GROUP BY status ORDER BY status"),
            (std::vector<std::string>{"converted:21", "disqualified:3", "open:6"}));
  EXPECT_EQ(this->Column("SELECT stage || '/' || outcome || ':' || count(*) FROM sales_opportunities "
                         "GROUP BY stage, outcome ORDER BY stage, outcome"),
            (std::vector<std::string>{"deal/open:3", "deeper_talks/open:3", "first_contact/open:3", "follow_up/lost:3",
                                      "follow_up/open:3", "maintenance/won:3", "prospecting/open:3"}));
  // Every lead went to a salesperson, and every converted one made a potential account.
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads WHERE owner_id IS NULL"), (std::vector<std::string>{"0"}));
  EXPECT_EQ(this->Column("SELECT count(*) FROM customers"), (std::vector<std::string>{"21"}));
}

}  // namespace
}  // namespace consign::demo
