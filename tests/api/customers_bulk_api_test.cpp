// Issue 7 on the server, on every backend: bulk actions on a selection (each id through the single
// action's rules, answered per id), the history's field-level differences with the person's name, and
// the export of a selection.
#include <boost/json.hpp>
#include <gmock/gmock.h>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class CustomersBulkApi : public ApiTest {
 protected:
  int64_t CreateCustomer(HttpClient& client, std::string_view body) {
    HttpResponse r = client.Post("/api/v1/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  int64_t CreateNamed(HttpClient& client, std::string_view name) {
    return CreateCustomer(client, json::serialize(json::object{{"name", name}}));
  }
  int64_t CreateSales(HttpClient& admin, std::string_view login, int team) {
    HttpResponse r = admin.Post("/api/v1/users", json::serialize(json::object{
        {"login", login}, {"name", login}, {"role", "sales"}, {"team_id", team},
        {"password", kTestPassword}, {"must_change_password", false}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  static json::value Bulk(HttpClient& client, const json::object& body, int expected_status = 200) {
    HttpResponse r = client.Post("/api/v1/customers/bulk", json::serialize(body));
    EXPECT_EQ(r.status, expected_status) << r.body;
    return r.Json();
  }
  static std::string Path(int64_t id) { return "/api/v1/customers/" + std::to_string(id); }
};

TEST_P(CustomersBulkApi, AddAndRemoveATagOnASelectionEachAuditedAsTheSingleEdit) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t a = CreateNamed(admin, "甲公司");
  const int64_t b = CreateNamed(admin, "乙公司");
  const json::value added = Bulk(admin, {{"action", "add_tag"}, {"ids", json::array{a, b, 999999}}, {"tag", "月结"}});
  EXPECT_EQ(added.at("succeeded").as_int64(), 2);
  EXPECT_EQ(added.at("failed").as_int64(), 1);
  const json::array& results = added.at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("id").as_int64(), a);
  EXPECT_TRUE(results[0].at("ok").as_bool());
  EXPECT_TRUE(results[0].at("changed").as_bool());
  EXPECT_FALSE(results[2].at("ok").as_bool());
  EXPECT_EQ(results[2].at("problem").at("status").as_int64(), 404);
  EXPECT_EQ(admin.Get(Path(a)).Json().at("tags"), json::array{"月结"});
  EXPECT_EQ(admin.Get(Path(b)).Json().at("version").as_int64(), 2);

  // Tagged already: ok, nothing changed, no new version.
  const json::value again = Bulk(admin, {{"action", "add_tag"}, {"ids", json::array{a}}, {"tag", "月结"}});
  EXPECT_FALSE(again.at("results").at(0).at("changed").as_bool());
  EXPECT_EQ(admin.Get(Path(a)).Json().at("version").as_int64(), 2);

  Bulk(admin, {{"action", "remove_tag"}, {"ids", json::array{a}}, {"tag", "月结"}});
  EXPECT_TRUE(admin.Get(Path(a)).Json().at("tags").as_array().empty());
  const json::value history = admin.Get(Path(a) + "/history").Json();
  int updates = 0;
  for (const json::value& e : history.at("items").as_array()) updates += e.at("action").as_string() == "update";
  EXPECT_EQ(updates, 2) << "one audited update per change, as a single edit";
}

TEST_P(CustomersBulkApi, TransferKeepsTheOwnerRulesPerIdAndAPartialFailureUndoesNothing) {
  HttpClient admin = LogInAsAdmin(server());
  database().Sql("INSERT INTO teams (id, name) VALUES (601, '华南大客户部')");
  database().Sql("INSERT INTO teams (id, name) VALUES (602, '华北销售部')");
  const int64_t south_id = CreateSales(admin, "li.south", 601);
  const int64_t north_id = CreateSales(admin, "wu.north", 602);
  HttpClient south = LogInAs(server(), "li.south");
  const int64_t own = CreateNamed(south, "南方客户");
  const int64_t others = CreateNamed(admin, "总部客户");
  const int64_t portal_user = CreateUser(admin, "portal.user", "portal", own);

  // A portal user cannot own accounts: refused per id, the same as the single edit.
  const json::value not_staff =
      Bulk(admin, {{"action", "transfer_owner"}, {"ids", json::array{others}}, {"owner_id", portal_user}});
  EXPECT_EQ(not_staff.at("results").at(0).at("problem").at("reason").as_string(), "not_staff");

  // A salesperson cannot hand an account over; one they cannot see is not found. Nothing moves.
  const json::value sales = Bulk(south, {{"action", "transfer_owner"}, {"ids", json::array{own, others}}, {"owner_id", north_id}});
  EXPECT_EQ(sales.at("succeeded").as_int64(), 0);
  EXPECT_EQ(sales.at("results").at(0).at("problem").at("status").as_int64(), 403);
  EXPECT_EQ(sales.at("results").at(0).at("problem").at("field").as_string(), "owner_id");
  EXPECT_EQ(sales.at("results").at(1).at("problem").at("status").as_int64(), 404);
  EXPECT_EQ(admin.Get(Path(own)).Json().at("owner").at("id").as_int64(), south_id);

  // A manager moves both; one archived in between fails alone, the other is moved and stays moved.
  CreateUser(admin, "zhou.manager", "manager");
  HttpClient manager = LogInAs(server(), "zhou.manager");
  ASSERT_EQ(admin.Post(Path(others) + "/archive", "").status, 200);
  const json::value moved = Bulk(manager, {{"action", "transfer_owner"}, {"ids", json::array{own, others}}, {"owner_id", north_id}});
  EXPECT_EQ(moved.at("succeeded").as_int64(), 1);
  EXPECT_TRUE(moved.at("results").at(0).at("ok").as_bool());
  EXPECT_EQ(moved.at("results").at(1).at("problem").at("status").as_int64(), 409) << json::serialize(moved);
  EXPECT_EQ(admin.Get(Path(own)).Json().at("owner").at("id").as_int64(), north_id);
}

TEST_P(CustomersBulkApi, ArchiveNeedsTheDeletePermissionAndBadRequestsNameTheirField) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t a = CreateNamed(admin, "甲公司");
  const int64_t b = CreateNamed(admin, "乙公司");
  CreateUser(admin, "ma.sales", "sales");
  HttpClient sales = LogInAs(server(), "ma.sales");
  EXPECT_EQ(sales.Post("/api/v1/customers/bulk", json::serialize(json::object{{"action", "archive"}, {"ids", json::array{a}}})).status, 403);
  CreateUser(admin, "zhao.dispatch", "dispatcher");
  EXPECT_EQ(LogInAs(server(), "zhao.dispatch")
                .Post("/api/v1/customers/bulk", json::serialize(json::object{{"action", "add_tag"}, {"ids", json::array{a}}, {"tag", "x"}}))
                .status,
            403);

  const json::value archived = Bulk(admin, {{"action", "archive"}, {"ids", json::array{a, b}}});
  EXPECT_EQ(archived.at("succeeded").as_int64(), 2);
  EXPECT_EQ(admin.Get(Path(a)).Json().at("status").as_string(), "archived");
  const json::value twice = Bulk(admin, {{"action", "archive"}, {"ids", json::array{a}}});
  EXPECT_EQ(twice.at("results").at(0).at("problem").at("status").as_int64(), 409);

  auto field_of = [&](const json::object& body) {
    HttpResponse r = admin.Post("/api/v1/customers/bulk", json::serialize(body));
    EXPECT_EQ(r.status, 400) << r.body;
    return std::string(r.Json().at("errors").at(0).at("field").as_string());
  };
  EXPECT_EQ(field_of({{"action", "delete"}, {"ids", json::array{a}}}), "action");
  EXPECT_EQ(field_of({{"action", "add_tag"}, {"ids", json::array{}}, {"tag", "x"}}), "ids");
  EXPECT_EQ(field_of({{"action", "add_tag"}, {"ids", json::array{a, a}}, {"tag", "x"}}), "ids[1]");
  EXPECT_EQ(field_of({{"action", "add_tag"}, {"ids", json::array{a}}}), "tag");
  EXPECT_EQ(field_of({{"action", "transfer_owner"}, {"ids", json::array{a}}}), "owner_id");
  json::array many;
  for (int i = 1; i <= 501; ++i) many.emplace_back(i);
  EXPECT_EQ(field_of({{"action", "add_tag"}, {"ids", many}, {"tag", "x"}}), "ids");
}

TEST_P(CustomersBulkApi, HistoryShowsWhichContactsPhoneChangedMaskedWithThePersonsName) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "zhou.manager", "manager");
  HttpClient manager = LogInAs(server(), "zhou.manager");
  const int64_t id = CreateCustomer(manager, R"({"name":"深圳市顺达电子有限公司","tags":["大客户"],
      "contacts":[{"name":"陈建国","phone":"13812345678","is_primary":true},{"name":"刘秘书","phone":"13900001111"}]})");
  const json::value created = manager.Get(Path(id)).Json();
  const int64_t chen = created.at("contacts").at(0).at("id").as_int64();
  const int64_t liu = created.at("contacts").at(1).at("id").as_int64();
  json::object patch{{"tags", json::array{"月结"}},
                     {"classification", json::object{{"value_class", "A"}}},
                     {"contacts", json::array{json::object{{"id", chen}, {"name", "陈建国"}, {"phone", "13812349999"}, {"is_primary", true}},
                                              json::object{{"id", liu}, {"name", "刘秘书"}, {"phone", "13700001111"}}}}};
  HttpResponse saved = manager.Patch(Path(id), json::serialize(patch), {{"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;

  HttpResponse history = manager.Get(Path(id) + "/history");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(history.body.find("13812349999"), std::string::npos);
  const json::value update = history.Json().at("items").at(0);
  ASSERT_EQ(update.at("action").as_string(), "update");
  EXPECT_EQ(update.at("actor").as_string(), "zhou.manager");
  EXPECT_EQ(update.at("actor_name").as_string(), "zhou.manager");
  std::map<std::string, json::value> by_path;
  for (const json::value& c : update.at("changes").as_array())
    by_path[std::string(c.at("path").as_string()) + ":" + std::string(c.at("change").as_string())] = c;
  const std::string phone = "contacts[id=" + std::to_string(chen) + "].phone:changed";
  ASSERT_TRUE(by_path.count(phone)) << json::serialize(update.at("changes"));
  EXPECT_EQ(by_path[phone].at("before").as_string(), "*******5678");
  EXPECT_EQ(by_path[phone].at("after").as_string(), "*******9999");
  EXPECT_EQ(by_path[phone].at("item").as_string(), "陈**");
  EXPECT_EQ(by_path["tags:added"].at("after").as_string(), "月结");
  EXPECT_EQ(by_path["tags:removed"].at("before").as_string(), "大客户");
  EXPECT_EQ(by_path["classification.value_class:changed"].at("after").as_string(), "A");
  // 刘秘书's new phone has the same mask as the old one: still a change, shown as mask → mask.
  const std::string same_mask = "contacts[id=" + std::to_string(liu) + "].phone:changed";
  ASSERT_TRUE(by_path.count(same_mask)) << json::serialize(update.at("changes"));
  EXPECT_EQ(by_path[same_mask].at("before").as_string(), "*******1111");
  EXPECT_EQ(by_path[same_mask].at("after").as_string(), "*******1111");
  EXPECT_EQ(history.body.find("13700001111"), std::string::npos);
  EXPECT_EQ(history.body.find("13900001111"), std::string::npos);
  EXPECT_EQ(by_path.size(), 5u) << json::serialize(update.at("changes"));
}

TEST_P(CustomersBulkApi, ExportOfASelectionWithChosenColumnsAndEveryClassification) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t a = CreateCustomer(admin, R"({"name":"甲公司","classification":{"market":"cbd","lifecycle_stage":"growth",
      "relationship_type":"alliance","development_stage":"loyal"},"contacts":[{"name":"陈建国","phone":"13812345678"}]})");
  CreateNamed(admin, "乙公司");
  const int64_t c = CreateNamed(admin, "丙公司");
  const std::string selection = "ids=" + std::to_string(a) + "," + std::to_string(c);

  HttpResponse zh = admin.Get("/api/v1/customers/export?" + selection + "&columns=name,market,lifecycle_stage,relationship_type,development_stage,phone");
  ASSERT_EQ(zh.status, 200) << zh.body;
  EXPECT_THAT(zh.body, HasSubstr("客户名称,细分市场,生命周期阶段,关系类型,发展阶段,电话\r\n"));
  EXPECT_THAT(zh.body, HasSubstr("甲公司,中央商务区,成长期,联盟型,忠诚客户,*******5678\r\n"));
  EXPECT_THAT(zh.body, HasSubstr("丙公司"));
  EXPECT_EQ(zh.body.find("乙公司"), std::string::npos) << "not selected";
  EXPECT_EQ(zh.Header("x-export-rows").value_or(""), "2");

  HttpResponse en = admin.Get("/api/v1/customers/export?ids=" + std::to_string(a) + "&columns=name,market", {{"Accept-Language", "en-US,en;q=0.9"}});
  ASSERT_EQ(en.status, 200) << en.body;
  EXPECT_THAT(en.body, HasSubstr("name,market\r\n甲公司,cbd\r\n"));
  HttpResponse chosen = admin.Get("/api/v1/customers/export?ids=" + std::to_string(a) + "&columns=name,market&lang=zh",
                                  {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_THAT(chosen.body, HasSubstr("客户名称,细分市场\r\n甲公司,中央商务区\r\n")) << "lang= over the browser's language";

  HttpResponse all = admin.Get("/api/v1/customers/export?ids=" + std::to_string(a));
  for (const char* header : {"关系类型", "关系深度", "成熟度", "营销类型", "价值分类", "客户层级", "细分市场", "生命周期阶段", "发展阶段"})
    EXPECT_THAT(all.body, HasSubstr(header));

  HttpResponse unknown = admin.Get("/api/v1/customers/export?columns=name,salary");
  ASSERT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("field").as_string(), "columns");
  EXPECT_EQ(admin.Get("/api/v1/customers/export?ids=1,x").Json().at("errors").at(0).at("field").as_string(), "ids");
}

CONSIGN_API_SUITE(CustomersBulkApi);

}  // namespace
}  // namespace consign::apitest
