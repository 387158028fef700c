// Customer information management over HTTP, on every backend: create/read/update with versions,
// search (Chinese substrings, codes, contacts, phone tails), masking by role and its audit, record
// rules, bad input, archive.
#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <atomic>
#include <set>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/reveal_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class CustomersApi : public ApiTest {
 protected:
  static constexpr const char* kShunda = R"({
    "name": "深圳市顺达电子有限公司", "kind": "organization", "industry": "electronics",
    "classification": {"value_class": "A", "tier": "high_end", "market": "electronics"},
    "tags": ["大客户"],
    "preferences": {"pickup_window": "14:00-16:00", "packaging": "防静电袋", "preferred_channel": "wechat"},
    "contacts": [
      {"name": "陈建国", "role": "decision_maker", "title": "总经理", "phone": "138-1234-5678", "is_primary": true},
      {"name": "刘秘书", "role": "assistant", "phone": "13900001111", "email": "liu@shunda.cn"}],
    "addresses": [{"kind": "pickup", "province": "广东省", "city": "深圳市", "district": "南山区",
                   "street": "科技园路1号2栋1502室", "is_default": true}]
  })";

  int64_t CreateCustomer(HttpClient& client, std::string_view body) {
    HttpResponse r = client.Post("/api/v1/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static std::vector<std::string> Names(const HttpResponse& list) {
    std::vector<std::string> names;
    const json::value body = list.Json();
    for (const json::value& item : body.at("items").as_array())
      names.emplace_back(item.at("name").as_string());
    return names;
  }
};

TEST_P(CustomersApi, CreateAttachesTheIndustryTemplateAndReadsBack) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created = admin.Post("/api/v1/customers", kShunda);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  const json::value c = created.Json();
  EXPECT_EQ(c.at("code").as_string().size(), 8u);  // C0000001: generated when none is given
  EXPECT_EQ(c.at("requirements").at("template").as_string(), "electronics");
  EXPECT_FALSE(c.at("requirements").at("flags").as_object().empty());
  EXPECT_EQ(c.at("contacts").at(0).at("phone").as_string(), "*******5678");  // masked, even for its creator
  const int64_t id = c.at("id").as_int64();
  EXPECT_EQ(RevealContact(admin, id, c.at("contacts").at(0).at("id").as_int64(), "phone"), "13812345678");  // normalised

  HttpResponse read = admin.Get(std::string(created.Header("location").value_or("")));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json().at("preferences").at("packaging").as_string(), "防静电袋");
  EXPECT_EQ(RevealStreet(admin, id, read.Json().at("addresses").at(0).at("id").as_int64()), "科技园路1号2栋1502室");
  EXPECT_EQ(read.Json().at("contacts").as_array().size(), 2u);
}

TEST_P(CustomersApi, CreateAnswersWithItemIdsAndAnEditThatChangesNothingKeepsTheVersion) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created = admin.Post("/api/v1/customers", kShunda);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value c = created.Json();
  EXPECT_GT(c.at("contacts").at(0).at("id").as_int64(), 0);
  EXPECT_GT(c.at("addresses").at(0).at("id").as_int64(), 0);
  const std::string path = "/api/v1/customers/" + std::to_string(c.at("id").as_int64());

  // The client sends back what it read: nothing changed, so no new version and no history entry.
  json::object same{{"name", c.at("name")}, {"contacts", c.at("contacts")}, {"tags", c.at("tags")}};
  HttpResponse noop = admin.Patch(path, json::serialize(same), {{"If-Match", "\"1\""}});
  ASSERT_EQ(noop.status, 200) << noop.body;
  EXPECT_EQ(noop.Header("etag"), "\"1\"");
  const json::value history = admin.Get(path + "/history").Json();
  size_t updates = 0;
  for (const json::value& e : history.at("items").as_array()) updates += e.at("action").as_string() == "update";
  EXPECT_EQ(updates, 0u);
}

