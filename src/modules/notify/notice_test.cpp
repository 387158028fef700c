#include "modules/notify/notice.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace consign::notify {
namespace {

using ::testing::HasSubstr;

TEST(Topics, StagesAreToldInOrderAndIncidentsAlways) {
  EXPECT_TRUE(StillNews(Topic::kPickedUp, 0));
  EXPECT_TRUE(StillNews(Topic::kDelivered, Rank(Topic::kPickedUp)));
  // A pickup scan arriving after the delivery was told is not news any more.
  EXPECT_FALSE(StillNews(Topic::kPickedUp, Rank(Topic::kDelivered)));
  EXPECT_FALSE(StillNews(Topic::kOutForDelivery, Rank(Topic::kOutForDelivery)));
  EXPECT_TRUE(StillNews(Topic::kException, Rank(Topic::kDelivered)));
  EXPECT_TRUE(StillNews(Topic::kFailedAttempt, Rank(Topic::kDelivered)));
  for (Topic t : kTopics) EXPECT_EQ(ParseTopic(TopicCode(t)), t);
  EXPECT_FALSE(ParseTopic("shipped"));
}

TEST(Preferences, EachBadFieldIsNamed) {
  Preferences p;
  p.email = "not-an-address";
  p.webhook_url = "ftp://example.com/hook";
  p.sms_phone = "0755-12345678";  // a landline cannot take an SMS
  Status s = ValidatePreferences(p);
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const FieldError& f : s.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("email", "webhook_url", "sms_phone"));

  p.email = "ops@example.com";
  p.webhook_url = "https://hooks.example.com/consign?k=1";
  p.sms_phone = "+86 138 1234 1234";
  EXPECT_TRUE(ValidatePreferences(p));
  for (const char* bad : {"https://user:pw@example.com/", "https://example.com/#frag", "https://exa mple.com/",
                          "http://", "javascript:alert(1)"}) {
    p.webhook_url = bad;
    EXPECT_FALSE(ValidatePreferences(p)) << bad;
  }
}

TEST(Templates, UnknownPlaceholdersAndMissingTextAreRefusedByField) {
  Template t = DefaultTemplate(Topic::kDelivered, Channel::kEmail, Language::kZh);
  EXPECT_TRUE(ValidateTemplate(t));
  t.body = "您的快件 {{waybil}} 已签收";
  Status s = ValidateTemplate(t);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields[0].field, "body");
  EXPECT_EQ(s.error().fields[0].reason, "unknown_placeholder");
  EXPECT_THAT(s.error().fields[0].message, HasSubstr("{{waybil}}"));
  t.body = "{{waybill";
  EXPECT_EQ(ValidateTemplate(t).error().fields[0].reason, "invalid_format");
  t.body = "ok";
  t.subject = " ";
  EXPECT_EQ(ValidateTemplate(t).error().fields[0].field, "subject");
  Template sms = DefaultTemplate(Topic::kException, Channel::kSms, Language::kEn);
  sms.body = std::string(301, 'x');
  EXPECT_EQ(ValidateTemplate(sms).error().fields[0].reason, "too_long");
  EXPECT_FALSE(ValidateTemplate(Template{Topic::kDelivered, Channel::kWebhook, Language::kZh, "", "x", false}));
}

TEST(Templates, EveryBuiltInTextIsValidInBothLanguages) {
  for (Topic topic : kTopics)
    for (Channel channel : {Channel::kEmail, Channel::kSms})
      for (Language language : {Language::kZh, Language::kEn})
        EXPECT_TRUE(ValidateTemplate(DefaultTemplate(topic, channel, language)))
            << TopicCode(topic) << "/" << ChannelCode(channel) << "/" << LanguageCode(language);
}

TEST(Render, ReplacesKnownNamesAndLeavesOtherTextAlone) {
  const Vars vars{{"waybill", "1000000018"}, {"eta", "12月4日"}};
  EXPECT_EQ(Render("快件{{waybill}}预计{{eta}}送达{{place}}。{单括号}", vars), "快件1000000018预计12月4日送达。{单括号}");
  EXPECT_EQ(Render("no end {{waybill", vars), "no end {{waybill");
}

TEST(Webhook, SignatureIsHmacSha256OfTimeDotBody) {
  // Expected value from Python's hmac module: hmac.new(b"whsec_test", b'1764758400.{"id":1}', sha256).
  EXPECT_EQ(SignatureHeader("whsec_test", 1764758400, R"({"id":1})"),
            "t=1764758400,v1=9d4f23ba82d89c8baf8745f408636d8b394b9164b5f1e9f96b12db20c336e055");
  const std::string a = NewWebhookSecret(), b = NewWebhookSecret();
  EXPECT_EQ(a.size(), 6u + 64u);
  EXPECT_NE(a, b);
}

TEST(Webhook, BodyNamesTheMessageTopicAndData) {
  const std::string body = WebhookBody(7, Topic::kException, 3, "exception:5", *ParseRfc3339("2026-12-03T10:00:00Z"),
                                       {{"waybill", "1000000018"}, {"exception", "停滞"}});
  EXPECT_EQ(body,
            R"({"id":7,"topic":"exception","account_id":3,"ref":"exception:5","occurred_at":"2026-12-03T10:00:00Z",)"
            R"("data":{"exception":"停滞","waybill":"1000000018"}})");
}

TEST(Mail, SubjectIsAnEncodedWordAndTheBodyBase64WithCrlf) {
  const std::string mail = MailMessage("Consign <noreply@example.com>", "ops@example.com",
                                       Rendered{"您的快件 1000000018 已签收", "第一行\n第二行\n"}, 42, "example.com",
                                       *ParseRfc3339("2026-12-03T10:04:05Z"));
  // Expected encodings from Python's base64 module.
  EXPECT_THAT(mail, HasSubstr("Subject: =?UTF-8?B?5oKo55qE5b+r5Lu2IDEwMDAwMDAwMTgg5bey562+5pS2?=\r\n"));
  EXPECT_THAT(mail, HasSubstr("\r\n\r\n56ys5LiA6KGMDQrnrKzkuozooYwNCg==\r\n"));
  EXPECT_THAT(mail, HasSubstr("Message-ID: <notice-42@example.com>\r\n"));
  EXPECT_THAT(mail, HasSubstr("Date: Thu, 03 Dec 2026 10:04:05 +0000\r\n"));
  EXPECT_THAT(mail, HasSubstr("To: ops@example.com\r\n"));
}

TEST(Retry, DelaysDoubleFromTheBaseUpToAnHour) {
  using std::chrono::seconds;
  EXPECT_EQ(RetryDelay(2, seconds(30)), seconds(30));
  EXPECT_EQ(RetryDelay(3, seconds(30)), seconds(60));
  EXPECT_EQ(RetryDelay(5, seconds(30)), seconds(240));
  EXPECT_EQ(RetryDelay(30, seconds(30)), seconds(3600));
}

}  // namespace
}  // namespace consign::notify
