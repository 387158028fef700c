// Leads, qualification, conversion and the pipeline over HTTP on every backend (issue 8, items 1–3):
// the whole flow lead → checks → review → convert → stages → won, and each bad input the issue names
// for this part (a wrong credit-code check character, converting an unqualified lead, a stage change
// the pipeline forbids), each a 4xx naming the field with nothing written.
#include <boost/json.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

class SalesApi : public ApiTest {
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
  int64_t Count(const std::string& table) { return std::stoll(database().Sql("SELECT count(*) FROM " + table).at(0)); }
};

// 深圳顺达电子: a published code (core/credit_code_test.cpp) with its right check character T.
constexpr const char* kLead = R"({
  "source": "referral", "company": "深圳顺达电子有限公司", "credit_code": "91440300708461136T",
  "industry": "electronics", "region_code": "440305",
  "contacts": [{"name": "王经理", "title": "物流部经理", "phone": "138-1234-5678"}],
  "stated_needs": "每天两次上门取件", "underlying_needs": "易碎品包装与破损赔付",
  "monthly_volume": 3000, "monthly_spend": {"amount_minor": 4500000, "currency": "CNY"},
  "competitor": {"name": "某快运", "strengths": "价格低", "weaknesses": "破损多", "value_added_services": "代收货款"}
})";

std::string Path(std::string_view base, int64_t id, std::string_view tail = "") {
  return std::string(base) + std::to_string(id) + std::string(tail);
}

std::string FirstField(const HttpResponse& r) { return std::string(r.Json().at("errors").at(0).at("field").as_string()); }
std::string FirstReason(const HttpResponse& r) { return std::string(r.Json().at("errors").at(0).at("reason").as_string()); }

void CheckAll(HttpClient& client, int64_t lead) {
  for (const char* condition : {"not_yet_customer", "has_need", "good_credit"}) {
    HttpResponse r = client.Request("PUT", Path("/api/v1/leads/", lead, "/checks/") + condition,
                                    R"({"met": true, "evidence": "信用中国查询无失信记录；电话核实需求"})");
    ASSERT_EQ(r.status, 200) << condition << ": " << r.body;
  }
}

