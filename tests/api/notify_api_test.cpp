// Issue 10, item 4 over HTTP on every backend: customers told first. An account chooses its events and
// channels; scans pushed through the API put messages in the outbox in the same transaction, and they
// arrive at a real local SMTP server (Debian's python3-aiosmtpd) and a real local webhook receiver
// (tests/tools/sinks.py), signed with HMAC-SHA256, retried after a 500 or a timeout, each attempt in
// the delivery log; nothing is told twice when the same scans come again.
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/tracking_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A receiver of tests/tools/sinks.py in a process of its own: "smtp" or "http" with a plan of answers.
class Sink {
 public:
  Sink(const std::string& kind, const std::string& plan = "") {
    char pattern[] = "/tmp/consign-sink-XXXXXX";
    dir_ = mkdtemp(pattern);
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      const std::string script = std::string(CONSIGN_SOURCE_DIR) + "/tests/tools/sinks.py";
      execl("/usr/bin/python3", "python3", script.c_str(), kind.c_str(), dir_.c_str(), plan.c_str(), nullptr);
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    if (line.empty()) throw std::runtime_error("the " + kind + " sink did not start (is python3-aiosmtpd installed?)");
    port_ = std::stoi(line);
  }
  ~Sink() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    fs::remove_all(dir_);
  }
  int port() const { return port_; }
  std::string url(const std::string& path = "/hook") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  // The files received so far, in order, waiting up to `wait` for at least `at_least`.
  std::vector<std::string> Received(size_t at_least, std::chrono::seconds wait = 20s) const {
    std::vector<std::string> files;
    for (auto until = std::chrono::steady_clock::now() + wait;;) {
      files.clear();
      for (int n = 1;; ++n) {
        std::ifstream in(fs::path(dir_) / (std::to_string(n) + (kind_is_smtp() ? ".eml" : ".json")));
        if (!in) break;
        std::stringstream text;
        text << in.rdbuf();
        files.push_back(text.str());
      }
      if (files.size() >= at_least || std::chrono::steady_clock::now() > until) return files;
      std::this_thread::sleep_for(100ms);
    }
  }

 private:
  bool kind_is_smtp() const { return fs::exists(fs::path(dir_) / "1.eml") || !fs::exists(fs::path(dir_) / "1.json"); }
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

std::string HmacHex(const std::string& key, const std::string& data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac.data(), mac.size());
  return hex;
}

// The SMTP sink is started once for the suite: each test has its own account and address.
class NotifyApi : public ApiTest {
 protected:
  static void SetUpTestSuite() { smtp_ = new Sink("smtp"); }
  static void TearDownTestSuite() { delete smtp_; }

