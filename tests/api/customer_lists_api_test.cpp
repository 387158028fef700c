// Issue 7, the server side of lists and the dashboard, on every backend: totals and page jump with
// a bound on deep pages, the "mine / my team / all" tabs, the owner and team pickers' options, the
// dashboard's counts against seeded accounts (numbers written here, never computed by the server
// under test) and their click-through filters, and the division tree with its ETag.
#include <boost/json.hpp>
#include <gmock/gmock.h>

#include <cctype>
#include <climits>
#include <map>
#include <set>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;

// Percent-encodes a query value (Chinese province names, RFC 3339 '+' and ':').
std::string Encode(std::string_view value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : value) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

class CustomerListsApi : public ApiTest {
 protected:
  int64_t Create(HttpClient& client, const json::object& body) {
    HttpResponse r = client.Post("/api/v1/customers", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static json::object Account(std::string_view name, std::string_view value_class = "",
                              std::string_view industry = "other", std::string_view province = "") {
    json::object body{{"name", name}, {"industry", industry}};
    if (!value_class.empty()) body["classification"] = json::object{{"value_class", value_class}};
    if (!province.empty())
      body["addresses"] = json::array{json::object{{"kind", "pickup"}, {"province", province}, {"city", "某市"}}};
    return body;
  }

  static std::vector<std::string> Names(const HttpResponse& list) {
    std::vector<std::string> names;
    const json::value body = list.Json();
    for (const json::value& item : body.at("items").as_array()) names.emplace_back(item.at("name").as_string());
    return names;
  }

  static int64_t Total(const HttpResponse& list) {
    const json::value body = list.Json();
    const json::value* total = body.as_object().if_contains("total");
    EXPECT_TRUE(total) << list.body;
    return total ? total->as_int64() : -1;
  }

  static std::string FieldOf(const HttpResponse& r) {
    return std::string(r.Json().at("errors").at(0).at("field").as_string());
  }
  static std::string ReasonOf(const HttpResponse& r) {
    return std::string(r.Json().at("errors").at(0).at("reason").as_string());
  }

  // Moves an account's created_at or updated_at behind the server's back (the fixed clock makes
  // every account "now").
  void SetTime(std::string_view column, std::string_view name, std::string_view rfc3339, int64_t micros) {
    const bool pg = database().backend() != "sqlite";
    database().Sql("UPDATE customers SET " + std::string(column) + " = " +
                   (pg ? "'" + std::string(rfc3339) + "'" : std::to_string(micros)) + " WHERE name = '" +
                   std::string(name) + "'");
  }

  // Creates sales users in two teams: li.south and he.south in 华南大客户部 (501), wu.north in
  // 华北销售部 (502). Returns their ids by login.
  std::map<std::string, int64_t> SalesForce(HttpClient& admin) {
    database().Sql("INSERT INTO teams (id, name) VALUES (501, '华南大客户部')");
    database().Sql("INSERT INTO teams (id, name) VALUES (502, '华北销售部')");
    std::map<std::string, int64_t> ids;
    for (const auto& [login, team] : {std::pair<std::string, int>{"li.south", 501}, {"he.south", 501}, {"wu.north", 502}}) {
      HttpResponse r = admin.Post("/api/v1/users", json::serialize(json::object{
          {"login", login}, {"name", login}, {"role", "sales"}, {"team_id", team},
          {"password", kTestPassword}, {"must_change_password", false}}));
      EXPECT_EQ(r.status, 201) << r.body;
      ids[login] = r.status == 201 ? r.Json().at("id").as_int64() : 0;
    }
    return ids;
  }
};

TEST_P(CustomerListsApi, PageModeAnswersTotalAndTheRightRowsAndRefusesDeepPagesNamingPage) {
  HttpClient admin = LogInAsAdmin(server());
  for (int i = 1; i <= 7; ++i) Create(admin, Account("页码客户0" + std::to_string(i), i <= 3 ? "A" : "C"));

  HttpResponse first = admin.Get("/api/v1/customers?sort=name&limit=3&page=1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_THAT(Names(first), ElementsAre("页码客户01", "页码客户02", "页码客户03"));
  EXPECT_EQ(Total(first), 7);
  EXPECT_EQ(first.Json().at("page").as_int64(), 1);
  EXPECT_EQ(first.Json().at("limit").as_int64(), 3);
  EXPECT_TRUE(first.Json().at("next_cursor").is_null()) << "page mode gives no cursor";
  EXPECT_THAT(Names(admin.Get("/api/v1/customers?sort=name&limit=3&page=2")),
              ElementsAre("页码客户04", "页码客户05", "页码客户06"));
  HttpResponse last = admin.Get("/api/v1/customers?sort=-name&limit=3&page=3");
  EXPECT_THAT(Names(last), ElementsAre("页码客户01"));
  EXPECT_EQ(Total(last), 7);
  HttpResponse past = admin.Get("/api/v1/customers?sort=name&limit=3&page=4");
  ASSERT_EQ(past.status, 200) << past.body;
  EXPECT_TRUE(Names(past).empty());
  EXPECT_EQ(Total(past), 7);
  EXPECT_EQ(Total(admin.Get("/api/v1/customers?value_class=A&page=1")), 3);

  // Cursor mode answers the total only when asked.
  HttpResponse cursor_page = admin.Get("/api/v1/customers?limit=2");
  ASSERT_EQ(cursor_page.status, 200) << cursor_page.body;
  EXPECT_FALSE(cursor_page.Json().as_object().contains("total"));
  EXPECT_FALSE(cursor_page.Json().at("next_cursor").is_null());
  EXPECT_EQ(Total(admin.Get("/api/v1/customers?limit=2&with_total=true&value_class=C")), 4);

  // 10,000 rows deep at most: page 100 of 100 is the last page allowed, 101 is refused by name.
  EXPECT_EQ(admin.Get("/api/v1/customers?limit=100&page=100").status, 200);
  EXPECT_EQ(admin.Get("/api/v1/customers?limit=200&page=50").status, 200);
  for (std::string_view deep : {"limit=100&page=101", "limit=200&page=51", "page=201", "page=99999999999"}) {
    HttpResponse refused = admin.Get("/api/v1/customers?" + std::string(deep));
    ASSERT_EQ(refused.status, 400) << deep << ": " << refused.body;
    EXPECT_EQ(FieldOf(refused), "page");
    EXPECT_EQ(ReasonOf(refused), "too_deep");
  }
  HttpResponse zero = admin.Get("/api/v1/customers?page=0");
  ASSERT_EQ(zero.status, 400) << zero.body;
  EXPECT_EQ(FieldOf(zero), "page");
  const std::string cursor(cursor_page.Json().at("next_cursor").as_string());
  HttpResponse both = admin.Get("/api/v1/customers?limit=2&page=2&cursor=" + cursor);
  ASSERT_EQ(both.status, 400) << both.body;
  EXPECT_EQ(FieldOf(both), "page");
  EXPECT_EQ(FieldOf(admin.Get("/api/v1/customers?with_total=maybe")), "with_total");
}

TEST_P(CustomerListsApi, TotalsAndTabsFollowTheRecordRule) {
  HttpClient admin = LogInAsAdmin(server());
  const std::map<std::string, int64_t> ids = SalesForce(admin);
  HttpClient li = LogInAs(server(), "li.south");
  HttpClient he = LogInAs(server(), "he.south");
  HttpClient wu = LogInAs(server(), "wu.north");
  Create(li, Account("李的客户一"));
  Create(li, Account("李的客户二"));
  Create(he, Account("何的客户"));
  Create(wu, Account("吴的客户"));
  Create(admin, Account("无人负责的客户"));  // no owner, no team

  // A salesperson's total counts their own and their team's accounts only.
  EXPECT_EQ(Total(li.Get("/api/v1/customers?page=1")), 3);
  EXPECT_EQ(Total(wu.Get("/api/v1/customers?page=1")), 1);
  EXPECT_EQ(Total(admin.Get("/api/v1/customers?page=1")), 5);

  HttpResponse mine = li.Get("/api/v1/customers?scope=mine&sort=name&page=1");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_THAT(Names(mine), ElementsAre("李的客户一", "李的客户二"));
  EXPECT_EQ(Total(mine), 2);
  EXPECT_EQ(Total(li.Get("/api/v1/customers?scope=team&page=1")), 3);
  EXPECT_EQ(Total(li.Get("/api/v1/customers?scope=all&page=1")), 3);
  EXPECT_THAT(Names(he.Get("/api/v1/customers?scope=mine")), ElementsAre("何的客户"));
  // A tab narrows the record rule, never widens it: the admin owns nothing.
  EXPECT_EQ(Total(admin.Get("/api/v1/customers?scope=mine&page=1")), 0);

  HttpResponse no_team = admin.Get("/api/v1/customers?scope=team");
  ASSERT_EQ(no_team.status, 400) << no_team.body;
  EXPECT_EQ(FieldOf(no_team), "scope");
  EXPECT_EQ(ReasonOf(no_team), "no_team");
  HttpResponse conflict = li.Get("/api/v1/customers?scope=mine&owner_id=" + std::to_string(ids.at("he.south")));
  ASSERT_EQ(conflict.status, 400) << conflict.body;
  EXPECT_EQ(FieldOf(conflict), "owner_id");
  EXPECT_EQ(FieldOf(li.Get("/api/v1/customers?scope=everyone")), "scope");

  // The owner filter the console fills from /users/options gives the same rows as the tab.
  EXPECT_EQ(Total(li.Get("/api/v1/customers?page=1&owner_id=" + std::to_string(ids.at("li.south")))), 2);
  EXPECT_EQ(Total(li.Get("/api/v1/customers?page=1&team_id=501")), 3);

  const int64_t account = Create(admin, Account("门户客户"));
  CreateUser(admin, "portal.user", "portal", account);
  HttpClient portal = LogInAs(server(), "portal.user");
  HttpResponse portal_tab = portal.Get("/api/v1/customers?scope=mine");
  ASSERT_EQ(portal_tab.status, 400) << portal_tab.body;
  EXPECT_EQ(FieldOf(portal_tab), "scope");
  EXPECT_EQ(Total(portal.Get("/api/v1/customers?page=1")), 1);
}

TEST_P(CustomerListsApi, UserOptionsNameActiveStaffAndTeamsAndNothingMore) {
  HttpClient admin = LogInAsAdmin(server());
  const std::map<std::string, int64_t> ids = SalesForce(admin);
  const int64_t account = Create(admin, Account("门户客户"));
  CreateUser(admin, "portal.user", "portal", account);
  const int64_t gone = CreateUser(admin, "gone.sales", "sales");
  ASSERT_EQ(admin.Patch("/api/v1/users/" + std::to_string(gone), R"({"active":false})").status, 200);
  CreateUser(admin, "zhao.agent", "agent");

  HttpClient li = LogInAs(server(), "li.south");
  HttpResponse options = li.Get("/api/v1/users/options");
  ASSERT_EQ(options.status, 200) << options.body;
  const json::value body = options.Json();
  std::map<std::string, json::value> users;
  for (const json::value& u : body.at("users").as_array()) {
    EXPECT_EQ(u.as_object().size(), 3u) << "id, name and team_id only: " << json::serialize(u);
    users[std::string(u.at("name").as_string())] = u;
  }
  EXPECT_EQ(users.size(), 5u) << options.body;  // admin, three sales, the agent: not the portal user or gone.sales
  EXPECT_FALSE(users.contains("portal.user"));
  EXPECT_FALSE(users.contains("gone.sales"));
  ASSERT_TRUE(users.contains("he.south"));
  EXPECT_EQ(users["he.south"].at("id").as_int64(), ids.at("he.south"));
  EXPECT_EQ(users["he.south"].at("team_id").as_int64(), 501);
  EXPECT_TRUE(users["zhao.agent"].at("team_id").is_null());
  std::map<int64_t, std::string> teams;
  for (const json::value& t : body.at("teams").as_array())
    teams[t.at("id").as_int64()] = std::string(t.at("name").as_string());
  EXPECT_EQ(teams, (std::map<int64_t, std::string>{{501, "华南大客户部"}, {502, "华北销售部"}}));
  EXPECT_FALSE(body.at("truncated").as_bool());

  EXPECT_EQ(LogInAs(server(), "portal.user").Get("/api/v1/users/options").status, 403);
  EXPECT_EQ(LogInAs(server(), "zhao.agent").Get("/api/v1/users/options").status, 200);
}

class CustomerStatsApi : public CustomerListsApi {
 protected:
  // key (null as "-") → count of one breakdown; also checks the buckets come largest first.
  static std::map<std::string, int64_t> Buckets(const json::value& stats, std::string_view by) {
    std::map<std::string, int64_t> out;
    int64_t previous = INT64_MAX;
    for (const json::value& b : stats.at("by").at(by).as_array()) {
      const std::string key = b.at("key").is_null() ? "-" : std::string(b.at("key").as_string());
      out[key] = b.at("count").as_int64();
      const bool rest = by == "province" && key == "other";  // the provinces after the ten largest
      if (!rest) {
        EXPECT_LE(out[key], previous) << by << " is not largest first";
        previous = out[key];
      }
      EXPECT_EQ(b.at("filter").is_null(), key == "-" || rest) << by << " " << key;
    }
    return out;
  }

  // Follows every filter of a stats answer into the list: the list's total must be the count.
  int ClickThrough(HttpClient& client, const json::value& stats) {
    int followed = 0;
    auto follow = [&](const json::value& filter, int64_t count, const std::string& what) {
      if (filter.is_null()) return;
      std::string path = "/api/v1/customers?page=1&limit=1";
      for (const auto& [key, value] : filter.as_object())
        path += "&" + std::string(key) + "=" + Encode(value.as_string());
      HttpResponse list = client.Get(path);
      ASSERT_EQ(list.status, 200) << what << " " << path << ": " << list.body;
      EXPECT_EQ(Total(list), count) << what << " → " << path;
      ++followed;
    };
    follow(stats.at("total").at("filter"), stats.at("total").at("count").as_int64(), "total");
    for (const auto& [by, buckets] : stats.at("by").as_object())
      for (const json::value& b : buckets.as_array())
        follow(b.at("filter"), b.at("count").as_int64(), std::string(by));
    for (std::string_view single : {"new_this_month", "mine", "due"})
      follow(stats.at(single).at("filter"), stats.at(single).at("count").as_int64(), std::string(single));
    return followed;
  }

  // li.south (华南, 501) owns three accounts, the admin created two without an owner and one it
  // archived. The fixed clock says 2026-11-22T08:00:00Z: the month began 2026-10-31T16:00:00Z in
  // Shanghai, and "not updated for 90 days" means before 2026-08-24T08:00:00Z.
  void Seed(HttpClient& admin, HttpClient& li) {
    json::object a = Account("甲电子", "A", "electronics", "广东省");
    a["classification"].as_object()["lifecycle_stage"] = "growth";
    Create(li, a);
    Create(li, Account("乙电子", "A", "electronics", "广东省"));
    Create(li, Account("丙零售", "B", "retail", "浙江省"));
    Create(admin, Account("丁食品", "C", "food", "北京市"));
    Create(admin, Account("戊其他"));
    const int64_t archived = Create(admin, Account("己归档", "A", "electronics", "广东省"));
    ASSERT_EQ(admin.Post("/api/v1/customers/" + std::to_string(archived) + "/archive", "").status, 200);
    SetTime("created_at", "乙电子", "2026-09-01T00:00:00Z", 1788220800000000);  // before this month
    SetTime("updated_at", "乙电子", "2026-07-01T00:00:00Z", 1782864000000000);  // stale
    SetTime("updated_at", "丙零售", "2026-08-01T00:00:00Z", 1785542400000000);  // stale
    SetTime("created_at", "丁食品", "2026-10-31T15:59:59Z", 1793462399000000);  // 23:59:59 on 31 Oct in Shanghai
    SetTime("created_at", "戊其他", "2026-10-31T16:00:00Z", 1793462400000000);  // 00:00 on 1 Nov in Shanghai
  }
};

TEST_P(CustomerStatsApi, CountsEveryAccountTheCallerMaySeeAndEveryBucketClicksThroughToTheList) {
  HttpClient admin = LogInAsAdmin(server());
  SalesForce(admin);
  HttpClient li = LogInAs(server(), "li.south");
  Seed(admin, li);

  HttpResponse all = admin.Get("/api/v1/customers/stats");
  ASSERT_EQ(all.status, 200) << all.body;
  const json::value s = all.Json();
  EXPECT_EQ(s.at("total").at("count").as_int64(), 5);  // the archived one is left out by default
  EXPECT_EQ(Buckets(s, "value_class"), (std::map<std::string, int64_t>{{"A", 2}, {"B", 1}, {"C", 1}, {"-", 1}}));
  EXPECT_EQ(Buckets(s, "industry"),
            (std::map<std::string, int64_t>{{"electronics", 2}, {"retail", 1}, {"food", 1}, {"other", 1}}));
  EXPECT_EQ(Buckets(s, "province"),
            (std::map<std::string, int64_t>{{"广东省", 2}, {"浙江省", 1}, {"北京市", 1}, {"-", 1}}));
  EXPECT_EQ(Buckets(s, "lifecycle_stage"), (std::map<std::string, int64_t>{{"growth", 1}, {"-", 4}}));
  EXPECT_EQ(Buckets(s, "kind"), (std::map<std::string, int64_t>{{"organization", 5}}));
  EXPECT_EQ(s.at("by").at("value_class").at(0).at("filter"), (json::value{{"value_class", "A"}}));
  EXPECT_EQ(s.at("new_this_month").at("count").as_int64(), 3);  // not 乙 (September) nor 丁 (October in Shanghai)
  EXPECT_EQ(s.at("new_this_month").at("since").as_string(), "2026-10-31T16:00:00Z");
  EXPECT_EQ(s.at("mine").at("count").as_int64(), 0);
  EXPECT_EQ(s.at("due").at("count").as_int64(), 0);
  EXPECT_EQ(s.at("due").at("before").as_string(), "2026-08-24T08:00:00Z");
  // total; value_class 3, industry 4, province 3, lifecycle 1, development 0, kind 1 (the unclassified
  // buckets have no filter); new this month, mine, due.
  EXPECT_EQ(ClickThrough(admin, s), 1 + 3 + 4 + 3 + 1 + 0 + 1 + 3);

  // The salesperson's dashboard counts their own and their team's accounts only.
  HttpResponse own = li.Get("/api/v1/customers/stats");
  ASSERT_EQ(own.status, 200) << own.body;
  const json::value l = own.Json();
  EXPECT_EQ(l.at("total").at("count").as_int64(), 3);
  EXPECT_EQ(Buckets(l, "value_class"), (std::map<std::string, int64_t>{{"A", 2}, {"B", 1}}));
  EXPECT_EQ(Buckets(l, "province"), (std::map<std::string, int64_t>{{"广东省", 2}, {"浙江省", 1}}));
  EXPECT_EQ(l.at("new_this_month").at("count").as_int64(), 2);
  EXPECT_EQ(l.at("mine").at("count").as_int64(), 3);
  EXPECT_EQ(l.at("due").at("count").as_int64(), 2);  // 乙 and 丙, untouched since July and August
  EXPECT_EQ(l.at("due").at("filter"), (json::value{{"scope", "mine"}, {"updated_before", "2026-08-24T08:00:00Z"}}));
  EXPECT_GE(ClickThrough(li, l), 8);

  // A tab and a status carry into every bucket's filter.
  HttpResponse team = li.Get("/api/v1/customers/stats?scope=team&status=all");
  ASSERT_EQ(team.status, 200) << team.body;
  EXPECT_EQ(team.Json().at("total").at("filter"), (json::value{{"status", "all"}, {"scope", "team"}}));
  EXPECT_GE(ClickThrough(li, team.Json()), 8);
  HttpResponse everything = admin.Get("/api/v1/customers/stats?status=all");
  ASSERT_EQ(everything.status, 200) << everything.body;
  EXPECT_EQ(everything.Json().at("total").at("count").as_int64(), 6);
  EXPECT_EQ(Buckets(everything.Json(), "value_class")["A"], 3);
  ClickThrough(admin, everything.Json());

  HttpResponse no_team = admin.Get("/api/v1/customers/stats?scope=team");
  ASSERT_EQ(no_team.status, 400) << no_team.body;
  EXPECT_EQ(FieldOf(no_team), "scope");
  EXPECT_EQ(FieldOf(admin.Get("/api/v1/customers/stats?status=gone")), "status");
}

TEST_P(CustomerStatsApi, TheProvincesAfterTheTenLargestAreSummedAsOtherAndAPortalUserIsRefused) {
  HttpClient admin = LogInAsAdmin(server());
  const std::vector<std::string> provinces = {"广东省", "浙江省", "江苏省", "山东省", "河南省", "四川省",
                                              "湖北省", "湖南省", "福建省", "安徽省", "河北省", "陕西省"};
  // 广东省 twice, so it leads; the other eleven once each: ten named, and two left for "other".
  Create(admin, Account("省份客户0", "", "other", provinces[0]));
  for (size_t i = 0; i < provinces.size(); ++i)
    Create(admin, Account("省份客户" + std::to_string(i + 1), "", "other", provinces[i]));
  HttpResponse stats = admin.Get("/api/v1/customers/stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  const json::value body = stats.Json();
  const json::array& buckets = body.at("by").at("province").as_array();
  ASSERT_EQ(buckets.size(), 11u) << stats.body;
  EXPECT_EQ(buckets.at(0).at("key").as_string(), "广东省");
  EXPECT_EQ(buckets.at(0).at("count").as_int64(), 2);
  EXPECT_EQ(buckets.at(10).at("key").as_string(), "other");
  EXPECT_EQ(buckets.at(10).at("count").as_int64(), 2);
  EXPECT_TRUE(buckets.at(10).at("filter").is_null());

  const int64_t account = Create(admin, Account("门户客户"));
  CreateUser(admin, "portal.user", "portal", account);
  EXPECT_EQ(LogInAs(server(), "portal.user").Get("/api/v1/customers/stats").status, 403);
}

TEST_P(CustomerListsApi, DivisionsAreAProvinceCityDistrictTreeWithAnETagThatAnswers304) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse tree = admin.Get("/api/v1/divisions");
  ASSERT_EQ(tree.status, 200) << tree.body.substr(0, 300);
  EXPECT_EQ(tree.Header("cache-control"), "private, max-age=86400");
  const std::string etag = tree.Header("etag").value_or("");
  EXPECT_TRUE(etag.starts_with("\"divisions-")) << etag;
  const json::value body = tree.Json();
  EXPECT_FALSE(body.at("version").as_string().empty());
  const json::array& provinces = body.at("provinces").as_array();
  EXPECT_GE(provinces.size(), 31u);
  std::set<std::string> shenzhen_districts;
  bool beijing_is_a_municipality = false;
  for (const json::value& p : provinces) {
    if (p.at("name").as_string() == "北京市") beijing_is_a_municipality = p.at("municipality").as_bool();
    if (p.at("name").as_string() != "广东省") continue;
    EXPECT_EQ(p.at("code").as_string(), "44");
    for (const json::value& c : p.at("children").as_array()) {
      if (c.at("name").as_string() != "深圳市") continue;
      EXPECT_EQ(c.at("code").as_string(), "4403");
      for (const json::value& d : c.at("children").as_array()) {
        shenzhen_districts.emplace(d.at("name").as_string());
        if (d.at("name").as_string() == "南山区") {
          EXPECT_EQ(d.at("code").as_string(), "440305");
        }
      }
    }
  }
  EXPECT_TRUE(shenzhen_districts.contains("南山区")) << "广东省 → 深圳市 → 南山区 is missing";
  EXPECT_TRUE(shenzhen_districts.contains("福田区"));
  EXPECT_TRUE(beijing_is_a_municipality);

  HttpResponse same = admin.Get("/api/v1/divisions", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.Header("etag"), etag);
  EXPECT_EQ(admin.Get("/api/v1/divisions", {{"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(admin.Get("/api/v1/divisions", {{"If-None-Match", "\"divisions-0.0.0\""}}).status, 200);
  EXPECT_EQ(server().Client().Get("/api/v1/divisions").status, 401) << "for signed-in users";
  // Account data stays uncacheable: only the reference route opts out of no-store.
  EXPECT_EQ(admin.Get("/api/v1/customers").Header("cache-control"), "no-store");
}

CONSIGN_API_SUITE(CustomerListsApi);
CONSIGN_API_SUITE(CustomerStatsApi);

}  // namespace
}  // namespace consign::apitest
