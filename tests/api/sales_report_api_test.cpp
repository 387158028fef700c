// The pipeline report over HTTP on every backend (issue 8 item 6): GET /api/v1/sales/pipeline-report
// on a small pipeline built through the API, every number worked out by hand below; a salesperson's
// report covers only what they may see; the owner, team and date filters; a bad date is 400 naming it.
//
// The pipeline (T1 = team 华南 with li.na and wang.fang, T2 = team 华北 with zhang.wei):
//   leads   L1 referral      li.na      converted → O1, won (¥45,000.00 a month)
//           L2 referral      li.na      qualified
//           L3 referral      zhang.wei  open
//           L4 telemarketing zhang.wei  converted → O4, lost at 寻找大客户 (price)
//           L5 telemarketing manager's, unassigned (the pool), disqualified
//           L6 door_to_door  wang.fang  open
//   opportunities, besides O1 and O4 (fen; probability the stage's unless said):
//           O2  li.na      进一步沟通 40 %  1,000,000
//           O7  li.na      进一步沟通 40 %  no revenue
//           O5  wang.fang  寻找大客户 10 %     12,345
//           O6  zhang.wei  意向性接触 20 %    200,000
//           O8  zhang.wei  跟进       55 %    300,000
//           O10 zhang.wei  lost at 寻找大客户 (competitor), 70,000
//           O9  manager    交易       80 %    250,001
#include <boost/json.hpp>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

struct Pipeline {
  int64_t team1 = 0, team2 = 0;
  int64_t li_na = 0, wang_fang = 0, zhang_wei = 0, manager = 0;
  int64_t lead3 = 0, opp6 = 0, opp8 = 0;
};