TEST_P(SalesApi, ALeadIsQualifiedConvertedAndWonThroughThePipeline) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t team = CreateTeam("华南");
  const int64_t sales_id = CreateStaff(admin, "li.na", "sales", team);
  const int64_t manager_id = CreateStaff(admin, "zhao.min", "manager", std::nullopt);
  HttpClient sales = LogInAs(server(), "li.na");
  HttpClient manager = LogInAs(server(), "zhao.min");

  HttpResponse created = sales.Post("/api/v1/leads", kLead);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value lead = created.Json();
  const int64_t id = lead.at("id").as_int64();
  EXPECT_EQ(lead.at("status").as_string(), "open");
  EXPECT_EQ(lead.at("owner_id").as_int64(), sales_id);  // a salesperson's own lead
  EXPECT_EQ(lead.at("team_id").as_int64(), team);
  EXPECT_EQ(lead.at("source_label").at("zh").as_string(), "客户引荐");
  EXPECT_EQ(lead.at("contacts").at(0).at("phone").as_string(), "*******5678");  // masked for every role
  EXPECT_EQ(lead.at("contacts").at(0).at("name").as_string(), "王**");
  EXPECT_EQ(lead.at("monthly_spend").at("amount_minor").as_int64(), 4500000);
  EXPECT_FALSE(lead.at("duplicate").as_bool());

  // A call on the lead: the activities module asks this module whether the caller may see the lead.
  const std::string on_lead = R"({"subject":{"kind":"lead","id":)" + std::to_string(id) + "}";
  HttpResponse call = sales.Post("/api/v1/activities", on_lead + R"(,"kind":"call","note":"初次电话沟通，对方有意向"})");
  ASSERT_EQ(call.status, 201) << call.body;
  HttpResponse calls = sales.Get("/api/v1/activities?subject=lead:" + std::to_string(id));
  ASSERT_EQ(calls.status, 200) << calls.body;
  EXPECT_EQ(calls.Json().at("items").as_array().size(), 1u);
  HttpResponse no_lead = sales.Post("/api/v1/activities", R"({"subject":{"kind":"lead","id":987654},"kind":"call","note":"x"})");
  EXPECT_EQ(no_lead.status, 404) << no_lead.body;

  // Converting before the review: refused, nothing written.
  HttpResponse early = sales.Post(Path("/api/v1/leads/", id, "/convert"), "");
  ASSERT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(FirstField(early), "status");
  EXPECT_EQ(FirstReason(early), "not_qualified");
  EXPECT_EQ(Count("customers"), 0);
  EXPECT_EQ(Count("sales_opportunities"), 0);

  CheckAll(sales, id);
  // Default weights, 20 each: (4 + 3 + 5 + 2 + 1) · 20 = 300 → 300 ÷ 5 = 60.
  HttpResponse scored = sales.Post(Path("/api/v1/leads/", id, "/evaluation"),
                                   R"({"ratings": {"service_fit": 4, "volume": 3, "market_potential": 5,
                                                   "financial_state": 2, "scale": 1}})");
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(scored.Json().at("evaluation").at("score").as_int64(), 60);

  // The salesperson does not decide the review; the manager does, with a reason.
  EXPECT_EQ(sales.Post(Path("/api/v1/leads/", id, "/review"), R"({"decision": "qualified", "reason": "x"})").status, 403);
  HttpResponse reviewed = manager.Post(Path("/api/v1/leads/", id, "/review"),
                                       R"({"decision": "qualified", "reason": "三项条件均满足，信用良好"})");
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.Json().at("status").as_string(), "qualified");
  EXPECT_EQ(reviewed.Json().at("qualification").at("review").at("reviewed_by").as_int64(), manager_id);
  EXPECT_EQ(reviewed.Json().at("qualification").at("review").at("reason").as_string(), "三项条件均满足，信用良好");
  EXPECT_EQ(reviewed.Json().at("qualification").at("checks").at("good_credit").at("checked_by").as_int64(), sales_id);

  HttpResponse converted = sales.Post(Path("/api/v1/leads/", id, "/convert"), R"({"opportunity_name": "顺达电子 华南快递"})");
  ASSERT_EQ(converted.status, 201) << converted.body;
  const int64_t account = converted.Json().at("account_id").as_int64();
  const json::value opportunity = converted.Json().at("opportunity");
  const int64_t opp = opportunity.at("id").as_int64();
  EXPECT_EQ(converted.Json().at("lead").at("status").as_string(), "converted");
  EXPECT_EQ(opportunity.at("stage").as_string(), "prospecting");
  EXPECT_EQ(opportunity.at("stage_label").at("zh").as_string(), "寻找大客户");
  EXPECT_EQ(opportunity.at("probability").as_int64(), 10);
  EXPECT_EQ(opportunity.at("monthly_revenue").at("amount_minor").as_int64(), 4500000);
  EXPECT_EQ(opportunity.at("owner_id").as_int64(), sales_id);

  HttpResponse customer = sales.Get(Path("/api/v1/customers/", account));
  ASSERT_EQ(customer.status, 200) << customer.body;
  EXPECT_EQ(customer.Json().at("name").as_string(), "深圳顺达电子有限公司");
  EXPECT_EQ(customer.Json().at("classification").at("maturity").as_string(), "potential");
  EXPECT_EQ(customer.Json().at("credit_code").as_string(), "91440300708461136T") << "the lead's, carried over";
  EXPECT_EQ(customer.Json().at("owner").at("id").as_int64(), sales_id);

  // A converted lead is closed.
  EXPECT_EQ(sales.Post(Path("/api/v1/leads/", id, "/convert"), "").status, 409);
  EXPECT_EQ(sales.Patch(Path("/api/v1/leads/", id), R"({"stated_needs": "改"})").status, 409);

  auto stage = [&](std::string_view to) {
    return sales.Post(Path("/api/v1/opportunities/", opp, "/stage"), std::string(R"({"stage": ")") + std::string(to) + "\"}");
  };
  HttpResponse contact = stage("first_contact");
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(contact.Json().at("probability").as_int64(), 20);
  HttpResponse deal = stage("deal");  // forward by more than one
  ASSERT_EQ(deal.status, 200) << deal.body;
  EXPECT_EQ(deal.Json().at("probability").as_int64(), 80);

  HttpResponse two_back = stage("deeper_talks");
  ASSERT_EQ(two_back.status, 409) << two_back.body;
  EXPECT_EQ(FirstField(two_back), "stage");
  EXPECT_EQ(FirstReason(two_back), "forbidden_transition");
  HttpResponse to_maintenance = stage("maintenance");
  ASSERT_EQ(to_maintenance.status, 409) << to_maintenance.body;
  EXPECT_EQ(FirstField(to_maintenance), "stage");
  HttpResponse unknown = stage("谈判");
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(FirstField(unknown), "stage");

  ASSERT_EQ(stage("follow_up").status, 200);  // back by one
  HttpResponse early_win = sales.Post(Path("/api/v1/opportunities/", opp, "/won"), "");
  ASSERT_EQ(early_win.status, 409) << early_win.body;
  EXPECT_EQ(FirstReason(early_win), "not_at_deal");
  ASSERT_EQ(stage("deal").status, 200);

  HttpResponse won = sales.Post(Path("/api/v1/opportunities/", opp, "/won"), "");
  ASSERT_EQ(won.status, 200) << won.body;
  EXPECT_EQ(won.Json().at("account_id").as_int64(), account);
  // Winning drafts the account's contract from its industry template (electronics), in the same
  // transaction.
  const int64_t contract = won.Json().at("contract_id").as_int64();
  HttpResponse drafted = sales.Get(Path("/api/v1/contracts/", contract));
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  EXPECT_EQ(drafted.Json().at("state").as_string(), "draft");
  EXPECT_EQ(drafted.Json().at("customer_id").as_int64(), account);
  EXPECT_EQ(won.Json().at("opportunity").at("outcome").as_string(), "won");
  EXPECT_EQ(won.Json().at("opportunity").at("stage").as_string(), "maintenance");
  EXPECT_EQ(won.Json().at("opportunity").at("probability").as_int64(), 100);

  HttpResponse after_won = stage("deal");
  ASSERT_EQ(after_won.status, 409);
  EXPECT_EQ(FirstReason(after_won), "closed");
  EXPECT_EQ(sales.Post(Path("/api/v1/opportunities/", opp, "/lost"), R"({"reason": "price"})").status, 409);

  // Every step is in the audit trail.
  const std::vector<std::string> actions =
      database().Sql("SELECT action FROM audit_log WHERE entity IN ('lead', 'opportunity') ORDER BY id");
  EXPECT_EQ(actions, (std::vector<std::string>{
                         "lead.create", "lead.check", "lead.check", "lead.check", "lead.evaluate", "lead.review",
                         "opportunity.create", "lead.convert", "opportunity.stage", "opportunity.stage",
                         "opportunity.stage", "opportunity.stage", "opportunity.won"}));
}

