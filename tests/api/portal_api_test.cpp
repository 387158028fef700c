// Issue 6, items 3 and 4, over HTTP on every backend: a portal user sees only the customer-facing
// view of its own account (no classification, owner, team, tags, internal notes; no history, no
// audit trail; no filtering by what it is not shown), and the record rules on writes (a salesperson
// creates and moves accounts only within their own scope; an owner is an active staff user; a team
// exists; a portal user belongs to an existing account).
#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <set>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// The first field a problem names, and its reason ("" when none).
std::string FieldOf(const HttpResponse& r) {
  if (r.status < 400) return "";
  const json::value problem = r.Json();
  if (!problem.as_object().contains("errors") || problem.at("errors").as_array().empty()) return "";
  return std::string(problem.at("errors").at(0).at("field").as_string());
}
std::string ReasonOf(const HttpResponse& r) {
  if (r.status < 400) return "";
  const json::value problem = r.Json();
  if (!problem.as_object().contains("errors") || problem.at("errors").as_array().empty()) return "";
  return std::string(problem.at("errors").at(0).at("reason").as_string());
}

std::set<std::string> Keys(const json::value& v) {
  std::set<std::string> keys;
  for (const auto& kv : v.as_object()) keys.emplace(kv.key());
  return keys;
}

class PortalApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    database().Sql("INSERT INTO teams (id, name) VALUES (501, '华南大客户部')");
    database().Sql("INSERT INTO teams (id, name) VALUES (502, '华北销售部')");
  }

  HttpClient& admin() { return *admin_; }

  int64_t Sales(std::string_view login, int team) {
    HttpResponse r = admin().Post("/api/v1/users", json::serialize(json::object{
        {"login", login}, {"name", login}, {"role", "sales"}, {"team_id", team},
        {"password", kTestPassword}, {"must_change_password", false}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  int64_t Create(HttpClient& client, const json::object& body) {
    HttpResponse r = client.Post("/api/v1/customers", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  // An account with every internal field set to a value found nowhere else.
  json::object Classified(int64_t owner) {
    return json::object{
        {"name", "深圳市顺达电子有限公司"},
        {"code", "SD-001"},
        {"industry", "electronics"},
        {"classification", {{"value_class", "A"}, {"lifecycle_stage", "decline"}, {"tier", "high_end"}}},
        {"owner_id", owner},
        {"team_id", 501},
        {"tags", json::array{"欠款风险"}},
        {"requirements", {{"notes", "内部备注：价格敏感"}, {"flags", {{"credit_watch", true}}}}},
        {"contacts", json::array{{{"name", "陈建国"}, {"role", "decision_maker"}, {"phone", "13812345678"},
                                  {"is_primary", true}}}},
        {"addresses", json::array{{{"kind", "pickup"}, {"province", "广东省"}, {"city", "深圳市"},
                                   {"street", "科技园路1号2栋1502室"}}}},
    };
  }

  std::unique_ptr<HttpClient> admin_;
};

TEST_P(PortalApi, APortalUserSeesOnlyTheCustomerFacingFieldsOfItsOwnAccount) {
  const int64_t owner = Sales("li.south", 501);
  const int64_t own = Create(admin(), Classified(owner));
  const int64_t other = Create(admin(), json::object{{"name", "北京蓝天广告有限公司"}});
  CreateUser(admin(), "shunda.portal", "portal", own);
  HttpClient portal = LogInAs(server(), "shunda.portal");

  HttpResponse read = portal.Get("/api/v1/customers/" + std::to_string(own));
  ASSERT_EQ(read.status, 200) << read.body;
  const json::value c = read.Json();
  EXPECT_EQ(c.at("name").as_string(), "深圳市顺达电子有限公司");
  EXPECT_EQ(c.at("code").as_string(), "SD-001");
  EXPECT_EQ(c.at("addresses").at(0).at("city").as_string(), "深圳市");
  EXPECT_TRUE(c.at("requirements").at("flags").as_object().contains("fragile_packaging"));  // the template's
  // credit_code: the customer's own registration (on its licence and its contract), empty here;
  // brand: what its shipments' public tracking page shows (null here), the customer's own face.
  EXPECT_EQ(Keys(c), (std::set<std::string>{"id", "code", "credit_code", "name", "kind", "industry", "contacts",
                                            "addresses", "preferences", "requirements", "masked", "created_at",
                                            "brand"}));
  for (const char* internal : {"classification", "value_class", "lifecycle", "owner", "li.south", "team", "tags",
                               "欠款风险", "notes", "内部备注", "credit_watch", "version", "status"})
    EXPECT_THAT(read.body, Not(HasSubstr(internal)));
  EXPECT_FALSE(read.Header("etag")) << "no version for a reader that cannot write";
  // Personal data stays masked, as for everyone without pii.view.
  EXPECT_THAT(read.body, Not(HasSubstr("13812345678")));
  EXPECT_TRUE(c.at("masked").as_bool());

  HttpResponse list = portal.Get("/api/v1/customers");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 1u);
  const json::value item = list.Json().at("items").at(0);
  EXPECT_EQ(item.at("id").as_int64(), own);
  EXPECT_EQ(Keys(item), (std::set<std::string>{"id", "code", "credit_code", "name", "kind", "industry", "city",
                                               "province", "primary_contact", "masked"}));
  EXPECT_THAT(list.body, Not(HasSubstr("li.south")));

  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(other)).status, 404);

  // Staff still get the whole record.
  const json::value staff = admin().Get("/api/v1/customers/" + std::to_string(own)).Json();
  EXPECT_EQ(staff.at("classification").at("value_class").as_string(), "A");
  EXPECT_EQ(staff.at("owner").at("login").as_string(), "li.south");
}

TEST_P(PortalApi, APortalUserCannotFilterItsListByWhatItIsNotShown) {
  const int64_t owner = Sales("li.south", 501);
  const int64_t own = Create(admin(), Classified(owner));
  CreateUser(admin(), "shunda.portal", "portal", own);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  // Each would confirm a value by whether the one account comes back.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"value_class=A", "value_class"},
           {"lifecycle_stage=decline", "lifecycle_stage"},
           {"owner_id=" + std::to_string(owner), "owner_id"},
           {"team_id=501", "team_id"},
           {"tag=%E6%AC%A0%E6%AC%BE%E9%A3%8E%E9%99%A9", "tag"},
           {"status=archived", "status"}}) {
    HttpResponse r = portal.Get("/api/v1/customers?" + query);
    EXPECT_EQ(r.status, 400) << query << " → " << r.body;
    EXPECT_EQ(FieldOf(r), field) << query;
  }
  // What it is shown it may filter by.
  HttpResponse by_city = portal.Get("/api/v1/customers?city=%E6%B7%B1%E5%9C%B3%E5%B8%82");
  ASSERT_EQ(by_city.status, 200) << by_city.body;
  EXPECT_EQ(by_city.Json().at("items").as_array().size(), 1u);
  // Its account whatever its status: archived, it still reads, and the state is not given away.
  ASSERT_EQ(admin().Post("/api/v1/customers/" + std::to_string(own) + "/archive", "").status, 200);
  HttpResponse archived = portal.Get("/api/v1/customers");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.Json().at("items").as_array().size(), 1u);
}

