#pragma once
// Telling customers first (主动通知, DOMAIN.md §4): which events an account hears about, over which
// channels, in which language, and the text each message carries. Pure: no I/O; the store keeps the
// settings, templates and messages, delivery.hpp sends them.
//
// A *topic* is an event a customer may choose to hear about. Each is told at most once per order and
// channel (the outbox's unique key), and never an earlier stage after a later one: a pickup scan that
// arrives after the delivery is not announced (Rank).
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace consign::notify {

enum class Topic { kPickedUp, kOutForDelivery, kDelivered, kFailedAttempt, kException };
inline constexpr Topic kTopics[] = {Topic::kPickedUp, Topic::kOutForDelivery, Topic::kDelivered,
                                    Topic::kFailedAttempt, Topic::kException};
std::string_view TopicCode(Topic t);  // "picked_up", "out_for_delivery", "delivered", "failed_attempt", "exception"
std::optional<Topic> ParseTopic(std::string_view code);
// The stages a shipment goes through in order: 1 picked up, 2 out for delivery, 3 delivered; 0 for
// the incidents (a failed attempt, an exception), which are told whenever they happen.
int Rank(Topic t);
// Whether a notice of `t` is still news when the order's customer has already been told of a topic
// of rank `told_rank` (the highest told so far, 0 when none).
bool StillNews(Topic t, int told_rank);

enum class Channel { kEmail, kWebhook, kSms };
inline constexpr Channel kChannels[] = {Channel::kEmail, Channel::kWebhook, Channel::kSms};
std::string_view ChannelCode(Channel c);  // "email", "webhook", "sms"
std::optional<Channel> ParseChannel(std::string_view code);

enum class Language { kZh, kEn };
std::string_view LanguageCode(Language l);  // "zh", "en"
std::optional<Language> ParseLanguage(std::string_view code);

// An account's choices. A channel with no destination is off; its topics are kept for when it is on.
struct Preferences {
  int64_t account_id = 0;
  Language language = Language::kZh;
  std::string email;        // one address
  std::string webhook_url;  // http(s)://…
  std::string webhook_secret;  // HMAC-SHA256 key; generated, shown once
  std::string sms_phone;    // a mobile number, canonical (text::NormalizePhone)
  std::vector<Topic> email_topics, webhook_topics, sms_topics;
  int64_t revision = 0;
  Instant updated_at{};

  const std::vector<Topic>& TopicsOf(Channel c) const;
  std::vector<Topic>& TopicsOf(Channel c);
  const std::string& DestinationOf(Channel c) const;
};

inline constexpr size_t kMaxUrlBytes = 500;

// Each field checked, named as in the API: email (invalid_format), webhook_url (an http or https URL
// without credentials or fragment, ≤ 500 bytes: invalid_format), sms_phone (a mobile number:
// invalid_format). Topics come parsed. Does not look up hosts: the sender refuses private addresses
// when it connects (delivery.hpp).
[[nodiscard]] Status ValidatePreferences(const Preferences& p);

// What happened, for the templates: waybill, status, place, time (already in the account's zone and
// language), eta, exception, track_url…
using Vars = std::map<std::string, std::string, std::less<>>;

// The placeholders a template may use, with their meaning (shown beside the editor).
struct Placeholder {
  std::string_view name, zh, en;
};
std::span<const Placeholder> Placeholders();

// A template of one topic, channel and language. Webhooks carry JSON, not text, and have none.
struct Template {
  Topic topic = Topic::kDelivered;
  Channel channel = Channel::kEmail;
  Language language = Language::kZh;
  std::string subject;  // e-mail only
  std::string body;
  bool is_default = true;  // not edited by an admin
};
inline constexpr size_t kMaxSubjectChars = 200;
inline constexpr size_t kMaxBodyChars = 4000;
inline constexpr size_t kMaxSmsChars = 300;

// The built-in text of each (topic, channel, language): what the system says until an admin edits it.
Template DefaultTemplate(Topic topic, Channel channel, Language language);

// Checked: a body (and for e-mail a subject), within their lengths (an SMS body at most 300
// characters), every {{name}} a known placeholder (unknown_placeholder naming it), braces balanced.
// Fields "subject" and "body". kInvalidArgument for the webhook channel ("channel": no template).
[[nodiscard]] Status ValidateTemplate(const Template& t);

// {{name}} replaced by vars[name] (an unknown or missing one by ""). Single braces stay as they are.
std::string Render(std::string_view text, const Vars& vars);

// A message as it will be sent, rendered when it was queued.
struct Rendered {
  std::string subject;
  std::string body;
};
Rendered RenderMessage(const Template& t, const Vars& vars);

// The webhook's JSON body: {"id", "topic", "account_id", "ref", "occurred_at", "data": vars}.
std::string WebhookBody(int64_t message_id, Topic topic, int64_t account_id, std::string_view ref,
                        Instant occurred_at, const Vars& vars);

// An RFC 5322 message for SMTP: UTF-8 text, the subject as an RFC 2047 encoded word, base64 body with
// CRLF line ends, a Message-ID made from the message's id (a resent message keeps it, so a mailbox can
// tell a resend), and the date.
std::string MailMessage(std::string_view from, std::string_view to, const Rendered& text, int64_t message_id,
                        std::string_view domain, Instant date);

// Delay before attempt `attempt` (2, 3, …): base × 2^(attempt−2), at most an hour.
std::chrono::seconds RetryDelay(int attempt, std::chrono::seconds base);
inline constexpr int kMaxAttempts = 8;

// The webhook's signature header, X-Consign-Signature: "t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" under the account's secret>" (Stripe's scheme: the time inside the MAC lets a receiver
// refuse replays older than a few minutes).
std::string SignatureHeader(std::string_view secret, int64_t unix_seconds, std::string_view body);
// A new webhook secret: "whsec_" + 32 random bytes, hex.
std::string NewWebhookSecret();

}  // namespace consign::notify
