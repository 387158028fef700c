#include "modules/notify/delivery.hpp"

#include <gtest/gtest.h>

namespace consign::notify {
namespace {

TEST(Delivery, InternalAddressesAreKnownSoWebhooksCannotReachThem) {
  for (const char* inside : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                             "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1",
                             "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not an address"})
    EXPECT_TRUE(IsInternalAddress(inside)) << inside;
  for (const char* outside : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "1.1.1.1", "2001:4860:4860::8888",
                              "::ffff:8.8.8.8"})
    EXPECT_FALSE(IsInternalAddress(outside)) << outside;
}

TEST(Delivery, AWebhookToLoopbackIsRefusedBeforeConnecting) {
  SenderSettings s;
  s.timeout = std::chrono::seconds(2);
  const SendResult r = PostJson(s, "http://127.0.0.1:9/hook", "{}", {}, false);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.detail, "refused: 127.0.0.1 is an internal address");
}

TEST(Delivery, MailWithoutAServerSaysSo) {
  const SendResult r = SendMail(SenderSettings{}, "ops@example.com", "Subject: x\r\n\r\nx\r\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.detail, "no SMTP server is configured (smtp_url)");
}

}  // namespace
}  // namespace consign::notify
