#pragma once
// `consign demo` part four, before the orders: the carriers (承运商) the orders are allocated to — our
// own network (自营网络, nationwide, the best figures) and seven subcontracted carriers with invented
// names of different quality and reach: two nationwide (one good, one cheap and mediocre), three
// regional (华南, 华东, 西部 with the remote provinces), a heavy-freight line in the north and east, and
// one suspended with its reason. Their daily capacities are sized to the demo's orders a day, their
// rates to us sit under the published card, their transit times around the products' promises.
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/clock.hpp"
#include "modules/carriers/carrier.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

// The demo's carriers for `orders_per_day` (the demo's --orders-per-day; a value under 1 sizes them
// for the default, 150). Pure and deterministic; every carrier passes carriers::ValidateCarrier. The
// suspended one has status kSuspended and its suspended_reason set.
std::vector<carriers::Carrier> DemoCarriers(int64_t orders_per_day);

struct CarriersSummary {
  int64_t created = 0;
  int64_t existing = 0;   // a code already taken: a demo loaded before, left as it is
  int64_t suspended = 0;  // suspended by this load
};

// Creates DemoCarriers(orders_per_day) through the carriers module's use cases (validated, audited),
// then suspends the suspended one with its reason. A carrier whose code exists is left alone, so a
// second `consign demo` on the same database adds none. Errors are written to `out`.
CarriersSummary LoadDemoCarriers(db::Database& database, const Clock& clock, int64_t orders_per_day,
                                 std::ostream& out);

}  // namespace consign::demo