class SalesReportApi : public ApiTest {
 protected:
  int64_t CreateTeam(const std::string& name) {
    database().Sql("INSERT INTO teams (name) VALUES ('" + name + "')");
    return std::stoll(database().Sql("SELECT id FROM teams WHERE name = '" + name + "'").at(0));
  }
  int64_t CreateStaff(HttpClient& admin, std::string_view login, std::string_view role, std::optional<int64_t> team) {
    json::object body{{"login", login}, {"name", login}, {"role", role}, {"password", kTestPassword},
                      {"must_change_password", false}};
    if (team) body["team_id"] = *team;
    HttpResponse r = admin.Post("/api/v1/users", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  // Sets a row's created_at to an instant (RFC 3339, UTC) behind the server's back.
  void SetCreatedAt(const std::string& table, int64_t id, const std::string& rfc3339, int64_t micros) {
    const std::string value = database().backend() == "sqlite" ? std::to_string(micros) : "'" + rfc3339 + "'";
    database().Sql("UPDATE " + table + " SET created_at = " + value + " WHERE id = " + std::to_string(id));
  }

  Pipeline Build();
};

std::string Lead(std::string_view source, std::string_view company, std::string_view credit_code, std::string_view phone,
                 int64_t spend) {
  json::object lead{{"source", source},
                    {"company", company},
                    {"industry", "electronics"},
                    {"contacts", json::array{json::object{{"name", "王经理"}, {"phone", phone}}}},
                    {"monthly_volume", 1000},
                    {"monthly_spend", json::object{{"amount_minor", spend}, {"currency", "CNY"}}}};
  if (!credit_code.empty()) lead["credit_code"] = credit_code;
  return json::serialize(lead);
}

int64_t Created(const HttpResponse& r) {
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.Json().at("id").as_int64() : 0;
}

void Qualify(HttpClient& owner, HttpClient& manager, int64_t lead) {
  for (const char* condition : {"not_yet_customer", "has_need", "good_credit"}) {
    HttpResponse r = owner.Request("PUT", "/api/v1/leads/" + std::to_string(lead) + "/checks/" + condition,
                                   R"({"met": true, "evidence": "电话核实"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  HttpResponse reviewed = manager.Post("/api/v1/leads/" + std::to_string(lead) + "/review",
                                       R"({"decision": "qualified", "reason": "三项条件均满足"})");
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
}

// Converts; answers {account id, opportunity id}.
std::pair<int64_t, int64_t> Convert(HttpClient& owner, int64_t lead) {
  HttpResponse r = owner.Post("/api/v1/leads/" + std::to_string(lead) + "/convert", "");
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return {0, 0};
  return {r.Json().at("account_id").as_int64(), r.Json().at("opportunity").at("id").as_int64()};
}

int64_t Opportunity(HttpClient& owner, int64_t account, std::string_view stage, std::optional<int64_t> revenue,
                    std::optional<int64_t> probability = std::nullopt) {
  json::object body{{"name", "商机"}, {"account_id", account}, {"stage", stage}};
  if (revenue) body["monthly_revenue"] = json::object{{"amount_minor", *revenue}, {"currency", "CNY"}};
  if (probability) body["probability"] = *probability;
  return Created(owner.Post("/api/v1/opportunities", json::serialize(body)));
}

void Stage(HttpClient& owner, int64_t opportunity, std::string_view stage) {
  HttpResponse r = owner.Post("/api/v1/opportunities/" + std::to_string(opportunity) + "/stage",
                              std::string(R"({"stage": ")") + std::string(stage) + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
}

Pipeline SalesReportApi::Build() {
  Pipeline p;
  HttpClient admin = LogInAsAdmin(server());
  p.team1 = CreateTeam("华南");
  p.team2 = CreateTeam("华北");
  p.li_na = CreateStaff(admin, "li.na", "sales", p.team1);
  p.wang_fang = CreateStaff(admin, "wang.fang", "sales", p.team1);
  p.zhang_wei = CreateStaff(admin, "zhang.wei", "sales", p.team2);
  p.manager = CreateStaff(admin, "zhao.min", "manager", std::nullopt);
  HttpClient li = LogInAs(server(), "li.na");
  HttpClient wang = LogInAs(server(), "wang.fang");
  HttpClient zhang = LogInAs(server(), "zhang.wei");
  HttpClient manager = LogInAs(server(), "zhao.min");

  const int64_t l1 = Created(li.Post("/api/v1/leads", Lead("referral", "深圳顺达电子有限公司", "91440300708461136T",
                                                             "13812340001", 4'500'000)));
  const int64_t l2 = Created(li.Post("/api/v1/leads", Lead("referral", "深圳鹏程物流设备有限公司", "91440300MA5F00001A",
                                                             "13812340002", 900'000)));
  p.lead3 = Created(zhang.Post("/api/v1/leads", Lead("referral", "北京燕京广告有限公司", "", "13812340003", 300'000)));
  const int64_t l4 = Created(zhang.Post("/api/v1/leads", Lead("telemarketing", "北京朝阳医药有限公司",
                                                                "91110105MA00000025", "13812340004", 800'000)));
  const int64_t l5 = Created(manager.Post("/api/v1/leads", Lead("telemarketing", "天津海河服饰有限公司", "",
                                                                  "13812340005", 100'000)));
  Created(wang.Post("/api/v1/leads", Lead("door_to_door", "东莞长安电子厂", "", "13812340006", 200'000)));

  Qualify(li, manager, l1);
  Qualify(li, manager, l2);
  Qualify(zhang, manager, l4);
  HttpResponse disqualified = manager.Post("/api/v1/leads/" + std::to_string(l5) + "/review",
                                           R"({"decision": "disqualified", "reason": "信用不良"})");
  EXPECT_EQ(disqualified.status, 200) << disqualified.body;

  const auto [account1, opp1] = Convert(li, l1);
  Stage(li, opp1, "deal");
  HttpResponse won = li.Post("/api/v1/opportunities/" + std::to_string(opp1) + "/won", "");
  EXPECT_EQ(won.status, 200) << won.body;
  const auto [account4, opp4] = Convert(zhang, l4);
  HttpResponse lost = zhang.Post("/api/v1/opportunities/" + std::to_string(opp4) + "/lost", R"({"reason": "price"})");
  EXPECT_EQ(lost.status, 200) << lost.body;

  Opportunity(li, account1, "deeper_talks", 1'000'000);
  Opportunity(li, account1, "deeper_talks", std::nullopt);
  Opportunity(wang, account1, "prospecting", 12'345);  // the team's account
  p.opp6 = Opportunity(zhang, account4, "first_contact", 200'000);
  p.opp8 = Opportunity(zhang, account4, "follow_up", 300'000, 55);
  const int64_t opp10 = Opportunity(zhang, account4, "prospecting", 70'000);
  HttpResponse lost10 = zhang.Post("/api/v1/opportunities/" + std::to_string(opp10) + "/lost", R"({"reason": "competitor"})");
  EXPECT_EQ(lost10.status, 200) << lost10.body;
  Opportunity(manager, account1, "deal", 250'001);
  return p;
}

json::value Report(HttpClient& client, const std::string& query = "") {
  HttpResponse r = client.Get("/api/v1/sales/pipeline-report" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.Json() : json::value(json::object{});
}

// {count, revenue, weighted} of each funnel row, in order; checks the stage order on the way.
std::vector<std::array<int64_t, 3>> Funnel(const json::value& report) {
  std::vector<std::array<int64_t, 3>> rows;
  const char* stages[] = {"prospecting", "first_contact", "deeper_talks", "follow_up", "deal", "maintenance"};
  const json::array& funnel = report.at("funnel").as_array();
  EXPECT_EQ(funnel.size(), 6u);
  for (size_t i = 0; i < funnel.size() && i < 6; ++i) {
    EXPECT_EQ(funnel[i].at("stage").as_string(), stages[i]);
    rows.push_back({funnel[i].at("count").as_int64(), funnel[i].at("revenue").at("amount_minor").as_int64(),
                    funnel[i].at("weighted").at("amount_minor").as_int64()});
  }
  return rows;
}

// "leads/qualified/converted/won qualified_bp/converted_bp/won_bp" of one source ("-" for a null rate).
std::string Source(const json::value& report, std::string_view source) {
  for (const json::value& row : report.at("sources").as_array()) {
    if (row.at("source").as_string() != source) continue;
    auto rate = [&](const char* name) {
      const json::value& v = row.at(name);
      return v.is_null() ? std::string("-") : std::to_string(v.as_int64());
    };
    return std::to_string(row.at("leads").as_int64()) + "/" + std::to_string(row.at("qualified").as_int64()) + "/" +
           std::to_string(row.at("converted").as_int64()) + "/" + std::to_string(row.at("won").as_int64()) + " " +
           rate("qualified_rate_bp") + "/" + rate("converted_rate_bp") + "/" + rate("won_rate_bp");
  }
  ADD_FAILURE() << "no source " << source;
  return "";
}

std::vector<int64_t> LostByReason(const json::value& report) {
  std::vector<int64_t> counts;
  const char* reasons[] = {"price", "competitor", "service", "timing", "other"};
  const json::array& lost = report.at("win_loss").at("lost_by_reason").as_array();
  for (size_t i = 0; i < lost.size() && i < 5; ++i) {
    EXPECT_EQ(lost[i].at("reason").as_string(), reasons[i]);
    counts.push_back(lost[i].at("count").as_int64());
  }
  return counts;
}

int64_t Minor(const json::value& report, const char* section, const char* field) {
  return report.at(section).at(field).at("amount_minor").as_int64();
}

using Rows = std::vector<std::array<int64_t, 3>>;

TEST_P(SalesReportApi, TheManagersReportCountsEverythingAsWorkedOutByHand) {
  Build();
  HttpClient manager = LogInAs(server(), "zhao.min");
  const json::value report = Report(manager);
  // 寻找大客户: O5 12,345 × 10 % = 1,234.5 → 1,234 (half-even); 意向性接触: O6 200,000 × 20 % = 40,000;
  // 进一步沟通: O2 1,000,000 × 40 % + O7 nothing = 400,000; 跟进: O8 300,000 × 55 % = 165,000;
  // 交易: O9 250,001 × 80 % = 200,000.8 → 200,001; 维护: the won O1, 4,500,000.
  EXPECT_EQ(Funnel(report), (Rows{{1, 12'345, 1'234}, {1, 200'000, 40'000}, {2, 1'000'000, 400'000},
                                  {1, 300'000, 165'000}, {1, 250'001, 200'001}, {1, 4'500'000, 4'500'000}}));
  EXPECT_EQ(report.at("funnel").at(0).at("stage_label").at("zh").as_string(), "寻找大客户");
  EXPECT_EQ(report.at("funnel").at(5).at("outcome").as_string(), "won");
  // 1,234 + 40,000 + 400,000 + 165,000 + 200,001.
  EXPECT_EQ(Minor(report, "forecast", "weighted_total"), 806'235);
  EXPECT_EQ(Minor(report, "forecast", "won_revenue"), 4'500'000);
  EXPECT_EQ(report.at("forecast").at("open_count").as_int64(), 6);
  EXPECT_EQ(report.at("forecast").at("by_stage").as_array().size(), 5u);
  EXPECT_EQ(report.at("forecast").at("by_stage").at(4).at("weighted").at("amount_minor").as_int64(), 200'001);
  EXPECT_EQ(report.at("win_loss").at("won").as_int64(), 1);
  EXPECT_EQ(report.at("win_loss").at("lost").as_int64(), 2);
  EXPECT_EQ(LostByReason(report), (std::vector<int64_t>{1, 1, 0, 0, 0}));
  // referral: L1 converted and won, L2 qualified, L3 open — 2/3 = 66.67 %, 1/3 = 33.33 %.
  EXPECT_EQ(Source(report, "referral"), "3/2/1/1 6667/3333/3333");
  // telemarketing: L4 converted and lost, L5 disqualified.
  EXPECT_EQ(Source(report, "telemarketing"), "2/1/1/0 5000/5000/0");
  EXPECT_EQ(Source(report, "door_to_door"), "1/0/0/0 0/0/0");
  EXPECT_EQ(Source(report, "halo"), "0/0/0/0 -/-/-");  // no leads: no rate
  EXPECT_EQ(report.at("sources").as_array().size(), 8u);
  EXPECT_EQ(report.at("sources").at(0).at("source_label").at("zh").as_string(), "逐户寻访");
  EXPECT_EQ(report.at("rounding").as_string(), "half_even");
}

TEST_P(SalesReportApi, ASalespersonsReportCoversOwnTeamsAndThePoolOnly) {
  const Pipeline p = Build();
  HttpClient li = LogInAs(server(), "li.na");
  const json::value report = Report(li);
  // Sees O1, O2, O7 (own) and O5 (wang.fang, same team); not zhang.wei's nor the manager's O9.
  EXPECT_EQ(Funnel(report), (Rows{{1, 12'345, 1'234}, {0, 0, 0}, {2, 1'000'000, 400'000}, {0, 0, 0}, {0, 0, 0},
                                  {1, 4'500'000, 4'500'000}}));
  EXPECT_EQ(Minor(report, "forecast", "weighted_total"), 401'234);
  EXPECT_EQ(report.at("win_loss").at("lost").as_int64(), 0);
  // L1, L2 own; L6 the team's; L5 the pool's; not L3, L4.
  EXPECT_EQ(Source(report, "referral"), "2/2/1/1 10000/5000/5000");
  EXPECT_EQ(Source(report, "telemarketing"), "1/0/0/0 0/0/0");
  EXPECT_EQ(Source(report, "door_to_door"), "1/0/0/0 0/0/0");

  // Asking for another team's salesperson narrows within what li.na sees: nothing of zhang.wei's.
  const json::value other = Report(li, "?owner_id=" + std::to_string(p.zhang_wei));
  EXPECT_EQ(Funnel(other), (Rows{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
  EXPECT_EQ(Source(other, "referral"), "0/0/0/0 -/-/-");
  EXPECT_EQ(other.at("win_loss").at("lost").as_int64(), 0);

  HttpClient zhang = LogInAs(server(), "zhang.wei");
  const json::value theirs = Report(zhang);
  EXPECT_EQ(Funnel(theirs), (Rows{{0, 0, 0}, {1, 200'000, 40'000}, {0, 0, 0}, {1, 300'000, 165'000}, {0, 0, 0},
                                  {0, 0, 0}}));
  EXPECT_EQ(LostByReason(theirs), (std::vector<int64_t>{1, 1, 0, 0, 0}));
  EXPECT_EQ(Source(theirs, "telemarketing"), "2/1/1/0 5000/5000/0");  // L4 and the pool's L5
}

TEST_P(SalesReportApi, OwnerAndTeamNarrowTheManagersReport) {
  const Pipeline p = Build();
  HttpClient manager = LogInAs(server(), "zhao.min");
  const json::value zhang = Report(manager, "?owner_id=" + std::to_string(p.zhang_wei));
  EXPECT_EQ(Funnel(zhang), (Rows{{0, 0, 0}, {1, 200'000, 40'000}, {0, 0, 0}, {1, 300'000, 165'000}, {0, 0, 0},
                                 {0, 0, 0}}));
  EXPECT_EQ(Source(zhang, "referral"), "1/0/0/0 0/0/0");
  EXPECT_EQ(Source(zhang, "telemarketing"), "1/1/1/0 10000/10000/0");  // not the pool's L5
  EXPECT_EQ(zhang.at("filter").at("owner_id").as_int64(), p.zhang_wei);

  const json::value team1 = Report(manager, "?team_id=" + std::to_string(p.team1));
  EXPECT_EQ(Minor(team1, "forecast", "weighted_total"), 401'234);
  EXPECT_EQ(Minor(team1, "forecast", "won_revenue"), 4'500'000);
  EXPECT_EQ(Source(team1, "telemarketing"), "0/0/0/0 -/-/-");
}

TEST_P(SalesReportApi, DatesAreDaysInShanghaiAndBoundBothEnds) {
  const Pipeline p = Build();
  // O6 at 00:30 on 1 November in Shanghai, O8 and L3 at 23:30 on 31 October (both UTC 31 October).
  SetCreatedAt("sales_opportunities", p.opp6, "2026-10-31T16:30:00Z", 1'793'464'200'000'000);
  SetCreatedAt("sales_opportunities", p.opp8, "2026-10-31T15:30:00Z", 1'793'460'600'000'000);
  SetCreatedAt("sales_leads", p.lead3, "2026-10-31T15:30:00Z", 1'793'460'600'000'000);
  HttpClient manager = LogInAs(server(), "zhao.min");

  const json::value november = Report(manager, "?from=2026-11-01");
  EXPECT_EQ(Funnel(november), (Rows{{1, 12'345, 1'234}, {1, 200'000, 40'000}, {2, 1'000'000, 400'000}, {0, 0, 0},
                                    {1, 250'001, 200'001}, {1, 4'500'000, 4'500'000}}));
  EXPECT_EQ(Source(november, "referral"), "2/2/1/1 10000/5000/5000");
  EXPECT_EQ(november.at("filter").at("from").as_string(), "2026-11-01");
  EXPECT_EQ(november.at("filter").at("time_zone").as_string(), "Asia/Shanghai");

  const json::value october = Report(manager, "?to=2026-10-31");
  EXPECT_EQ(Funnel(october), (Rows{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {1, 300'000, 165'000}, {0, 0, 0}, {0, 0, 0}}));
  EXPECT_EQ(Source(october, "referral"), "1/0/0/0 0/0/0");
  EXPECT_EQ(october.at("win_loss").at("won").as_int64(), 0);

  const json::value one_day = Report(manager, "?from=2026-11-01&to=2026-11-01");
  EXPECT_EQ(Funnel(one_day), (Rows{{0, 0, 0}, {1, 200'000, 40'000}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
}

TEST_P(SalesReportApi, ABadFilterIsRefusedNamingIt) {
  HttpClient admin = LogInAsAdmin(server());
  auto first_field = [](const HttpResponse& r) {
    return std::string(r.Json().at("errors").at(0).at("field").as_string());
  };
  for (const char* bad : {"2026-13-01", "2026-11-1", "yesterday", "2026-11-01T00:00:00Z"}) {
    HttpResponse r = admin.Get(std::string("/api/v1/sales/pipeline-report?from=") + bad);
    ASSERT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(first_field(r), "from") << bad;
    EXPECT_EQ(r.Json().at("errors").at(0).at("reason").as_string(), "invalid_format");
  }
  HttpResponse bad_to = admin.Get("/api/v1/sales/pipeline-report?to=2026-02-30");
  ASSERT_EQ(bad_to.status, 400) << bad_to.body;
  EXPECT_EQ(first_field(bad_to), "to");
  HttpResponse backwards = admin.Get("/api/v1/sales/pipeline-report?from=2026-11-02&to=2026-11-01");
  ASSERT_EQ(backwards.status, 400) << backwards.body;
  EXPECT_EQ(first_field(backwards), "to");
  EXPECT_EQ(backwards.Json().at("errors").at(0).at("reason").as_string(), "before_from");
  HttpResponse owner = admin.Get("/api/v1/sales/pipeline-report?owner_id=li.na");
  ASSERT_EQ(owner.status, 400) << owner.body;
  EXPECT_EQ(first_field(owner), "owner_id");
}

TEST_P(SalesReportApi, RolesWithoutTheSalesPipelineAreRefused) {
  HttpClient admin = LogInAsAdmin(server());
  CreateStaff(admin, "kefu.01", "agent", std::nullopt);
  HttpClient agent = LogInAs(server(), "kefu.01");
  EXPECT_EQ(agent.Get("/api/v1/sales/pipeline-report").status, 403);
  // An empty pipeline is a report of zeros, every stage and source present.
  const json::value empty = Report(admin);
  EXPECT_EQ(Funnel(empty), (Rows{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
  EXPECT_EQ(empty.at("sources").as_array().size(), 8u);
  EXPECT_EQ(Minor(empty, "forecast", "weighted_total"), 0);
}

}  // namespace

CONSIGN_API_SUITE(SalesReportApi);

}  // namespace consign::apitest
