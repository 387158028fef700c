#include "modules/activities/activity.hpp"

#include <gtest/gtest.h>

namespace consign::activities {
namespace {

Instant At(std::string_view rfc3339) { return *ParseRfc3339(rfc3339); }

// The day in Shanghai as written out by hand (UTC+8, no daylight saving): 23 November runs from
// 2026-11-22T16:00Z to 2026-11-23T16:00Z.
LocalDay Nov23Shanghai() {
  using namespace std::chrono;
  return LocalDay{year{2026} / November / 23, At("2026-11-22T16:00:00Z"), At("2026-11-23T16:00:00Z")};
}

Activity StepDue(std::string_view due, int64_t id = 1) {
  Activity a;
  a.id = ActivityId{id};
  a.kind = ActivityKind::kCall;
  a.next_step = "回访报价";
  a.next_step_due_at = At(due);
  return a;
}

TEST(Subject, ParsesKindAndPositiveId) {
  EXPECT_EQ(ParseSubject("account:12"), (Subject{"account", 12}));
  EXPECT_EQ(ParseSubject("opportunity:7"), (Subject{"opportunity", 7}));
  EXPECT_FALSE(ParseSubject("account:0"));
  EXPECT_FALSE(ParseSubject("account:-3"));
  EXPECT_FALSE(ParseSubject("account:12x"));
  EXPECT_FALSE(ParseSubject("account:"));
  EXPECT_FALSE(ParseSubject(":12"));
  EXPECT_FALSE(ParseSubject("Account:12"));
  EXPECT_FALSE(ParseSubject("12"));
  EXPECT_EQ(SubjectText(Subject{"lead", 5}), "lead:5");
}

TEST(ActivityKinds, RoundTripEveryApiWord) {
  EXPECT_EQ(ParseKind("call"), ActivityKind::kCall);
  EXPECT_EQ(ParseKind("visit"), ActivityKind::kVisit);
  EXPECT_EQ(ParseKind("meeting"), ActivityKind::kMeeting);
  EXPECT_EQ(ParseKind("email"), ActivityKind::kEmail);
  EXPECT_EQ(ParseKind("note"), ActivityKind::kNote);
  EXPECT_FALSE(ParseKind("e-mail"));
  EXPECT_EQ(KindName(ActivityKind::kVisit), "visit");
}

// --- the day boundary, in Shanghai ----------------------------------------------------------------

TEST(NextStepState, DueLaterTodayIsDueTodayAndPastItsTimeIsOverdue) {
  const LocalDay day = Nov23Shanghai();
  const Instant now = At("2026-11-23T02:00:00Z");  // 10:00 in Shanghai
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-23T06:00:00Z"), now, day), NextStepState::kDueToday);  // 14:00
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-23T01:00:00Z"), now, day), NextStepState::kOverdue);   // 09:00
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-21T08:00:00Z"), now, day), NextStepState::kOverdue);   // two days ago
}

TEST(NextStepState, TheDayEndsAtShanghaiMidnightNotUtcMidnight) {
  const LocalDay day = Nov23Shanghai();
  // 01:00 on the 23rd in Shanghai is still the 22nd in UTC. A step due 18:00 on the 23rd in Shanghai
  // (10:00Z on the 23rd) is due today there; counting days in UTC would call it tomorrow's.
  const Instant now = At("2026-11-22T17:00:00Z");
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-23T10:00:00Z"), now, day), NextStepState::kDueToday);
  // 23:59 Shanghai (15:59Z) is the last minute of the day; 00:00 on the 24th (16:00Z) is not today.
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-23T15:59:00Z"), now, day), NextStepState::kDueToday);
  EXPECT_EQ(ClassifyNextStep(StepDue("2026-11-23T16:00:00Z"), now, day), NextStepState::kLater);
}

TEST(NextStepState, DoneAndAbsentStepsAreNeitherDueNorOverdue) {
  const LocalDay day = Nov23Shanghai();
  const Instant now = At("2026-11-23T02:00:00Z");
  Activity done = StepDue("2026-11-22T01:00:00Z");
  done.next_step_done_at = At("2026-11-22T03:00:00Z");
  EXPECT_EQ(ClassifyNextStep(done, now, day), NextStepState::kDone);
  Activity none;
  EXPECT_EQ(ClassifyNextStep(none, now, day), NextStepState::kNone);
  EXPECT_EQ(StateName(NextStepState::kDueToday), "due_today");
}

TEST(PlanDay, SplitsOverdueAndDueTodayEachSoonestFirstAndLeavesOutTheRest) {
  const LocalDay day = Nov23Shanghai();
  const Instant now = At("2026-11-23T02:00:00Z");  // 10:00 Shanghai
  Activity done = StepDue("2026-11-22T01:00:00Z", 5);
  done.next_step_done_at = now;
  std::vector<Activity> steps = {StepDue("2026-11-23T08:00:00Z", 1), StepDue("2026-11-23T01:30:00Z", 2),
                                 StepDue("2026-11-20T01:00:00Z", 3), StepDue("2026-11-23T03:00:00Z", 4), done,
                                 StepDue("2026-11-24T03:00:00Z", 6)};
  const MyDay plan = PlanDay(steps, now, day);
  ASSERT_EQ(plan.overdue.size(), 2u);
  EXPECT_EQ(plan.overdue[0].id, ActivityId{3});  // the 20th
  EXPECT_EQ(plan.overdue[1].id, ActivityId{2});  // 09:30 today
  ASSERT_EQ(plan.due_today.size(), 2u);
  EXPECT_EQ(plan.due_today[0].id, ActivityId{4});  // 11:00
  EXPECT_EQ(plan.due_today[1].id, ActivityId{1});  // 16:00
}

// --- validation ------------------------------------------------------------------------------------

bool Names(const Status& s, std::string_view field, std::string_view reason) {
  if (s) return false;
  for (const FieldError& e : s.error().fields)
    if (e.field == field && e.reason == reason) return true;
  return false;
}

TEST(ValidateActivity, AcceptsACallWithAnOutcomeAndANextStep) {
  Activity a = StepDue("2026-11-24T02:00:00Z");
  a.occurred_at = At("2026-11-23T01:00:00Z");
  a.outcome = "客户有意向";
  a.note = "王经理说下周给出月发货量。";
  EXPECT_TRUE(ValidateActivity(a, At("2026-11-23T02:00:00Z")));
}

TEST(ValidateActivity, NamesEachWrongField) {
  const Instant now = At("2026-11-23T02:00:00Z");
  Activity future;
  future.kind = ActivityKind::kCall;
  future.occurred_at = At("2026-11-23T03:00:00Z");
  EXPECT_TRUE(Names(ValidateActivity(future, now), "occurred_at", "in_future"));

  Activity empty_note;
  empty_note.kind = ActivityKind::kNote;
  empty_note.occurred_at = now;
  empty_note.note = "  \n";
  EXPECT_TRUE(Names(ValidateActivity(empty_note, now), "note", "required"));

  Activity step_without_due;
  step_without_due.kind = ActivityKind::kVisit;
  step_without_due.occurred_at = now;
  step_without_due.next_step = "送样品";
  EXPECT_TRUE(Names(ValidateActivity(step_without_due, now), "next_step_due_at", "required"));

  Activity due_without_step;
  due_without_step.kind = ActivityKind::kVisit;
  due_without_step.occurred_at = now;
  due_without_step.next_step_due_at = now;
  EXPECT_TRUE(Names(ValidateActivity(due_without_step, now), "next_step", "required"));

  Activity due_before = StepDue("2026-11-22T00:00:00Z");
  due_before.occurred_at = now;
  EXPECT_TRUE(Names(ValidateActivity(due_before, now), "next_step_due_at", "out_of_range"));

  Activity long_outcome;
  long_outcome.kind = ActivityKind::kCall;
  long_outcome.occurred_at = now;
  long_outcome.outcome = std::string(201 * 3, '\0');
  for (size_t i = 0; i < 201; ++i) long_outcome.outcome.replace(i * 3, 3, "好");
  EXPECT_TRUE(Names(ValidateActivity(long_outcome, now), "outcome", "too_long"));
  long_outcome.outcome.resize(200 * 3);  // 200 characters of three bytes each: allowed
  EXPECT_TRUE(ValidateActivity(long_outcome, now));
}

TEST(CheckCanComplete, RefusesAStepThatIsAbsentOrDone) {
  EXPECT_TRUE(CheckCanComplete(StepDue("2026-11-23T02:00:00Z")));
  Activity none;
  const Status no_step = CheckCanComplete(none);
  ASSERT_FALSE(no_step);
  EXPECT_EQ(no_step.error().code, ErrorCode::kInvalidState);
  EXPECT_TRUE(Names(no_step, "next_step", "no_next_step"));
  Activity done = StepDue("2026-11-23T02:00:00Z");
  done.next_step_done_at = At("2026-11-23T03:00:00Z");
  EXPECT_TRUE(Names(CheckCanComplete(done), "next_step", "already_done"));
}

TEST(ValidateReferral, BothAccountsDifferAndTheRewardIsInRange) {
  Referral ok{.referred_id = CustomerId{2}, .referrer_id = CustomerId{1}, .reward_note = "赠送运费券500元", .reward_points = 500};
  EXPECT_TRUE(ValidateReferral(ok));
  Referral self = ok;
  self.referrer_id = CustomerId{2};
  EXPECT_TRUE(Names(ValidateReferral(self), "referrer_customer_id", "same_account"));
  Referral negative = ok;
  negative.reward_points = -1;
  EXPECT_TRUE(Names(ValidateReferral(negative), "reward_points", "out_of_range"));
  Referral too_many = ok;
  too_many.reward_points = 1'000'001;
  EXPECT_TRUE(Names(ValidateReferral(too_many), "reward_points", "out_of_range"));
  Referral no_reward = ok;
  no_reward.reward_note.clear();
  no_reward.reward_points.reset();
  EXPECT_TRUE(ValidateReferral(no_reward));
}

}  // namespace
}  // namespace consign::activities