  ServerOptions ServerOptionsForTest() override {
    ServerOptions o;
    o.fake_now = std::nullopt;  // the real clock: retries are due after real seconds
    o.extra_args = {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_->port()),
                    "--mail-from", "顺达物流 <notice@consign.test>",
                    "--notify-retry-base", "1s",
                    "--notify-timeout", "2s",
                    "--webhook-private-hosts", "1",
                    "--public-origin", "http://track.consign.test"};
    return o;
  }

  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    HttpResponse customer = admin().Post("/api/v1/customers", R"({"name":"顺达电子有限公司"})");
    ASSERT_EQ(customer.status, 201) << customer.body;
    customer_ = customer.Json().at("id").as_int64();
    HttpResponse carrier = admin().Post("/api/v1/carriers", json::serialize(CarrierBody("NTF")));
    ASSERT_EQ(carrier.status, 201) << carrier.body;
    HttpResponse key =
        admin().Post("/api/v1/carriers/" + std::to_string(carrier.Json().at("id").as_int64()) + "/api-keys",
                     R"({"label":"scans"})");
    ASSERT_EQ(key.status, 201) << key.body;
    key_ = std::string(key.Json().at("key").as_string());
  }
  HttpClient& admin() { return *admin_; }
  std::string Settings() { return "/api/v1/customers/" + std::to_string(customer_) + "/notification-settings"; }
  // A new order's waybill number; its id in order_id_.
  std::string Order() {
    HttpResponse r = admin().Post("/api/v1/orders", json::serialize(OrderBody(customer_)));
    EXPECT_EQ(r.status, 201) << r.body;
    order_id_ = r.Json().at("id").as_int64();
    return std::string(r.Json().at("waybill").as_string());
  }
  HttpResponse Push(const json::array& events) {
    HttpClient carrier = server().Client();
    return carrier.Post("/api/v1/scans", json::serialize(events), {{"X-Carrier-Key", key_}});
  }
  // The delivery log of the last order, polled until it has `at_least` messages, all with `status`.
  json::array Log(size_t at_least = 1, std::string_view status = "sent") {
    json::array items;
    for (int i = 0; i < 100; ++i) {
      HttpResponse r = admin().Get("/api/v1/notifications?order_id=" + std::to_string(order_id_));
      EXPECT_EQ(r.status, 200) << r.body;
      items = r.Json().at("items").as_array();
      const bool settled = std::all_of(items.begin(), items.end(), [&](const json::value& m) {
        return m.at("status").as_string() == status;
      });
      if (items.size() >= at_least && settled) break;
      std::this_thread::sleep_for(200ms);
    }
    return items;
  }

  // The mails to `address` the SMTP server has received, waiting up to 20 s for at least `at_least`.
  static std::vector<std::string> MailsTo(const std::string& address, size_t at_least) {
    std::vector<std::string> mine;
    for (auto until = std::chrono::steady_clock::now() + 20s;; std::this_thread::sleep_for(100ms)) {
      mine.clear();
      for (const std::string& m : smtp_->Received(0, 0s))
        if (m.find("To: " + address + "\r\n") != std::string::npos) mine.push_back(m);
      if (mine.size() >= at_least || std::chrono::steady_clock::now() > until) return mine;
    }
  }

  static Sink* smtp_;
  std::unique_ptr<HttpClient> admin_;
  int64_t customer_ = 0, order_id_ = 0;
  std::string key_;
};

std::chrono::system_clock::time_point Now() { return std::chrono::system_clock::now(); }
Sink* NotifyApi::smtp_ = nullptr;

