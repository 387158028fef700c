#include "modules/demo/demo_load.hpp"

#include <chrono>
#include <deque>
#include <future>
#include <vector>

#include <fmt/format.h>

#include "modules/auth/auth_service.hpp"

namespace consign::demo {
namespace {

// The demo's users and teams are created by the program itself, not by a person.
Principal DemoActor() { return Principal::System("consign-demo"); }

struct SalesForce {
  std::vector<TeamId> teams;
  std::vector<UserId> users;  // index as DemoCompany::SalesUsers()
  int64_t created = 0;
};

SalesForce CreateSalesForce(db::Database& database, const Clock& clock, const DemoCompany& company) {
  SalesForce force;
  auto tx = database.Begin(db::TxMode::kWrite);
  for (const DemoTeam& team : company.Teams()) {
    auto id = auth::FindOrCreateTeam(*tx, team.name);
    if (!id) throw std::runtime_error("demo: cannot create team: " + id.error().public_message);
    force.teams.push_back(*id);
  }
  const Principal actor = DemoActor();
  for (const DemoSalesUser& user : company.SalesUsers()) {
    if (auto existing = auth::store::FindUserByLogin(*tx, user.login)) {
      force.users.push_back(existing->user.id);
      continue;
    }
    auth::NewUser new_user;
    new_user.login = user.login;
    new_user.name = user.name;
    new_user.role = Role::kSales;
    new_user.team_id = force.teams[user.team];
    new_user.must_change_password = true;
    // An empty hash matches no password: the user exists (owns accounts, shows in lists) but cannot
    // log in until an administrator sets a password.
    // Sales users only: no portal user, so no customer account to look up.
    auto created = auth::CreateUser(*tx, actor, new_user, "", clock.Now(), "demo", auth::CustomerAccounts{});
    if (!created) throw std::runtime_error("demo: cannot create user: " + created.error().public_message);
    force.users.push_back(created->id);
    ++force.created;
  }
  tx->Commit();
  return force;
}

}  // namespace

DemoSummary LoadDemo(db::Database& database, const Clock& clock, CustomerSink& sink, const DemoOptions& options,
                     std::ostream& out) {
  const auto started = std::chrono::steady_clock::now();
  const DemoCompany company(options.seed, options.customers);
  const SalesForce force = CreateSalesForce(database, clock, company);
  DemoSummary summary;
  summary.teams = static_cast<int64_t>(force.teams.size());
  summary.sales_users = static_cast<int64_t>(force.users.size());
  summary.owner_ids = force.users;
  summary.team_ids = force.teams;
  out << fmt::format("demo: {} teams, {} sales owners ({} new, no password until an admin sets one)\n",
                     summary.teams, summary.sales_users, force.created);

  const Instant now = clock.Now();
  // Batches never straddle a transaction: transaction k holds accounts k*T+1 .. (k+1)*T.
  const auto batch_end = [&options](int64_t first) {
    const int64_t tx_end = ((first - 1) / options.transaction_size + 1) * options.transaction_size;
    return std::min({options.customers, first + options.batch_size - 1, tx_end});
  };
  struct Prepared {
    std::unique_ptr<CustomerSink::Batch> batch;
    int64_t last = 0, contacts = 0, addresses = 0;
  };
  // Generating and preparing accounts needs no database, so the next batch is made on a second
  // thread while this one is written.
  const auto prepare = [&](int64_t first) {
    Prepared p;
    p.last = batch_end(first);
    std::vector<DemoCustomer> customers;
    std::vector<DemoAccount> accounts;
    customers.reserve(static_cast<size_t>(p.last - first + 1));
    accounts.reserve(customers.capacity());
    for (int64_t n = first; n <= p.last; ++n) customers.push_back(company.Customer(n));
    for (size_t i = 0; i < customers.size(); ++i) {
      const DemoCustomer& customer = customers[i];
      accounts.push_back({&customer, first + static_cast<int64_t>(i), force.users[customer.owner],
                          force.teams[company.SalesUsers()[customer.owner].team],
                          now - std::chrono::hours(24 * customer.age_days)});
      p.contacts += static_cast<int64_t>(customer.contacts.size());
      p.addresses += static_cast<int64_t>(customer.addresses.size());
    }
    p.batch = sink.Prepare(accounts);
    return p;
  };
  {
    auto tx = database.Begin(db::TxMode::kWrite);
    sink.BeforeLoad(*tx);
    tx->Commit();
  }
  std::future<Prepared> next;
  if (options.customers >= 1) next = std::async(std::launch::async, prepare, int64_t{1});
  int64_t next_report = std::max<int64_t>(options.customers / 10, options.transaction_size);
  int64_t n = 1;
  while (n <= options.customers) {
    // One transaction per transaction_size accounts: few commits (each is an fsync), bounded WAL.
    auto tx = database.Begin(db::TxMode::kWrite);
    const int64_t tx_end = std::min(options.customers, n + options.transaction_size - 1);
    while (n <= tx_end) {
      Prepared p = next.get();
      if (p.last < options.customers) next = std::async(std::launch::async, prepare, p.last + 1);
      sink.Write(*tx, *p.batch);
      summary.contacts += p.contacts;
      summary.addresses += p.addresses;
      n = p.last + 1;
    }
    tx->Commit();
    summary.customers = n - 1;
    if (summary.customers >= next_report || summary.customers == options.customers) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      out << fmt::format("demo: {} / {} customers ({:.1f} s)\n", summary.customers, options.customers, seconds);
      out.flush();
      next_report += std::max<int64_t>(options.customers / 10, options.transaction_size);
    }
  }
  {
    auto tx = database.Begin(db::TxMode::kWrite);
    sink.AfterLoad(*tx);
    tx->Commit();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << fmt::format("demo: done — {} customers, {} contacts, {} addresses, {} sales owners in {} teams, {:.1f} s\n",
                     summary.customers, summary.contacts, summary.addresses, summary.sales_users, summary.teams,
                     summary.seconds);
  return summary;
}

}  // namespace consign::demo
