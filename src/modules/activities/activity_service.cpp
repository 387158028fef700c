#include "modules/activities/activity_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

#include "core/text.hpp"
#include "modules/activities/access.hpp"
#include "modules/activities/activity_store.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/auth_service.hpp"

namespace consign::activities {

namespace json = boost::json;

namespace {

Status Audit(Scope& scope, std::string_view action, std::string_view entity, int64_t id,
             std::optional<json::object> before, std::optional<json::object> after) {
  audit::AuditEntry entry;
  entry.at = scope.now();
  entry.actor = scope.principal();
  entry.action = std::string(action);
  entry.entity = std::string(entity);
  entry.entity_id = std::to_string(id);
  if (before) entry.before_json = json::serialize(*before);
  if (after) entry.after_json = json::serialize(*after);
  entry.request_id = scope.request_id();
  return audit::AuditLog{}.Record(scope.tx(), entry);
}

// What the trail keeps of an activity: what, about whom, whose, when — not the note or outcome texts,
// which may hold a phone number or a name the trail must not carry (their length only).
json::object AuditJson(const Activity& a) {
  json::object o{{"subject", SubjectText(a.subject)},
                 {"kind", KindName(a.kind)},
                 {"occurred_at", FormatRfc3339(a.occurred_at)},
                 {"owner_id", a.owner_id.value()},
                 {"outcome_chars", text::CodePointCount(a.outcome)},
                 {"note_chars", text::CodePointCount(a.note)},
                 {"next_step_chars", text::CodePointCount(a.next_step)}};
  o["next_step_due_at"] = a.next_step_due_at ? json::value(FormatRfc3339(*a.next_step_due_at)) : json::value(nullptr);
  o["next_step_done_at"] = a.next_step_done_at ? json::value(FormatRfc3339(*a.next_step_done_at)) : json::value(nullptr);
  return o;
}

json::object AuditJson(const Referral& r) {
  json::object o{{"referred_customer_id", r.referred_id.value()},
                 {"referrer_customer_id", r.referrer_id.value()},
                 {"reward_note_chars", text::CodePointCount(r.reward_note)}};
  o["reward_points"] = r.reward_points ? json::value(*r.reward_points) : json::value(nullptr);
  return o;
}

Result<LocalDay> Today(Scope& scope) {
  auto day = DayAt(scope.now(), kDefaultTimeZone);
  if (!day) return Internal("activities: the tzdata has no " + std::string(kDefaultTimeZone));
  return *day;
}

// Resolves subjects once per call (a page names the same account many times).
class SubjectCache {
 public:
  SubjectCache(Scope& scope, const SubjectRegistry& subjects) : scope_(scope), subjects_(subjects) {}
  Result<SubjectSummary> Resolve(const Subject& s) {
    auto key = std::make_pair(s.kind, s.id);
    if (auto it = seen_.find(key); it != seen_.end()) return it->second;
    Result<SubjectSummary> r = subjects_.Resolve(scope_, s.kind, s.id);
    seen_.emplace(key, r);
    return r;
  }