TEST_P(NotifyApi, TheCustomersEmailArrivesAtTheSmtpServerOnceInTheirLanguage) {
  // An admin words the pickup e-mail; the account chose pickups and exceptions by e-mail, in Chinese.
  HttpResponse t = admin().Put("/api/v1/notification-templates/picked_up/email/zh",
                               R"({"subject":"【顺达】{{waybill}} 已揽收","body":"{{waybill}} 于 {{place}} 揽收。{{track_url}}"})");
  ASSERT_EQ(t.status, 200) << t.body;
  const std::string address = "ops-" + GetParam() + "-" + std::to_string(customer_) + "@shunda.test";  // one sink for every backend
  HttpResponse set = admin().Put(Settings(), json::serialize(json::object{
                                                 {"language", "zh"},
                                                 {"email", address},
                                                 {"email_topics", json::array{"picked_up", "exception"}}}));
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json().at("email").as_string(), "o***@shunda.test");  // masked on the way back too

  const std::string waybill = Order();
  const auto now = Now();
  const json::array events{Scan(waybill, "PICKUP", now - 3h, "n1", "深圳南山"),
                           Scan(waybill, "DAMAGED", now - 1h, "n2", "上海转运中心")};
  HttpResponse pushed = Push(events);
  ASSERT_EQ(pushed.status, 200) << pushed.body;

  const std::vector<std::string> mine = MailsTo(address, 2);
  ASSERT_GE(mine.size(), 2u);  // the pickup, the damage (and any other finding)
  // The subject in RFC 2047 (UTF-8, base64): "【顺达】<waybill> 已揽收" as the admin wrote it.
  const std::string subject = "【顺达】" + waybill + " 已揽收";
  std::string encoded(sodium_base64_ENCODED_LEN(subject.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(subject.data()),
                    subject.size(), sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);
  EXPECT_THAT(mine[0] + mine[1], HasSubstr("Subject: =?UTF-8?B?" + encoded + "?="));

  // The log says sent; the exception queue says the customer was told.
  const json::array log = Log(mine.size());
  ASSERT_EQ(log.size(), mine.size());
  for (const json::value& m : log) {
    EXPECT_EQ(m.at("status").as_string(), "sent") << json::serialize(m);
    EXPECT_EQ(m.at("destination").as_string(), "o***@shunda.test");
  }
  HttpResponse exceptions = admin().Get("/api/v1/exceptions?kind=damaged");
  ASSERT_EQ(exceptions.status, 200);
  ASSERT_EQ(exceptions.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(exceptions.Json().at("items").as_array()[0].at("customer_told").as_string(), "sent");

  // The carrier sends the same batch again: stored once, told once.
  ASSERT_EQ(Push(events).status, 200);
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(MailsTo(address, 0).size(), mine.size());
  EXPECT_EQ(Log().size(), mine.size());
}

TEST_P(NotifyApi, AWebhookIsSignedRetriedAfterA500AndATimeoutAndEveryAttemptLogged) {
  Sink hook("http", "500,sleep4,200");
  HttpResponse set = admin().Put(Settings(), json::serialize(json::object{
                                                 {"language", "en"},
                                                 {"webhook_url", hook.url()},
                                                 {"webhook_topics", json::array{"picked_up", "delivered"}}}));
  ASSERT_EQ(set.status, 200) << set.body;
  const std::string secret(set.Json().at("webhook_secret").as_string());  // shown this once
  EXPECT_THAT(secret, ::testing::StartsWith("whsec_"));
  EXPECT_FALSE(admin().Get(Settings()).Json().as_object().contains("webhook_secret"));

  const std::string waybill = Order();
  ASSERT_EQ(Push(json::array{Scan(waybill, "PICKUP", Now() - 2h, "w1", "深圳南山")}).status, 200);

  const std::vector<std::string> calls = hook.Received(3, 40s);
  ASSERT_EQ(calls.size(), 3u);
  const json::array log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].at("status").as_string(), "sent");
  EXPECT_EQ(log[0].at("attempts").as_int64(), 3);
  HttpResponse detail = admin().Get("/api/v1/notifications/" + std::to_string(log[0].at("id").as_int64()));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const json::value message = detail.Json();
  const json::array& attempts = message.at("attempt_log").as_array();
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_THAT(std::string(attempts[0].at("detail").as_string()), HasSubstr("HTTP 500"));
  EXPECT_THAT(std::string(attempts[1].at("detail").as_string()), HasSubstr("timed out"));
  EXPECT_TRUE(attempts[2].at("ok").as_bool());

  // Every call carries the same body and delivery id, and a signature the receiver can check.
  for (const std::string& call : calls) {
    const json::value c = json::parse(call);
    const std::string body(c.at("body").as_string());
    const std::string signature(c.at("headers").at("x-consign-signature").as_string());
    const std::string t = signature.substr(2, signature.find(',') - 2);
    EXPECT_EQ(signature, "t=" + t + ",v1=" + HmacHex(secret, t + "." + body));
    EXPECT_EQ(c.at("headers").at("x-consign-delivery").as_string(), std::to_string(log[0].at("id").as_int64()));
    const json::value payload = json::parse(body);
    EXPECT_EQ(payload.at("topic").as_string(), "picked_up");
    EXPECT_EQ(payload.at("data").at("waybill").as_string(), waybill);
    EXPECT_EQ(payload.at("data").at("status").as_string(), "Picked up");
    EXPECT_EQ(payload.at("data").at("track_url").as_string(), "http://track.consign.test/track/" + waybill);
  }
}