TEST_P(SalesApi, AWrongCheckCharacterIsRefusedNamingCreditCode) {
  HttpClient admin = LogInAsAdmin(server());
  json::object lead = json::parse(kLead).as_object();
  lead["credit_code"] = "91440300708461136U";
  HttpResponse r = admin.Post("/api/v1/leads", json::serialize(lead));
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FirstField(r), "credit_code");
  EXPECT_EQ(FirstReason(r), "invalid_check_character");
  lead["credit_code"] = "91440300708461136";
  HttpResponse short_code = admin.Post("/api/v1/leads", json::serialize(lead));
  ASSERT_EQ(short_code.status, 400) << short_code.body;
  EXPECT_EQ(FirstReason(short_code), "invalid_length");
  EXPECT_EQ(Count("sales_leads"), 0);
}

TEST_P(SalesApi, BadLeadFieldsAreEachNamed) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse r = admin.Post("/api/v1/leads", R"({"source": "billboard", "company": "甲", "region_code": "999999",
                                                   "contacts": [{"name": "王", "phone": "12345"}],
                                                   "monthly_spend": {"amount_minor": -1}})");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FirstField(r), "source");
  HttpResponse fields = admin.Post("/api/v1/leads", R"({"source": "halo", "company": "甲",
                                                        "contacts": [{"name": "王", "phone": "12345"}],
                                                        "monthly_spend": {"amount_minor": -1}})");
  ASSERT_EQ(fields.status, 400) << fields.body;
  std::vector<std::string> named;
  const json::value problem = fields.Json();
  for (const json::value& e : problem.at("errors").as_array()) named.emplace_back(e.at("field").as_string());
  EXPECT_EQ(named, (std::vector<std::string>{"contacts[0].phone", "monthly_spend.amount_minor"}));
  HttpResponse region = admin.Post("/api/v1/leads", R"({"source": "halo", "company": "甲", "region_code": "999999"})");
  ASSERT_EQ(region.status, 400) << region.body;
  EXPECT_EQ(FirstField(region), "region_code");
  EXPECT_EQ(FirstReason(region), "not_found");
  EXPECT_EQ(Count("sales_leads"), 0);
}

TEST_P(SalesApi, AReviewNeedsEveryConditionCheckedAndMet) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = admin.Post("/api/v1/leads", kLead).Json().at("id").as_int64();
  HttpResponse none = admin.Post(Path("/api/v1/leads/", id, "/review"), R"({"decision": "qualified", "reason": "看着不错"})");
  ASSERT_EQ(none.status, 400) << none.body;
  EXPECT_EQ(FirstField(none), "checks.not_yet_customer");
  EXPECT_EQ(FirstReason(none), "unchecked");

  CheckAll(admin, id);
  ASSERT_EQ(admin.Request("PUT", Path("/api/v1/leads/", id, "/checks/good_credit"),
                          R"({"met": false, "evidence": "在其他物流商有欠款记录"})")
                .status,
            200);
  HttpResponse bad_credit = admin.Post(Path("/api/v1/leads/", id, "/review"), R"({"decision": "qualified", "reason": "x"})");
  ASSERT_EQ(bad_credit.status, 400) << bad_credit.body;
  EXPECT_EQ(FirstField(bad_credit), "checks.good_credit");
  EXPECT_EQ(FirstReason(bad_credit), "not_met");

  HttpResponse no_evidence = admin.Request("PUT", Path("/api/v1/leads/", id, "/checks/has_need"), R"({"met": true})");
  ASSERT_EQ(no_evidence.status, 400) << no_evidence.body;
  EXPECT_EQ(FirstField(no_evidence), "evidence");
  EXPECT_EQ(admin.Request("PUT", Path("/api/v1/leads/", id, "/checks/is_rich"), R"({"met": true, "evidence": "x"})").status,
            404);

  HttpResponse no = admin.Post(Path("/api/v1/leads/", id, "/review"), R"({"decision": "disqualified", "reason": "信用不良"})");
  ASSERT_EQ(no.status, 200) << no.body;
  EXPECT_EQ(no.Json().at("status").as_string(), "disqualified");
  HttpResponse convert = admin.Post(Path("/api/v1/leads/", id, "/convert"), "");
  ASSERT_EQ(convert.status, 409) << convert.body;
  EXPECT_EQ(FirstReason(convert), "not_qualified");
}