TEST_P(CustomersApi, UpdateNeedsIfMatchAndAStaleVersionGets412) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateCustomer(admin, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);

  HttpResponse missing = admin.Patch(path, R"({"name":"深圳顺达"})");
  EXPECT_EQ(missing.status, 428) << missing.body;
  EXPECT_EQ(missing.Json().at("errors").at(0).at("field").as_string(), "If-Match");

  HttpResponse first = admin.Patch(path, R"({"name":"深圳顺达电子"})", {{"If-Match", "\"1\""}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("etag"), "\"2\"");
  EXPECT_EQ(first.Json().at("name").as_string(), "深圳顺达电子");

  // A second editor who loaded version 1 must not overwrite the first one's change.
  HttpResponse stale = admin.Patch(path, R"({"name":"覆盖"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(admin.Get(path).Json().at("name").as_string(), "深圳顺达电子");

  HttpResponse history = admin.Get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  std::set<std::string> actions;
  const json::value entries = history.Json();
  for (const json::value& e : entries.at("items").as_array()) actions.emplace(e.at("action").as_string());
  EXPECT_TRUE(actions.count("create") && actions.count("update")) << history.body;
}

TEST_P(CustomersApi, SearchFindsChineseSubstringsCodesContactsAndPhoneTails) {
  HttpClient admin = LogInAsAdmin(server());
  CreateCustomer(admin, kShunda);
  CreateCustomer(admin, R"({"name":"上海东方酒店管理有限公司","code":"SH-HOTEL-01","industry":"other",
      "contacts":[{"name":"王丽","phone":"021-62345678","role":"operations"}]})");
  CreateCustomer(admin, R"({"name":"北京蓝天广告有限公司","industry":"advertising"})");

  EXPECT_THAT(Names(admin.Get("/api/v1/customers?q=%E9%A1%BA%E8%BE%BE")),  // 顺达
              ::testing::ElementsAre("深圳市顺达电子有限公司"));
  EXPECT_THAT(Names(admin.Get("/api/v1/customers?q=SH-HOTEL")), ::testing::ElementsAre("上海东方酒店管理有限公司"));
  EXPECT_THAT(Names(admin.Get("/api/v1/customers?q=%E7%8E%8B%E4%B8%BD")),  // 王丽 (contact)
              ::testing::ElementsAre("上海东方酒店管理有限公司"));
  EXPECT_THAT(Names(admin.Get("/api/v1/customers?q=5678")),  // last four digits of two phones
              ::testing::UnorderedElementsAre("深圳市顺达电子有限公司", "上海东方酒店管理有限公司"));
  EXPECT_TRUE(Names(admin.Get("/api/v1/customers?q=%E4%B8%8D%E5%AD%98%E5%9C%A8")).empty());  // 不存在
}

TEST_P(CustomersApi, ListsFilterOnClassificationsAndPageWithCursors) {
  HttpClient admin = LogInAsAdmin(server());
  for (int i = 0; i < 5; ++i) {
    CreateCustomer(admin, json::serialize(json::object{
                              {"name", "测试客户" + std::to_string(i)},
                              {"classification", json::object{{"value_class", i < 2 ? "A" : "C"}}}}));
  }
  std::set<std::string> seen;
  std::string path = "/api/v1/customers?limit=2&sort=name";
  for (int pages = 0; pages < 10; ++pages) {
    HttpResponse page = admin.Get(path);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const std::string& n : Names(page)) EXPECT_TRUE(seen.insert(n).second) << n << " twice";
    const json::value next = page.Json().at("next_cursor");
    if (next.is_null()) break;
    path = "/api/v1/customers?limit=2&sort=name&cursor=" + std::string(next.as_string());
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(Names(admin.Get("/api/v1/customers?value_class=A")).size(), 2u);

  HttpResponse bad = admin.Get("/api/v1/customers?value_class=Z");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field").as_string(), "value_class");
}

TEST_P(CustomersApi, ABadCursorOrSortIsA400NamingItNotTheFirstPage) {
  HttpClient admin = LogInAsAdmin(server());
  for (int i = 0; i < 3; ++i) CreateCustomer(admin, json::serialize(json::object{{"name", "游标客户" + std::to_string(i)}}));
  auto field_of = [](const HttpResponse& r) { return std::string(r.Json().at("errors").at(0).at("field").as_string()); };
  auto reason_of = [](const HttpResponse& r) { return std::string(r.Json().at("errors").at(0).at("reason").as_string()); };

  for (std::string cursor : {"not-a-cursor", "zz", "6e616d65"}) {  // not hex; hex but no cursor ("name")
    HttpResponse bad = admin.Get("/api/v1/customers?limit=1&sort=name&cursor=" + cursor);
    ASSERT_EQ(bad.status, 400) << cursor << ": " << bad.body;
    EXPECT_EQ(field_of(bad), "cursor");
    EXPECT_EQ(reason_of(bad), "invalid_format");
  }

  // A real cursor, sent back with another sort, is refused too: it points into another order.
  HttpResponse first = admin.Get("/api/v1/customers?limit=1&sort=name");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string cursor(first.Json().at("next_cursor").as_string());
  EXPECT_EQ(admin.Get("/api/v1/customers?limit=1&sort=name&cursor=" + cursor).status, 200);
  HttpResponse other_sort = admin.Get("/api/v1/customers?limit=1&sort=-code&cursor=" + cursor);
  ASSERT_EQ(other_sort.status, 400) << other_sort.body;
  EXPECT_EQ(field_of(other_sort), "cursor");

  HttpResponse bad_sort = admin.Get("/api/v1/customers?sort=owner");
  ASSERT_EQ(bad_sort.status, 400) << bad_sort.body;
  EXPECT_EQ(field_of(bad_sort), "sort");
  EXPECT_EQ(reason_of(bad_sort), "invalid_enum");
}

