#include "modules/notify/notify_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/notify/access.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::notify {

namespace json = boost::json;

namespace {

Preferences Blank(int64_t account_id) {
  Preferences p;
  p.account_id = account_id;
  return p;
}

std::string& PublicOrigin() {
  static std::string origin;
  return origin;
}

bool IsPortal(const Principal& who) { return who.role == Role::kPortal; }

// The record rule: a portal user, their own account; staff, an account they may read.
Status CheckAccount(Scope& scope, int64_t account_id) {
  const Principal& who = scope.principal();
  if (IsPortal(who)) {
    if (!who.customer_id || who.customer_id->value() != account_id) return NotFound("Account");
    return Ok();
  }
  if (Status s = customers::CheckReadable(scope, account_id); !s) return NotFound("Account");
  return Ok();
}

std::string MaskOf(Channel c, const std::string& value) {
  if (value.empty()) return value;
  return c == Channel::kEmail ? text::MaskEmail(value) : c == Channel::kSms ? text::MaskPhone(value) : value;
}

json::object AuditJson(const Preferences& p) {
  json::object o;
  o["language"] = LanguageCode(p.language);
  for (Channel c : kChannels) {
    json::array topics;
    for (Topic t : p.TopicsOf(c)) topics.push_back(json::string(TopicCode(t)));
    o[std::string(ChannelCode(c)) + "_topics"] = std::move(topics);
  }
  // Personal data masked, the secret never: the trail says what changed, not the values.
  o["email"] = MaskOf(Channel::kEmail, p.email);
  o["sms_phone"] = MaskOf(Channel::kSms, p.sms_phone);
  o["webhook_url"] = p.webhook_url;
  return o;
}

Status Audit(Scope& scope, std::string action, std::string entity, std::string id, std::optional<std::string> before,
             std::optional<std::string> after) {
  return audit::AuditLog{}.Record(scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::move(action),
                                                                std::move(entity), std::move(id), std::move(before),
                                                                std::move(after), scope.request_id()});
}

// A masked value sent back unchanged keeps the stored one; any other masked text is refused (it would
// store stars as an address).
Status KeepMasked(std::string& incoming, const std::string& stored, Channel c, const char* field) {
  if (!text::LooksMasked(incoming)) return Ok();
  if (!stored.empty() && incoming == MaskOf(c, stored)) {
    incoming = stored;
    return Ok();
  }
  return InvalidField(field, "invalid_format", std::string(field) + " holds '*': send the value itself");
}

Template TemplateFor(db::Transaction& tx, Topic topic, Channel channel, Language language) {
  if (auto edited = LoadTemplate(tx, topic, channel, language)) return *edited;
  return DefaultTemplate(topic, channel, language);
}

std::string MailDomain(const std::string& from) {
  const size_t at = from.rfind('@');
  if (at == std::string::npos) return "consign.local";
  std::string domain = from.substr(at + 1);
  if (const size_t gt = domain.find('>'); gt != std::string::npos) domain.resize(gt);
  return domain.empty() ? "consign.local" : domain;
}

SendResult Send(db::Database& database, const DeliverySettings& settings, const Message& m, Instant now) {
  switch (m.channel) {
    case Channel::kEmail:
      return SendMail(settings.sender, m.destination,
                      MailMessage(settings.sender.mail_from, m.destination, Rendered{m.subject, m.body}, m.id,
                                  MailDomain(settings.sender.mail_from), now));
    case Channel::kWebhook: {
      std::string secret;
      {
        auto tx = database.Begin(db::TxMode::kRead);
        if (auto p = LoadPreferences(*tx, m.account_id)) secret = p->webhook_secret;
        tx->Commit();
      }
      const int64_t unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      return PostJson(settings.sender, m.destination, m.body,
                      {"X-Consign-Signature: " + SignatureHeader(secret, unix_seconds, m.body),
                       "X-Consign-Event: " + std::string(TopicCode(m.topic)),
                       "X-Consign-Delivery: " + std::to_string(m.id)},
                      false);
    }
    case Channel::kSms: {
      if (settings.sender.sms_url.empty()) return {false, "no SMS gateway is configured (sms_gateway_url)"};
      const std::string body =
          json::serialize(json::object{{"id", m.id}, {"to", m.destination}, {"text", m.body}});
      std::vector<std::string> headers{"X-Consign-Delivery: " + std::to_string(m.id)};
      if (!settings.sender.sms_token.empty()) headers.push_back("Authorization: Bearer " + settings.sender.sms_token);
      return PostJson(settings.sender, settings.sender.sms_url, body, headers, true);
    }
  }
  return {false, "unknown channel"};
}

}  // namespace