TEST_P(SalesApi, AConversionThatFailsHalfwayLeavesNothingWritten) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t id = admin.Post("/api/v1/leads", kLead).Json().at("id").as_int64();
  CheckAll(admin, id);
  ASSERT_EQ(admin.Post(Path("/api/v1/leads/", id, "/review"), R"({"decision": "qualified", "reason": "ok"})").status, 200);
  const int64_t audit_before = Count("audit_log");
  // The account is created before the opportunity is checked: the bad revenue fails after it.
  HttpResponse r = admin.Post(Path("/api/v1/leads/", id, "/convert"), R"({"monthly_revenue": {"amount_minor": -100}})");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FirstField(r), "monthly_revenue.amount_minor");
  EXPECT_EQ(Count("customers"), 0);
  EXPECT_EQ(Count("sales_opportunities"), 0);
  EXPECT_EQ(Count("audit_log"), audit_before);
  EXPECT_EQ(admin.Get(Path("/api/v1/leads/", id)).Json().at("status").as_string(), "qualified");
}

// DOMAIN.md §12: a lead's contacts are personal data — masked on every read, one value revealed on
// purpose with a reason and audited; a masked value sent back is kept, a new one holding the mask
// character is refused.
TEST_P(SalesApi, LeadContactsAreMaskedAndOneValueIsRevealedWithAReason) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t team = CreateTeam("华南");
  CreateStaff(admin, "li.na", "sales", team);
  CreateStaff(admin, "sun.li", "sales", CreateTeam("华北"));
  CreateStaff(admin, "chen.jie", "agent", team);
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = sales.Post("/api/v1/leads", kLead).Json().at("id").as_int64();

  HttpResponse listed = sales.Get("/api/v1/leads");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json().at("items").at(0).at("contacts").at(0).at("phone").as_string(), "*******5678");
  EXPECT_EQ(listed.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(sales.Get(Path("/api/v1/leads/", id)).body.find("王经理"), std::string::npos);

  const std::string reveal = Path("/api/v1/leads/", id, "/reveal");
  HttpResponse no_reason = sales.Post(reveal, R"({"field": "contact.phone", "contact_index": 0})");
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(FirstField(no_reason), "reason");
  HttpResponse no_contact = sales.Post(reveal, R"({"field": "contact.phone", "contact_index": 3, "reason": "callback"})");
  ASSERT_EQ(no_contact.status, 400) << no_contact.body;
  EXPECT_EQ(FirstField(no_contact), "contact_index");
  HttpResponse bad_field = sales.Post(reveal, R"({"field": "company", "contact_index": 0, "reason": "callback"})");
  ASSERT_EQ(bad_field.status, 400) << bad_field.body;
  EXPECT_EQ(FirstField(bad_field), "field");

  const int64_t reveals_before = std::stoll(database().Sql(
      "SELECT count(*) FROM audit_log WHERE action = 'pii.reveal' AND entity = 'lead'").at(0));
  HttpResponse shown = sales.Post(reveal, R"({"field": "contact.phone", "contact_index": 0, "reason": "callback"})");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("value").as_string(), "13812345678");
  EXPECT_EQ(shown.Header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(std::stoll(database().Sql(
                "SELECT count(*) FROM audit_log WHERE action = 'pii.reveal' AND entity = 'lead'").at(0)),
            reveals_before + 1);
  // The entry says which value and why, never the value.
  const std::string entry = database().Sql(
      "SELECT after_json FROM audit_log WHERE action = 'pii.reveal' AND entity = 'lead'").at(0);
  EXPECT_NE(entry.find("callback"), std::string::npos) << entry;
  EXPECT_EQ(entry.find("13812345678"), std::string::npos) << entry;

  // Outside the record rule (another team's salesperson): 404, as if there were no such lead.
  HttpClient other = LogInAs(server(), "sun.li");
  EXPECT_EQ(other.Post(reveal, R"({"field": "contact.phone", "contact_index": 0, "reason": "callback"})").status, 404);
  // An agent may reveal accounts' data but holds no leads permission.
  HttpClient agent = LogInAs(server(), "chen.jie");
  EXPECT_EQ(agent.Post(reveal, R"({"field": "contact.phone", "contact_index": 0, "reason": "callback"})").status, 403);

  // The console edits another field and sends the masked contact back: the stored values stay.
  json::object edit{{"stated_needs", "每天三次上门取件"},
                    {"contacts", json::array{json::object{{"name", "王**"}, {"title", "物流部经理"}, {"phone", "*******5678"}}}}};
  HttpResponse kept = sales.Patch(Path("/api/v1/leads/", id), json::serialize(edit));
  ASSERT_EQ(kept.status, 200) << kept.body;
  HttpResponse name = sales.Post(reveal, R"({"field": "contact.name", "contact_index": 0, "reason": "customer_request"})");
  EXPECT_EQ(name.Json().at("value").as_string(), "王经理");
  EXPECT_EQ(sales.Post(reveal, R"({"field": "contact.phone", "contact_index": 0, "reason": "callback"})")
                .Json().at("value").as_string(),
            "13812345678");

  // A new contact whose name holds the mask character is never a real one.
  edit["contacts"].as_array().push_back(json::object{{"name", "李*"}, {"phone", "13900001111"}});
  HttpResponse masked = sales.Patch(Path("/api/v1/leads/", id), json::serialize(edit));
  ASSERT_EQ(masked.status, 400) << masked.body;
  EXPECT_EQ(FirstField(masked), "contacts[1].name");
  EXPECT_EQ(FirstReason(masked), "masked_value");
}

