#include "modules/activities/activity.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "core/text.hpp"

namespace consign::activities {

namespace {

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::optional<Subject> ParseSubject(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > kMaxSubjectKindChars) return std::nullopt;
  const std::string_view kind = text.substr(0, colon);
  for (char c : kind)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return std::nullopt;
  const std::string_view digits = text.substr(colon + 1);
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return Subject{std::string(kind), id};
}

std::string SubjectText(const Subject& subject) { return subject.kind + ":" + std::to_string(subject.id); }

std::string_view KindName(ActivityKind kind) { return kActivityKindNames[static_cast<size_t>(kind)]; }

std::optional<ActivityKind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kActivityKindNames.size(); ++i)
    if (kActivityKindNames[i] == name) return static_cast<ActivityKind>(i);
  return std::nullopt;
}

Status ValidateActivity(const Activity& a, Instant now) {
  FieldErrors errors;
  if (a.occurred_at > now)
    errors.Add("occurred_at", "in_future", "occurred_at must not be in the future; plan a call as a next step");
  if (text::CodePointCount(a.outcome) > kMaxOutcomeChars)
    errors.Add("outcome", "too_long", "outcome must be at most 200 characters");
  if (text::CodePointCount(a.note) > kMaxNoteChars)
    errors.Add("note", "too_long", "note must be at most 4000 characters");
  else if (a.kind == ActivityKind::kNote && IsBlank(a.note))
    errors.Add("note", "required", "a note needs its text");
  const bool has_step = !IsBlank(a.next_step);
  if (text::CodePointCount(a.next_step) > kMaxNextStepChars)
    errors.Add("next_step", "too_long", "next_step must be at most 200 characters");
  if (has_step && !a.next_step_due_at)
    errors.Add("next_step_due_at", "required", "a next step needs its due time");
  if (!has_step && a.next_step_due_at)
    errors.Add("next_step", "required", "a due time needs the next step it is for");
  if (has_step && a.next_step_due_at && *a.next_step_due_at < a.occurred_at)
    errors.Add("next_step_due_at", "out_of_range", "next_step_due_at must not be before occurred_at");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::string_view StateName(NextStepState state) {
  switch (state) {
    case NextStepState::kNone: return "none";
    case NextStepState::kOverdue: return "overdue";
    case NextStepState::kDueToday: return "due_today";
    case NextStepState::kLater: return "later";
    case NextStepState::kDone: return "done";
  }
  return "none";
}

NextStepState ClassifyNextStep(const Activity& a, Instant now, const LocalDay& day) {
  if (a.next_step.empty() || !a.next_step_due_at) return NextStepState::kNone;
  if (a.next_step_done_at) return NextStepState::kDone;
  const Instant due = *a.next_step_due_at;
  if (due < now) return NextStepState::kOverdue;
  if (due < day.end) return NextStepState::kDueToday;
  return NextStepState::kLater;
}

MyDay PlanDay(std::vector<Activity> open_steps, Instant now, const LocalDay& day) {
  MyDay plan{day, {}, {}};
  for (Activity& a : open_steps) {
    switch (ClassifyNextStep(a, now, day)) {
      case NextStepState::kOverdue: plan.overdue.push_back(std::move(a)); break;
      case NextStepState::kDueToday: plan.due_today.push_back(std::move(a)); break;
      case NextStepState::kNone:
      case NextStepState::kLater:
      case NextStepState::kDone: break;
    }
  }
  const auto by_due = [](const Activity& x, const Activity& y) {
    return std::tie(*x.next_step_due_at, x.id) < std::tie(*y.next_step_due_at, y.id);
  };
  std::sort(plan.overdue.begin(), plan.overdue.end(), by_due);
  std::sort(plan.due_today.begin(), plan.due_today.end(), by_due);
  return plan;
}

Status CheckCanComplete(const Activity& a) {
  if (a.next_step.empty() || !a.next_step_due_at) {
    Error e = MakeError(ErrorCode::kInvalidState, "This activity has no next step to complete.");
    e.fields.push_back({"next_step", "no_next_step", "the activity has no next step"});
    return e;
  }
  if (a.next_step_done_at) {
    Error e = MakeError(ErrorCode::kInvalidState, "This next step is completed already.");
    e.fields.push_back({"next_step", "already_done", "the next step is completed already"});
    return e;
  }
  return Ok();
}

Status ValidateReferral(const Referral& r) {
  FieldErrors errors;
  if (r.referred_id.value() <= 0)
    errors.Add("referred_customer_id", "required", "referred_customer_id must name an account");
  if (r.referrer_id.value() <= 0)
    errors.Add("referrer_customer_id", "required", "referrer_customer_id must name an account");
  else if (r.referrer_id == r.referred_id)
    errors.Add("referrer_customer_id", "same_account", "an account cannot have referred itself");
  if (r.reward_points && (*r.reward_points < 0 || *r.reward_points > kMaxRewardPoints))
    errors.Add("reward_points", "out_of_range", "reward_points must be from 0 to 1000000");
  if (text::CodePointCount(r.reward_note) > kMaxRewardNoteChars)
    errors.Add("reward_note", "too_long", "reward_note must be at most 500 characters");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

}  // namespace consign::activities