int Queue(db::Transaction& tx, std::span<const Notice> notices, Instant now) {
  if (notices.empty()) return 0;
  std::vector<int64_t> accounts;
  for (const Notice& n : notices) accounts.push_back(n.account_id);
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  std::map<int64_t, Preferences> chose;
  for (Preferences& p : PreferencesOf(tx, accounts)) chose.emplace(p.account_id, std::move(p));
  if (chose.empty()) return 0;

  // The stages in the order they happened, so that a batch with a pickup and a delivery tells both.
  std::vector<const Notice*> ordered;
  for (const Notice& n : notices)
    if (chose.contains(n.account_id)) ordered.push_back(&n);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Notice* a, const Notice* b) { return a->occurred_at < b->occurred_at; });
  std::map<int64_t, int> told_rank;  // per order, as this batch goes on
  std::map<std::tuple<Topic, Channel, Language>, Template> templates;
  int queued = 0;
  for (const Notice* n : ordered) {
    if (n->order_id && Rank(n->topic) > 0) {
      auto rank = told_rank.find(*n->order_id);
      if (rank == told_rank.end()) rank = told_rank.emplace(*n->order_id, ToldRank(tx, *n->order_id)).first;
      if (!StillNews(n->topic, rank->second)) continue;
      rank->second = std::max(rank->second, Rank(n->topic));
    }
    const Preferences& p = chose.at(n->account_id);
    for (Channel c : kChannels) {
      const std::vector<Topic>& topics = p.TopicsOf(c);
      if (p.DestinationOf(c).empty() || std::find(topics.begin(), topics.end(), n->topic) == topics.end()) continue;
      Vars vars = p.language == Language::kEn ? n->en : n->zh;
      if (auto waybill = vars.find("waybill"); waybill != vars.end() && !vars.contains("track_url"))
        vars["track_url"] = PublicOrigin() + "/track/" + waybill->second;
      Message m;
      m.account_id = n->account_id;
      m.topic = n->topic;
      m.ref = n->ref;
      m.order_id = n->order_id;
      m.channel = c;
      m.destination = p.DestinationOf(c);
      m.language = p.language;
      m.created_at = now;
      if (c != Channel::kWebhook) {
        const auto key = std::tuple{n->topic, c, p.language};
        auto t = templates.find(key);
        if (t == templates.end()) t = templates.emplace(key, TemplateFor(tx, n->topic, c, p.language)).first;
        const Rendered r = RenderMessage(t->second, vars);
        m.subject = r.subject;
        m.body = r.body;
      }
      const std::optional<int64_t> id = InsertMessage(tx, m);
      if (!id) continue;  // told already: a retried change
      if (c == Channel::kWebhook)
        SetMessageBody(tx, *id, WebhookBody(*id, n->topic, n->account_id, n->ref, n->occurred_at, vars));
      jobs::Enqueue(tx, kDeliverJob, std::to_string(*id), now);
      ++queued;
    }
  }
  return queued;
}

void SetPublicOrigin(std::string origin) { PublicOrigin() = std::move(origin); }

std::vector<Told> ToldAbout(db::Transaction& tx, const std::vector<std::string>& refs) { return ToldOf(tx, refs); }

Preferences Masked(Preferences p) {
  p.email = MaskOf(Channel::kEmail, p.email);
  p.sms_phone = MaskOf(Channel::kSms, p.sms_phone);
  p.webhook_secret = p.webhook_secret.empty() ? "" : "set";
  return p;
}