TEST_P(PortalApi, APortalUserSeesNoHistoryOfStaffViewsOrChangesAndNoAuditTrail) {
  const int64_t own = Create(admin(), Classified(Sales("li.south", 501)));
  CreateUser(admin(), "shunda.portal", "portal", own);
  ASSERT_EQ(admin().Get("/api/v1/customers/" + std::to_string(own)).status, 200);  // a staff view, audited
  HttpClient portal = LogInAs(server(), "shunda.portal");
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(own) + "/history").status, 403);
  EXPECT_EQ(portal.Get("/api/v1/audit").status, 403);
  EXPECT_EQ(portal.Get("/api/v1/audit?entity=customer&entity_id=" + std::to_string(own)).status, 403);
  EXPECT_EQ(portal.Get("/api/v1/users").status, 403);
  // Staff keep the history.
  EXPECT_EQ(admin().Get("/api/v1/customers/" + std::to_string(own) + "/history").status, 200);
}

TEST_P(PortalApi, ASalespersonCreatesAccountsOnlyForThemselvesInTheirOwnTeam) {
  Sales("li.south", 501);
  const int64_t teammate = Sales("he.south", 501);
  HttpClient south = LogInAs(server(), "li.south");

  HttpResponse for_teammate = south.Post("/api/v1/customers", json::serialize(json::object{
      {"name", "甲公司"}, {"owner_id", teammate}}));
  EXPECT_EQ(for_teammate.status, 403) << for_teammate.body;
  EXPECT_EQ(FieldOf(for_teammate), "owner_id");
  EXPECT_EQ(ReasonOf(for_teammate), "outside_scope");

  HttpResponse in_north = south.Post("/api/v1/customers", json::serialize(json::object{
      {"name", "乙公司"}, {"team_id", 502}}));
  EXPECT_EQ(in_north.status, 403) << in_north.body;
  EXPECT_EQ(FieldOf(in_north), "team_id");

  HttpResponse own = south.Post("/api/v1/customers", R"({"name":"丙公司"})");
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.Json().at("owner").at("login").as_string(), "li.south");
  EXPECT_EQ(own.Json().at("team_id").as_int64(), 501);
  // Nothing of the refused ones was written.
  EXPECT_EQ(admin().Get("/api/v1/customers").Json().at("items").as_array().size(), 1u);
}

