// Activities, "my day" and referrals (issue 8, item 3) over HTTP on every backend: recorded on accounts
// the caller may see, the account's timeline newest first and paged, the day counted in Shanghai,
// next steps completed once, referrals between two different existing accounts, all audited.
#include <boost/json.hpp>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

int64_t CreateAccount(HttpClient& client, std::string_view name) {
  HttpResponse r = client.Post("/api/v1/customers", json::serialize(json::object{
                                                         {"name", name}, {"kind", "organization"}, {"industry", "electronics"}}));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.Json().at("id").as_int64() : 0;
}

std::string ActivityBody(int64_t account, std::string_view kind, std::string_view occurred_at, std::string_view note,
                         std::string_view next_step = {}, std::string_view due = {}) {
  json::object body{{"subject", json::object{{"kind", "account"}, {"id", account}}},
                    {"kind", kind},
                    {"occurred_at", occurred_at},
                    {"note", note}};
  if (!next_step.empty()) {
    body["next_step"] = next_step;
    body["next_step_due_at"] = due;
  }
  return json::serialize(body);
}

int64_t Record(HttpClient& client, const std::string& body) {
  HttpResponse r = client.Post("/api/v1/activities", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.Json().at("id").as_int64() : 0;
}

std::vector<int64_t> Ids(const json::value& list, std::string_view key = "items") {
  std::vector<int64_t> ids;
  for (const json::value& item : list.at(key).as_array()) ids.push_back(item.at("id").as_int64());
  return ids;
}

json::value FirstError(const HttpResponse& r) { return r.Json().at("errors").at(0); }

class ActivitiesApi : public ApiTest {};

TEST_P(ActivitiesApi, TheAccountsTimelineShowsItsActivitiesNewestFirstPageByPage) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t account = CreateAccount(admin, "深圳市顺达电子有限公司");
  // Recorded out of order: the timeline sorts by when they happened, not by when they were typed in.
  const int64_t visit = Record(admin, ActivityBody(account, "visit", "2026-11-20T02:00:00Z", "拜访王经理，了解月发货量约3000票。"));
  const int64_t call = Record(admin, ActivityBody(account, "call", "2026-11-21T06:30:00Z", "电话确认报价已收到。"));
  const int64_t note = Record(admin, ActivityBody(account, "note", "2026-11-19T09:00:00Z", "客户由华南展会认识。"));

  HttpResponse first = admin.Get("/api/v1/customers/" + std::to_string(account) + "/timeline?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Ids(first.Json()), (std::vector<int64_t>{call, visit}));
  const json::value newest = first.Json().at("items").at(0);
  EXPECT_EQ(newest.at("kind").as_string(), "call");
  EXPECT_EQ(newest.at("note").as_string(), "电话确认报价已收到。");
  EXPECT_EQ(newest.at("subject").at("label").as_string(), "深圳市顺达电子有限公司");
  EXPECT_EQ(newest.at("owner").at("login").as_string(), "admin");
  EXPECT_EQ(newest.at("next_step_state").as_string(), "none");
  const std::string cursor(first.Json().at("next_cursor").as_string());

  HttpResponse second = admin.Get("/api/v1/activities?subject=account:" + std::to_string(account) + "&limit=2&cursor=" + cursor);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(Ids(second.Json()), (std::vector<int64_t>{note}));
  EXPECT_TRUE(second.Json().at("next_cursor").is_null());

  HttpResponse one = admin.Get("/api/v1/activities/" + std::to_string(visit));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("occurred_at").as_string(), "2026-11-20T02:00:00Z");

  HttpResponse trail = admin.Get("/api/v1/audit?entity=activity&entity_id=" + std::to_string(call));
  ASSERT_EQ(trail.status, 200) << trail.body;
  ASSERT_EQ(trail.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(trail.Json().at("items").at(0).at("action").as_string(), "activity.create");
}

TEST_P(ActivitiesApi, BadInputNamesTheFieldAndWritesNothing) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t account = CreateAccount(admin, "顺达电子");
  const std::string subject = R"({"kind":"account","id":)" + std::to_string(account) + "}";

  HttpResponse kind = admin.Post("/api/v1/activities", R"({"subject":)" + subject + R"(,"kind":"fax","note":"x"})");
  ASSERT_EQ(kind.status, 400) << kind.body;
  EXPECT_EQ(FirstError(kind).at("field").as_string(), "kind");

  HttpResponse ship = admin.Post("/api/v1/activities", R"({"subject":{"kind":"ship","id":1},"kind":"call"})");
  ASSERT_EQ(ship.status, 400) << ship.body;
  EXPECT_EQ(FirstError(ship).at("field").as_string(), "subject");
  EXPECT_EQ(FirstError(ship).at("reason").as_string(), "invalid_enum");

  HttpResponse no_due = admin.Post("/api/v1/activities", R"({"subject":)" + subject + R"(,"kind":"call","next_step":"回访"})");
  ASSERT_EQ(no_due.status, 400) << no_due.body;
  EXPECT_EQ(FirstError(no_due).at("field").as_string(), "next_step_due_at");
  EXPECT_EQ(FirstError(no_due).at("reason").as_string(), "required");

  HttpResponse bad_time = admin.Post("/api/v1/activities", R"({"subject":)" + subject +
                                                               R"(,"kind":"call","next_step":"回访","next_step_due_at":"明天"})");
  ASSERT_EQ(bad_time.status, 400) << bad_time.body;
  EXPECT_EQ(FirstError(bad_time).at("field").as_string(), "next_step_due_at");
  EXPECT_EQ(FirstError(bad_time).at("reason").as_string(), "invalid_format");

  // The fixed clock stands at 2026-11-22T08:00Z: an activity cannot have happened tomorrow.
  HttpResponse future = admin.Post("/api/v1/activities", ActivityBody(account, "call", "2026-11-23T08:00:00Z", "x"));
  ASSERT_EQ(future.status, 400) << future.body;
  EXPECT_EQ(FirstError(future).at("field").as_string(), "occurred_at");

  HttpResponse empty_note = admin.Post("/api/v1/activities", ActivityBody(account, "note", "2026-11-21T08:00:00Z", " "));
  ASSERT_EQ(empty_note.status, 400) << empty_note.body;
  EXPECT_EQ(FirstError(empty_note).at("field").as_string(), "note");

  HttpResponse no_subject = admin.Post("/api/v1/activities", R"({"kind":"call"})");
  ASSERT_EQ(no_subject.status, 400) << no_subject.body;
  EXPECT_EQ(FirstError(no_subject).at("field").as_string(), "subject");

  EXPECT_EQ(admin.Post("/api/v1/activities", ActivityBody(999999, "call", "2026-11-21T08:00:00Z", "x")).status, 404);
  HttpResponse query = admin.Get("/api/v1/activities?subject=account");
  ASSERT_EQ(query.status, 400) << query.body;
  EXPECT_EQ(FirstError(query).at("field").as_string(), "subject");
  HttpResponse cursor = admin.Get("/api/v1/activities?subject=account:" + std::to_string(account) + "&cursor=424242");
  ASSERT_EQ(cursor.status, 400) << cursor.body;
  EXPECT_EQ(FirstError(cursor).at("field").as_string(), "cursor");

  HttpResponse timeline = admin.Get("/api/v1/customers/" + std::to_string(account) + "/timeline");
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  EXPECT_TRUE(timeline.Json().at("items").as_array().empty());
}