Result<Preferences> GetPreferences(Scope& scope, int64_t account_id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  CONSIGN_TRY(CheckAccount(scope, account_id));
  Preferences p = LoadPreferences(scope.tx(), account_id).value_or(Blank(account_id));
  return Masked(std::move(p));
}

Result<Saved> SetPreferences(Scope& scope, Preferences p, int64_t revision, bool rotate_secret) {
  CONSIGN_TRY(Require(scope.principal(), kManage));
  CONSIGN_TRY(CheckAccount(scope, p.account_id));
  scope.write_tx();
  const std::optional<Preferences> stored = LoadPreferences(scope.tx(), p.account_id);
  const Preferences before = stored.value_or(Blank(p.account_id));
  if (revision != before.revision)
    return Error{ErrorCode::kPreconditionFailed,
                 "Someone else changed these notification settings; reload and try again.", {}, {}};
  CONSIGN_TRY(KeepMasked(p.email, before.email, Channel::kEmail, "email"));
  CONSIGN_TRY(KeepMasked(p.sms_phone, before.sms_phone, Channel::kSms, "sms_phone"));
  if (!p.sms_phone.empty())
    if (auto phone = text::NormalizePhone(p.sms_phone)) p.sms_phone = *phone;
  CONSIGN_TRY(ValidatePreferences(p));
  Saved saved;
  p.webhook_secret = before.webhook_secret;
  if (!p.webhook_url.empty() && (p.webhook_secret.empty() || rotate_secret || p.webhook_url != before.webhook_url)) {
    p.webhook_secret = NewWebhookSecret();
    saved.new_secret = p.webhook_secret;
  }
  if (p.webhook_url.empty()) p.webhook_secret.clear();
  p.revision = before.revision + 1;
  p.updated_at = scope.now();
  SavePreferences(scope.tx(), p, scope.principal().user_id.value());
  json::object after = AuditJson(p);
  if (saved.new_secret) after["webhook_secret"] = "new";
  CONSIGN_TRY(Audit(scope, "notify.preferences", "customer", std::to_string(p.account_id),
                    stored ? std::optional(json::serialize(AuditJson(before))) : std::nullopt, json::serialize(after)));
  saved.preferences = std::move(p);
  return saved;
}

Result<std::vector<Template>> ListTemplates(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kTemplates));
  std::map<std::tuple<Topic, Channel, Language>, Template> edited;
  for (Template& t : EditedTemplates(scope.tx())) edited.emplace(std::tuple{t.topic, t.channel, t.language}, t);
  std::vector<Template> out;
  for (Topic topic : kTopics)
    for (Channel channel : {Channel::kEmail, Channel::kSms})
      for (Language language : {Language::kZh, Language::kEn}) {
        auto e = edited.find(std::tuple{topic, channel, language});
        out.push_back(e != edited.end() ? e->second : DefaultTemplate(topic, channel, language));
      }
  return out;
}

Result<Template> SetTemplate(Scope& scope, Template t, bool reset) {
  CONSIGN_TRY(Require(scope.principal(), kTemplates));
  if (t.channel == Channel::kWebhook)
    return InvalidField("channel", "invalid_value", "webhooks carry JSON and have no template");
  if (!reset) CONSIGN_TRY(ValidateTemplate(t));
  scope.write_tx();
  const Template before = TemplateFor(scope.tx(), t.topic, t.channel, t.language);
  if (reset) {
    DeleteTemplate(scope.tx(), t.topic, t.channel, t.language);
    t = DefaultTemplate(t.topic, t.channel, t.language);
  } else {
    SaveTemplate(scope.tx(), t, scope.principal().user_id.value(), scope.now());
    t.is_default = false;
  }
  auto text = [](const Template& x) {
    return json::serialize(json::object{{"subject", x.subject}, {"body", x.body}, {"default", x.is_default}});
  };
  const std::string id = std::string(TopicCode(t.topic)) + "/" + std::string(ChannelCode(t.channel)) + "/" +
                         std::string(LanguageCode(t.language));
  CONSIGN_TRY(Audit(scope, "notify.template", "notification_template", id, text(before), text(t)));
  return t;
}

