#pragma once
// `consign demo`: fills a database with the demo company of demo_company.hpp — its teams, its sales
// owners (users with no usable password: they cannot log in until an administrator sets one with
// `consign user set-password`), and N customer accounts written in large transactions.
#include <cstdint>
#include <ostream>
#include <span>

#include "core/clock.hpp"
#include "core/strong_id.hpp"
#include "modules/demo/demo_company.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

// One account with the ids the database gave its owner and team.
struct DemoAccount {
  const DemoCustomer* customer;
  UserId owner_id;
  TeamId team_id;
  Instant created_at;
};

// Where accounts go: the customers module's bulk path. WriteBatch writes every account of the
// batch (with contacts, addresses and search grams) inside `tx` and never commits.
class CustomerSink {
 public:
  virtual ~CustomerSink() = default;
  // Around the whole load, each in a write transaction of its own: a chance to set up for bulk
  // writing (drop indexes of an empty table) and to finish (build them once).
  virtual void BeforeLoad(db::Transaction&) {}
  virtual void AfterLoad(db::Transaction&) {}
  virtual void WriteBatch(db::Transaction& tx, std::span<const DemoAccount> batch) = 0;
};

struct DemoOptions {
  int64_t customers = 5000;
  uint64_t seed = 1;
  int64_t batch_size = 2000;        // accounts per WriteBatch
  int64_t transaction_size = 50000; // accounts per commit
};

struct DemoSummary {
  int64_t teams = 0;
  int64_t sales_users = 0;
  int64_t customers = 0;
  int64_t contacts = 0;
  int64_t addresses = 0;
  double seconds = 0;
};

// Loads the demo company, printing progress and a summary to `out`. Teams and users that already
// exist (by name and login) are reused, so a second run adds customers to the same sales force.
// REQUIRES: the customers that would be written do not exist yet (codes C0000001.. are unique).
DemoSummary LoadDemo(db::Database& database, const Clock& clock, CustomerSink& sink, const DemoOptions& options,
                     std::ostream& out);

}  // namespace consign::demo