TEST_P(ActivitiesApi, WhoCannotSeeTheAccountNeitherSeesNorAddsItsActivities) {
  HttpClient admin = LogInAsAdmin(server());
  database().Sql("INSERT INTO teams (id, name) VALUES (501, '华南大客户部')");
  database().Sql("INSERT INTO teams (id, name) VALUES (502, '华北销售部')");
  for (auto [login, team] : {std::pair{"li.south", 501}, std::pair{"he.south", 501}, std::pair{"wu.north", 502}}) {
    HttpResponse r = admin.Post("/api/v1/users", json::serialize(json::object{{"login", login}, {"name", login}, {"role", "sales"},
                                                                               {"team_id", team}, {"password", kTestPassword},
                                                                               {"must_change_password", false}}));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  HttpClient south = LogInAs(server(), "li.south");
  HttpClient teammate = LogInAs(server(), "he.south");
  HttpClient north = LogInAs(server(), "wu.north");
  const int64_t account = CreateAccount(south, "广州市华联服装有限公司");
  const int64_t id = Record(south, ActivityBody(account, "call", "2026-11-22T01:00:00Z", "约了周四上门。", "上门拜访",
                                                "2026-11-26T02:00:00Z"));
  const std::string path = "/api/v1/activities/" + std::to_string(id);

  EXPECT_EQ(north.Get(path).status, 404);
  EXPECT_EQ(north.Get("/api/v1/customers/" + std::to_string(account) + "/timeline").status, 404);
  EXPECT_EQ(north.Post("/api/v1/activities", ActivityBody(account, "call", "2026-11-22T01:00:00Z", "x")).status, 404);
  EXPECT_EQ(north.Post(path + "/complete", "").status, 404);

  // A teammate sees it, but completing another's next step is for its owner or a manager.
  EXPECT_EQ(teammate.Get(path).status, 200);
  EXPECT_EQ(teammate.Post(path + "/complete", "").status, 403);
  // Nor records an activity in another's name.
  HttpResponse in_name = teammate.Post("/api/v1/activities", R"({"subject":{"kind":"account","id":)" + std::to_string(account) +
                                                                 R"(},"kind":"call","owner_id":1})");
  ASSERT_EQ(in_name.status, 403) << in_name.body;

  // Portal users see nothing of it, not even on their own account.
  CreateUser(admin, "hualian.portal", "portal", account);
  HttpClient portal = LogInAs(server(), "hualian.portal");
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(account) + "/timeline").status, 403);
  EXPECT_EQ(portal.Get("/api/v1/activities/my-day").status, 403);
  EXPECT_EQ(portal.Get(path).status, 403);
  EXPECT_EQ(portal.Get("/api/v1/referrals?referred_customer_id=" + std::to_string(account)).status, 403);
  EXPECT_EQ(server().Client().Get("/api/v1/activities/my-day").status, 401);
}

