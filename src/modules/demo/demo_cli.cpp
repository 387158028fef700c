#include "modules/demo/demo_cli.hpp"

#include <iostream>
#include <vector>

#include "app/cli.hpp"
#include "modules/customers/customer.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/demo/demo_load.hpp"

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
    c.contacts.push_back(customers::Contact{0, dc.name, dc.role, dc.title, dc.phone, dc.email, dc.is_primary});
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
  c.status = "active";
  c.version = 1;
  c.created_at = c.updated_at = account.created_at;
  return c;
}

class CustomersModuleSink : public CustomerSink {
 public:
  void BeforeLoad(db::Transaction& tx) override { customers::BeginBulkLoad(tx); }
  void AfterLoad(db::Transaction& tx) override { customers::EndBulkLoad(tx); }
  void WriteBatch(db::Transaction& tx, std::span<const DemoAccount> batch) override {
    rows_.clear();
    rows_.reserve(batch.size());
    for (const DemoAccount& account : batch) rows_.push_back(ToCustomer(account));
    customers::InsertCustomers(tx, rows_);
  }

 private:
  std::vector<customers::Customer> rows_;
};

}  // namespace

void AddCommands(app::Cli& cli) {
  static DemoOptions options;
  CLI::App* demo = cli.AddCommand("demo", "Fill the database with a realistic demo company");
  demo->add_option("--customers", options.customers, "How many customer accounts")
      ->check(CLI::Range(int64_t{1}, int64_t{50'000'000}));
  demo->add_option("--seed", options.seed, "The same seed gives the same company");
  demo->callback([&cli, demo] {
    cli.RunComposed(demo, [](app::AppParts& parts) {
      CustomersModuleSink sink;
      LoadDemo(parts.database, parts.clock, sink, options, std::cout);
      return 0;
    });
  });
}

}  // namespace consign::demo