// Issue 6: four of seven roles (those holding pii.view) saw everything unmasked on every read. Now
// every role reads masked — detail, list, search, history — and a value is seen only by revealing it.
TEST_P(CustomersApi, PersonalDataIsMaskedForEveryRoleAnAdminsAndAManagersReadsIncluded) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateCustomer(admin, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  CreateUser(admin, "zhao.dispatch", "dispatcher");
  CreateUser(admin, "sun.manager", "manager");
  HttpClient dispatcher = LogInAs(server(), "zhao.dispatch");
  HttpClient manager = LogInAs(server(), "sun.manager");
  ASSERT_EQ(admin.Patch(path, R"({"tags":["大客户","月结"]})", {{"If-Match", "\"1\""}}).status, 200);

  for (HttpClient* reader : {&dispatcher, &manager, &admin}) {
    HttpResponse masked = reader->Get(path);
    ASSERT_EQ(masked.status, 200) << masked.body;
    const json::value m = masked.Json();
    EXPECT_TRUE(m.at("masked").as_bool());
    EXPECT_EQ(m.at("contacts").at(0).at("phone").as_string(), "*******5678");
    EXPECT_THAT(std::string(m.at("contacts").at(0).at("name").as_string()), HasSubstr("*"));
    EXPECT_THAT(std::string(m.at("contacts").at(1).at("email").as_string()), ::testing::Not(HasSubstr("liu@")));
    EXPECT_THAT(std::string(m.at("addresses").at(0).at("street").as_string()), ::testing::Not(HasSubstr("1502")));
    EXPECT_EQ(masked.body.find("13812345678"), std::string::npos);
    EXPECT_EQ(masked.body.find("陈建国"), std::string::npos);

    for (const std::string& list : {std::string("/api/v1/customers"), std::string("/api/v1/customers?q=%E9%A1%BA%E8%BE%BE"), path + "/history"}) {
      HttpResponse r = reader->Get(list);
      ASSERT_EQ(r.status, 200) << list << r.body;
      EXPECT_EQ(r.body.find("13812345678"), std::string::npos) << list;
      EXPECT_EQ(r.body.find("陈建国"), std::string::npos) << list;
      EXPECT_EQ(r.body.find("liu@shunda.cn"), std::string::npos) << list;
      EXPECT_EQ(r.body.find("1502"), std::string::npos) << list;
    }
  }
  EXPECT_TRUE(database().Sql("SELECT id FROM audit_log WHERE action = 'pii.view'").empty())
      << "nothing was shown unmasked, so nothing was viewed";
}

TEST_P(CustomersApi, AMaskedValueSentBackUnchangedKeepsTheStoredOne) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateCustomer(admin, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  CreateUser(admin, "qian.finance", "finance");
  CreateUser(admin, "sun.manager", "manager");
  HttpClient manager = LogInAs(server(), "sun.manager");
  // A manager edits through a masked client copy: simulate by posting the masked phone back.
  json::value seen = LogInAs(server(), "qian.finance").Get(path).Json();
  json::object patch{{"contacts", seen.at("contacts")}, {"tags", json::array{"大客户", "月结"}}};
  HttpResponse r = manager.Patch(path, json::serialize(patch), {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(RevealContact(admin, id, seen.at("contacts").at(0).at("id").as_int64(), "phone"), "13812345678");
}

TEST_P(CustomersApi, SalesSeeTheirOwnAndTheirTeamsAccountsOnly) {
  HttpClient admin = LogInAsAdmin(server());
  database().Sql("INSERT INTO teams (id, name) VALUES (501, '华南大客户部')");
  database().Sql("INSERT INTO teams (id, name) VALUES (502, '华北销售部')");
  const auto create_sales = [&](std::string_view login, int team) {
    HttpResponse r = admin.Post("/api/v1/users", json::serialize(json::object{
        {"login", login}, {"name", login}, {"role", "sales"}, {"team_id", team},
        {"password", kTestPassword}, {"must_change_password", false}}));
    EXPECT_EQ(r.status, 201) << r.body;
  };
  create_sales("li.south", 501);
  create_sales("he.south", 501);
  create_sales("wu.north", 502);
  HttpClient south = LogInAs(server(), "li.south");
  HttpClient teammate = LogInAs(server(), "he.south");
  HttpClient north = LogInAs(server(), "wu.north");

  const int64_t id = CreateCustomer(south, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  EXPECT_EQ(south.Get(path).status, 200);
  EXPECT_EQ(teammate.Get(path).status, 200);
  EXPECT_EQ(north.Get(path).status, 404);  // not 403: an id must not tell that the account exists
  EXPECT_EQ(north.Patch(path, R"({"name":"x"})", {{"If-Match", "\"1\""}}).status, 404);
  EXPECT_TRUE(Names(north.Get("/api/v1/customers")).empty());
  EXPECT_EQ(Names(teammate.Get("/api/v1/customers")).size(), 1u);
}

TEST_P(CustomersApi, APortalUserSeesOnlyItsOwnAccount) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t own = CreateCustomer(admin, kShunda);
  const int64_t other = CreateCustomer(admin, R"({"name":"北京蓝天广告有限公司"})");
  CreateUser(admin, "shunda.portal", "portal", own);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(own)).status, 200);
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(other)).status, 404);
  // The history is staff's (customers.history): refused before the account is looked up.
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(other) + "/history").status, 403);
  EXPECT_THAT(Names(portal.Get("/api/v1/customers")), ::testing::ElementsAre("深圳市顺达电子有限公司"));
  EXPECT_EQ(portal.Post("/api/v1/customers", R"({"name":"x"})").status, 403);
}