TEST_P(ActivitiesApi, TheDemoCompanyHasActivitiesWithChineseNotesOnItsAccounts) {
  HttpClient admin = LogInAsAdmin(server());
  // Few orders: their two years of scans are not what this test is about.
  CommandResult demo = RunConsign({"demo", "--db", database().url(), "--customers", "12", "--orders-per-day", "5"});
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  // The oldest account: one of the demo company's (the newest are the sales pipeline's conversions,
  // which the demo makes after the activities).
  HttpResponse accounts = admin.Get("/api/v1/customers?limit=1&sort=created_at");
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  ASSERT_EQ(accounts.Json().at("items").as_array().size(), 1u);
  const int64_t account = accounts.Json().at("items").at(0).at("id").as_int64();
  HttpResponse timeline = admin.Get("/api/v1/customers/" + std::to_string(account) + "/timeline");
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  const json::array items = timeline.Json().at("items").as_array();
  ASSERT_FALSE(items.empty());
  // Every demo note is Chinese text: its first character is a CJK ideograph (three bytes in UTF-8, E4–E9).
  for (const json::value& item : items) {
    const std::string note(item.at("note").as_string());
    ASSERT_GE(note.size(), 3u);
    const auto lead = static_cast<unsigned char>(note[0]);
    EXPECT_TRUE(lead >= 0xE4 && lead <= 0xE9) << note;
    EXPECT_NE(item.at("owner").at("login").as_string(), "admin");  // the account's owner, not whoever ran it
  }
}

