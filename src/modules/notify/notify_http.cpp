#include "modules/notify/notify_http.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "modules/notify/access.hpp"
#include "modules/notify/notify_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::notify {

namespace {

namespace json = boost::json;
using http::Fail;

constexpr std::string_view kTopicCodes[] = {"picked_up", "out_for_delivery", "delivered", "failed_attempt",
                                            "exception"};

json::array TopicsJson(const std::vector<Topic>& topics) {
  json::array out;
  for (Topic t : topics) out.push_back(json::string(TopicCode(t)));
  return out;
}

http::Response PreferencesResponse(const Preferences& p, const std::optional<std::string>& new_secret) {
  json::object o{{"account_id", p.account_id},
                 {"language", LanguageCode(p.language)},
                 {"email", p.email},
                 {"webhook_url", p.webhook_url},
                 {"has_webhook_secret", !p.webhook_secret.empty()},
                 {"sms_phone", p.sms_phone},
                 {"email_topics", TopicsJson(p.email_topics)},
                 {"webhook_topics", TopicsJson(p.webhook_topics)},
                 {"sms_topics", TopicsJson(p.sms_topics)},
                 {"revision", p.revision}};
  if (new_secret) o["webhook_secret"] = *new_secret;  // shown this once
  http::Response r = http::JsonResponse(200, std::move(o));
  r.Set("ETag", "\"" + std::to_string(p.revision) + "\"");
  return r;
}

std::optional<int64_t> AccountOf(const http::Request& request) { return http::ParsePositiveInt(request.PathParam("id")); }

http::Response GetPreferencesRoute(const http::Request& request, http::Context& ctx) {
  const auto account = AccountOf(request);
  if (!account) return Fail(NotFound("Account"), request, ctx);
  auto p = GetPreferences(ctx, *account);
  if (!p) return Fail(p.error(), request, ctx);
  return PreferencesResponse(*p, std::nullopt);
}

http::Response PutPreferencesRoute(const http::Request& request, http::Context& ctx) {
  const auto account = AccountOf(request);
  if (!account) return Fail(NotFound("Account"), request, ctx);
  // Settings never saved have revision 0, and their ETag says so: "0" is a valid If-Match here.
  const bool never_saved = request.Header("if-match") == std::optional<std::string_view>("\"0\"");
  auto expected = never_saved ? Result<std::optional<int64_t>>(std::optional<int64_t>(0))
                              : http::ExpectedVersion(request, "notification settings");
  if (!expected) return Fail(expected.error(), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  Preferences p;
  p.account_id = *account;
  p.language = ParseLanguage(form.Enum("language", {"zh", "en"})).value_or(Language::kZh);
  p.email = form.OptString("email", 254).value_or("");
  p.webhook_url = form.OptString("webhook_url", kMaxUrlBytes).value_or("");
  p.sms_phone = form.OptString("sms_phone", 40).value_or("");
  for (Channel c : kChannels) {
    const std::string field = std::string(ChannelCode(c)) + "_topics";
    const std::vector<std::string> codes = form.StringArray(field, std::size(kTopicCodes), 40);
    for (size_t i = 0; i < codes.size(); ++i) {
      const auto topic = ParseTopic(codes[i]);
      if (!topic)
        form.Add(http::FieldPath(field, std::to_string(i)), "invalid_enum",
                 "a topic is picked_up, out_for_delivery, delivered, failed_attempt or exception");
      else if (std::find(p.TopicsOf(c).begin(), p.TopicsOf(c).end(), *topic) == p.TopicsOf(c).end())
        p.TopicsOf(c).push_back(*topic);
    }
  }
  const bool rotate = form.OptBool("rotate_secret").value_or(false);
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  // The first save of an account has nothing to match: revision 0.
  auto saved = SetPreferences(ctx, std::move(p), expected->value_or(0), rotate);
  if (!saved) return Fail(saved.error(), request, ctx);
  return PreferencesResponse(Masked(saved->preferences), saved->new_secret);
}

json::object TemplateJson(const Template& t) {
  const Rendered preview = Preview(t);
  return json::object{{"topic", TopicCode(t.topic)},         {"channel", ChannelCode(t.channel)},
                      {"language", LanguageCode(t.language)}, {"subject", t.subject},
                      {"body", t.body},                       {"is_default", t.is_default},
                      {"preview_subject", preview.subject},   {"preview_body", preview.body}};
}

http::Response ListTemplatesRoute(const http::Request& request, http::Context& ctx) {
  auto templates = ListTemplates(ctx);
  if (!templates) return Fail(templates.error(), request, ctx);
  json::array items, placeholders;
  for (const Template& t : *templates) items.push_back(TemplateJson(t));
  for (const Placeholder& p : Placeholders())
    placeholders.push_back(json::object{{"name", p.name}, {"zh", p.zh}, {"en", p.en}});
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"placeholders", std::move(placeholders)}});
}

// The template named by the path: /notification-templates/{topic}/{channel}/{language}.
Result<Template> TemplateOfPath(const http::Request& request) {
  FieldErrors errors;
  const auto topic = ParseTopic(request.PathParam("topic"));
  const auto channel = ParseChannel(request.PathParam("channel"));
  const auto language = ParseLanguage(request.PathParam("language"));
  if (!topic) errors.Add("topic", "invalid_enum", "topic is picked_up, out_for_delivery, delivered, failed_attempt or exception");
  if (!channel || *channel == Channel::kWebhook) errors.Add("channel", "invalid_enum", "channel is email or sms");
  if (!language) errors.Add("language", "invalid_enum", "language is zh or en");
  if (!errors.empty()) return std::move(errors).ToError();
  return Template{*topic, *channel, *language, "", "", false};
}