TEST_P(SalesApi, DuplicatesAreFlaggedWithALink) {
  HttpClient admin = LogInAsAdmin(server());
  ASSERT_EQ(admin.Post("/api/v1/customers", R"({"name": "广州飞鸿服饰有限公司", "industry": "apparel"})").status, 201);
  const int64_t first = admin.Post("/api/v1/leads", kLead).Json().at("id").as_int64();

  json::object same_code = json::parse(kLead).as_object();
  same_code["company"] = "顺达电子（深圳）";
  same_code["contacts"] = json::array{};
  HttpResponse by_code = admin.Post("/api/v1/leads", json::serialize(same_code));
  ASSERT_EQ(by_code.status, 201) << by_code.body;
  EXPECT_TRUE(by_code.Json().at("duplicate").as_bool());
  const json::value match = by_code.Json().at("duplicates").at(0);
  EXPECT_EQ(match.at("kind").as_string(), "lead");
  EXPECT_EQ(match.at("id").as_int64(), first);
  EXPECT_EQ(match.at("match").as_string(), "credit_code");
  EXPECT_EQ(match.at("link").as_string(), Path("/api/v1/leads/", first));

  // An edit checks again: another (valid) code, and the flag goes.
  const int64_t second = by_code.Json().at("id").as_int64();
  HttpResponse recoded = admin.Patch(Path("/api/v1/leads/", second), R"({"credit_code": "91350100M000100Y43"})");
  ASSERT_EQ(recoded.status, 200) << recoded.body;
  EXPECT_FALSE(recoded.Json().at("duplicate").as_bool());
  EXPECT_EQ(recoded.Json().at("company").as_string(), "顺达电子（深圳）");  // fields not sent are kept
  HttpResponse wrong = admin.Patch(Path("/api/v1/leads/", second), R"({"credit_code": "91350100M000100Y44"})");
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(FirstField(wrong), "credit_code");
  EXPECT_EQ(admin.Get(Path("/api/v1/leads/", second)).Json().at("credit_code").as_string(), "91350100M000100Y43");

  HttpResponse by_phone = admin.Post("/api/v1/leads", R"({"source": "telemarketing", "company": "别的公司",
                                                          "contacts": [{"name": "王", "phone": "+86 13812345678"}]})");
  ASSERT_EQ(by_phone.status, 201) << by_phone.body;
  EXPECT_EQ(by_phone.Json().at("duplicates").at(0).at("match").as_string(), "phone");
  EXPECT_EQ(by_phone.Json().at("duplicates").at(0).at("id").as_int64(), first);

  HttpResponse account = admin.Post("/api/v1/leads", R"({"source": "desk_research", "company": "广州飞鸿服饰有限公司"})");
  ASSERT_EQ(account.status, 201) << account.body;
  EXPECT_EQ(account.Json().at("duplicates").at(0).at("kind").as_string(), "account");
  EXPECT_EQ(account.Json().at("duplicates").at(0).at("match").as_string(), "name");

  // An account made directly (not from a lead) is found by its credit code.
  HttpResponse registered =
      admin.Post("/api/v1/customers", R"({"name": "厦门海峡物流有限公司", "credit_code": "91350100M000100Y43"})");
  ASSERT_EQ(registered.status, 201) << registered.body;
  HttpResponse by_account_code = admin.Post(
      "/api/v1/leads", R"({"source": "referral", "company": "海峡物流", "credit_code": "91350100M000100Y43"})");
  ASSERT_EQ(by_account_code.status, 201) << by_account_code.body;
  bool found = false;
  const json::value lead_answer = by_account_code.Json();
  for (const json::value& m : lead_answer.at("duplicates").as_array())
    found = found || (m.at("kind").as_string() == "account" && m.at("match").as_string() == "credit_code" &&
                      m.at("id").as_int64() == registered.Json().at("id").as_int64());
  EXPECT_TRUE(found) << by_account_code.body;

  HttpResponse unique = admin.Post("/api/v1/leads", R"({"source": "snowball", "company": "全新的公司"})");
  EXPECT_FALSE(unique.Json().at("duplicate").as_bool());
}

