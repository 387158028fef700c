#include "modules/demo/demo_cli.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

#include "modules/customers/customer.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/demo/demo_activities.hpp"
#include "modules/demo/demo_carriers.hpp"
#include "modules/demo/demo_contracts.hpp"
#include "modules/demo/demo_orders.hpp"
#include "modules/demo/demo_load.hpp"
#include "modules/demo/demo_pipeline.hpp"
#include "modules/demo/demo_scans.hpp"

namespace consign::demo {

namespace {

customers::Customer ToCustomer(const DemoAccount& account) {
  const DemoCustomer& d = *account.customer;
  customers::Customer c;
  c.code = d.code;
  c.name = d.name;
  c.kind = d.kind;
  c.industry = d.industry;
  const DemoClassification& k = d.classification;
  // Same order as customers::kClassificationKeys.
  c.classification = {k.relationship_type, k.relationship_depth, k.maturity,        k.marketing_type,
                      k.value_class,       k.tier,               k.market,          k.lifecycle_stage,
                      k.development_stage};
  c.owner_user_id = account.owner_id.value();
  c.team_id = account.team_id.value();
  c.tags = d.tags;
  c.preferences.pickup_window = d.preferences.pickup_window;
  c.preferences.packaging = d.preferences.packaging;
  c.preferences.handling = d.preferences.handling;
  c.preferences.preferred_channel = d.preferences.preferred_channel;
  c.preferences.usual = d.preferences.usual;
  c.preferences.birthday = d.preferences.birthday.value_or("");
  if (auto tmpl = customers::TemplateFor(d.industry)) c.requirements = std::move(*tmpl);
  for (const DemoContact& dc : d.contacts) {
    c.contacts.push_back(customers::Contact{{}, dc.name, dc.role, dc.title, dc.phone, dc.email, dc.is_primary});
  }
  for (const DemoAddress& da : d.addresses) {
    customers::Address a;
    a.kind = da.kind;
    a.province = da.province;
    a.city = da.city;
    a.district = da.district;
    a.street = da.street;
    a.is_default = da.is_default;
    c.addresses.push_back(std::move(a));
  }
  c.status = customers::CustomerStatus::kActive;
  c.version = 1;
  c.created_at = c.updated_at = account.created_at;
  return c;
}

// Accounts get ids of their own (after the largest in use when the load began), so whole INSERT
// statements are built on the helper thread and the writing thread only executes them.
class CustomersModuleSink : public CustomerSink {
 public:
  explicit CustomersModuleSink(db::Dialect dialect) : dialect_(dialect) {}

  void BeforeLoad(db::Transaction& tx) override {
    customers::BeginBulkLoad(tx);
    id_base_ = customers::MaxCustomerId(tx);
  }
  void AfterLoad(db::Transaction& tx) override { customers::EndBulkLoad(tx); }
  // The id of account number 1 of this load (account n has id_base + n).
  int64_t first_id() const { return id_base_ + 1; }

  struct Statements : Batch {
    customers::PreparedInsert insert;
  };
  std::unique_ptr<Batch> Prepare(std::span<const DemoAccount> accounts) override {
    std::vector<customers::Customer> rows;
    rows.reserve(accounts.size());
    for (const DemoAccount& account : accounts) {
      rows.push_back(ToCustomer(account));
      rows.back().id = id_base_ + account.number;
    }
    auto batch = std::make_unique<Statements>();
    batch->insert = customers::PrepareInsert(rows, dialect_);
    return batch;
  }
  void Write(db::Transaction& tx, Batch& batch) override {
    customers::ExecutePrepared(tx, static_cast<Statements&>(batch).insert);
  }

