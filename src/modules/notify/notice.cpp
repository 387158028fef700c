#include "modules/notify/notice.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.hpp"

namespace consign::notify {

namespace {

struct TopicInfo {
  Topic topic;
  std::string_view code;
  int rank;
};
constexpr TopicInfo kTopicInfo[] = {
    {Topic::kPickedUp, "picked_up", 1},          {Topic::kOutForDelivery, "out_for_delivery", 2},
    {Topic::kDelivered, "delivered", 3},         {Topic::kFailedAttempt, "failed_attempt", 0},
    {Topic::kException, "exception", 0},
};

constexpr Placeholder kPlaceholders[] = {
    {"waybill", "运单号", "waybill number"},
    {"status", "当前状态", "current status"},
    {"place", "最新地点", "latest place"},
    {"time", "发生时间", "time of the event"},
    {"eta", "预计送达", "estimated delivery"},
    {"exception", "异常说明", "what went wrong"},
    {"track_url", "跟踪链接", "tracking link"},
};

// The built-in texts: {topic, language} → e-mail subject, e-mail body, SMS body.
struct Texts {
  Topic topic;
  Language language;
  std::string_view subject, email, sms;
};
constexpr Texts kTexts[] = {
    {Topic::kPickedUp, Language::kZh, "您的快件 {{waybill}} 已揽收",
     "您好：\n\n您的快件 {{waybill}} 已于 {{time}} 在 {{place}} 揽收，预计 {{eta}} 送达。\n\n查看跟踪：{{track_url}}\n",
     "您的快件{{waybill}}已揽收，预计{{eta}}送达。跟踪：{{track_url}}"},
    {Topic::kPickedUp, Language::kEn, "Your parcel {{waybill}} has been picked up",
     "Hello,\n\nyour parcel {{waybill}} was picked up at {{place}} on {{time}}; it should arrive by {{eta}}.\n\n"
     "Track it: {{track_url}}\n",
     "Parcel {{waybill}} picked up, due {{eta}}. Track: {{track_url}}"},
    {Topic::kOutForDelivery, Language::kZh, "您的快件 {{waybill}} 正在派送",
     "您好：\n\n您的快件 {{waybill}} 已于 {{time}} 从 {{place}} 出发派送，请保持电话畅通。\n\n查看跟踪：{{track_url}}\n",
     "您的快件{{waybill}}正在派送，请保持电话畅通。跟踪：{{track_url}}"},
    {Topic::kOutForDelivery, Language::kEn, "Your parcel {{waybill}} is out for delivery",
     "Hello,\n\nyour parcel {{waybill}} left {{place}} for delivery on {{time}}.\n\nTrack it: {{track_url}}\n",
     "Parcel {{waybill}} is out for delivery. Track: {{track_url}}"},
    {Topic::kDelivered, Language::kZh, "您的快件 {{waybill}} 已签收",
     "您好：\n\n您的快件 {{waybill}} 已于 {{time}} 在 {{place}} 签收。感谢您的信任。\n\n查看跟踪：{{track_url}}\n",
     "您的快件{{waybill}}已签收。跟踪：{{track_url}}"},
    {Topic::kDelivered, Language::kEn, "Your parcel {{waybill}} has been delivered",
     "Hello,\n\nyour parcel {{waybill}} was delivered at {{place}} on {{time}}. Thank you.\n\nTrack it: {{track_url}}\n",
     "Parcel {{waybill}} delivered. Track: {{track_url}}"},
    {Topic::kFailedAttempt, Language::kZh, "您的快件 {{waybill}} 派送未成功",
     "您好：\n\n您的快件 {{waybill}} 于 {{time}} 派送未成功：{{exception}}。我们会再次派送，如需更改请联系客服。\n\n"
     "查看跟踪：{{track_url}}\n",
     "您的快件{{waybill}}派送未成功：{{exception}}。跟踪：{{track_url}}"},
    {Topic::kFailedAttempt, Language::kEn, "Delivery of your parcel {{waybill}} did not succeed",
     "Hello,\n\nwe could not deliver your parcel {{waybill}} on {{time}}: {{exception}}. We will try again; "
     "contact us to change anything.\n\nTrack it: {{track_url}}\n",
     "Parcel {{waybill}} not delivered: {{exception}}. Track: {{track_url}}"},
    {Topic::kException, Language::kZh, "您的快件 {{waybill}} 出现异常",
     "您好：\n\n您的快件 {{waybill}} 出现异常：{{exception}}（{{time}}）。我们已在处理，处理结果会及时告知您。\n\n"
     "查看跟踪：{{track_url}}\n",
     "您的快件{{waybill}}出现异常：{{exception}}，我们正在处理。跟踪：{{track_url}}"},
    {Topic::kException, Language::kEn, "A problem with your parcel {{waybill}}",
     "Hello,\n\nsomething is wrong with your parcel {{waybill}}: {{exception}} ({{time}}). We are on it and "
     "will tell you what we find.\n\nTrack it: {{track_url}}\n",
     "Parcel {{waybill}}: {{exception}}. We are on it. Track: {{track_url}}"},
};

bool IsPlaceholder(std::string_view name) {
  return std::any_of(std::begin(kPlaceholders), std::end(kPlaceholders),
                     [&](const Placeholder& p) { return p.name == name; });
}

// Calls on_name for each {{name}}; false when a "{{" has no "}}".
template <class F>
bool EachPlaceholder(std::string_view text, F&& on_name) {
  for (size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at)) {
    const size_t end = text.find("}}", at + 2);
    if (end == std::string_view::npos) return false;
    on_name(text.substr(at + 2, end - at - 2));
    at = end + 2;
  }
  return true;
}

void CheckText(std::string_view field, std::string_view text, size_t max_chars, FieldErrors& error) {
  const std::string name(field);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    error.Add(name, "required", name + " is required");
    return;
  }
  if (text::CodePointCount(text) > max_chars) {
    error.Add(name, "too_long", name + " is longer than " + std::to_string(max_chars) + " characters");
    return;
  }
  const bool closed = EachPlaceholder(text, [&](std::string_view p) {
    if (!IsPlaceholder(p))
      error.Add(name, "unknown_placeholder", "{{" + std::string(p) + "}} is not a placeholder");
  });
  if (!closed) error.Add(name, "invalid_format", "a {{ has no closing }}");
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.resize(size * 2);
  return out;
}