TEST_P(SalesApi, LeadsAreAssignedByRoundRobinWithinATeamOrByRegion) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t team = CreateTeam("华南");
  const int64_t a = CreateStaff(admin, "li.na", "sales", team);
  const int64_t b = CreateStaff(admin, "wang.fang", "sales", team);
  CreateStaff(admin, "chen.jie", "agent", team);  // in the team, but no salesperson: never gets one
  std::vector<int64_t> owners;
  for (int i = 0; i < 3; ++i) {
    const int64_t lead = admin.Post("/api/v1/leads", kLead).Json().at("id").as_int64();
    HttpResponse r = admin.Post(Path("/api/v1/leads/", lead, "/assign"),
                                R"({"mode": "round_robin", "team_id": )" + std::to_string(team) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
    owners.push_back(r.Json().at("owner_id").as_int64());
  }
  EXPECT_EQ(owners, (std::vector<int64_t>{a, b, a}));

  HttpResponse bad_rules = admin.Request("PUT", "/api/v1/sales/region-rules", R"({"rules": [{"region_prefix": "99"}]})");
  ASSERT_EQ(bad_rules.status, 400) << bad_rules.body;
  EXPECT_EQ(FirstField(bad_rules), "rules[0].region_prefix");
  HttpResponse rules = admin.Request("PUT", "/api/v1/sales/region-rules",
                                     R"({"rules": [{"region_prefix": "44", "team_id": )" + std::to_string(team) +
                                         R"(}, {"region_prefix": "4403", "owner_id": )" + std::to_string(b) + "}]}");
  ASSERT_EQ(rules.status, 200) << rules.body;
  const int64_t shenzhen = admin.Post("/api/v1/leads", kLead).Json().at("id").as_int64();
  HttpResponse routed = admin.Post(Path("/api/v1/leads/", shenzhen, "/assign"), R"({"mode": "region"})");
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.Json().at("owner_id").as_int64(), b);  // the longest prefix wins

  HttpResponse agent = admin.Post(Path("/api/v1/leads/", shenzhen, "/assign"), R"({"mode": "user", "owner_id": 4})");
  ASSERT_EQ(agent.status, 400) << agent.body;
  EXPECT_EQ(FirstField(agent), "owner_id");
  EXPECT_EQ(FirstReason(agent), "not_sales");
}

TEST_P(SalesApi, ScoreWeightsAreTheAdminsAndMustSumTo100) {
  HttpClient admin = LogInAsAdmin(server());
  CreateStaff(admin, "li.na", "sales", std::nullopt);
  HttpClient sales = LogInAs(server(), "li.na");
  const char* kWeights = R"({"weights": {"service_fit": 40, "volume": 30, "market_potential": 10,
                                         "financial_state": 10, "scale": 10}})";
  EXPECT_EQ(sales.Request("PUT", "/api/v1/sales/score-weights", kWeights).status, 403);
  HttpResponse bad = admin.Request("PUT", "/api/v1/sales/score-weights",
                                   R"({"weights": {"service_fit": 40, "volume": 30, "market_potential": 10,
                                                   "financial_state": 10, "scale": 5}})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(FirstField(bad), "weights");
  EXPECT_EQ(FirstReason(bad), "invalid_sum");
  ASSERT_EQ(admin.Request("PUT", "/api/v1/sales/score-weights", kWeights).status, 200);
  EXPECT_EQ(sales.Get("/api/v1/sales/score-weights").Json().at("weights").at("service_fit").as_int64(), 40);

  const int64_t id = sales.Post("/api/v1/leads", kLead).Json().at("id").as_int64();
  // 4·40 + 3·30 + 5·10 + 2·10 + 1·10 = 330 → 330 ÷ 5 = 66.
  HttpResponse scored = sales.Post(Path("/api/v1/leads/", id, "/evaluation"),
                                   R"({"ratings": {"service_fit": 4, "volume": 3, "market_potential": 5,
                                                   "financial_state": 2, "scale": 1}})");
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(scored.Json().at("evaluation").at("score").as_int64(), 66);
  HttpResponse six = sales.Post(Path("/api/v1/leads/", id, "/evaluation"),
                                R"({"ratings": {"service_fit": 6, "volume": 3, "market_potential": 5,
                                                "financial_state": 2, "scale": 1}})");
  ASSERT_EQ(six.status, 400) << six.body;
  EXPECT_EQ(FirstField(six), "ratings.service_fit");
}

TEST_P(SalesApi, ALostOpportunityNeedsAReasonAndIsClosed) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t account =
      admin.Post("/api/v1/customers", R"({"name": "杭州云仓电商", "industry": "ecommerce"})").Json().at("id").as_int64();
  HttpResponse created = admin.Post("/api/v1/opportunities", R"({"name": "云仓 同城配送", "account_id": )" +
                                                                 std::to_string(account) + R"(, "stage": "first_contact"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("probability").as_int64(), 20);
  const int64_t opp = created.Json().at("id").as_int64();
  HttpResponse unknown_account = admin.Post("/api/v1/opportunities", R"({"name": "x", "account_id": 999})");
  ASSERT_EQ(unknown_account.status, 400) << unknown_account.body;
  EXPECT_EQ(FirstField(unknown_account), "account_id");

  HttpResponse too_likely = admin.Patch(Path("/api/v1/opportunities/", opp), R"({"probability": 120})");
  ASSERT_EQ(too_likely.status, 400) << too_likely.body;
  EXPECT_EQ(FirstField(too_likely), "probability");
  HttpResponse stage_by_patch = admin.Patch(Path("/api/v1/opportunities/", opp), R"({"stage": "deal"})");
  ASSERT_EQ(stage_by_patch.status, 400) << stage_by_patch.body;
  EXPECT_EQ(FirstField(stage_by_patch), "stage");
  HttpResponse renamed = admin.Patch(Path("/api/v1/opportunities/", opp), R"({"name": "云仓 同城配送（二期）", "probability": 35})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("probability").as_int64(), 35);
  EXPECT_EQ(renamed.Json().at("stage").as_string(), "first_contact");

  HttpResponse no_reason = admin.Post(Path("/api/v1/opportunities/", opp, "/lost"), R"({"note": "没说"})");
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(FirstField(no_reason), "reason");
  HttpResponse weather = admin.Post(Path("/api/v1/opportunities/", opp, "/lost"), R"({"reason": "weather"})");
  ASSERT_EQ(weather.status, 400) << weather.body;
  EXPECT_EQ(FirstReason(weather), "invalid_enum");
  HttpResponse lost = admin.Post(Path("/api/v1/opportunities/", opp, "/lost"), R"({"reason": "competitor", "note": "对手报价低15%"})");
  ASSERT_EQ(lost.status, 200) << lost.body;
  EXPECT_EQ(lost.Json().at("outcome").as_string(), "lost");
  EXPECT_EQ(lost.Json().at("lost_reason").as_string(), "competitor");
  EXPECT_EQ(lost.Json().at("probability").as_int64(), 0);
  EXPECT_EQ(admin.Post(Path("/api/v1/opportunities/", opp, "/won"), "").status, 409);
  EXPECT_EQ(admin.Patch(Path("/api/v1/opportunities/", opp), R"({"name": "改名"})").status, 409);

  HttpResponse list = admin.Get("/api/v1/opportunities?outcome=lost");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.Get("/api/v1/opportunities?outcome=open").Json().at("items").as_array().size(), 0u);
}