 private:
  Scope& scope_;
  const SubjectRegistry& subjects_;
  std::map<std::pair<std::string, int64_t>, Result<SubjectSummary>> seen_;
};

// Labels, owners and states for activities whose subjects the caller may see (`labels` by index).
std::vector<ActivityView> Describe(Scope& scope, std::vector<Activity> activities, std::vector<std::string> labels,
                                   const LocalDay& day) {
  std::vector<UserId> owners;
  for (const Activity& a : activities) owners.push_back(a.owner_id);
  const std::map<UserId, auth::UserSummary> users = auth::DescribeUsers(scope.tx(), owners);
  std::vector<ActivityView> views;
  views.reserve(activities.size());
  for (size_t i = 0; i < activities.size(); ++i) {
    ActivityView v;
    v.state = ClassifyNextStep(activities[i], scope.now(), day);
    if (auto it = users.find(activities[i].owner_id); it != users.end()) {
      v.owner_login = it->second.login;
      v.owner_name = it->second.name;
    }
    v.subject_label = std::move(labels[i]);
    v.activity = std::move(activities[i]);
    views.push_back(std::move(v));
  }
  return views;
}

Result<ActivityView> DescribeOne(Scope& scope, Activity a, std::string label) {
  auto day = Today(scope);
  if (!day) return day.error();
  std::vector<Activity> one;
  one.push_back(std::move(a));
  return std::move(Describe(scope, std::move(one), {std::move(label)}, *day).front());
}

Status CheckOwner(Scope& scope, UserId owner) {
  const Principal& who = scope.principal();
  if (owner == who.user_id) return Ok();
  if (!ActsForOthers(who.role)) {
    Error e = Forbidden("You may record activities in your own name only.");
    e.fields.push_back({"owner_id", "outside_scope", "owner_id must be you"});
    return e;
  }
  const UserId ids[] = {owner};
  const auto users = auth::DescribeUsers(scope.tx(), ids);
  auto it = users.find(owner);
  if (it == users.end()) return InvalidField("owner_id", "not_found", "owner_id names no user");
  if (it->second.role == Role::kPortal) return InvalidField("owner_id", "not_staff", "owner_id must be a staff user");
  if (!it->second.active) return InvalidField("owner_id", "inactive", "owner_id names a deactivated user");
  return Ok();
}

}  // namespace

Result<ActivityView> RecordActivity(Scope& scope, const SubjectRegistry& subjects, Activity draft) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kCreate));
  auto subject = subjects.Resolve(scope, draft.subject.kind, draft.subject.id);
  if (!subject) return subject.error();
  const Instant now = scope.now();
  if (draft.occurred_at == Instant{}) draft.occurred_at = now;
  if (draft.owner_id.value() == 0) draft.owner_id = who.user_id;
  CONSIGN_TRY(ValidateActivity(draft, now));
  if (draft.owner_id.value() == 0)  // a system principal (the demo) must name the owner
    return InvalidField("owner_id", "required", "owner_id is required");
  CONSIGN_TRY(CheckOwner(scope, draft.owner_id));
  if (draft.next_step.find_first_not_of(" \t") == std::string::npos) draft.next_step.clear();
  draft.created_by = who.user_id;
  draft.created_at = now;
  draft.next_step_done_at.reset();
  draft.next_step_done_by.reset();
  Activity saved = InsertActivity(scope.tx(), std::move(draft));
  CONSIGN_TRY(Audit(scope, "activity.create", "activity", saved.id.value(), std::nullopt, AuditJson(saved)));
  return DescribeOne(scope, std::move(saved), subject->label);
}

Result<ActivityView> GetActivity(Scope& scope, const SubjectRegistry& subjects, ActivityId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  std::optional<Activity> a = LoadActivity(scope.tx(), id);
  if (!a) return NotFound("Activity");
  auto subject = subjects.Resolve(scope, a->subject.kind, a->subject.id);
  if (!subject) return NotFound("Activity");
  return DescribeOne(scope, *std::move(a), subject->label);
}

Result<std::vector<ActivityView>> ListForSubject(Scope& scope, const SubjectRegistry& subjects, const Subject& subject,
                                                 int limit, std::optional<ActivityId> after) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto summary = subjects.Resolve(scope, subject.kind, subject.id);
  if (!summary) return summary.error();
  auto rows = ListBySubject(scope.tx(), subject, limit + 1, after);
  if (!rows) return InvalidField("cursor", "invalid_format", "cursor must come from next_cursor");
  auto day = Today(scope);
  if (!day) return day.error();
  std::vector<std::string> labels(rows->size(), summary->label);
  return Describe(scope, *std::move(rows), std::move(labels), *day);
}

Result<ActivityView> CompleteNextStep(Scope& scope, const SubjectRegistry& subjects, ActivityId id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kUpdate));
  std::optional<Activity> a = LoadActivity(scope.tx(), id, /*for_update=*/true);
  if (!a) return NotFound("Activity");
  auto subject = subjects.Resolve(scope, a->subject.kind, a->subject.id);
  if (!subject) return NotFound("Activity");
  if (a->owner_id != who.user_id && !ActsForOthers(who.role))
    return Forbidden("Only the activity's owner or a manager completes its next step.");
  CONSIGN_TRY(CheckCanComplete(*a));
  const Activity before = *a;
  const Instant now = scope.now();
  if (!MarkNextStepDone(scope.tx(), id, now, who.user_id)) {  // completed meanwhile (the row is locked: not expected)
    Activity done = before;
    done.next_step_done_at = now;
    return CheckCanComplete(done).error();
  }
  a->next_step_done_at = now;
  if (who.user_id.value() > 0) a->next_step_done_by = who.user_id;
  CONSIGN_TRY(Audit(scope, "activity.complete", "activity", id.value(), AuditJson(before), AuditJson(*a)));
  return DescribeOne(scope, *std::move(a), subject->label);
}

