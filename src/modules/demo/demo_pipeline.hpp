#pragma once
// `consign demo` part two: leads at every step of customer development (开发), written through the
// sales module's use cases so they obey its rules and land in the audit trail: open leads, a
// disqualified one, and qualified leads converted into accounts with an opportunity at every stage of
// the pipeline, won ones and lost ones with their reasons — each with Chinese needs, evidence, review
// reasons and loss notes.
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/clock.hpp"
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

}  // namespace consign::demo