http::Response PutTemplateRoute(const http::Request& request, http::Context& ctx) {
  auto t = TemplateOfPath(request);
  if (!t) return Fail(t.error(), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  if (t->channel == Channel::kEmail) t->subject = form.String("subject", kMaxSubjectChars);
  t->body = form.OptMultilineString("body", kMaxBodyChars).value_or("");
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetTemplate(ctx, *t, false);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, TemplateJson(*saved));
}

http::Response ResetTemplateRoute(const http::Request& request, http::Context& ctx) {
  auto t = TemplateOfPath(request);
  if (!t) return Fail(t.error(), request, ctx);
  auto saved = SetTemplate(ctx, *t, true);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, TemplateJson(*saved));
}

json::object MessageJson(const Message& m) {
  json::object o{{"id", m.id},
                 {"account_id", m.account_id},
                 {"topic", TopicCode(m.topic)},
                 {"ref", m.ref},
                 {"order_id", m.order_id ? json::value(*m.order_id) : json::value(nullptr)},
                 {"channel", ChannelCode(m.channel)},
                 {"destination", m.destination},
                 {"language", LanguageCode(m.language)},
                 {"subject", m.subject},
                 {"status", MessageStatusCode(m.status)},
                 {"attempts", m.attempts},
                 {"created_at", FormatRfc3339(m.created_at)},
                 {"sent_at", m.sent_at ? json::value(FormatRfc3339(*m.sent_at)) : json::value(nullptr)},
                 {"last_error", m.last_error}};
  return o;
}

http::Response ListLogRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  MessageFilter filter;
  filter.limit = page->limit + 1;
  filter.before_id = page->cursor;
  FieldErrors errors;
  for (const auto& [name, target] :
       {std::pair{"account_id", &filter.account_id}, std::pair{"order_id", &filter.order_id}})
    if (auto raw = request.Query(name); raw && !raw->empty()) {
      if (auto id = http::ParsePositiveInt(*raw)) *target = *id;
      else errors.Add(name, "invalid_format", std::string(name) + " is a positive id");
    }
  if (auto raw = request.Query("status"); raw && !raw->empty()) {
    if (!(filter.status = ParseMessageStatus(*raw))) errors.Add("status", "invalid_enum", "status is queued, sent, failed or dead");
  }
  if (auto raw = request.Query("channel"); raw && !raw->empty()) {
    if (!(filter.channel = ParseChannel(*raw))) errors.Add("channel", "invalid_enum", "channel is email, webhook or sms");
  }
  if (auto raw = request.Query("topic"); raw && !raw->empty()) {
    if (!(filter.topic = ParseTopic(*raw)))
      errors.Add("topic", "invalid_enum", "topic is picked_up, out_for_delivery, delivered, failed_attempt or exception");
  }
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  auto listed = ListLog(ctx, filter);
  if (!listed) return Fail(listed.error(), request, ctx);
  json::array items;
  json::value next = nullptr;
  for (const Message& m : *listed) {
    if (static_cast<int>(items.size()) == page->limit) {
      next = json::string(std::to_string(items.back().as_object().at("id").as_int64()));
      break;
    }
    items.push_back(MessageJson(m));
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

http::Response GetMessageRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Notification"), request, ctx);
  auto entry = GetMessage(ctx, *id);
  if (!entry) return Fail(entry.error(), request, ctx);
  json::object o = MessageJson(entry->message);
  o["body"] = entry->message.body;
  json::array attempts;
  for (const Attempt& a : entry->attempts)
    attempts.push_back(json::object{{"attempt", a.attempt},
                                    {"at", FormatRfc3339(a.at)},
                                    {"ok", a.ok},
                                    {"detail", a.detail},
                                    {"millis", a.millis}});
  o["attempt_log"] = std::move(attempts);
  return http::JsonResponse(200, std::move(o));
}

http::Response RetryRoute(const http::Request& request, http::Context& ctx) {
  const auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Notification"), request, ctx);
  auto m = Retry(ctx, *id);
  if (!m) return Fail(m.error(), request, ctx);
  return http::JsonResponse(200, MessageJson(*m));
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/customers/{id}/notification-settings", http::Requires(kRead), GetPreferencesRoute);
  router.Put("/api/v1/customers/{id}/notification-settings", http::Requires(kManage), PutPreferencesRoute);
  router.Get("/api/v1/notification-templates", http::Requires(kTemplates), ListTemplatesRoute);
  router.Put("/api/v1/notification-templates/{topic}/{channel}/{language}", http::Requires(kTemplates),
             PutTemplateRoute);
  router.Delete("/api/v1/notification-templates/{topic}/{channel}/{language}", http::Requires(kTemplates),
                ResetTemplateRoute);
  router.Get("/api/v1/notifications", http::Requires(kRead), ListLogRoute);
  router.Get("/api/v1/notifications/{id}", http::Requires(kRead), GetMessageRoute);
  router.Post("/api/v1/notifications/{id}/retry", http::Requires(kRetry), RetryRoute);
}

}  // namespace consign::notify