TEST_P(PortalApi, ASalespersonCannotHandOverOrMoveAnAccountOutOfTheirScope) {
  Sales("li.south", 501);
  const int64_t teammate = Sales("he.south", 501);
  const int64_t north = Sales("wu.north", 502);
  HttpClient south = LogInAs(server(), "li.south");
  const int64_t id = Create(south, json::object{{"name", "深圳市顺达电子有限公司"}});
  const std::string path = "/api/v1/customers/" + std::to_string(id);

  HttpResponse to_north = south.Patch(path, json::serialize(json::object{{"team_id", 502}}), {{"If-Match", "\"1\""}});
  EXPECT_EQ(to_north.status, 403) << to_north.body;
  EXPECT_EQ(FieldOf(to_north), "team_id");
  HttpResponse hand_over = south.Patch(path, json::serialize(json::object{{"owner_id", north}}), {{"If-Match", "\"1\""}});
  EXPECT_EQ(hand_over.status, 403) << hand_over.body;
  EXPECT_EQ(FieldOf(hand_over), "owner_id");
  HttpResponse to_teammate =
      south.Patch(path, json::serialize(json::object{{"owner_id", teammate}}), {{"If-Match", "\"1\""}});
  EXPECT_EQ(to_teammate.status, 403) << to_teammate.body;
  const json::value stored = admin().Get(path).Json();
  EXPECT_EQ(stored.at("owner").at("login").as_string(), "li.south");
  EXPECT_EQ(stored.at("team_id").as_int64(), 501);
  EXPECT_EQ(stored.at("version").as_int64(), 1);

  // A teammate edits the account as it is; a manager may move it anywhere.
  HttpClient he = LogInAs(server(), "he.south");
  HttpResponse edited = he.Patch(path, R"({"name":"深圳市顺达电子股份有限公司"})", {{"If-Match", "\"1\""}});
  EXPECT_EQ(edited.status, 200) << edited.body;
  HttpResponse moved = admin().Patch(path, json::serialize(json::object{{"owner_id", north}, {"team_id", 502}}),
                                     {{"If-Match", "\"2\""}});
  EXPECT_EQ(moved.status, 200) << moved.body;
}

