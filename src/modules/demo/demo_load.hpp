#pragma once
// `consign demo`: fills a database with the demo company of demo_company.hpp — its teams, its sales
// owners (users with no usable password: they cannot log in until an administrator sets one with
// `consign user set-password`), and N customer accounts written in large transactions.
#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <vector>

#include "core/clock.hpp"
#include "core/strong_id.hpp"
#include "modules/demo/demo_company.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

// One account with the ids the database gave its owner and team.
struct DemoAccount {
  const DemoCustomer* customer;
  int64_t number;  // 1-based, as DemoCompany::Customer(n)
  UserId owner_id;
  TeamId team_id;
  Instant created_at;
};

// Where accounts go: the customers module's bulk path. Preparing a batch (turning accounts into
// statements) runs on a helper thread one batch ahead of writing, so both cores work.
class CustomerSink {
 public:
  // What Prepare makes of a batch; its type is the sink's own.
  struct Batch {
    virtual ~Batch() = default;
  };
  virtual ~CustomerSink() = default;
  // Around the whole load, each in a write transaction of its own: a chance to set up for bulk
  // writing (drop indexes of an empty table) and to finish (build them once).
  virtual void BeforeLoad(db::Transaction&) {}
  virtual void AfterLoad(db::Transaction&) {}
  // Called for each batch in order, one at a time, on a thread of its own: must not use the database.
  virtual std::unique_ptr<Batch> Prepare(std::span<const DemoAccount> accounts) = 0;
  // Writes a prepared batch inside `tx`; never commits.
  virtual void Write(db::Transaction& tx, Batch& batch) = 0;
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
  // The ids the database gave the sales force: by DemoCompany::SalesUsers() and Teams().
  std::vector<UserId> owner_ids;
  std::vector<TeamId> team_ids;
};

// Loads the demo company, printing progress and a summary to `out`. Teams and users that already
// exist (by name and login) are reused, so a second run adds customers to the same sales force.
// REQUIRES: the customers that would be written do not exist yet (codes C0000001.. are unique).
DemoSummary LoadDemo(db::Database& database, const Clock& clock, CustomerSink& sink, const DemoOptions& options,
                     std::ostream& out);

}  // namespace consign::demo