TEST_P(CustomersApi, BadInputAnswers4xxNamingTheFieldAndWritesNothing) {
  HttpClient admin = LogInAsAdmin(server());
  const auto field_of = [&](std::string_view body, long status) {
    HttpResponse r = admin.Post("/api/v1/customers", body);
    EXPECT_EQ(r.status, status) << body << " → " << r.body;
    EXPECT_THAT(r.Header("content-type").value_or(""), HasSubstr("application/problem+json"));
    if (r.status < 400 || r.status >= 500) return std::string();
    const json::value problem = r.Json();
    return problem.as_object().contains("errors") && !problem.at("errors").as_array().empty()
               ? std::string(problem.at("errors").at(0).at("field").as_string())
               : std::string();
  };
  EXPECT_EQ(field_of(R"({"kind":"organization"})", 400), "name");
  EXPECT_EQ(field_of(R"({"name":"甲","kind":"robot"})", 400), "kind");
  EXPECT_EQ(field_of(R"({"name":42})", 400), "name");
  EXPECT_EQ(field_of(R"({"name":"甲","classification":{"tier":"platinum"}})", 400), "classification.tier");
  EXPECT_EQ(field_of(R"({"name":"甲","contacts":[{"name":"张三","phone":"12345"}]})", 400), "contacts[0].phone");
  EXPECT_EQ(field_of(R"({"name":"甲","contacts":[{"name":"张三","email":"not-an-email"}]})", 400), "contacts[0].email");
  field_of(R"({"name":)", 400);
  field_of(std::string(300, '[') + std::string(300, ']'), 400);
  CreateCustomer(admin, R"({"name":"甲","code":"DUP-1"})");
  EXPECT_EQ(field_of(R"({"name":"乙","code":"DUP-1"})", 409), "code");
  // 统一社会信用代码 (GB 32100-2015): a wrong check character, a person's, and a second account's.
  EXPECT_EQ(field_of(R"({"name":"丙","credit_code":"91350100M000100Y44"})", 400), "credit_code");
  EXPECT_EQ(field_of(R"({"name":"丁","kind":"individual","credit_code":"91350100M000100Y43"})", 400), "credit_code");
  const int64_t with_code = CreateCustomer(admin, R"({"name":"戊","credit_code":"91350100M000100Y43"})");
  EXPECT_EQ(admin.Get("/api/v1/customers/" + std::to_string(with_code)).Json().at("credit_code").as_string(),
            "91350100M000100Y43");
  EXPECT_EQ(field_of(R"({"name":"己","credit_code":"91350100M000100Y43"})", 409), "credit_code");
  const int64_t other = CreateCustomer(admin, R"({"name":"庚"})");
  HttpResponse taken = admin.Patch("/api/v1/customers/" + std::to_string(other),
                                    R"({"credit_code":"91350100M000100Y43"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(Names(admin.Get("/api/v1/customers")).size(), 3u);
  EXPECT_EQ(admin.Get("/api/v1/customers/abc").status, 404);
  EXPECT_EQ(admin.Get("/api/v1/customers/999999").status, 404);
}

// Issue 6: {"type": "individual"} made an organization without a word, since the field is `kind`.
// Every field the API does not know is now refused by name, at any depth, on create and on update.
TEST_P(CustomersApi, AnUnknownFieldIsRefusedByNameAndNothingIsWritten) {
  HttpClient admin = LogInAsAdmin(server());
  const auto errors_of = [](const HttpResponse& r) {
    std::vector<std::pair<std::string, std::string>> out;
    const json::value problem = r.Json();
    if (problem.is_object() && problem.as_object().contains("errors"))
      for (const json::value& e : problem.at("errors").as_array())
        out.emplace_back(e.at("field").as_string(), e.at("reason").as_string());
    return out;
  };
  HttpResponse typo = admin.Post("/api/v1/customers", R"({"name":"王芳","type":"individual"})");
  EXPECT_EQ(typo.status, 400) << typo.body;
  EXPECT_EQ(errors_of(typo), (std::vector<std::pair<std::string, std::string>>{{"type", "unknown_field"}}));
  EXPECT_TRUE(Names(admin.Get("/api/v1/customers")).empty()) << "nothing may be created from a misread body";

  HttpResponse nested = admin.Post(
      "/api/v1/customers",
      R"({"name":"王芳","kind":"individual","contacts":[{"name":"王芳","fax":"0755"}],"preferences":{"colour":"red"}})");
  EXPECT_EQ(nested.status, 400) << nested.body;
  EXPECT_EQ(errors_of(nested), (std::vector<std::pair<std::string, std::string>>{
                                   {"preferences.colour", "unknown_field"}, {"contacts[0].fax", "unknown_field"}}));

  const int64_t id = CreateCustomer(admin, R"({"name":"王芳","kind":"individual"})");
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  HttpResponse patch = admin.Patch(path, R"({"nmae":"王芳芳"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(patch.status, 400) << patch.body;
  EXPECT_EQ(errors_of(patch), (std::vector<std::pair<std::string, std::string>>{{"nmae", "unknown_field"}}));
  EXPECT_EQ(admin.Get(path).Json().at("version").as_int64(), 1);
  EXPECT_EQ(admin.Get(path).Json().at("kind").as_string(), "individual");
}

// A control character or a bidirectional override in a stored text would make a name or an address
// read differently on screen than it is ("Trojan Source"); notes keep their line breaks.
TEST_P(CustomersApi, ControlAndBidiCharactersAreRefusedInTextFields) {
  HttpClient admin = LogInAsAdmin(server());
  const auto first_error = [&](std::string_view body) {
    HttpResponse r = admin.Post("/api/v1/customers", body);
    EXPECT_EQ(r.status, 400) << body << " → " << r.body;
    if (r.status != 400) return std::pair<std::string, std::string>{};
    const json::value e = r.Json().at("errors").at(0);
    return std::pair<std::string, std::string>{e.at("field").as_string(), e.at("reason").as_string()};
  };
  using Named = std::pair<std::string, std::string>;
  EXPECT_EQ(first_error(R"({"name":"顺达\u202e司公限有"})"), (Named{"name", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"顺达\u0000"})"), (Named{"name", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"顺达\n电子"})"), (Named{"name", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"甲","contacts":[{"name":"张\u2066三"}]})"),
            (Named{"contacts[0].name", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"甲","tags":["VIP\u001b[31m"]})"), (Named{"tags[0]", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"甲","addresses":[{"street":"科技园路\r1号"}]})"),
            (Named{"addresses[0].street", "invalid_characters"}));
  EXPECT_EQ(first_error(R"({"name":"甲","requirements":{"flags":{"cold\u202echain":true}}})"),
            (Named{"requirements.flags.cold\u202echain", "invalid_characters"}));
  EXPECT_TRUE(Names(admin.Get("/api/v1/customers")).empty());
  HttpResponse notes = admin.Post("/api/v1/customers",
                                  R"({"name":"甲","requirements":{"notes":"须有保险条款；\n签收回单"},)"
                                  R"("preferences":{"usual":"每周一\r\n上午取件"}})");
  EXPECT_EQ(notes.status, 201) << notes.body;
}

