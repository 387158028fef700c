#pragma once
// Use cases of activities and referrals. Each takes a Scope (an HTTP request, a job, the demo
// command), Requires its permission (access.hpp) and applies the subject's record rule through the
// SubjectRegistry: a subject the caller may not see answers 404, for its activities too, and a
// referral of an account the caller may not see likewise. Every write is audited in its transaction.
// Nothing here commits: whoever made the scope does.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/activities/activity.hpp"
#include "modules/activities/subjects.hpp"
#include "platform/scope/scope.hpp"

namespace consign::activities {

// An activity as answered: with its subject's label, its owner's login and name, and where its next
// step stands now (ClassifyNextStep in the company's time zone).
struct ActivityView {
  Activity activity;
  std::string subject_label;
  std::string owner_login, owner_name;
  NextStepState state = NextStepState::kNone;
};

// Records an activity on a subject the caller may see (else kNotFound; a kind nobody registered is
// kInvalidArgument naming "subject"). `draft.owner_id` zero means the caller; naming another user
// needs ActsForOthers (else kForbidden naming owner_id, outside_scope) and an active staff user
// (kInvalidArgument naming owner_id: not_found, not_staff, inactive). ValidateActivity's errors.
// created_at, created_by are set here; occurred_at zero means now.
[[nodiscard]] Result<ActivityView> RecordActivity(Scope& scope, const SubjectRegistry& subjects, Activity draft);
// kNotFound when it does not exist or its subject is outside the caller's record rule.
[[nodiscard]] Result<ActivityView> GetActivity(Scope& scope, const SubjectRegistry& subjects, ActivityId id);
// A subject's activities, newest first: at most `limit` + 1 (the extra row tells that another page
// exists; http::PageResponse). `after` is the previous page's last id (kInvalidArgument naming
// "cursor" when it is not an activity of this subject).
[[nodiscard]] Result<std::vector<ActivityView>> ListForSubject(Scope& scope, const SubjectRegistry& subjects,
                                                               const Subject& subject, int limit,
                                                               std::optional<ActivityId> after);
// Completes the activity's next step: its owner, or ActsForOthers (else kForbidden); CheckCanComplete's
// kInvalidState. Audited as activity.complete.
[[nodiscard]] Result<ActivityView> CompleteNextStep(Scope& scope, const SubjectRegistry& subjects, ActivityId id);

// The caller's day in the company's time zone (kDefaultTimeZone, Asia/Shanghai), from the scope's
// clock: their open next steps overdue and due later today (PlanDay), of subjects they may still see.
// At most kMaxMyDaySteps are read, oldest due first.
inline constexpr int kMaxMyDaySteps = 500;
struct MyDayView {
  LocalDay day;
  std::vector<ActivityView> overdue;
  std::vector<ActivityView> due_today;
};
[[nodiscard]] Result<MyDayView> MyDayOf(Scope& scope, const SubjectRegistry& subjects);

// --- referrals --------------------------------------------------------------------------------
struct ReferralView {
  Referral referral;
  std::optional<std::string> referred_label;  // the account's name when the caller may see it
  std::optional<std::string> referrer_label;
};
// Records who referred `draft.referred_id`: ValidateReferral's errors; each account must exist and be
// visible to the caller (kInvalidArgument naming referred_customer_id / referrer_customer_id,
// not_found); an account already referred is kConflict naming referred_customer_id (duplicate).
// Audited as referral.create.
[[nodiscard]] Result<ReferralView> RecordReferral(Scope& scope, const SubjectRegistry& subjects, Referral draft);
// kNotFound unless the caller may see the referred account.
[[nodiscard]] Result<ReferralView> GetReferral(Scope& scope, const SubjectRegistry& subjects, ReferralId id);
// Who referred `account` (none: an empty optional). kNotFound when the caller may not see it.
[[nodiscard]] Result<std::optional<ReferralView>> ReferralOfAccount(Scope& scope, const SubjectRegistry& subjects,
                                                                    CustomerId account);
// The accounts `referrer` referred, newest first, at most `limit` + 1 (as ListForSubject), with ids
// below `before`. kNotFound when the caller may not see the referrer.
[[nodiscard]] Result<std::vector<ReferralView>> ReferralsByAccount(Scope& scope, const SubjectRegistry& subjects,
                                                                   CustomerId referrer, int limit,
                                                                   std::optional<ReferralId> before);
// Deletes a referral recorded by mistake. Audited as referral.delete with what it said.
[[nodiscard]] Status RemoveReferral(Scope& scope, const SubjectRegistry& subjects, ReferralId id);

}  // namespace consign::activities
