#include "modules/activities/activities_http.hpp"

#include <boost/json/object.hpp>
#include <cstdio>

#include "modules/activities/access.hpp"
#include "modules/activities/activity_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::activities {

namespace json = boost::json;

namespace {

using http::Fail;

json::value TimeOrNull(const std::optional<Instant>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

std::string DateText(const std::chrono::year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
  return buf;
}

json::object ToJson(const ActivityView& v) {
  const Activity& a = v.activity;
  json::object o;
  o["id"] = a.id.value();
  o["subject"] = json::object{{"kind", a.subject.kind}, {"id", a.subject.id}, {"label", v.subject_label}};
  o["kind"] = KindName(a.kind);
  o["occurred_at"] = FormatRfc3339(a.occurred_at);
  o["outcome"] = a.outcome;
  o["note"] = a.note;
  o["owner"] = json::object{{"id", a.owner_id.value()}, {"login", v.owner_login}, {"name", v.owner_name}};
  o["next_step"] = a.next_step.empty() ? json::value(nullptr) : json::value(a.next_step);
  o["next_step_due_at"] = TimeOrNull(a.next_step_due_at);
  o["next_step_done_at"] = TimeOrNull(a.next_step_done_at);
  o["next_step_done_by"] = a.next_step_done_by ? json::value(a.next_step_done_by->value()) : json::value(nullptr);
  o["next_step_state"] = StateName(v.state);
  o["created_at"] = FormatRfc3339(a.created_at);
  return o;
}

json::array ToJson(const std::vector<ActivityView>& views) {
  json::array items;
  for (const ActivityView& v : views) items.push_back(ToJson(v));
  return items;
}

// A subject {"kind": "account", "id": 12} of a body.
Subject ReadSubject(http::JsonFields& fields) {
  Subject subject;
  const json::object* obj = fields.OptObject("subject");
  if (!obj) {
    if (fields.ok()) fields.Add("subject", "required", "subject must be an object {kind, id}");
    return subject;
  }
  http::JsonFields inner(*obj, "subject");
  subject.kind = inner.String("kind", kMaxSubjectKindChars);
  subject.id = inner.Int("id", 1);
  if (inner.ok() && !ParseSubject(SubjectText(subject)))
    inner.Add("kind", "invalid_format", "kind must be lower-case letters");
  if (Status s = inner.Finish(); !s) fields.Merge(s.error());
  return subject;
}

std::optional<Instant> ReadTime(http::JsonFields& fields, std::string_view field) {
  auto text = fields.OptString(field, 40);
  if (!text) return std::nullopt;
  auto t = ParseRfc3339(*text);
  if (!t) fields.Add(field, "invalid_format", std::string(field) + " must be an RFC 3339 instant");
  return t;
}

http::Response CreateHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Activity draft;
  draft.subject = ReadSubject(fields);
  const std::string kind = fields.Enum("kind", std::span<const std::string_view>(kActivityKindNames));
  if (auto parsed = ParseKind(kind)) draft.kind = *parsed;
  if (auto t = ReadTime(fields, "occurred_at")) draft.occurred_at = *t;
  draft.outcome = fields.OptString("outcome", kMaxOutcomeChars).value_or("");
  draft.note = fields.OptMultilineString("note", kMaxNoteChars).value_or("");
  if (auto owner = fields.OptInt("owner_id", 1)) draft.owner_id = UserId{*owner};
  draft.next_step = fields.OptString("next_step", kMaxNextStepChars).value_or("");
  draft.next_step_due_at = ReadTime(fields, "next_step_due_at");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = RecordActivity(ctx, subjects, std::move(draft));
  if (!saved) return Fail(saved.error(), request, ctx);
  http::Response response = http::JsonResponse(201, ToJson(*saved));
  response.Set("Location", "/api/v1/activities/" + std::to_string(saved->activity.id.value()));
  return response;
}

http::Response ListPage(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects,
                        const Subject& subject) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  std::optional<ActivityId> after;
  if (page->cursor) after = ActivityId{*page->cursor};
  auto rows = ListForSubject(ctx, subjects, subject, page->limit, after);
  if (!rows) return Fail(rows.error(), request, ctx);
  return http::PageResponse(
      *rows, page->limit, [](const ActivityView& v) { return v.activity.id.value(); },
      [](const ActivityView& v) { return ToJson(v); });
}

http::Response ListHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto raw = request.Query("subject");
  if (!raw || raw->empty())
    return Fail(InvalidField("subject", "required", "subject is required, as kind:id (account:12)"), request, ctx);
  const auto subject = ParseSubject(*raw);
  if (!subject) return Fail(InvalidField("subject", "invalid_format", "subject must be kind:id (account:12)"), request, ctx);
  return ListPage(request, ctx, subjects, *subject);
}

http::Response TimelineHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  return ListPage(request, ctx, subjects, Subject{std::string(kAccountSubject), *id});
}

http::Response GetHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Activity"), request, ctx);
  auto found = GetActivity(ctx, subjects, ActivityId{*id});
  if (!found) return Fail(found.error(), request, ctx);
  return http::JsonResponse(200, ToJson(*found));
}

http::Response CompleteHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Activity"), request, ctx);
  auto done = CompleteNextStep(ctx, subjects, ActivityId{*id});
  if (!done) return Fail(done.error(), request, ctx);
  return http::JsonResponse(200, ToJson(*done));
}

