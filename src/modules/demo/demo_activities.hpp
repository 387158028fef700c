#pragma once
// The demo company's sales work: activities with Chinese notes on some of its accounts, through the
// activities module's use cases (so they are validated, resolved and audited like any other), some
// with next steps overdue, due today and due later, so every owner's "my day" has something in it.
#include <cstdint>
#include <ostream>

#include "core/clock.hpp"
#include "modules/activities/subjects.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

// Adds activities to the accounts with ids first_id .. first_id + accounts - 1 that have an owner,
// in the owner's name, in one transaction. Returns how many were added.
int64_t AddDemoActivities(db::Database& database, const Clock& clock, const activities::SubjectRegistry& subjects,
                          int64_t first_id, int64_t accounts, std::ostream& out);

}  // namespace consign::demo
