// Issue 6 item 1 over HTTP, on every backend: personal data is masked on every ordinary read, and a
// role holding pii.view reveals one value of one account on purpose, with a reason
// (POST /api/v1/customers/{id}/reveal): audited before it is answered, counted per user (429 over the
// limit, an alert for admins when it is reached), listed on the account's access log.
#include <boost/json.hpp>
#include <gmock/gmock.h>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/reveal_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class RevealApi : public ApiTest {
 protected:
  static constexpr const char* kShunda = R"({
    "name": "深圳市顺达电子有限公司", "kind": "organization", "industry": "electronics",
    "contacts": [
      {"name": "陈建国", "role": "decision_maker", "phone": "138-1234-5678", "is_primary": true},
      {"name": "刘秘书", "role": "assistant", "phone": "13900001111", "email": "liu@shunda.cn"}],
    "addresses": [{"kind": "pickup", "province": "广东省", "city": "深圳市", "district": "南山区",
                   "street": "科技园路1号2栋1502室", "is_default": true}]
  })";

  // Creates kShunda as `client`; remembers its contact and address ids.
  int64_t CreateShunda(HttpClient& client) {
    HttpResponse r = client.Post("/api/v1/customers", kShunda);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return 0;
    const json::value c = r.Json();
    chen_ = c.at("contacts").at(0).at("id").as_int64();
    liu_ = c.at("contacts").at(1).at("id").as_int64();
    street_ = c.at("addresses").at(0).at("id").as_int64();
    return c.at("id").as_int64();
  }

  json::object ChenPhone(std::string_view reason = "delivery_problem") const {
    return {{"field", "contact.phone"}, {"contact_id", chen_}, {"reason", reason}};
  }

  static std::pair<std::string, std::string> FirstError(const HttpResponse& r) {
    if (r.status != 400) return {"status " + std::to_string(r.status), r.body};
    const json::value problem = r.Json();
    return {std::string(problem.at("errors").at(0).at("field").as_string()),
            std::string(problem.at("errors").at(0).at("reason").as_string())};
  }

  size_t Entries(std::string_view action) {
    return database().Sql("SELECT id FROM audit_log WHERE action = '" + std::string(action) + "'").size();
  }

  int64_t chen_ = 0, liu_ = 0, street_ = 0;
};

TEST_P(RevealApi, ARevealAnswersTheOneValueUncachedAndItsAuditEntryHoldsTheReason) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  CreateUser(admin, "sun.manager", "manager");
  HttpClient manager = LogInAs(server(), "sun.manager");

  json::object body = ChenPhone();
  body["reason_text"] = "快递员找不到收货人";
  HttpResponse r = RevealRequest(manager, id, body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("value").as_string(), "13812345678");
  EXPECT_EQ(r.Json().at("field").as_string(), "contact.phone");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(r.body.find("13900001111"), std::string::npos) << "only the one value asked for";

  // Committed before it was answered: the entry is there as soon as the answer is.
  const std::vector<std::string> entries =
      database().Sql("SELECT after_json FROM audit_log WHERE action = 'pii.reveal' AND entity = 'customer' AND "
                     "entity_id = '" + std::to_string(id) + "' AND actor_login = 'sun.manager'");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_THAT(entries[0], HasSubstr(R"("reason":"delivery_problem")"));
  EXPECT_THAT(entries[0], HasSubstr(R"("reason_text":"快递员找不到收货人")"));
  EXPECT_THAT(entries[0], HasSubstr(R"("contact_id":)" + std::to_string(chen_)));
  EXPECT_EQ(entries[0].find("13812345678"), std::string::npos) << "the trail never holds the value";

  EXPECT_EQ(RevealContact(admin, id, chen_, "name"), "陈建国");
  EXPECT_EQ(RevealContact(admin, id, liu_, "email"), "liu@shunda.cn");
  EXPECT_EQ(RevealStreet(admin, id, street_), "科技园路1号2栋1502室");
  // The reveal changed nothing: the account reads masked as before.
  EXPECT_EQ(admin.Get("/api/v1/customers/" + std::to_string(id)).body.find("13812345678"), std::string::npos);
}