TEST_P(NotifyApi, SettingsAndTemplatesRefuseBadInputByNameAndARevisionGuardsThem) {
  HttpResponse bad = admin().Put(Settings(), R"({"language":"fr","email":"nope","webhook_url":"ftp://x","sms_phone":"12",)"
                                             R"("email_topics":["shipped"],"colour":"red"})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  for (const char* field : {"language", "email_topics.0", "colour"}) EXPECT_THAT(bad.body, HasSubstr(field));
  HttpResponse invalid = admin().Put(Settings(), R"({"language":"zh","email":"nope","webhook_url":"ftp://x","sms_phone":"12"})");
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  for (const char* field : {"\"email\"", "\"webhook_url\"", "\"sms_phone\""}) EXPECT_THAT(invalid.body, HasSubstr(field));

  HttpResponse never = admin().Get(Settings());
  ASSERT_EQ(never.Header("etag"), std::optional<std::string>("\"0\""));  // never saved
  HttpResponse first = admin().Put(Settings(), R"({"language":"zh","email":"ops@shunda.test","sms_phone":"13812341234",)"
                                               R"("email_topics":["delivered"],"sms_topics":["exception"]})",
                                   {{"If-Match", *never.Header("etag")}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json().at("sms_phone").as_string(), "*******1234");
  // The console sends the masked values back unchanged: the stored ones stay.
  HttpResponse again = admin().Put(Settings(), R"({"language":"en","email":"o***@shunda.test","sms_phone":"*******1234",)"
                                               R"("email_topics":["delivered"],"sms_topics":["exception"]})",
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(again.status, 200) << again.body;
  const auto stored = database().Sql("SELECT email || ' ' || sms_phone FROM notify_preferences WHERE account_id = " +
                                     std::to_string(customer_));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], "ops@shunda.test 13812341234");
  // A stale revision is refused; stars that are not the stored value's mask too.
  EXPECT_EQ(admin().Put(Settings(), R"({"language":"en"})", {{"If-Match", "\"1\""}}).status, 412);
  HttpResponse stars = admin().Put(Settings(), R"({"language":"en","email":"x***@evil.test"})", {{"If-Match", "\"2\""}});
  EXPECT_EQ(stars.status, 400);
  EXPECT_THAT(stars.body, HasSubstr("\"email\""));

  HttpResponse placeholder =
      admin().Put("/api/v1/notification-templates/delivered/sms/en", R"({"body":"Parcel {{waybil}} delivered"})");
  ASSERT_EQ(placeholder.status, 400) << placeholder.body;
  EXPECT_THAT(placeholder.body, HasSubstr("unknown_placeholder"));
  EXPECT_EQ(admin().Put("/api/v1/notification-templates/delivered/webhook/en", R"({"body":"x"})").status, 400);
  HttpResponse reset = admin().Delete("/api/v1/notification-templates/delivered/sms/en");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_TRUE(reset.Json().at("is_default").as_bool());

  // A message that cannot go (no SMS gateway is configured) fails, is logged, and can be sent again.
  const std::string waybill = Order();
  ASSERT_EQ(Push(json::array{Scan(waybill, "LOST", Now() - 1h, "s1")}).status, 200);
  const json::array log = Log(1, "failed");
  ASSERT_GE(log.size(), 1u);
  EXPECT_EQ(log[0].at("channel").as_string(), "sms");
  EXPECT_EQ(log[0].at("status").as_string(), "failed");
  EXPECT_THAT(std::string(log[0].at("last_error").as_string()), HasSubstr("no SMS gateway"));
  HttpResponse retry = admin().Post("/api/v1/notifications/" + std::to_string(log[0].at("id").as_int64()) + "/retry", "");
  EXPECT_EQ(retry.status, 200) << retry.body;
}

CONSIGN_API_SUITE(NotifyApi);

}  // namespace
}  // namespace consign::apitest