TEST_P(CustomersApi, RequirementFlagsAndTagsAreCappedInCountAndLength) {
  HttpClient admin = LogInAsAdmin(server());
  json::object flags;
  for (int i = 0; i < 51; ++i) flags["flag_" + std::to_string(i)] = true;
  json::object body{{"name", "甲"}, {"requirements", json::object{{"flags", flags}}}};
  HttpResponse many = admin.Post("/api/v1/customers", json::serialize(body));
  EXPECT_EQ(many.status, 400) << many.body;
  EXPECT_EQ(many.Json().at("errors").at(0).at("field").as_string(), "requirements.flags");
  EXPECT_EQ(many.Json().at("errors").at(0).at("reason").as_string(), "too_long");
  body["requirements"] = json::object{{"flags", json::object{{std::string(65, 'f'), true}}}};
  HttpResponse long_name = admin.Post("/api/v1/customers", json::serialize(body));
  EXPECT_EQ(long_name.status, 400) << long_name.body;
  EXPECT_EQ(long_name.Json().at("errors").at(0).at("reason").as_string(), "too_long");
  json::array tags;
  for (int i = 0; i < 21; ++i) tags.emplace_back("t" + std::to_string(i));
  HttpResponse too_many_tags = admin.Post("/api/v1/customers", json::serialize(json::object{{"name", "甲"}, {"tags", tags}}));
  EXPECT_EQ(too_many_tags.status, 400) << too_many_tags.body;
  EXPECT_EQ(too_many_tags.Json().at("errors").at(0).at("field").as_string(), "tags");
  // A PATCH that adds flags one request at a time meets the same cap on the merged list.
  const int64_t id = CreateCustomer(admin, R"({"name":"乙"})");
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  json::object fifty;
  for (int i = 0; i < 50; ++i) fifty["flag_" + std::to_string(i)] = true;
  HttpResponse first = admin.Patch(path, json::serialize(json::object{{"requirements", json::object{{"flags", fifty}}}}),
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(first.status, 200) << first.body;
  HttpResponse more = admin.Patch(
      path, json::serialize(json::object{{"requirements", json::object{{"flags", json::object{{"one_more", true}}}}}}),
      {{"If-Match", "\"2\""}});
  EXPECT_EQ(more.status, 400) << more.body;
  EXPECT_EQ(more.Json().at("errors").at(0).at("field").as_string(), "requirements.flags");
}

TEST_P(CustomersApi, ArchivedAccountsLeaveTheDefaultListAndCannotBeEdited) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = CreateCustomer(admin, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  HttpResponse archived = admin.Post(path + "/archive", "");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.Json().at("status").as_string(), "archived");
  EXPECT_TRUE(Names(admin.Get("/api/v1/customers")).empty());
  EXPECT_EQ(Names(admin.Get("/api/v1/customers?status=archived")).size(), 1u);
  EXPECT_EQ(admin.Patch(path, R"({"name":"x"})", {{"If-Match", "\"2\""}}).status, 409);
  EXPECT_EQ(admin.Post(path + "/archive", "").status, 409);
  EXPECT_EQ(admin.Post(path + "/restore", "").status, 200);
  EXPECT_EQ(Names(admin.Get("/api/v1/customers")).size(), 1u);
}