TEST_P(SalesApi, OnlySalesRolesSeeLeadsAndASalespersonOnlyTheirOwnTeams) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t south = CreateTeam("华南");
  const int64_t north = CreateTeam("华北");
  CreateStaff(admin, "li.na", "sales", south);
  CreateStaff(admin, "sun.li", "sales", north);
  CreateStaff(admin, "chen.jie", "agent", std::nullopt);
  HttpClient li = LogInAs(server(), "li.na");
  HttpClient sun = LogInAs(server(), "sun.li");
  HttpClient agent = LogInAs(server(), "chen.jie");
  const int64_t id = li.Post("/api/v1/leads", kLead).Json().at("id").as_int64();

  EXPECT_EQ(agent.Get("/api/v1/leads").status, 403);
  EXPECT_EQ(agent.Get("/api/v1/opportunities").status, 403);
  EXPECT_EQ(sun.Get(Path("/api/v1/leads/", id)).status, 404);
  EXPECT_TRUE(sun.Get("/api/v1/leads").Json().at("items").as_array().empty());
  EXPECT_EQ(li.Get("/api/v1/leads?scope=mine").Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.Get("/api/v1/leads?status=open").Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.Get("/api/v1/leads?status=qualified").Json().at("items").as_array().size(), 0u);
  EXPECT_EQ(admin.Get("/api/v1/leads?status=maybe").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/leads?q=%E9%A1%BA%E8%BE%BE").Json().at("items").as_array().size(), 1u);  // 顺达
  EXPECT_EQ(admin.Get("/api/v1/leads?q=%25").Json().at("items").as_array().size(), 0u);  // a literal %, not "all"
  EXPECT_EQ(server().Client().Get("/api/v1/leads").status, 401);
}

// --- Idempotency-Key on the creates, as for accounts (customers_api_test.cpp) ---------------------

std::string OpportunityBody(int64_t account) {
  return json::serialize(json::object{{"name", "云仓 同城配送"}, {"account_id", account}});
}

TEST_P(SalesApi, ARetryUnderTheSameIdempotencyKeyAnswersTheFirstLeadAndStoresNothing) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse first = admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "lead-7"}});
  ASSERT_EQ(first.status, 201) << first.body;
  // The same request, its keys in another order: the same lead, answered as the first was.
  json::object reordered;
  const json::object parsed = json::parse(kLead).as_object();
  for (auto it = parsed.end(); it != parsed.begin();) {
    --it;
    reordered[it->key()] = it->value();
  }
  HttpResponse retry = admin.Post("/api/v1/leads", json::serialize(reordered), {{"Idempotency-Key", "lead-7"}});
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Json().at("id"), first.Json().at("id"));
  EXPECT_EQ(retry.Header("location"), first.Header("location"));
  EXPECT_EQ(retry.Json().at("duplicate"), first.Json().at("duplicate"));  // not flagged as a duplicate of itself
  EXPECT_EQ(Count("sales_leads"), 1);
  EXPECT_EQ(database().Sql("SELECT action FROM audit_log WHERE entity = 'lead'"), std::vector<std::string>{"lead.create"});
}

