#pragma once
// `consign demo` part three: contracts (合同) with their agreement prices (协议价), written through the
// contracts and pricing modules' use cases so they obey the rules (templates, approval routing,
// overlaps, the card following its contract) and land in the audit trail. Each step is taken in the
// name of the user who would take it — the account's owner drafts, prices, submits and activates; the
// demo's manager and finance users approve — on the program's own authority (the demo users have no
// password, see demo_load.cpp).
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/clock.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

struct ContractsSummary {
  int64_t active = 0;       // approved and active, priced by an agreement card
  int64_t in_approval = 0;  // submitted, awaiting the approvers
  int64_t drafts = 0;       // drafted (won opportunities' contracts among them)
};

// Contracts for every seventh account of `accounts` (at most `max_contracts`) that has an owner: most
// active since a month of the past year, priced 5–15 % under the published card, some awaiting approval,
// some drafts; and a draft for each account in `won_accounts` (won opportunities open a contract).
// Deterministic for the same accounts.
ContractsSummary LoadDemoContracts(db::Database& database, const Clock& clock, const std::vector<int64_t>& accounts,
                                   const std::vector<int64_t>& won_accounts, std::ostream& out);

}  // namespace consign::demo