// The account read keeps its answers (answer_cache.hpp): each change below must show on the very next
// read, by a server that kept the old answer and did not make the change itself (two servers, one
// database, as several nodes share one PostgreSQL).
TEST_P(CustomersApi, AKeptAnswerNeverOutlivesAChangeMadeByAnotherServer) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t owner = CreateUser(admin, "zhao.owner", "sales");
  const int64_t id = CreateCustomer(admin, R"({"name":"深圳市顺达电子有限公司","owner_id":)" + std::to_string(owner) +
                                               R"(,"contacts":[{"name":"陈建国","phone":"13812345678"}]})");
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  CreateUser(admin, "shunda.portal", "portal", id);
  ConsignServer other(database().url());
  HttpClient reader = LogInAs(other, "admin", kAdminPassword);
  HttpClient portal = LogInAs(other, "shunda.portal");
  const auto read = [&](HttpClient& client) {
    HttpResponse r = client.Get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json() : json::value();
  };
  const auto read_twice = [&](HttpClient& client) {  // the second answer is the kept one
    const json::value first = read(client);
    EXPECT_EQ(json::serialize(read(client)), json::serialize(first));
    return first;
  };

  json::value seen = read_twice(reader);
  EXPECT_EQ(seen.at("owner").at("name").as_string(), "zhao.owner");
  EXPECT_EQ(reader.Get(path).Header("etag"), "\"1\"");
  EXPECT_FALSE(read_twice(portal).as_object().contains("owner"));  // the portal's own view, kept apart

  ASSERT_EQ(admin.Patch(path, R"({"name":"深圳市顺达科技有限公司"})", {{"If-Match", "\"1\""}}).status, 200);
  seen = read_twice(reader);
  EXPECT_EQ(seen.at("name").as_string(), "深圳市顺达科技有限公司");
  EXPECT_EQ(reader.Get(path).Header("etag"), "\"2\"");
  EXPECT_EQ(read(portal).at("name").as_string(), "深圳市顺达科技有限公司");

  // A contact added: its row is not the account's, the account's version still moves.
  json::array contacts = seen.at("contacts").as_array();
  contacts.push_back(json::object{{"name", "刘秘书"}, {"phone", "13900001111"}});
  ASSERT_EQ(admin.Patch(path, json::serialize(json::object{{"contacts", contacts}}), {{"If-Match", "\"2\""}}).status, 200);
  EXPECT_EQ(read_twice(reader).at("contacts").as_array().size(), 2u);

  // The owner's name is the auth module's: the account's version does not move, the answer does.
  ASSERT_EQ(admin.Patch("/api/v1/users/" + std::to_string(owner), R"({"name":"赵经理"})").status, 200);
  EXPECT_EQ(read_twice(reader).at("owner").at("name").as_string(), "赵经理");

  // The brand is a row of its own: set, then removed.
  ASSERT_EQ(admin.Patch(path + "/brand", R"({"primary_color":"#1f5fbf"})").status, 200);
  EXPECT_EQ(read_twice(reader).at("brand").at("primary_color").as_string(), "#1f5fbf");
  EXPECT_EQ(read(portal).at("brand").at("primary_color").as_string(), "#1f5fbf");
  ASSERT_EQ(admin.Delete(path + "/brand").status, 204);
  EXPECT_TRUE(read_twice(reader).at("brand").is_null());

  ASSERT_EQ(admin.Post(path + "/archive", "").status, 200);
  EXPECT_EQ(read_twice(reader).at("status").as_string(), "archived");

  // Moved out of a salesperson's reach: the record rule is checked before anything kept is looked at.
  HttpClient sales = LogInAs(other, "zhao.owner");
  ASSERT_EQ(admin.Post(path + "/restore", "").status, 200);
  read_twice(sales);
  const std::string etag(admin.Get(path).Header("etag").value_or(""));
  ASSERT_EQ(admin.Patch(path, R"({"owner_id":null})", {{"If-Match", etag}}).status, 200);
  EXPECT_EQ(sales.Get(path).status, 404);
}

TEST_P(CustomersApi, IdempotencyKeyCreatesOnce) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse a = admin.Post("/api/v1/customers", kShunda, {{"Idempotency-Key", "order-7"}});
  HttpResponse b = admin.Post("/api/v1/customers", kShunda, {{"Idempotency-Key", "order-7"}});
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_LT(b.status, 300) << b.body;
  EXPECT_EQ(a.Json().at("id"), b.Json().at("id"));
  EXPECT_EQ(Names(admin.Get("/api/v1/customers")).size(), 1u);
}

// Decodes a cursor as a curious client would: as hex, and as base64 (either alphabet). Nullopt when
// it is neither.
std::vector<std::string> DecodingsOf(std::string_view cursor) {
  std::vector<std::string> out;
  if (cursor.size() % 2 == 0 && cursor.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos) {
    std::string bytes;
    for (size_t i = 0; i < cursor.size(); i += 2) bytes += static_cast<char>(std::stoi(std::string(cursor.substr(i, 2)), nullptr, 16));
    out.push_back(bytes);
  }
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string bytes;
  uint32_t bits = 0;
  int count = 0;
  bool ok = true;
  for (char c : cursor) {
    if (c == '=') break;
    const int v = sextet(c);
    if (v < 0) { ok = false; break; }
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes += static_cast<char>((bits >> count) & 0xff);
    }
  }
  if (ok) out.push_back(bytes);
  return out;
}