// 01:00 on 23 November in Shanghai, still the 22nd in UTC.
class MyDayApi : public ApiTest {
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.fake_now = "2026-11-22T17:00:00Z";
    return options;
  }
};

TEST_P(MyDayApi, ShowsTheCallersOverdueAndTodaysStepsInShanghaiAndCompletesThemOnce) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "zhao.agent", "agent");
  HttpClient agent = LogInAs(server(), "zhao.agent");
  const int64_t account = CreateAccount(admin, "杭州优选电商有限公司");
  const std::string earlier = "2026-11-20T02:00:00Z";
  // 18:00 on the 22nd in Shanghai: yesterday there, overdue.
  const int64_t overdue = Record(agent, ActivityBody(account, "call", earlier, "客户要求寄送报价单。", "寄报价单", "2026-11-22T10:00:00Z"));
  // 18:00 on the 23rd in Shanghai: today there (in UTC it would be tomorrow).
  const int64_t today = Record(agent, ActivityBody(account, "meeting", earlier, "会议讨论代收货款。", "确认代收费率", "2026-11-23T10:00:00Z"));
  // 00:00 on the 24th in Shanghai: tomorrow, not in today's list.
  Record(agent, ActivityBody(account, "email", earlier, "发送合同草稿。", "跟进合同", "2026-11-23T16:00:00Z"));
  // Someone else's step due today is in their day, not this one.
  Record(admin, ActivityBody(account, "visit", earlier, "上门拜访仓库。", "安排试运", "2026-11-23T05:00:00Z"));

  HttpResponse day = agent.Get("/api/v1/activities/my-day");
  ASSERT_EQ(day.status, 200) << day.body;
  EXPECT_EQ(day.Json().at("date").as_string(), "2026-11-23");
  EXPECT_EQ(day.Json().at("time_zone").as_string(), "Asia/Shanghai");
  EXPECT_EQ(day.Json().at("day_start").as_string(), "2026-11-22T16:00:00Z");
  EXPECT_EQ(Ids(day.Json(), "overdue"), (std::vector<int64_t>{overdue}));
  EXPECT_EQ(Ids(day.Json(), "due_today"), (std::vector<int64_t>{today}));
  EXPECT_EQ(day.Json().at("overdue").at(0).at("next_step_state").as_string(), "overdue");
  EXPECT_EQ(day.Json().at("due_today").at(0).at("next_step").as_string(), "确认代收费率");

  const std::string complete = "/api/v1/activities/" + std::to_string(overdue) + "/complete";
  HttpResponse done = agent.Post(complete, "");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json().at("next_step_state").as_string(), "done");
  EXPECT_EQ(done.Json().at("next_step_done_at").as_string(), "2026-11-22T17:00:00Z");
  HttpResponse again = agent.Post(complete, "");
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(FirstError(again).at("reason").as_string(), "already_done");

  HttpResponse after = agent.Get("/api/v1/activities/my-day");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_TRUE(after.Json().at("overdue").as_array().empty());
  EXPECT_EQ(Ids(after.Json(), "due_today"), (std::vector<int64_t>{today}));

  HttpResponse trail = admin.Get("/api/v1/audit?entity=activity&entity_id=" + std::to_string(overdue));
  ASSERT_EQ(trail.status, 200) << trail.body;
  ASSERT_EQ(trail.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(trail.Json().at("items").at(0).at("action").as_string(), "activity.complete");
}

class ReferralsApi : public ApiTest {};