TEST_P(SalesApi, ARetryUnderTheSameIdempotencyKeyAnswersTheFirstOpportunityAndStoresNothing) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t account =
      admin.Post("/api/v1/customers", R"({"name": "杭州云仓电商", "industry": "ecommerce"})").Json().at("id").as_int64();
  HttpResponse first = admin.Post("/api/v1/opportunities", OpportunityBody(account), {{"Idempotency-Key", "opp-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResponse retry = admin.Post("/api/v1/opportunities", OpportunityBody(account), {{"Idempotency-Key", "opp-1"}});
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Json().at("id"), first.Json().at("id"));
  EXPECT_EQ(retry.Header("location"), first.Header("location"));
  EXPECT_EQ(Count("sales_opportunities"), 1);
  EXPECT_EQ(database().Sql("SELECT action FROM audit_log WHERE entity = 'opportunity'"),
            std::vector<std::string>{"opportunity.create"});
}

TEST_P(SalesApi, AnIdempotencyKeyReusedWithAnotherBodyIsRefusedNamingIt) {
  HttpClient admin = LogInAsAdmin(server());
  ASSERT_EQ(admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "k-1"}}).status, 201);
  json::object other = json::parse(kLead).as_object();
  other["company"] = "北京蓝天广告有限公司";
  HttpResponse reused = admin.Post("/api/v1/leads", json::serialize(other), {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(reused.status, 409) << reused.body;
  EXPECT_EQ(FirstField(reused), "Idempotency-Key");
  EXPECT_EQ(FirstReason(reused), "idempotency_key_reused");
  EXPECT_EQ(Count("sales_leads"), 1);

  const int64_t account =
      admin.Post("/api/v1/customers", R"({"name": "杭州云仓电商", "industry": "ecommerce"})").Json().at("id").as_int64();
  ASSERT_EQ(admin.Post("/api/v1/opportunities", OpportunityBody(account), {{"Idempotency-Key", "k-1"}}).status, 201)
      << "a lead's key and an opportunity's are apart";
  HttpResponse renamed = admin.Post("/api/v1/opportunities", R"({"name": "云仓 干线", "account_id": )" +
                                                                 std::to_string(account) + "}",
                                    {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(renamed.status, 409) << renamed.body;
  EXPECT_EQ(FirstField(renamed), "Idempotency-Key");
  EXPECT_EQ(FirstReason(renamed), "idempotency_key_reused");
  EXPECT_EQ(Count("sales_opportunities"), 1);
}

TEST_P(SalesApi, IdempotencyKeysArePerUser) {
  HttpClient admin = LogInAsAdmin(server());
  CreateStaff(admin, "zhao.min", "manager", std::nullopt);
  HttpClient manager = LogInAs(server(), "zhao.min");
  const int64_t by_admin = admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "shared"}}).Json().at("id").as_int64();
  ASSERT_EQ(admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "shared"}}).Json().at("id").as_int64(), by_admin);
  HttpResponse theirs = manager.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "shared"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const int64_t by_manager = theirs.Json().at("id").as_int64();
  EXPECT_NE(by_manager, by_admin);
  EXPECT_EQ(manager.Post("/api/v1/leads", kLead, {{"Idempotency-Key", "shared"}}).Json().at("id").as_int64(), by_manager);
  EXPECT_EQ(Count("sales_leads"), 2);
}

TEST_P(SalesApi, AnIdempotencyKeyOfMoreThan200CharactersIsRefused) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse long_key = admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", std::string(201, 'k')}});
  ASSERT_EQ(long_key.status, 400) << long_key.body;
  EXPECT_EQ(FirstField(long_key), "Idempotency-Key");
  EXPECT_EQ(FirstReason(long_key), "invalid_format");
  const int64_t account =
      admin.Post("/api/v1/customers", R"({"name": "杭州云仓电商", "industry": "ecommerce"})").Json().at("id").as_int64();
  HttpResponse opportunity =
      admin.Post("/api/v1/opportunities", OpportunityBody(account), {{"Idempotency-Key", std::string(201, 'k')}});
  ASSERT_EQ(opportunity.status, 400) << opportunity.body;
  EXPECT_EQ(FirstField(opportunity), "Idempotency-Key");
  EXPECT_EQ(Count("sales_leads"), 0);
  EXPECT_EQ(Count("sales_opportunities"), 0);
  EXPECT_EQ(admin.Post("/api/v1/leads", kLead, {{"Idempotency-Key", std::string(200, 'k')}}).status, 201);
}

CONSIGN_API_SUITE(SalesApi);

// Retries racing each other: eight connections send the same create under the same key at once, on
// a server with as many workers, so on PostgreSQL several pass the first look-up before any commits.
// The key's primary key lets one create; the others answer its lead.
class SalesUnderLoadApi : public SalesApi {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    options.extra_args = {"--worker-threads", "8"};
    return options;
  }
};

TEST_P(SalesUnderLoadApi, ConcurrentRetriesUnderOneIdempotencyKeyCreateOneLead) {
  HttpClient admin = LogInAsAdmin(server());
  const std::string token = LogInToken(admin, "admin", kAdminPassword);
  constexpr int kThreads = 8;
  std::vector<HttpClient> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.push_back(server().Client());
    clients.back().SetDefaultHeader("Authorization", "Bearer " + token);
  }
  std::atomic<int> ready{0};
  std::vector<HttpResponse> answers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      answers[t] = clients[t].Post("/api/v1/leads", kLead, {{"Idempotency-Key", "race-1"}});
    });
  }
  for (std::thread& th : threads) th.join();
  std::set<int64_t> ids;
  for (const HttpResponse& a : answers) {
    ASSERT_EQ(a.status, 201) << a.body;
    ids.insert(a.Json().at("id").as_int64());
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(Count("sales_leads"), 1);
  EXPECT_EQ(database().Sql("SELECT action FROM audit_log WHERE entity = 'lead'"), std::vector<std::string>{"lead.create"});
}

CONSIGN_API_SUITE(SalesUnderLoadApi);

}  // namespace
}  // namespace consign::apitest