TEST_P(RevealApi, AMissingOrUnknownReasonOrOtherWithoutTextIsA400NamingTheFieldAndRevealsNothing) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  using Named = std::pair<std::string, std::string>;
  json::object no_reason = ChenPhone();
  no_reason.erase("reason");
  EXPECT_EQ(FirstError(RevealRequest(admin, id, no_reason)), (Named{"reason", "required"}));
  EXPECT_EQ(FirstError(RevealRequest(admin, id, ChenPhone("curiosity"))), (Named{"reason", "invalid_enum"}));
  EXPECT_EQ(FirstError(RevealRequest(admin, id, ChenPhone("other"))), (Named{"reason_text", "required"}));
  json::object blank_text = ChenPhone("other");
  blank_text["reason_text"] = "";
  EXPECT_EQ(FirstError(RevealRequest(admin, id, blank_text)), (Named{"reason_text", "required"}));
  json::object no_contact = ChenPhone();
  no_contact.erase("contact_id");
  EXPECT_EQ(FirstError(RevealRequest(admin, id, no_contact)), (Named{"contact_id", "required"}));
  json::object unknown = ChenPhone();
  unknown["why"] = "x";
  EXPECT_EQ(FirstError(RevealRequest(admin, id, unknown)), (Named{"why", "unknown_field"}));
  json::object bad_field = ChenPhone();
  bad_field["field"] = "contact.title";
  EXPECT_EQ(FirstError(RevealRequest(admin, id, bad_field)), (Named{"field", "invalid_enum"}));
  json::object foreign = ChenPhone();
  foreign["contact_id"] = chen_ + 1000;
  EXPECT_EQ(FirstError(RevealRequest(admin, id, foreign)), (Named{"contact_id", "not_found"}));
  EXPECT_EQ(Entries("pii.reveal"), 0u);

  json::object other = ChenPhone("other");
  other["reason_text"] = "客户来信要求核对号码";
  EXPECT_EQ(RevealRequest(admin, id, other).status, 200);
  EXPECT_EQ(Entries("pii.reveal"), 1u);
}

TEST_P(RevealApi, ARoleWithoutPiiViewIsRefusedWith403AndAKeyOnlyWhenItsScopesAllowIt) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  CreateUser(admin, "zhao.dispatch", "dispatcher");
  CreateUser(admin, "qian.finance", "finance");
  for (std::string_view login : {"zhao.dispatch", "qian.finance"}) {
    HttpClient client = LogInAs(server(), login);
    EXPECT_EQ(RevealRequest(client, id, ChenPhone()).status, 403) << login;
    EXPECT_EQ(client.Get("/api/v1/customers/" + std::to_string(id) + "/access-log").status, 403) << login;
  }

  HttpResponse read_only = admin.Post("/api/v1/api-keys", R"({"name":"erp","scopes":["customers:read"]})");
  ASSERT_EQ(read_only.status, 201) << read_only.body;
  HttpClient erp = server().Client();
  erp.SetDefaultHeader("Authorization", "Bearer " + std::string(read_only.Json().at("key").as_string()));
  EXPECT_EQ(RevealRequest(erp, id, ChenPhone()).status, 403) << "a key reveals only with the pii:view scope";

  HttpResponse revealing = admin.Post("/api/v1/api-keys", R"({"name":"callcenter","scopes":["customers:read","pii:view"]})");
  ASSERT_EQ(revealing.status, 201) << revealing.body;
  HttpClient callcenter = server().Client();
  callcenter.SetDefaultHeader("Authorization", "Bearer " + std::string(revealing.Json().at("key").as_string()));
  EXPECT_EQ(RevealValue(callcenter, id, ChenPhone()), "13812345678");
  EXPECT_EQ(Entries("pii.reveal"), 1u);
}

TEST_P(RevealApi, OutsideTheRecordRuleARevealIs404AsIfTheAccountDidNotExist) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  CreateUser(admin, "li.na", "sales");
  HttpClient sales = LogInAs(server(), "li.na");
  EXPECT_EQ(RevealRequest(sales, id, ChenPhone()).status, 404) << "not li.na's account nor her team's";
  EXPECT_EQ(RevealRequest(sales, id + 1000, ChenPhone()).status, 404);
  EXPECT_EQ(sales.Get("/api/v1/customers/" + std::to_string(id) + "/access-log").status, 404);
  EXPECT_EQ(Entries("pii.reveal"), 0u);

  // Her own account she may reveal.
  HttpResponse own = sales.Post("/api/v1/customers", kShunda);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(RevealContact(sales, own.Json().at("id").as_int64(), own.Json().at("contacts").at(1).at("id").as_int64(),
                          "phone"),
            "13900001111");
}