TEST_P(ReferralsApi, AnAccountRecordsWhoReferredItOnceWithTheReward) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t referrer = CreateAccount(admin, "深圳市顺达电子有限公司");
  const int64_t referred = CreateAccount(admin, "东莞市宏图电子厂");
  const auto body = [](int64_t referred_id, int64_t referrer_id) {
    return json::serialize(json::object{{"referred_customer_id", referred_id},
                                        {"referrer_customer_id", referrer_id},
                                        {"reward_note", "赠送运费券500元"},
                                        {"reward_points", 500}});
  };
  HttpResponse created = admin.Post("/api/v1/referrals", body(referred, referrer));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.Json().at("id").as_int64();
  EXPECT_EQ(created.Json().at("referrer").at("label").as_string(), "深圳市顺达电子有限公司");
  EXPECT_EQ(created.Json().at("reward_points").as_int64(), 500);

  HttpResponse twice = admin.Post("/api/v1/referrals", body(referred, referrer));
  ASSERT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(FirstError(twice).at("field").as_string(), "referred_customer_id");

  HttpResponse self = admin.Post("/api/v1/referrals", body(referrer, referrer));
  ASSERT_EQ(self.status, 400) << self.body;
  EXPECT_EQ(FirstError(self).at("field").as_string(), "referrer_customer_id");
  EXPECT_EQ(FirstError(self).at("reason").as_string(), "same_account");

  HttpResponse unknown = admin.Post("/api/v1/referrals", body(referrer, 999999));
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(FirstError(unknown).at("field").as_string(), "referrer_customer_id");
  EXPECT_EQ(FirstError(unknown).at("reason").as_string(), "not_found");

  HttpResponse negative = admin.Post("/api/v1/referrals", json::serialize(json::object{
      {"referred_customer_id", referrer}, {"referrer_customer_id", referred}, {"reward_points", -5}}));
  ASSERT_EQ(negative.status, 400) << negative.body;
  EXPECT_EQ(FirstError(negative).at("field").as_string(), "reward_points");

  HttpResponse of = admin.Get("/api/v1/referrals?referred_customer_id=" + std::to_string(referred));
  ASSERT_EQ(of.status, 200) << of.body;
  EXPECT_EQ(Ids(of.Json()), (std::vector<int64_t>{id}));
  HttpResponse by = admin.Get("/api/v1/referrals?referrer_customer_id=" + std::to_string(referrer));
  ASSERT_EQ(by.status, 200) << by.body;
  EXPECT_EQ(Ids(by.Json()), (std::vector<int64_t>{id}));
  EXPECT_EQ(by.Json().at("items").at(0).at("referred").at("label").as_string(), "东莞市宏图电子厂");
  HttpResponse neither = admin.Get("/api/v1/referrals");
  ASSERT_EQ(neither.status, 400) << neither.body;
  EXPECT_EQ(FirstError(neither).at("field").as_string(), "referrer_customer_id");

  CreateUser(admin, "li.na", "sales");
  HttpClient sales = LogInAs(server(), "li.na");
  EXPECT_EQ(sales.Delete("/api/v1/referrals/" + std::to_string(id)).status, 403);
  EXPECT_EQ(admin.Delete("/api/v1/referrals/" + std::to_string(id)).status, 204);
  EXPECT_EQ(admin.Get("/api/v1/referrals/" + std::to_string(id)).status, 404);
  EXPECT_TRUE(admin.Get("/api/v1/referrals?referred_customer_id=" + std::to_string(referred)).Json().at("items").as_array().empty());

  HttpResponse trail = admin.Get("/api/v1/audit?entity=referral&entity_id=" + std::to_string(id));
  ASSERT_EQ(trail.status, 200) << trail.body;
  ASSERT_EQ(trail.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(trail.Json().at("items").at(0).at("action").as_string(), "referral.delete");
  EXPECT_EQ(trail.Json().at("items").at(1).at("action").as_string(), "referral.create");
}

CONSIGN_API_SUITE(ActivitiesApi);
CONSIGN_API_SUITE(MyDayApi);
CONSIGN_API_SUITE(ReferralsApi);

}  // namespace
}  // namespace consign::apitest