 private:
  db::Dialect dialect_;
  int64_t id_base_ = 0;
};

}  // namespace

// How many of the loaded accounts get activities.
constexpr int64_t kAccountsWithActivities = 300;
constexpr int64_t kAccountsWithContracts = 700;  // every seventh: about 100 contracts
constexpr int64_t kOrderHistoryDays = 730;        // two years, two Double-11 peaks
constexpr int64_t kScanHistoryDays = 730;        // every order has its scans (issue 10: two years)
// How many leads go through the sales module's use cases (audited, a few milliseconds each); the
// rest of a benchmark-sized --leads through its bulk insert.
constexpr int64_t kLeadsThroughUseCases = 200;

std::vector<module::Command> Commands() {
  return {
      {.path = {"demo"},
       .description = "Fill the database with a realistic demo company",
       .options =
           {
               {.name = "customers",
                .help = "How many customer accounts",
                .kind = module::CommandOption::Kind::kInteger,
                .min = 1,
                .max = 50'000'000},
               {.name = "leads",
                .help = "How many sales leads, at every step of the pipeline (default 30; 0 for none; beyond "
                        "the first 200, written in bulk without audit entries)",
                .kind = module::CommandOption::Kind::kInteger,
                .min = 0,
                .max = 100'000},
               {.name = "orders-per-day",
                .help = "Orders on an ordinary weekday over the last two years (default 150; 0 for none)",
                .kind = module::CommandOption::Kind::kInteger,
                .min = 0,
                .max = 100'000},
               {.name = "seed",
                .help = "The same seed gives the same company",
                .kind = module::CommandOption::Kind::kInteger,
                .min = 0},
           },
       .run =
           [](const module::CommandArgs& args, module::CommandEnv& env) {
             DemoOptions options;
             options.customers = args.Integer("customers").value_or(options.customers);
             options.seed = static_cast<uint64_t>(args.Integer("seed").value_or(static_cast<int64_t>(options.seed)));
             CustomersModuleSink sink(env.database.dialect());
             const DemoSummary summary = LoadDemo(env.database, env.clock, sink, options, env.out);
             // Sales work on the first accounts: enough for every owner's timeline and day, not
             // a load that grows with benchmark-sized companies.
             AddDemoActivities(env.database, env.clock, env.services.Get<activities::SubjectRegistry>(),
                               sink.first_id(), std::min<int64_t>(summary.customers, kAccountsWithActivities), env.out);
             const int64_t leads = args.Integer("leads").value_or(30);
             const int64_t audited = std::min(leads, kLeadsThroughUseCases);
             PipelineSummary pipeline;
             if (audited > 0) {
               pipeline = LoadDemoPipeline(env.database, env.clock, audited, options.seed, env.out);
               if (pipeline.leads != audited) return 1;
             }
             if (leads > audited) {
               const DemoCompany company(options.seed, options.customers);
               BulkPipelineInput input{&company, summary.owner_ids, summary.team_ids, sink.first_id(),
                                       summary.customers, audited};
               if (LoadBulkPipeline(env.database, env.clock, input, leads - audited, options.seed, env.out).leads !=
                   leads - audited)
                 return 1;
             }
             // Contracts for a share of the first accounts (every seventh), and a draft for each won
             // opportunity: what an express company's sales team has signed, not a benchmark's load.
             std::vector<int64_t> accounts;
             for (int64_t i = 0; i < std::min<int64_t>(summary.customers, kAccountsWithContracts); ++i)
               accounts.push_back(sink.first_id() + i);
             LoadDemoContracts(env.database, env.clock, accounts, pipeline.won_accounts, env.out);
             // The carriers first: the orders are allocated to them. Their capacities follow the
             // orders a day.
             const int64_t orders_per_day = args.Integer("orders-per-day").value_or(150);
             LoadDemoCarriers(env.database, env.clock, orders_per_day, env.out);
             // Two years of orders for the same accounts, priced with their contracts' cards.
             LoadDemoOrders(env.database, env.clock, accounts, orders_per_day, kOrderHistoryDays, options.seed,
                            env.out);
             // The parcels as their carriers scanned them: states, ETAs and exceptions (those of
             // parcels a fortnight past their last scan resolved as history).
             LoadDemoScans(env.database, env.clock, kScanHistoryDays, options.seed, env.out);
             return 0;
           }},
  };
}

}  // namespace consign::demo