TEST_P(PortalApi, AnOwnerIsAnActiveStaffUser) {
  const int64_t own = Create(admin(), json::object{{"name", "北京蓝天广告有限公司"}});
  const int64_t portal_user = CreateUser(admin(), "lantian.portal", "portal", own);
  const int64_t gone = CreateUser(admin(), "left.company", "sales");
  ASSERT_EQ(admin().Patch("/api/v1/users/" + std::to_string(gone), R"({"active":false})").status, 200);

  for (const auto& [owner, reason] : std::vector<std::pair<int64_t, std::string>>{
           {portal_user, "not_staff"}, {gone, "inactive"}, {999999, "not_found"}}) {
    HttpResponse created = admin().Post("/api/v1/customers", json::serialize(json::object{
        {"name", "甲公司"}, {"owner_id", owner}}));
    EXPECT_EQ(created.status, 400) << created.body;
    EXPECT_EQ(FieldOf(created), "owner_id");
    EXPECT_EQ(ReasonOf(created), reason);
    HttpResponse patched = admin().Patch("/api/v1/customers/" + std::to_string(own),
                                         json::serialize(json::object{{"owner_id", owner}}), {{"If-Match", "\"1\""}});
    EXPECT_EQ(patched.status, 400) << patched.body;
    EXPECT_EQ(FieldOf(patched), "owner_id");
  }
  const int64_t active = CreateUser(admin(), "li.na", "sales");
  HttpResponse ok = admin().Post("/api/v1/customers", json::serialize(json::object{
      {"name", "乙公司"}, {"owner_id", active}}));
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_P(PortalApi, ATeamExists) {
  HttpResponse created = admin().Post("/api/v1/customers", R"({"name":"甲公司","team_id":9999})");
  EXPECT_EQ(created.status, 400) << created.body;
  EXPECT_EQ(FieldOf(created), "team_id");
  EXPECT_EQ(ReasonOf(created), "not_found");
  const int64_t id = Create(admin(), json::object{{"name", "乙公司"}, {"team_id", 501}});
  HttpResponse patched = admin().Patch("/api/v1/customers/" + std::to_string(id), R"({"team_id":9999})",
                                       {{"If-Match", "\"1\""}});
  EXPECT_EQ(patched.status, 400) << patched.body;
  EXPECT_EQ(FieldOf(patched), "team_id");
  EXPECT_EQ(admin().Get("/api/v1/customers/" + std::to_string(id)).Json().at("team_id").as_int64(), 501);
}

TEST_P(PortalApi, APortalUserBelongsToAnExistingAccount) {
  HttpResponse orphan = admin().Post("/api/v1/users", json::serialize(json::object{
      {"login", "ghost.portal"}, {"role", "portal"}, {"customer_id", 999999},
      {"password", kTestPassword}, {"must_change_password", false}}));
  EXPECT_EQ(orphan.status, 400) << orphan.body;
  EXPECT_EQ(FieldOf(orphan), "customer_id");
  EXPECT_EQ(ReasonOf(orphan), "not_found");

  const int64_t own = Create(admin(), json::object{{"name", "北京蓝天广告有限公司"}});
  const int64_t user = CreateUser(admin(), "lantian.portal", "portal", own);
  HttpResponse moved = admin().Patch("/api/v1/users/" + std::to_string(user), R"({"customer_id":999999})");
  EXPECT_EQ(moved.status, 400) << moved.body;
  EXPECT_EQ(FieldOf(moved), "customer_id");
  EXPECT_EQ(admin().Get("/api/v1/users/" + std::to_string(user)).Json().at("customer_id").as_int64(), own);

  const int64_t agent = CreateUser(admin(), "wang.agent", "agent");
  HttpResponse to_portal = admin().Patch("/api/v1/users/" + std::to_string(agent),
                                         R"({"role":"portal","customer_id":999999})");
  EXPECT_EQ(to_portal.status, 400) << to_portal.body;
  EXPECT_EQ(FieldOf(to_portal), "customer_id");

  CommandResult cli = RunConsign({"user", "add", "--login", "cli.portal", "--role", "portal", "--customer-id",
                                  "999999", "--password-stdin", "--db", database().url()},
                                 "portal password 1\n");
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_THAT(cli.err, HasSubstr("no customer account")) << cli.err;
}

CONSIGN_API_SUITE(PortalApi);

}  // namespace
}  // namespace consign::apitest