TEST_P(RevealApi, OverTheLimitARevealIs429WithRetryAfterIsRecordedAsRefusedAndAdminsSeeTheAlert) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  CreateUser(admin, "zhou.agent", "agent");
  HttpClient agent = LogInAs(server(), "zhou.agent");
  constexpr int kLimit = 30;  // audit::kRevealLimit per 10 minutes
  for (int i = 0; i < kLimit; ++i) ASSERT_EQ(RevealRequest(agent, id, ChenPhone()).status, 200) << i;
  HttpResponse refused = RevealRequest(agent, id, ChenPhone());
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.Header("retry-after"), "600") << "the server's clock is fixed: the whole window is left";
  EXPECT_EQ(refused.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(Entries("pii.reveal"), static_cast<size_t>(kLimit));
  EXPECT_EQ(Entries("pii.reveal.refused"), 1u);
  EXPECT_EQ(RevealValue(admin, id, ChenPhone()), "13812345678") << "the limit is per user";

  HttpResponse alerts = admin.Get("/api/v1/alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  const json::array items = alerts.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << alerts.body;
  EXPECT_EQ(items[0].at("kind").as_string(), "pii.reveal_burst");
  EXPECT_EQ(items[0].at("user").at("login").as_string(), "zhou.agent");
  EXPECT_EQ(items[0].at("detail").at("reveals").as_int64(), kLimit);
  CreateUser(admin, "sun.manager", "manager");
  EXPECT_EQ(LogInAs(server(), "sun.manager").Get("/api/v1/alerts").status, 403) << "alerts are for admins";
  EXPECT_EQ(agent.Get("/api/v1/alerts").status, 403);
}

TEST_P(RevealApi, TheAccessLogListsRevealsNewestFirstWithWhoWhatAndWhyPaged) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateShunda(admin);
  CreateUser(admin, "sun.manager", "manager");
  HttpClient manager = LogInAs(server(), "sun.manager");
  ASSERT_EQ(RevealRequest(admin, id, ChenPhone("callback")).status, 200);
  json::object street{{"field", "address.street"}, {"address_id", street_}, {"reason", "claim"}};
  ASSERT_EQ(RevealRequest(manager, id, street).status, 200);

  const std::string log = "/api/v1/customers/" + std::to_string(id) + "/access-log";
  HttpResponse r = manager.Get(log);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::array items = r.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << r.body;
  EXPECT_EQ(items[0].at("actor").at("login").as_string(), "sun.manager");
  EXPECT_EQ(items[0].at("field").as_string(), "address.street");
  EXPECT_EQ(items[0].at("address_id").as_int64(), street_);
  EXPECT_EQ(items[0].at("reason").as_string(), "claim");
  EXPECT_EQ(items[0].at("outcome").as_string(), "revealed");
  EXPECT_EQ(items[1].at("actor").at("login").as_string(), "admin");
  EXPECT_EQ(items[1].at("field").as_string(), "contact.phone");
  EXPECT_EQ(items[1].at("reason").as_string(), "callback");
  EXPECT_EQ(r.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(r.body.find("1502"), std::string::npos);

  HttpResponse first = manager.Get(log + "?limit=1");
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(first.Json().at("items").as_array().size(), 1u);
  const std::string cursor(first.Json().at("next_cursor").as_string());
  HttpResponse second = manager.Get(log + "?limit=1&cursor=" + cursor);
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_EQ(second.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(second.Json().at("items").at(0).at("actor").at("login").as_string(), "admin");
  EXPECT_TRUE(second.Json().at("next_cursor").is_null());
  EXPECT_EQ(manager.Get(log + "?limit=0").status, 400);
}

CONSIGN_API_SUITE(RevealApi);

}  // namespace
}  // namespace consign::apitest