Rendered Preview(const Template& t) {
  const bool zh = t.language == Language::kZh;
  const Vars sample = {
      {"waybill", "SF1000000018"},
      {"status", zh ? "已签收" : "Delivered"},
      {"place", zh ? "深圳市南山区" : "Nanshan, Shenzhen"},
      {"time", "2026-12-03 18:40"},
      {"eta", "2026-12-04 18:00"},
      {"exception", zh ? "停滞：24 小时无扫描" : "stalled: no scan for 24 hours"},
      {"track_url", "https://consign.example.com/track/1000000018"},
  };
  return RenderMessage(t, sample);
}

Result<std::vector<Message>> ListLog(Scope& scope, MessageFilter filter) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  const Principal& who = scope.principal();
  if (IsPortal(who)) {
    if (!who.customer_id) return Forbidden("This portal user belongs to no account.");
    filter.account_id = who.customer_id->value();
  } else if (filter.account_id) {
    CONSIGN_TRY(CheckAccount(scope, *filter.account_id));
  }
  std::vector<Message> out;
  for (Message& m : ListMessages(scope.tx(), filter)) {
    // Staff see every account's log only through accounts they may read.
    if (!IsPortal(who) && !filter.account_id && !CheckAccount(scope, m.account_id)) continue;
    m.destination = MaskOf(m.channel, m.destination);
    out.push_back(std::move(m));
  }
  return out;
}

Result<LogEntry> GetMessage(Scope& scope, int64_t id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  std::optional<Message> m = LoadMessage(scope.tx(), id);
  if (!m) return NotFound("Notification");
  if (Status s = CheckAccount(scope, m->account_id); !s) return NotFound("Notification");
  m->destination = MaskOf(m->channel, m->destination);
  LogEntry entry{*m, AttemptsOf(scope.tx(), id)};
  return entry;
}

Result<Message> Retry(Scope& scope, int64_t id) {
  CONSIGN_TRY(Require(scope.principal(), kRetry));
  scope.write_tx();
  std::optional<Message> m = LoadMessage(scope.tx(), id);
  if (!m) return NotFound("Notification");
  if (Status s = CheckAccount(scope, m->account_id); !s) return NotFound("Notification");
  if (m->status == MessageStatus::kSent || m->status == MessageStatus::kQueued)
    return Error{ErrorCode::kInvalidState, "Only a failed or abandoned notification can be sent again.", {}, {}};
  Requeue(scope.tx(), id);
  jobs::Enqueue(scope.tx(), kDeliverJob, std::to_string(id), scope.now());
  CONSIGN_TRY(Audit(scope, "notify.retry", "notification", std::to_string(id),
                    json::serialize(json::object{{"status", MessageStatusCode(m->status)}}),
                    json::serialize(json::object{{"status", "queued"}})));
  m->status = MessageStatus::kQueued;
  m->destination = MaskOf(m->channel, m->destination);
  return *m;
}

void Deliver(db::Database& database, const Clock& clock, const DeliverySettings& settings, int64_t id) {
  std::optional<Message> m;
  {
    auto tx = database.Begin(db::TxMode::kRead);
    m = LoadMessage(*tx, id);
    tx->Commit();
  }
  if (!m || m->status == MessageStatus::kSent) return;  // sent by an earlier run of this job
  const Instant started = clock.Now();
  const SendResult sent = Send(database, settings, *m, started);
  const Instant done = clock.Now();
  Attempt a{m->attempts + 1, done, sent.ok, sent.detail,
            std::chrono::duration_cast<std::chrono::milliseconds>(done - started).count()};
  const MessageStatus status =
      sent.ok ? MessageStatus::kSent : a.attempt >= kMaxAttempts ? MessageStatus::kDead : MessageStatus::kFailed;
  auto tx = database.Begin(db::TxMode::kWrite);
  if (RecordAttempt(*tx, id, a, status) && status == MessageStatus::kFailed)
    jobs::Enqueue(*tx, kDeliverJob, std::to_string(id), done + RetryDelay(a.attempt + 1, settings.retry_base));
  tx->Commit();
}

}  // namespace consign::notify