http::Response MyDayHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  auto day = MyDayOf(ctx, subjects);
  if (!day) return Fail(day.error(), request, ctx);
  return http::JsonResponse(200, json::object{{"date", DateText(day->day.date)},
                                              {"time_zone", kDefaultTimeZone},
                                              {"day_start", FormatRfc3339(day->day.start)},
                                              {"day_end", FormatRfc3339(day->day.end)},
                                              {"overdue", ToJson(day->overdue)},
                                              {"due_today", ToJson(day->due_today)}});
}

// --- referrals ---

json::object ToJson(const ReferralView& v) {
  const Referral& r = v.referral;
  const auto account = [](CustomerId id, const std::optional<std::string>& label) {
    return json::object{{"id", id.value()}, {"label", label ? json::value(*label) : json::value(nullptr)}};
  };
  json::object o;
  o["id"] = r.id.value();
  o["referred"] = account(r.referred_id, v.referred_label);
  o["referrer"] = account(r.referrer_id, v.referrer_label);
  o["reward_note"] = r.reward_note;
  o["reward_points"] = r.reward_points ? json::value(*r.reward_points) : json::value(nullptr);
  o["created_at"] = FormatRfc3339(r.created_at);
  return o;
}

http::Response CreateReferral(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Referral draft;
  draft.referred_id = CustomerId{fields.Int("referred_customer_id", 1)};
  draft.referrer_id = CustomerId{fields.Int("referrer_customer_id", 1)};
  draft.reward_note = fields.OptMultilineString("reward_note", kMaxRewardNoteChars).value_or("");
  draft.reward_points = fields.OptInt("reward_points", 0, kMaxRewardPoints);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = RecordReferral(ctx, subjects, std::move(draft));
  if (!saved) return Fail(saved.error(), request, ctx);
  http::Response response = http::JsonResponse(201, ToJson(*saved));
  response.Set("Location", "/api/v1/referrals/" + std::to_string(saved->referral.id.value()));
  return response;
}

std::optional<Result<CustomerId>> AccountParam(const http::Request& request, std::string_view name) {
  const auto raw = request.Query(name);
  if (!raw) return std::nullopt;
  const auto id = http::ParsePositiveInt(*raw);
  if (!id) return Result<CustomerId>(InvalidField(std::string(name), "invalid_format", std::string(name) + " must be an account id"));
  return Result<CustomerId>(CustomerId{*id});
}

http::Response ListReferrals(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto referred = AccountParam(request, "referred_customer_id");
  const auto referrer = AccountParam(request, "referrer_customer_id");
  if (referred && referrer)
    return Fail(InvalidField("referred_customer_id", "not_allowed", "give referred_customer_id or referrer_customer_id, not both"),
                request, ctx);
  if (referred) {
    if (!*referred) return Fail(referred->error(), request, ctx);
    auto found = ReferralOfAccount(ctx, subjects, **referred);
    if (!found) return Fail(found.error(), request, ctx);
    json::array items;
    if (*found) items.push_back(ToJson(**found));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
  }
  if (!referrer)
    return Fail(InvalidField("referrer_customer_id", "required", "give referrer_customer_id or referred_customer_id"),
                request, ctx);
  if (!*referrer) return Fail(referrer->error(), request, ctx);
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  std::optional<ReferralId> before;
  if (page->cursor) before = ReferralId{*page->cursor};
  auto rows = ReferralsByAccount(ctx, subjects, **referrer, page->limit, before);
  if (!rows) return Fail(rows.error(), request, ctx);
  return http::PageResponse(
      *rows, page->limit, [](const ReferralView& v) { return v.referral.id.value(); },
      [](const ReferralView& v) { return ToJson(v); });
}

http::Response GetReferralHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Referral"), request, ctx);
  auto found = GetReferral(ctx, subjects, ReferralId{*id});
  if (!found) return Fail(found.error(), request, ctx);
  return http::JsonResponse(200, ToJson(*found));
}

http::Response DeleteReferralHandler(const http::Request& request, http::Context& ctx, const SubjectRegistry& subjects) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Referral"), request, ctx);
  if (Status s = RemoveReferral(ctx, subjects, ReferralId{*id}); !s) return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

}  // namespace

void RegisterRoutes(http::Router& router, const SubjectRegistry& subjects) {
  const SubjectRegistry* s = &subjects;
  const auto bind = [s](http::Response (*handler)(const http::Request&, http::Context&, const SubjectRegistry&)) {
    return [s, handler](const http::Request& request, http::Context& ctx) { return handler(request, ctx, *s); };
  };
  router.Get("/api/v1/activities", http::Requires(kRead), bind(ListHandler));
  router.Post("/api/v1/activities", http::Requires(kCreate), bind(CreateHandler));
  router.Get("/api/v1/activities/my-day", http::Requires(kRead), bind(MyDayHandler));
  router.Get("/api/v1/activities/{id}", http::Requires(kRead), bind(GetHandler));
  router.Post("/api/v1/activities/{id}/complete", http::Requires(kUpdate), bind(CompleteHandler));
  router.Get("/api/v1/customers/{id}/timeline", http::Requires(kRead), bind(TimelineHandler));
  router.Get("/api/v1/referrals", http::Requires(kReferralsRead), bind(ListReferrals));
  router.Post("/api/v1/referrals", http::Requires(kReferralsCreate), bind(CreateReferral));
  router.Get("/api/v1/referrals/{id}", http::Requires(kReferralsRead), bind(GetReferralHandler));
  router.Delete("/api/v1/referrals/{id}", http::Requires(kReferralsDelete), bind(DeleteReferralHandler));
}

}  // namespace consign::activities
