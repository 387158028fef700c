#pragma once
// `consign demo` part two: leads at every step of customer development (开发), written through the
// sales module's use cases so they obey its rules and land in the audit trail: open leads, a
// disqualified one, and qualified leads converted into accounts with an opportunity at every stage of
// the pipeline, won ones and lost ones with their reasons — each with Chinese needs, evidence, review
// reasons and loss notes.
#include <cstdint>
#include <ostream>
#include <vector>
#include <span>

#include "core/clock.hpp"
#include "core/strong_id.hpp"
#include "modules/demo/demo_company.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

struct PipelineSummary {
  int64_t leads = 0;
  int64_t converted = 0;
  int64_t won = 0;
  int64_t lost = 0;
  std::vector<int64_t> won_accounts;  // accounts of won opportunities: their contracts are drafted next
};

// Writes `leads` leads (at least 10 give every step) in one transaction, assigning them round robin
// within the first team that has salespeople. Deterministic for a seed.
PipelineSummary LoadDemoPipeline(db::Database& database, const Clock& clock, int64_t leads, uint64_t seed,
                                 std::ostream& out);

// The pipeline at benchmark scale (100,000 leads in seconds, not the use cases' minutes): leads and
// opportunities generated here and written through the sales module's bulk insert — no audit entries,
// no duplicate checks, every row as the use cases would have left it. Sources, outcomes and loss
// reasons in a 3PL's proportions (referrals qualify best, direct mail worst); created over the last
// two years. A converted lead's opportunity belongs to one of the loaded accounts and to that
// account's owner and team (a salesperson sees both); the rest are spread over the sales force, a
// tenth of the open ones unassigned (the pool). Deterministic for a seed.
struct BulkPipelineInput {
  const DemoCompany* company = nullptr;     // the company LoadDemo loaded
  std::span<const UserId> owner_ids;        // DemoSummary::owner_ids
  std::span<const TeamId> team_ids;         // DemoSummary::team_ids
  int64_t first_account_id = 1;             // the id of account number 1 of that load
  int64_t accounts = 0;                     // how many it loaded (≥ 1)
  int64_t first_number = 0;                 // lead numbers start after the leads written before
};
PipelineSummary LoadBulkPipeline(db::Database& database, const Clock& clock, const BulkPipelineInput& input,
                                 int64_t leads, uint64_t seed, std::ostream& out);

}  // namespace consign::demo