Result<MyDayView> MyDayOf(Scope& scope, const SubjectRegistry& subjects) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto day = Today(scope);
  if (!day) return day.error();
  MyDay plan = PlanDay(OpenStepsDueBefore(scope.tx(), scope.principal().user_id, day->end, kMaxMyDaySteps),
                       scope.now(), *day);
  SubjectCache cache(scope, subjects);
  // A step whose subject the caller can no longer see (an account handed to another team) is left
  // out: its activity would show what the record rule hides.
  const auto visible = [&](std::vector<Activity> steps) {
    std::vector<Activity> kept;
    std::vector<std::string> labels;
    for (Activity& a : steps) {
      auto s = cache.Resolve(a.subject);
      if (!s) continue;
      labels.push_back(s->label);
      kept.push_back(std::move(a));
    }
    return Describe(scope, std::move(kept), std::move(labels), *day);
  };
  MyDayView view;
  view.day = *day;
  view.overdue = visible(std::move(plan.overdue));
  view.due_today = visible(std::move(plan.due_today));
  return view;
}

// --- referrals --------------------------------------------------------------------------------

namespace {

std::optional<std::string> LabelIfVisible(SubjectCache& cache, CustomerId account) {
  auto s = cache.Resolve(Subject{std::string(kAccountSubject), account.value()});
  if (!s) return std::nullopt;
  return s->label;
}

ReferralView ViewOf(SubjectCache& cache, Referral r) {
  ReferralView v;
  v.referred_label = LabelIfVisible(cache, r.referred_id);
  v.referrer_label = LabelIfVisible(cache, r.referrer_id);
  v.referral = std::move(r);
  return v;
}

}  // namespace

Result<ReferralView> RecordReferral(Scope& scope, const SubjectRegistry& subjects, Referral draft) {
  CONSIGN_TRY(Require(scope.principal(), kReferralsCreate));
  CONSIGN_TRY(ValidateReferral(draft));
  SubjectCache cache(scope, subjects);
  FieldErrors missing;
  if (!LabelIfVisible(cache, draft.referred_id))
    missing.Add("referred_customer_id", "not_found", "referred_customer_id names no account you can see");
  if (!LabelIfVisible(cache, draft.referrer_id))
    missing.Add("referrer_customer_id", "not_found", "referrer_customer_id names no account you can see");
  if (!missing.empty()) return std::move(missing).ToError();
  if (ReferralOf(scope.tx(), draft.referred_id))
    return Conflict("referred_customer_id", "duplicate", "This account's referral is recorded already.");
  draft.created_by = scope.principal().user_id;
  draft.created_at = scope.now();
  Referral saved = InsertReferral(scope.tx(), std::move(draft));
  CONSIGN_TRY(Audit(scope, "referral.create", "referral", saved.id.value(), std::nullopt, AuditJson(saved)));
  return ViewOf(cache, std::move(saved));
}

Result<ReferralView> GetReferral(Scope& scope, const SubjectRegistry& subjects, ReferralId id) {
  CONSIGN_TRY(Require(scope.principal(), kReferralsRead));
  std::optional<Referral> r = LoadReferral(scope.tx(), id);
  if (!r) return NotFound("Referral");
  SubjectCache cache(scope, subjects);
  ReferralView v = ViewOf(cache, *std::move(r));
  if (!v.referred_label) return NotFound("Referral");
  return v;
}

Result<std::optional<ReferralView>> ReferralOfAccount(Scope& scope, const SubjectRegistry& subjects,
                                                      CustomerId account) {
  CONSIGN_TRY(Require(scope.principal(), kReferralsRead));
  SubjectCache cache(scope, subjects);
  if (!LabelIfVisible(cache, account)) return NotFound("Customer");
  std::optional<Referral> r = ReferralOf(scope.tx(), account);
  if (!r) return std::optional<ReferralView>{};
  return std::optional<ReferralView>{ViewOf(cache, *std::move(r))};
}

Result<std::vector<ReferralView>> ReferralsByAccount(Scope& scope, const SubjectRegistry& subjects,
                                                     CustomerId referrer, int limit, std::optional<ReferralId> before) {
  CONSIGN_TRY(Require(scope.principal(), kReferralsRead));
  SubjectCache cache(scope, subjects);
  if (!LabelIfVisible(cache, referrer)) return NotFound("Customer");
  std::vector<ReferralView> views;
  for (Referral& r : ReferralsBy(scope.tx(), referrer, limit + 1, before)) views.push_back(ViewOf(cache, std::move(r)));
  return views;
}

Status RemoveReferral(Scope& scope, const SubjectRegistry& subjects, ReferralId id) {
  CONSIGN_TRY(Require(scope.principal(), kReferralsDelete));
  std::optional<Referral> r = LoadReferral(scope.tx(), id);
  if (!r) return NotFound("Referral");
  SubjectCache cache(scope, subjects);
  if (!LabelIfVisible(cache, r->referred_id)) return NotFound("Referral");
  if (!DeleteReferral(scope.tx(), id)) return NotFound("Referral");
  return Audit(scope, "referral.delete", "referral", id.value(), AuditJson(*r), std::nullopt);
}

}  // namespace consign::activities