bool IsHttpUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;  // no credentials
  if (url.find('#') != std::string_view::npos) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f;
  });
}

// "Thu, 03 Dec 2026 10:40:00 +0000" (RFC 5322 §3.3), English names whatever the locale.
std::string Rfc5322Date(Instant t) {
  static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday].data(), tm.tm_mday,
                kMonths[tm.tm_mon].data(), tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

}  // namespace

std::string_view TopicCode(Topic t) {
  for (const TopicInfo& i : kTopicInfo)
    if (i.topic == t) return i.code;
  return "";
}

std::optional<Topic> ParseTopic(std::string_view code) {
  for (const TopicInfo& i : kTopicInfo)
    if (i.code == code) return i.topic;
  return std::nullopt;
}

int Rank(Topic t) {
  for (const TopicInfo& i : kTopicInfo)
    if (i.topic == t) return i.rank;
  return 0;
}

bool StillNews(Topic t, int told_rank) { return Rank(t) == 0 || Rank(t) > told_rank; }

std::string_view ChannelCode(Channel c) {
  switch (c) {
    case Channel::kEmail: return "email";
    case Channel::kWebhook: return "webhook";
    case Channel::kSms: return "sms";
  }
  return "";
}

std::optional<Channel> ParseChannel(std::string_view code) {
  for (Channel c : kChannels)
    if (ChannelCode(c) == code) return c;
  return std::nullopt;
}

std::string_view LanguageCode(Language l) { return l == Language::kEn ? "en" : "zh"; }

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "zh") return Language::kZh;
  if (code == "en") return Language::kEn;
  return std::nullopt;
}

const std::vector<Topic>& Preferences::TopicsOf(Channel c) const {
  return c == Channel::kEmail ? email_topics : c == Channel::kWebhook ? webhook_topics : sms_topics;
}

std::vector<Topic>& Preferences::TopicsOf(Channel c) {
  return c == Channel::kEmail ? email_topics : c == Channel::kWebhook ? webhook_topics : sms_topics;
}

const std::string& Preferences::DestinationOf(Channel c) const {
  return c == Channel::kEmail ? email : c == Channel::kWebhook ? webhook_url : sms_phone;
}

