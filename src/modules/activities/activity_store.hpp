#pragma once
// SQL for the module's tables: activities and referrals. Instants are µs in SQLite and timestamptz in
// PostgreSQL (Row::Time reads both). Nothing here checks permissions or record rules: the services do.
#include <optional>
#include <vector>

#include "modules/activities/activity.hpp"
#include "platform/db/database.hpp"

namespace consign::activities {

std::vector<db::Migration> Migrations();

// --- activities ---
// Returns the activity with its new id.
Activity InsertActivity(db::Transaction& tx, Activity activity);
// With `for_update`, the row stays locked until the transaction ends (PostgreSQL; SQLite's writer
// holds the database).
std::optional<Activity> LoadActivity(db::Transaction& tx, ActivityId id, bool for_update = false);
// A subject's activities newest first (occurred_at, then id, descending), at most `limit` rows. With
// `after`, only those after that activity in this order; nullopt when `after` is not an activity of
// this subject (a cursor from somewhere else).
std::optional<std::vector<Activity>> ListBySubject(db::Transaction& tx, const Subject& subject, int limit,
                                                   std::optional<ActivityId> after);
// The owner's next steps not completed and due before `before`, oldest due first, at most `limit`.
std::vector<Activity> OpenStepsDueBefore(db::Transaction& tx, UserId owner, Instant before, int limit);
// Marks the next step done; false when it was done already (or there is no such activity).
bool MarkNextStepDone(db::Transaction& tx, ActivityId id, Instant at, UserId by);

// --- referrals ---
// Returns the referral with its new id. A second referral of the same account violates the unique
// key (db::DbError kUniqueViolation): check ReferralOf first.
Referral InsertReferral(db::Transaction& tx, Referral referral);
std::optional<Referral> LoadReferral(db::Transaction& tx, ReferralId id);
// Who referred this account, if anyone recorded it.
std::optional<Referral> ReferralOf(db::Transaction& tx, CustomerId referred);
// The accounts a customer referred, newest first (by id), at most `limit`; with `before`, only ids
// below it.
std::vector<Referral> ReferralsBy(db::Transaction& tx, CustomerId referrer, int limit, std::optional<ReferralId> before);
bool DeleteReferral(db::Transaction& tx, ReferralId id);

}  // namespace consign::activities
