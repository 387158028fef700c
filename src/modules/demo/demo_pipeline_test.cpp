#include "modules/demo/demo_pipeline.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/customers/customer_export_store.hpp"
#include "modules/customers/customer_import_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/module.hpp"
#include "modules/contracts/contract_store.hpp"
#include "modules/demo/demo_contracts.hpp"
#include "modules/demo/demo_load.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "modules/sales/sales_store.hpp"
#include "platform/db/test_backends.hpp"
#include "platform/jobs/job_queue.hpp"

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
    for (auto& m : customers::AllMigrations()) all.push_back(m);
    for (auto& m : sales::Migrations()) all.push_back(m);
    for (auto& m : jobs::Migrations()) all.push_back(m);
    for (auto& m : pricing::Migrations()) all.push_back(m);
    for (auto& m : contracts::Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    ASSERT_TRUE(pricing::SeedStandardPricing(*db_, clock_));
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

TYPED_TEST(DemoPipelineTest, SignsContractsWithAgreementPricesAndDraftsTheWonOnes) {
  NoAccounts sink;
  std::ostringstream out;
  DemoOptions options;
  options.customers = 10;
  LoadDemo(*this->db_, this->clock_, sink, options, out);
  const PipelineSummary pipeline = LoadDemoPipeline(*this->db_, this->clock_, 30, 1, out);
  std::vector<int64_t> accounts;
  for (const std::string& id : this->Column("SELECT id FROM customers ORDER BY id")) accounts.push_back(std::stoll(id));
  ASSERT_EQ(accounts.size(), 21u);
  // Every seventh of 21 accounts: the 1st, 8th and 15th, all three active (the 9th and 10th of every
  // ten would wait for approval or stay drafts); and a draft for each of the 3 won opportunities.
  const ContractsSummary summary = LoadDemoContracts(*this->db_, this->clock_, accounts, pipeline.won_accounts, out);
  EXPECT_EQ(summary.active, 3) << out.str();
  EXPECT_EQ(summary.in_approval, 0);
  EXPECT_EQ(summary.drafts, 3) << out.str();
  EXPECT_EQ(this->Column("SELECT state || ':' || count(*) FROM contracts GROUP BY state ORDER BY state"),
            (std::vector<std::string>{"active:3", "draft:3"}));
  // Each active contract is priced by its own active agreement card, below the published price.
  EXPECT_EQ(this->Column("SELECT count(*) FROM pricing_rate_cards WHERE kind = 'agreement' AND status = 'active' "
                         "AND contract_id IN (SELECT id FROM contracts WHERE state = 'active')"),
            (std::vector<std::string>{"3"}));
  // Drafted, priced, submitted and activated by the owner; approved by the demo's manager.
  EXPECT_EQ(this->Column("SELECT count(*) FROM contracts c JOIN customers a ON a.id = c.customer_id "
                         "WHERE c.state = 'active' AND c.created_by = a.owner_user_id"),
            (std::vector<std::string>{"3"}));
}

// The customers module's bulk path, as `consign demo` uses it: accounts with ids after the largest.
class AccountsSink : public CustomerSink {
 public:
  struct Accounts : Batch {
    std::vector<customers::Customer> rows;
  };
  void BeforeLoad(db::Transaction& tx) override {
    customers::BeginBulkLoad(tx);
    base_ = customers::MaxCustomerId(tx);
  }
  void AfterLoad(db::Transaction& tx) override { customers::EndBulkLoad(tx); }  // PostgreSQL's id sequence too
  std::unique_ptr<Batch> Prepare(std::span<const DemoAccount> accounts) override {
    auto batch = std::make_unique<Accounts>();
    for (const DemoAccount& a : accounts) {
      customers::Customer c;
      c.id = base_ + a.number;
      c.code = a.customer->code;
      c.name = a.customer->name;
      c.owner_user_id = a.owner_id.value();
      c.team_id = a.team_id.value();
      c.created_at = c.updated_at = a.created_at;
      c.version = 1;
      batch->rows.push_back(std::move(c));
    }
    return batch;
  }
  void Write(db::Transaction& tx, Batch& batch) override {
    customers::ExecutePrepared(tx, customers::PrepareInsert(static_cast<Accounts&>(batch).rows, tx.dialect()));
  }
  int64_t first_id() const { return base_ + 1; }

 private:
  int64_t base_ = 0;
};

TYPED_TEST(DemoPipelineTest, WritesABenchmarkSizedPipelineInBulkAsTheUseCasesWould) {
  AccountsSink sink;
  std::ostringstream out;
  DemoOptions options;
  options.customers = 50;
  const DemoSummary loaded = LoadDemo(*this->db_, this->clock_, sink, options, out);
  ASSERT_EQ(loaded.owner_ids.size(), DemoCompany(options.seed, options.customers).SalesUsers().size());
  // Ten through the use cases first, as `consign demo` does; then 3,000 in bulk after them.
  ASSERT_EQ(LoadDemoPipeline(*this->db_, this->clock_, 10, 1, out).leads, 10);
  const DemoCompany company(options.seed, options.customers);
  const BulkPipelineInput input{&company, loaded.owner_ids, loaded.team_ids, sink.first_id(), loaded.customers, 10};
  const PipelineSummary bulk = LoadBulkPipeline(*this->db_, this->clock_, input, 3000, 1, out);
  EXPECT_EQ(bulk.leads, 3000) << out.str();
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads"), (std::vector<std::string>{"3010"}));
  // Every source, every open stage, won and lost with every reason: a report has something everywhere.
  EXPECT_EQ(this->Column("SELECT count(DISTINCT source) FROM sales_leads"), (std::vector<std::string>{"8"}));
  EXPECT_EQ(this->Column("SELECT count(DISTINCT stage) FROM sales_opportunities WHERE outcome = 'open'"),
            (std::vector<std::string>{"5"}));
  EXPECT_EQ(this->Column("SELECT count(DISTINCT lost_reason) FROM sales_opportunities WHERE outcome = 'lost'"),
            (std::vector<std::string>{"5"}));
  EXPECT_GT(bulk.won, 0);
  EXPECT_GT(bulk.lost, 0);
  // Each converted lead and its opportunity point at each other, and share the owner and team of an
  // account that exists: whoever sees the opportunity sees its account.
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads WHERE status = 'converted' AND id > 10"),
            (std::vector<std::string>{std::to_string(bulk.converted)}));
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads l JOIN sales_opportunities o ON o.id = l.opportunity_id "
                         "AND o.lead_id = l.id AND o.account_id = l.account_id JOIN customers c ON c.id = o.account_id "
                         "AND c.owner_user_id = o.owner_id AND c.team_id = o.team_id WHERE l.id > 10"),
            (std::vector<std::string>{std::to_string(bulk.converted)}));
  // Qualified and converted leads carry their three checks; disqualified ones the failed credit check.
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads l WHERE l.status IN ('qualified', 'converted') AND "
                         "(SELECT count(*) FROM sales_lead_checks c WHERE c.lead_id = l.id AND c.met = TRUE) <> 3"),
            (std::vector<std::string>{"0"}));
  // Only open leads sit in the pool.
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_leads WHERE owner_id IS NULL AND status <> 'open'"),
            (std::vector<std::string>{"0"}));
  // Nothing was created in the future, and the ids go on after the bulk (PostgreSQL's sequences moved).
  EXPECT_EQ(this->Column("SELECT count(*) FROM sales_opportunities WHERE closed_at < created_at"),
            (std::vector<std::string>{"0"}));
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  sales::Lead lead;
  lead.company = "后来的线索";
  lead.created_at = lead.updated_at = this->clock_.Now();
  EXPECT_EQ(sales::InsertLead(*tx, lead, UserId{0}).value(), 3011);
}

}  // namespace
}  // namespace consign::demo