TEST_P(CustomersApi, ListCursorsCarryNoNamesAndATamperedOneIsRefused) {
  HttpClient admin = LogInAsAdmin(server());
  CreateCustomer(admin, R"({"name":"游标甲物流","code":"CUR-JIA"})");
  CreateCustomer(admin, R"({"name":"游标乙物流","code":"CUR-YI"})");
  CreateCustomer(admin, R"({"name":"游标丙物流","code":"CUR-BING"})");
  HttpResponse first = admin.Get("/api/v1/customers?limit=1&sort=name");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string shown = Names(first).at(0);
  const json::value body = first.Json();
  ASSERT_TRUE(body.at("next_cursor").is_string()) << first.body;
  const std::string cursor(body.at("next_cursor").as_string());
  const std::string code(admin.Get("/api/v1/customers?limit=1&sort=name").Json().at("items").at(0).at("code").as_string());
  EXPECT_EQ(cursor.find(shown), std::string::npos);
  for (const std::string& decoded : DecodingsOf(cursor)) {
    EXPECT_EQ(decoded.find(shown), std::string::npos) << "the cursor spells the last row's name";
    EXPECT_EQ(decoded.find("游标"), std::string::npos) << "the cursor spells part of a name";
    EXPECT_EQ(decoded.find(code), std::string::npos) << "the cursor spells the last row's code";
  }

  HttpResponse next = admin.Get("/api/v1/customers?limit=1&sort=name&cursor=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  ASSERT_EQ(Names(next).size(), 1u);
  EXPECT_NE(Names(next).at(0), shown);

  // One character changed anywhere: refused, never some other page.
  for (size_t at : {size_t{0}, cursor.size() / 2, cursor.size() - 1}) {
    std::string tampered = cursor;
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    HttpResponse bad = admin.Get("/api/v1/customers?limit=1&sort=name&cursor=" + tampered);
    ASSERT_EQ(bad.status, 400) << at << ": " << bad.body;
    EXPECT_EQ(bad.Json().at("errors").at(0).at("field").as_string(), "cursor");
  }
}

TEST_P(CustomersApi, SearchMatchesContactNamesOnlyForRolesThatMayRevealThem) {
  HttpClient admin = LogInAsAdmin(server());
  CreateCustomer(admin, kShunda);
  CreateCustomer(admin, R"({"name":"Blue Sky Trading","contacts":[{"name":"Zhang Wei","phone":"13700002222"}]})");
  CreateUser(admin, "zhou.dispatch", "dispatcher");
  CreateUser(admin, "wu.manager", "manager");
  HttpClient dispatcher = LogInAs(server(), "zhou.dispatch");
  HttpClient manager = LogInAs(server(), "wu.manager");
  const std::string chen = "/api/v1/customers?q=%E9%99%88%E5%BB%BA%E5%9B%BD";  // 陈建国, a contact
  const std::string chen_one = "/api/v1/customers?q=%E9%99%88";                 // 陈: its first character

  EXPECT_THAT(Names(manager.Get(chen)), ::testing::ElementsAre("深圳市顺达电子有限公司"));
  EXPECT_THAT(Names(manager.Get("/api/v1/customers?q=zhang")), ::testing::ElementsAre("Blue Sky Trading"));
  // Without pii.view a search must not confirm a masked name, whole or character by character.
  EXPECT_TRUE(Names(dispatcher.Get(chen)).empty());
  EXPECT_TRUE(Names(dispatcher.Get(chen_one)).empty());
  EXPECT_TRUE(Names(dispatcher.Get("/api/v1/customers?q=zhang")).empty());
  EXPECT_TRUE(Names(dispatcher.Get("/api/v1/customers?q=zhang%20wei")).empty());
  // ... but the account's name, its code and a phone's last four digits still find it.
  EXPECT_THAT(Names(dispatcher.Get("/api/v1/customers?q=%E9%A1%BA%E8%BE%BE")),  // 顺达
              ::testing::ElementsAre("深圳市顺达电子有限公司"));
  EXPECT_THAT(Names(dispatcher.Get("/api/v1/customers?q=blue%20sky")), ::testing::ElementsAre("Blue Sky Trading"));
  EXPECT_THAT(Names(dispatcher.Get("/api/v1/customers?q=5678")), ::testing::ElementsAre("深圳市顺达电子有限公司"));
}

TEST_P(CustomersApi, AMaskedValueIsAcceptedOnlyAsTheMaskOfTheStoredOne) {
  HttpClient admin = LogInAsAdmin(server());
  const auto refused = [&](const HttpResponse& r, std::string_view field) {
    EXPECT_EQ(r.status, 400) << r.body;
    if (r.status != 400) return;
    const json::value problem = r.Json();
    EXPECT_EQ(problem.at("errors").at(0).at("field").as_string(), field) << r.body;
    EXPECT_EQ(problem.at("errors").at(0).at("reason").as_string(), "masked_value") << r.body;
  };
  // On create nothing is stored yet: a masked phone or e-mail is never a value.
  refused(admin.Post("/api/v1/customers", R"({"name":"甲","contacts":[{"name":"张三","phone":"*******5678"}]})"),
          "contacts[0].phone");
  refused(admin.Post("/api/v1/customers", R"({"name":"甲","contacts":[{"name":"张三","email":"z***@example.com"}]})"),
          "contacts[0].email");

  const int64_t id = CreateCustomer(admin, kShunda);
  const std::string path = "/api/v1/customers/" + std::to_string(id);
  json::value c = admin.Get(path).Json();
  json::array contacts = c.at("contacts").as_array();
  contacts[0].as_object()["phone"] = "*******1234";  // not the mask of 13812345678
  refused(admin.Patch(path, json::serialize(json::object{{"contacts", contacts}}), {{"If-Match", "\"1\""}}),
          "contacts[0].phone");
  contacts = c.at("contacts").as_array();
  contacts[1].as_object()["email"] = "x***@shunda.cn";  // the stored one is liu@shunda.cn
  refused(admin.Patch(path, json::serialize(json::object{{"contacts", contacts}}), {{"If-Match", "\"1\""}}),
          "contacts[1].email");
  contacts = c.at("contacts").as_array();
  contacts.push_back(json::object{{"name", "新联系人"}, {"phone", "*******5678"}});  // a new contact has no stored value
  refused(admin.Patch(path, json::serialize(json::object{{"contacts", contacts}}), {{"If-Match", "\"1\""}}),
          "contacts[2].phone");

  const json::value after = admin.Get(path).Json();
  EXPECT_EQ(after.at("version").as_int64(), 1);
  EXPECT_EQ(RevealContact(admin, id, after.at("contacts").at(0).at("id").as_int64(), "phone"), "13812345678");
  EXPECT_EQ(RevealContact(admin, id, after.at("contacts").at(1).at("id").as_int64(), "email"), "liu@shunda.cn");
}

TEST_P(CustomersApi, AnIdempotencyKeyReusedWithAnotherBodyIsRefused) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse a = admin.Post("/api/v1/customers", kShunda, {{"Idempotency-Key", "order-8"}});
  ASSERT_EQ(a.status, 201) << a.body;
  HttpResponse other = admin.Post("/api/v1/customers", R"({"name":"北京蓝天广告有限公司"})",
                                  {{"Idempotency-Key", "order-8"}});
  ASSERT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(other.Json().at("errors").at(0).at("field").as_string(), "Idempotency-Key");
  EXPECT_EQ(other.Json().at("errors").at(0).at("reason").as_string(), "idempotency_key_reused");
  HttpResponse again = admin.Post("/api/v1/customers", kShunda, {{"Idempotency-Key", "order-8"}});
  ASSERT_LT(again.status, 300) << again.body;
  EXPECT_EQ(again.Json().at("id"), a.Json().at("id"));
  EXPECT_THAT(Names(admin.Get("/api/v1/customers")), ::testing::ElementsAre("深圳市顺达电子有限公司"));
}