Status ValidatePreferences(const Preferences& p) {
  FieldErrors error;
  if (!p.email.empty() && !text::IsValidEmail(p.email))
    error.Add("email", "invalid_format", "email is not an e-mail address");
  if (!p.webhook_url.empty() && (p.webhook_url.size() > kMaxUrlBytes || !IsHttpUrl(p.webhook_url)))
    error.Add("webhook_url", "invalid_format",
              "webhook_url must be an http:// or https:// URL without user, password or fragment, at most 500 bytes");
  if (!p.sms_phone.empty()) {
    const std::optional<std::string> phone = text::NormalizePhone(p.sms_phone);
    if (!phone || phone->size() != 11 || (*phone)[0] != '1')
      error.Add("sms_phone", "invalid_format", "sms_phone must be a mobile number");
  }
  if (!error.empty()) return std::move(error).ToError();
  return Ok();
}

std::span<const Placeholder> Placeholders() { return kPlaceholders; }

Template DefaultTemplate(Topic topic, Channel channel, Language language) {
  Template t{topic, channel, language, "", "", true};
  for (const Texts& x : kTexts) {
    if (x.topic != topic || x.language != language) continue;
    if (channel == Channel::kEmail) t.subject = x.subject, t.body = x.email;
    if (channel == Channel::kSms) t.body = x.sms;
  }
  return t;
}

Status ValidateTemplate(const Template& t) {
  if (t.channel == Channel::kWebhook)
    return InvalidField("channel", "invalid_value", "webhooks carry JSON and have no template");
  FieldErrors error;
  if (t.channel == Channel::kEmail) CheckText("subject", t.subject, kMaxSubjectChars, error);
  CheckText("body", t.body, t.channel == Channel::kSms ? kMaxSmsChars : kMaxBodyChars, error);
  if (t.channel == Channel::kEmail && t.subject.find_first_of("\r\n") != std::string::npos)
    error.Add("subject", "invalid_characters", "subject must be one line");
  if (!error.empty()) return std::move(error).ToError();
  return Ok();
}

std::string Render(std::string_view text, const Vars& vars) {
  std::string out;
  out.reserve(text.size() + 64);
  size_t from = 0;
  for (size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", from)) {
    const size_t end = text.find("}}", at + 2);
    if (end == std::string_view::npos) break;
    out.append(text.substr(from, at - from));
    if (auto v = vars.find(text.substr(at + 2, end - at - 2)); v != vars.end()) out += v->second;
    from = end + 2;
  }
  out.append(text.substr(from));
  return out;
}

Rendered RenderMessage(const Template& t, const Vars& vars) {
  return Rendered{Render(t.subject, vars), Render(t.body, vars)};
}

std::string WebhookBody(int64_t message_id, Topic topic, int64_t account_id, std::string_view ref,
                        Instant occurred_at, const Vars& vars) {
  // Made once when the message is queued and stored: the receiver's signature check is over these bytes.
  boost::json::object data;
  for (const auto& [name, value] : vars) data[name] = value;
  return boost::json::serialize(boost::json::object{{"id", message_id},
                                                    {"topic", TopicCode(topic)},
                                                    {"account_id", account_id},
                                                    {"ref", ref},
                                                    {"occurred_at", FormatRfc3339(occurred_at)},
                                                    {"data", std::move(data)}});
}

std::string MailMessage(std::string_view from, std::string_view to, const Rendered& text, int64_t message_id,
                        std::string_view domain, Instant date) {
  std::string body;  // CRLF line ends, as SMTP wants them
  for (char c : text.body) {
    if (c == '\n' && (body.empty() || body.back() != '\r')) body += '\r';
    body += c;
  }
  std::string encoded = Base64(body), wrapped;
  for (size_t i = 0; i < encoded.size(); i += 76) wrapped += encoded.substr(i, 76) + "\r\n";
  const std::string id = std::to_string(message_id);
  return "Date: " + Rfc5322Date(date) + "\r\nFrom: " + std::string(from) + "\r\nTo: " + std::string(to) +
         "\r\nSubject: =?UTF-8?B?" + Base64(text.subject) + "?=\r\nMessage-ID: <notice-" + id + "@" +
         std::string(domain) + ">\r\nX-Consign-Notice: " + id +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         wrapped;
}

std::chrono::seconds RetryDelay(int attempt, std::chrono::seconds base) {
  const int doublings = std::clamp(attempt - 2, 0, 20);
  return std::min<std::chrono::seconds>(base * (int64_t{1} << doublings), std::chrono::hours(1));
}

std::string SignatureHeader(std::string_view secret, int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(t.data()), t.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return "t=" + t + ",v1=" + Hex(mac.data(), mac.size());
}

std::string NewWebhookSecret() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return "whsec_" + Hex(bytes.data(), bytes.size());
}

}  // namespace consign::notify
