#pragma once
// Activities (跟进记录): a call, visit, meeting, e-mail or note about a subject — an account, a lead, an
// opportunity — with its outcome, a note, an owner and, optionally, a next step due at a time. And
// referrals (客户引荐): which customer brought an account, and the referrer's reward. Pure.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::activities {

using ActivityId = StrongId<class ActivityIdTag>;
using ReferralId = StrongId<class ReferralIdTag>;

// --- subjects ---------------------------------------------------------------------------------
// What an activity is about: a kind a module registered ("account", "lead", "opportunity"; see
// subjects.hpp) and that module's id. Written "account:12" in query strings.
struct Subject {
  std::string kind;
  int64_t id = 0;
  bool operator==(const Subject&) const = default;
};
inline constexpr std::string_view kAccountSubject = "account";
inline constexpr size_t kMaxSubjectKindChars = 32;

// "account:12" → {account, 12}. Nullopt unless the text is a kind of lower-case letters and
// underscores (1–32) and a positive id. Whether the kind is registered is the service's question.
std::optional<Subject> ParseSubject(std::string_view text);
std::string SubjectText(const Subject& subject);  // "account:12"

// --- activities -------------------------------------------------------------------------------
enum class ActivityKind { kCall, kVisit, kMeeting, kEmail, kNote };
// The API words, in enum order: call, visit, meeting, email, note (电话, 拜访, 会议, 邮件, 备注).
inline constexpr std::array<std::string_view, 5> kActivityKindNames = {"call", "visit", "meeting", "email", "note"};
std::string_view KindName(ActivityKind kind);
std::optional<ActivityKind> ParseKind(std::string_view name);

inline constexpr size_t kMaxOutcomeChars = 200;
inline constexpr size_t kMaxNoteChars = 4000;
inline constexpr size_t kMaxNextStepChars = 200;

struct Activity {
  ActivityId id{};
  Subject subject;
  ActivityKind kind = ActivityKind::kNote;
  Instant occurred_at{};                // when the call, visit... happened
  std::string outcome;                  // one line, may be empty
  std::string note;                     // free text, line breaks allowed, may be empty
  UserId owner_id{};                    // whose activity it is (and whose day its next step is in)
  std::string next_step;                // empty: no next step
  std::optional<Instant> next_step_due_at;
  std::optional<Instant> next_step_done_at;
  std::optional<UserId> next_step_done_by;
  UserId created_by{};
  Instant created_at{};
};

// Checks a new activity, every mistake at once (kInvalidArgument naming each field):
//   occurred_at   not after `now` (it records what happened: a planned call is a next step) — in_future;
//   outcome       one line, at most 200 characters;
//   note          at most 4000 characters; required (non-blank) for kind note, which is nothing else;
//   next_step     at most 200 characters, one line; given with next_step_due_at and without it not
//                 (required, naming the missing one); the due time not before occurred_at (out_of_range).
// Texts are checked for unsafe characters by the HTTP reader; lengths are counted in code points.
[[nodiscard]] Status ValidateActivity(const Activity& activity, Instant now);

// Where an open next step stands at `now`, in the calendar of `day` (the day holding `now` in the
// company's time zone, DayAt):
//   kOverdue   its due time has passed (due < now);
//   kDueToday  due later today (now <= due < day.end);
//   kLater     due on a later day;
//   kDone      completed (whenever it was due);
//   kNone      the activity has no next step.
enum class NextStepState { kNone, kOverdue, kDueToday, kLater, kDone };
std::string_view StateName(NextStepState state);  // none, overdue, due_today, later, done
NextStepState ClassifyNextStep(const Activity& activity, Instant now, const LocalDay& day);

// "My day": a user's open next steps split into what is overdue (oldest due first) and what is due
// later today (soonest first). Activities in another state are left out.
struct MyDay {
  LocalDay day;
  std::vector<Activity> overdue;
  std::vector<Activity> due_today;
};
MyDay PlanDay(std::vector<Activity> open_steps, Instant now, const LocalDay& day);

// Whether a next step may be completed now: kInvalidState naming next_step when the activity has
// none (reason no_next_step) or it is done already (already_done).
[[nodiscard]] Status CheckCanComplete(const Activity& activity);

// --- referrals --------------------------------------------------------------------------------
inline constexpr size_t kMaxRewardNoteChars = 500;
inline constexpr int64_t kMaxRewardPoints = 1'000'000;

// An account (referred) that a customer (referrer) brought; one per referred account. The reward is
// what the referrer gets for it: a note ("赠送运费券500元") and/or points (loyalty comes later).
struct Referral {
  ReferralId id{};
  CustomerId referred_id{};
  CustomerId referrer_id{};
  std::string reward_note;
  std::optional<int64_t> reward_points;
  UserId created_by{};
  Instant created_at{};
};

// Both ids positive and different (referrer_id: same_account), points 0..1,000,000 (out_of_range),
// the note at most 500 characters. That both accounts exist is the service's check.
[[nodiscard]] Status ValidateReferral(const Referral& referral);

}  // namespace consign::activities