CONSIGN_API_SUITE(CustomersApi);

// Many workers and a pool configured smaller than them, one user revealing from many connections at
// once: the count lives in the database (every server process shares it), so exactly the limit is
// answered, the rest refused and recorded, one alert raised, and no request starves another of a
// connection (the count's transaction is committed before the request's own begins).
class CustomersUnderLoadApi : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--worker-threads", "8", "--db-pool-size", "2"};
    return options;
  }
};

TEST_P(CustomersUnderLoadApi, ConcurrentRevealsStopExactlyAtTheLimitAndAreAllAudited) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created = admin.Post("/api/v1/customers", R"({"name":"深圳市顺达电子有限公司",
      "contacts":[{"name":"陈建国","phone":"13812345678"}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.Json().at("id").as_int64();
  const std::string body = json::serialize(json::object{
      {"field", "contact.phone"}, {"contact_id", created.Json().at("contacts").at(0).at("id")}, {"reason", "callback"}});
  const std::string token = std::string(admin.Post("/api/v1/auth/login", LoginBody("admin", kAdminPassword)).Json().at("token").as_string());
  constexpr int kThreads = 8, kEach = 5, kLimit = 30;  // audit::kRevealLimit
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      HttpClient client = server().Client();
      client.SetDefaultHeader("Authorization", "Bearer " + token);
      for (int i = 0; i < kEach; ++i) {
        const long status = client.Post("/api/v1/customers/" + std::to_string(id) + "/reveal", body).status;
        if (status == 200) ++ok;
        if (status == 429) ++refused;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kLimit);
  EXPECT_EQ(refused.load(), kThreads * kEach - kLimit);
  EXPECT_EQ(database().Sql("SELECT id FROM audit_log WHERE action = 'pii.reveal'").size(), static_cast<size_t>(kLimit));
  EXPECT_EQ(database().Sql("SELECT id FROM audit_log WHERE action = 'pii.reveal.refused'").size(),
            static_cast<size_t>(kThreads * kEach - kLimit));
  EXPECT_EQ(database().Sql("SELECT id FROM alerts").size(), 1u);
  CommandResult verify = RunConsign({"audit", "verify", "--db", database().url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

CONSIGN_API_SUITE(CustomersUnderLoadApi);

}  // namespace
}  // namespace consign::apitest
