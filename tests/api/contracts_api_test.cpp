// Issue 8 item 4, contracts (合同), over HTTP on every backend: drafted from the account's industry
// template, submitted, approved by each approver the rules require, active; nobody approves their own
// contract; an active contract is amended, never edited; overlaps are refused; every version stays
// readable; the owner is warned of the expiry once; the portal sees only its own active terms.
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

class ContractsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    sales_id_ = CreateUser(*admin_, "li.na", "sales");
    CreateUser(*admin_, "wang.jingli", "manager");
    CreateUser(*admin_, "zhao.jingli", "manager");
    CreateUser(*admin_, "qian.caiwu", "finance");
    // A pharma account owned by the salesperson (the server's fixed clock says 2026-11-22).
    pharma_ = CreateAccount(R"({"name":"华康医药有限公司","kind":"organization","industry":"pharma","owner_id":)" +
                            std::to_string(sales_id_) + "}");
  }

  int64_t CreateAccount(const std::string& body) {
    HttpResponse r = admin_->Post("/api/v1/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static std::string Path(int64_t id, std::string_view tail = "") {
    return "/api/v1/contracts/" + std::to_string(id) + std::string(tail);
  }

  // Drafts a contract as `who` and returns its id (0 and a failure otherwise).
  static int64_t Draft(HttpClient& who, const std::string& body) {
    HttpResponse r = who.Post("/api/v1/contracts", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }

  static std::string State(HttpClient& who, int64_t id) {
    HttpResponse r = who.Get(Path(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(r.Json().at("state").as_string()) : "";
  }

  // A small standard contract (only the manager approves) made active by the salesperson.
  int64_t ActiveContract(HttpClient& sales, const std::string& dates_and_services) {
    const int64_t id = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) +
                                        R"(,"account_period_days":30,"billing_cycle":"monthly",)" + dates_and_services + "}");
    EXPECT_EQ(sales.Post(Path(id, "/submit"), "{}").status, 200);
    HttpClient manager = LogInAs(server(), "wang.jingli");
    HttpResponse approved = manager.Post(Path(id, "/approve"), "{}");
    EXPECT_EQ(approved.status, 200) << approved.body;
    HttpResponse active = sales.Post(Path(id, "/activate"), "{}");
    EXPECT_EQ(active.status, 200) << active.body;
    return id;
  }

  std::vector<std::string> AuditActions(int64_t id) {
    HttpResponse r = admin_->Get("/api/v1/audit?entity=contract&entity_id=" + std::to_string(id) + "&limit=200");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> actions;
    if (r.status != 200) return actions;
    const json::value body = r.Json();
    for (const json::value& e : body.at("items").as_array()) actions.emplace_back(e.at("action").as_string());
    return actions;
  }

  std::unique_ptr<HttpClient> admin_;
  int64_t sales_id_ = 0;
  int64_t pharma_ = 0;
};

TEST_P(ContractsApi, DraftedFromTheTemplateApprovedByManagerAndFinanceThenActive) {
  HttpClient sales = LogInAs(server(), "li.na");
  // ¥2,000,000 a year (above the ¥1,000,000 threshold → manager); pharma's 60-day account period
  // (over 30 days → finance as well).
  HttpResponse drafted = sales.Post("/api/v1/contracts", R"({"customer_id":)" + std::to_string(pharma_) +
                                                             R"(,"start_date":"2027-01-01","annual_value":{"amount_minor":200000000,"currency":"CNY"},"internal_notes":"底价可再让 2%"})");
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  const json::value draft = drafted.Json();
  const int64_t id = draft.at("id").as_int64();
  EXPECT_EQ(draft.at("state").as_string(), "draft");
  EXPECT_EQ(draft.at("owner_user_id").as_int64(), sales_id_);
  const json::value& terms = draft.at("terms");
  EXPECT_TRUE(terms.at("insurance_clause").as_bool());
  EXPECT_TRUE(terms.at("signed_receipt").as_bool());
  EXPECT_EQ(terms.at("account_period_days").as_int64(), 60);
  EXPECT_EQ(terms.at("end_date").as_string(), "2027-12-31");
  EXPECT_EQ(terms.at("quality").at("on_time_delivery_bp").as_int64(), 9900);
  EXPECT_EQ(terms.at("quality").at("damage_max_bp").as_int64(), 10);
  EXPECT_EQ(draft.at("required_approvals"), (json::array{"manager", "finance"}));

  ASSERT_EQ(sales.Post(Path(id, "/submit"), "{}").status, 200);
  EXPECT_EQ(State(sales, id), "in_approval");

  HttpClient manager = LogInAs(server(), "wang.jingli");
  HttpClient finance = LogInAs(server(), "qian.caiwu");
  HttpResponse inbox = finance.Get("/api/v1/contract-inbox");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  const json::value waiting = inbox.Json();
  ASSERT_EQ(waiting.at("approvals").as_array().size(), 1u);
  EXPECT_EQ(waiting.at("approvals").at(0).at("step").as_string(), "finance");
  bool period_listed = false;
  for (const json::value& d : waiting.at("approvals").at(0).at("differences").as_array())
    period_listed = period_listed || (d.at("field") == "account_period_days" && d.at("standard") == "30" &&
                                      d.at("proposed") == "60");
  EXPECT_TRUE(period_listed) << inbox.body;

  HttpResponse by_manager = manager.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(by_manager.status, 200) << by_manager.body;
  EXPECT_EQ(by_manager.Json().at("state").as_string(), "in_approval");  // finance has not decided yet
  EXPECT_EQ(manager.Post(Path(id, "/approve"), "{}").status, 409);      // the manager's step is decided
  EXPECT_TRUE(manager.Get("/api/v1/contract-inbox").Json().at("approvals").as_array().empty());
  HttpResponse by_finance = finance.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(by_finance.status, 200) << by_finance.body;
  EXPECT_EQ(by_finance.Json().at("state").as_string(), "approved");
  EXPECT_EQ(by_finance.Json().at("approvals").as_array().size(), 2u);

  HttpResponse active = sales.Post(Path(id, "/activate"), "{}");
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(active.Json().at("state").as_string(), "active");

  const std::vector<std::string> actions = AuditActions(id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.approve"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.submit"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.activate"), 1);

  // The customer's portal user reads the active terms: nothing internal.
  CreateUser(*admin_, "huakang.portal", "portal", pharma_);
  HttpClient portal = LogInAs(server(), "huakang.portal");
  HttpResponse seen = portal.Get(Path(id));
  ASSERT_EQ(seen.status, 200) << seen.body;
  const json::value mine = seen.Json();
  EXPECT_EQ(mine.at("terms").at("account_period_days").as_int64(), 60);
  EXPECT_FALSE(mine.as_object().contains("approvals"));
  EXPECT_FALSE(mine.as_object().contains("owner_user_id"));
  EXPECT_FALSE(mine.at("terms").as_object().contains("internal_notes"));
  EXPECT_FALSE(mine.at("terms").as_object().contains("annual_value"));
  EXPECT_EQ(seen.body.find("底价"), std::string::npos);
  EXPECT_EQ(portal.Get(Path(id, "/versions")).status, 403);
  EXPECT_EQ(portal.Get("/api/v1/contract-inbox").status, 403);
  EXPECT_EQ(portal.Get("/api/v1/contracts").Json().at("items").as_array().size(), 1u);
}

TEST_P(ContractsApi, RejectionSendsTheDraftBackWithItsReasons) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + "}");
  ASSERT_EQ(sales.Post(Path(id, "/submit"), "{}").status, 200);
  HttpClient finance = LogInAs(server(), "qian.caiwu");
  EXPECT_EQ(finance.Post(Path(id, "/reject"), R"({"reasons":[]})").status, 400);
  HttpResponse rejected = finance.Post(Path(id, "/reject"), R"({"reasons":["账期过长，请改为30天"]})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.Json().at("state").as_string(), "draft");
  EXPECT_EQ(rejected.Json().at("rejection_reasons").at(0).as_string(), "账期过长，请改为30天");
  const std::vector<std::string> actions = AuditActions(id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.reject"), 1);
}

TEST_P(ContractsApi, NobodyApprovesTheirOwnContract) {
  HttpClient manager = LogInAs(server(), "wang.jingli");
  const int64_t id = Draft(manager, R"({"customer_id":)" + std::to_string(pharma_) +
                                        R"(,"account_period_days":30,"billing_cycle":"monthly"})");
  ASSERT_EQ(manager.Post(Path(id, "/submit"), "{}").status, 200);
  HttpResponse own = manager.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(own.Json().at("errors").at(0).at("field").as_string(), "approver");
  EXPECT_EQ(State(manager, id), "in_approval");
  // The salesperson owns the account, hence the contract: a manager who neither owns nor submitted it may.
  HttpClient other = LogInAs(server(), "zhao.jingli");
  HttpResponse approved = other.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json().at("state").as_string(), "approved");
}

TEST_P(ContractsApi, AnActiveContractIsNeverEditedOnlyAmended) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = ActiveContract(sales, R"("start_date":"2027-01-01")");
  HttpResponse read = sales.Get(Path(id));
  const std::string etag = read.Header("etag").value_or("");
  HttpResponse edit = sales.Patch(Path(id), R"({"compensation_cap":{"amount_minor":500000,"currency":"CNY"}})",
                                  {{"If-Match", etag}});
  ASSERT_EQ(edit.status, 409) << edit.body;
  EXPECT_EQ(edit.Json().at("errors").at(0).at("field").as_string(), "state");
  EXPECT_NE(edit.body.find("active"), std::string::npos);
  EXPECT_EQ(State(sales, id), "active");
}

TEST_P(ContractsApi, ADraftIsEditedWithItsETag) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + "}");
  const std::string etag = sales.Get(Path(id)).Header("etag").value_or("");
  const std::string body = R"({"vehicle":"box_truck","transit_promises":[{"product":"standard","zone":"same_city","hours":24}]})";
  EXPECT_EQ(sales.Patch(Path(id), body).status, 428);
  HttpResponse edited = sales.Patch(Path(id), body, {{"If-Match", etag}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json().at("terms").at("vehicle").as_string(), "box_truck");
  EXPECT_EQ(sales.Patch(Path(id), body, {{"If-Match", etag}}).status, 412);
  HttpResponse bad = sales.Patch(Path(id), R"({"transit_promises":[{"product":"特快","zone":"moon","hours":0}]})",
                                 {{"If-Match", edited.Header("etag").value_or("")}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::vector<std::string> fields;
  const json::value problem = bad.Json();
  for (const json::value& e : problem.at("errors").as_array()) fields.emplace_back(e.at("field").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"transit_promises[0].zone", "transit_promises[0].hours"}));
  // A promise names a service product by its code (as quotes and orders do), not by its name.
  HttpResponse named = sales.Patch(Path(id), R"({"transit_promises":[{"product":"标准快递","zone":"same_city","hours":24}]})",
                                   {{"If-Match", edited.Header("etag").value_or("")}});
  ASSERT_EQ(named.status, 400) << named.body;
  EXPECT_EQ(named.Json().at("errors").at(0).at("field").as_string(), "transit_promises[0].product");
  EXPECT_EQ(named.Json().at("errors").at(0).at("reason").as_string(), "unknown_product");
}

// 上海黄浦 310101 → 北京东城 110101, 1200 g standard on a day of the contract: 跨省, charged 1500 g.
std::string QuoteBody(int64_t customer) {
  return json::serialize(json::object{{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"},
                                      {"weight_grams", 1200}, {"customer_id", customer}, {"date", "2027-01-15"}});
}

// The contract's agreement card (协议价): drafted with the contract by whoever drafts it, approved with it,
// active for the contract's dates from its activation, ended with it; never activated on its own.
TEST_P(ContractsApi, TheAgreementCardIsPricedInTheDraftAndFollowsTheContract) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) +
                                      R"(,"account_period_days":30,"billing_cycle":"monthly","start_date":"2027-01-01"})");
  const std::string attach = Path(id, "/rate-card");
  EXPECT_EQ(sales.Post(attach, R"({"product":"standard"})").status, 428);
  const std::string etag = sales.Get(Path(id)).Header("etag").value_or("");
  HttpResponse unknown = sales.Post(attach, R"({"product":"by_sea"})", {{"If-Match", etag}});
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  HttpResponse priced = sales.Post(attach, R"({"product":"standard"})", {{"If-Match", etag}});
  ASSERT_EQ(priced.status, 200) << priced.body;
  const int64_t card = priced.Json().at("terms").at("rate_card_id").as_int64();
  EXPECT_EQ(sales.Post(attach, R"({"product":"standard"})", {{"If-Match", priced.Header("etag").value_or("")}}).status,
            409);  // one card per contract

  // The salesperson prices it: 跨省 first kilogram ¥12.00 instead of the published ¥15.00.
  const std::string card_path = "/api/v1/rate-cards/" + std::to_string(card);
  HttpResponse read = sales.Get(card_path);
  ASSERT_EQ(read.status, 200) << read.body;
  const json::object got = read.Json().as_object();
  EXPECT_EQ(got.at("kind").as_string(), "agreement");
  EXPECT_EQ(got.at("status").as_string(), "draft");
  EXPECT_EQ(got.at("contract_id").as_int64(), id);
  json::object edit;
  for (const char* key : {"rounding", "minimum_charge", "remote_surcharge", "zones", "fees", "discounts"})
    edit[key] = got.at(key);
  for (json::value& zone : edit["zones"].as_array())
    if (zone.at("zone") == "cross_province") zone.at("bands").at(0).as_object()["first_price"].as_object()["amount_minor"] = 1200;
  HttpResponse repriced = sales.Request("PUT", card_path, json::serialize(edit), {{"If-Match", read.Header("etag").value_or("")}});
  ASSERT_EQ(repriced.status, 200) << repriced.body;

  // Not on its own: only with the contract.
  HttpResponse alone = admin_->Post(card_path + "/activate", R"({"valid_from":"2027-01-01"})");
  ASSERT_EQ(alone.status, 409) << alone.body;
  EXPECT_EQ(alone.Json().at("errors").at(0).at("field").as_string(), "contract_id");
  // Published ¥15.00 + 1 × 0.5 kg × ¥3.00 = ¥18.00 while the contract is a draft.
  EXPECT_EQ(sales.Post("/api/v1/quotes", QuoteBody(pharma_)).Json().at("total").at("amount_minor").as_int64(), 1800);

  ASSERT_EQ(sales.Post(Path(id, "/submit"), "{}").status, 200);
  HttpClient manager = LogInAs(server(), "wang.jingli");
  ASSERT_EQ(manager.Post(Path(id, "/approve"), "{}").status, 200);
  HttpResponse active = sales.Post(Path(id, "/activate"), "{}");
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(sales.Get(card_path).Json().at("status").as_string(), "active");
  EXPECT_EQ(sales.Get(card_path).Json().at("valid_from").as_string(), "2027-01-01");
  // Agreement ¥12.00 + 1 × ¥3.00 = ¥15.00 on a day of the contract.
  HttpResponse agreed = sales.Post("/api/v1/quotes", QuoteBody(pharma_));
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(agreed.Json().at("rate_card").at("id").as_int64(), card);
  EXPECT_EQ(agreed.Json().at("total").at("amount_minor").as_int64(), 1500);

  // An amendment keeps the card; ending the contract ends it and the published price is back.
  HttpResponse other_card = sales.Post("/api/v1/contracts/" + std::to_string(id) + "/amendments",
                                       R"({"effective_from":"2027-02-01","rate_card_id":1})");
  ASSERT_EQ(other_card.status, 400) << other_card.body;
  EXPECT_EQ(other_card.Json().at("errors").at(0).at("field").as_string(), "rate_card_id");
  ASSERT_EQ(sales.Post(Path(id, "/end"), "{}").status, 200);
  EXPECT_EQ(sales.Get(card_path).Json().at("status").as_string(), "ended");
  EXPECT_EQ(sales.Post("/api/v1/quotes", QuoteBody(pharma_)).Json().at("total").at("amount_minor").as_int64(), 1800);
}

TEST_P(ContractsApi, ADraftNamesOnlyItsOwnAgreementCard) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t first = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + "}");
  HttpResponse priced = sales.Post(Path(first, "/rate-card"), R"({"product":"express"})",
                                   {{"If-Match", sales.Get(Path(first)).Header("etag").value_or("")}});
  ASSERT_EQ(priced.status, 200) << priced.body;
  const int64_t card = priced.Json().at("terms").at("rate_card_id").as_int64();
  const int64_t second = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + "}");
  HttpResponse borrowed = sales.Patch(Path(second), R"({"rate_card_id":)" + std::to_string(card) + "}",
                                      {{"If-Match", sales.Get(Path(second)).Header("etag").value_or("")}});
  ASSERT_EQ(borrowed.status, 400) << borrowed.body;
  EXPECT_EQ(borrowed.Json().at("errors").at(0).at("field").as_string(), "rate_card_id");
  EXPECT_EQ(borrowed.Json().at("errors").at(0).at("reason").as_string(), "not_found");
  // A new draft names none: it has no card of its own yet.
  HttpResponse born_priced = sales.Post("/api/v1/contracts", R"({"customer_id":)" + std::to_string(pharma_) +
                                                                 R"(,"rate_card_id":)" + std::to_string(card) + "}");
  ASSERT_EQ(born_priced.status, 400) << born_priced.body;
  EXPECT_EQ(born_priced.Json().at("errors").at(0).at("field").as_string(), "rate_card_id");
}

TEST_P(ContractsApi, AnOverlappingContractIsRefused) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t first = ActiveContract(sales, R"("start_date":"2027-01-01")");
  // Transport again from 2027-06-01: overlaps the first (2027-01-01 – 2027-12-31).
  const int64_t second =
      Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + R"(,"start_date":"2027-06-01","services":["transport"]})");
  HttpResponse refused = sales.Post(Path(second, "/submit"), "{}");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field").as_string(), "services");
  EXPECT_NE(refused.body.find("contract " + std::to_string(first)), std::string::npos);
  EXPECT_EQ(State(sales, second), "draft");
  // Another service in the same dates does not overlap.
  const int64_t third =
      Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) + R"(,"start_date":"2027-06-01","services":["customs"]})");
  EXPECT_EQ(sales.Post(Path(third, "/submit"), "{}").status, 200);
}

TEST_P(ContractsApi, AnAmendmentIsApprovedIntoVersionTwoAndVersionOneStaysReadable) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = ActiveContract(sales, R"("start_date":"2027-01-01")");
  // A ¥5,000 cap is above the ¥2,000 standard: finance approves the amendment.
  HttpResponse proposed = sales.Post(
      Path(id, "/amendments"),
      R"({"effective_from":"2027-07-01","note":"提高赔偿上限","compensation_cap":{"amount_minor":500000,"currency":"CNY"}})");
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const json::value pending = proposed.Json();
  EXPECT_EQ(pending.at("state").as_string(), "active");
  EXPECT_EQ(pending.at("version").as_int64(), 1);  // in force until the amendment is approved
  EXPECT_EQ(pending.at("terms").at("compensation_cap").at("amount_minor").as_int64(), 200000);
  EXPECT_EQ(pending.at("pending_amendment").at("version").as_int64(), 2);
  EXPECT_EQ(pending.at("pending_amendment").at("required_approvals"), (json::array{"finance"}));
  HttpResponse second = sales.Post(Path(id, "/amendments"), R"({"effective_from":"2027-07-01","vehicle":"box_truck"})");
  ASSERT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.Json().at("errors").at(0).at("field").as_string(), "pending_version");

  HttpClient finance = LogInAs(server(), "qian.caiwu");
  HttpResponse inbox = finance.Get("/api/v1/contract-inbox");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  const json::value waiting = inbox.Json();
  ASSERT_EQ(waiting.at("approvals").as_array().size(), 1u) << inbox.body;
  EXPECT_EQ(waiting.at("approvals").at(0).at("amendment_version").as_int64(), 2);
  EXPECT_EQ(waiting.at("approvals").at(0).at("differences").at(0).at("field").as_string(), "compensation_cap");
  HttpResponse approved = finance.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json().at("version").as_int64(), 2);
  EXPECT_EQ(approved.Json().at("effective_from").as_string(), "2027-07-01");
  EXPECT_EQ(approved.Json().at("terms").at("compensation_cap").at("amount_minor").as_int64(), 500000);
  EXPECT_TRUE(approved.Json().at("pending_amendment").is_null());

  HttpResponse versions = sales.Get(Path(id, "/versions"));
  ASSERT_EQ(versions.status, 200) << versions.body;
  const json::value list = versions.Json();
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(list.at("items").at(0).at("version").as_int64(), 1);
  EXPECT_EQ(list.at("items").at(0).at("effective_from").as_string(), "2027-01-01");
  EXPECT_EQ(list.at("items").at(0).at("terms").at("compensation_cap").at("amount_minor").as_int64(), 200000);
  EXPECT_EQ(list.at("items").at(1).at("status").as_string(), "effective");
  EXPECT_EQ(list.at("items").at(1).at("effective_from").as_string(), "2027-07-01");
  HttpResponse one = sales.Get(Path(id, "/versions/1"));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("terms").at("compensation_cap").at("amount_minor").as_int64(), 200000);
  EXPECT_EQ(sales.Get(Path(id, "/versions/3")).status, 404);

  // An amendment dated before the version it replaces is refused, naming the field.
  HttpResponse early = sales.Post(Path(id, "/amendments"),
                                  R"({"effective_from":"2027-06-30","compensation_cap":{"amount_minor":600000}})");
  ASSERT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(early.Json().at("errors").at(0).at("field").as_string(), "effective_from");
  const std::vector<std::string> actions = AuditActions(id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.amendment.approve"), 1);
}

TEST_P(ContractsApi, NobodyApprovesTheirOwnAmendmentAndARejectedOneLeavesTheContractAsItWas) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = ActiveContract(sales, R"("start_date":"2027-01-01")");
  HttpClient manager = LogInAs(server(), "wang.jingli");
  // ¥2,000,000 a year: the manager approves.
  HttpResponse proposed = manager.Post(
      Path(id, "/amendments"), R"({"effective_from":"2027-03-01","annual_value":{"amount_minor":200000000}})");
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  HttpResponse own = manager.Post(Path(id, "/approve"), "{}");
  ASSERT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(own.Json().at("errors").at(0).at("field").as_string(), "approver");
  EXPECT_TRUE(manager.Get("/api/v1/contract-inbox").Json().at("approvals").as_array().empty());
  HttpClient other = LogInAs(server(), "zhao.jingli");
  HttpResponse rejected = other.Post(Path(id, "/reject"), R"({"reasons":["年度金额需与客户确认"]})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.Json().at("state").as_string(), "active");
  EXPECT_EQ(rejected.Json().at("version").as_int64(), 1);
  EXPECT_TRUE(rejected.Json().at("pending_amendment").is_null());
  EXPECT_EQ(rejected.Json().at("rejection_reasons").at(0).as_string(), "年度金额需与客户确认");
  HttpResponse versions = sales.Get(Path(id, "/versions"));
  ASSERT_EQ(versions.status, 200) << versions.body;
  EXPECT_EQ(versions.Json().at("items").at(1).at("status").as_string(), "rejected");
}

TEST_P(ContractsApi, TheOwnerIsWarnedOnceBeforeTheEnd) {
  HttpClient sales = LogInAs(server(), "li.na");
  // Ends 2026-12-10; the fixed clock says 2026-11-22, within the 30 warning days: due at once.
  const int64_t id = ActiveContract(sales, R"("start_date":"2026-11-01","end_date":"2026-12-10")");
  std::string state;
  for (int i = 0; i < 100 && state != "expiring"; ++i) {
    state = State(sales, id);
    if (state != "expiring") std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(state, "expiring");
  // The same job once more, as a second node or a rerun after a crash would run it.
  const std::string past = database().backend() == "sqlite" ? "0" : "'2000-01-01T00:00:00Z'";
  database().Sql("INSERT INTO jobs (kind, payload, run_at, max_attempts) VALUES ('contracts.expiry_warning', '" +
                 std::to_string(id) + "', " + past + ", 3)");
  std::string done;
  for (int i = 0; i < 100 && done != "2"; ++i) {
    const auto rows =
        database().Sql("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_warning' AND status = 'done'");
    done = rows.empty() ? "" : rows[0];
    if (done != "2") std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(done, "2");
  HttpResponse inbox = sales.Get("/api/v1/contract-inbox");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  const json::value box = inbox.Json();
  ASSERT_EQ(box.at("notices").as_array().size(), 1u) << inbox.body;
  EXPECT_EQ(box.at("notices").at(0).at("kind").as_string(), "expiry_warning");
  EXPECT_EQ(box.at("notices").at(0).at("contract_id").as_int64(), id);
  EXPECT_NE(std::string(box.at("notices").at(0).at("message").as_string()).find("2026-12-10"), std::string::npos);
  const std::vector<std::string> actions = AuditActions(id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "contract.expiry_warning"), 1);
}

TEST_P(ContractsApi, ThePrintViewIsEscapedChineseHtml) {
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t id = Draft(sales, R"({"customer_id":)" + std::to_string(pharma_) +
                                      R"(,"clauses":["<img src=x onerror=alert(1)>"],"internal_notes":"内部备注"})");
  HttpResponse page = sales.Get(Path(id, "/print"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.Header("content-type").value_or("").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("物流服务合同"), std::string::npos);
  EXPECT_NE(page.body.find("华康医药有限公司"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;img"), std::string::npos);
  EXPECT_EQ(page.body.find("<img"), std::string::npos);
  EXPECT_EQ(page.body.find("内部备注"), std::string::npos);
}

TEST_P(ContractsApi, ApprovalRulesAreTheAdminsAndRouteTheNextSubmission) {
  HttpClient sales = LogInAs(server(), "li.na");
  EXPECT_EQ(sales.Get("/api/v1/contract-approval-rules").status, 403);
  HttpResponse bad = admin_->Request("PUT", "/api/v1/contract-approval-rules",
                                 R"({"manager_threshold":{"amount_minor":0},"standard_compensation_cap":{"amount_minor":0},
                                     "standard_account_period_days":90,"cod_needs_finance":false,"expiry_warning_days":30})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field").as_string(), "standard_compensation_cap");
  // A 90-day standard account period: pharma's 60 days no longer needs finance.
  HttpResponse put = admin_->Request("PUT", "/api/v1/contract-approval-rules",
                                 R"({"manager_threshold":{"amount_minor":100000000},"standard_compensation_cap":{"amount_minor":200000},
                                     "standard_account_period_days":90,"cod_needs_finance":true,"expiry_warning_days":45})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(admin_->Get("/api/v1/contract-approval-rules").Json().at("expiry_warning_days").as_int64(), 45);
  HttpResponse drafted = sales.Post("/api/v1/contracts", R"({"customer_id":)" + std::to_string(pharma_) + "}");
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  EXPECT_EQ(drafted.Json().at("required_approvals"), (json::array{"manager"}));
}

TEST_P(ContractsApi, BadInputNamesTheField) {
  HttpClient sales = LogInAs(server(), "li.na");
  HttpResponse r = sales.Post("/api/v1/contracts", R"({"customer_id":)" + std::to_string(pharma_) +
                                                       R"(,"services":["transport","teleport"],"billing_cycle":"yearly",
                                                          "quality":{"damage_max_bp":20000},"colour":"red"})");
  ASSERT_EQ(r.status, 400) << r.body;
  std::vector<std::string> fields;
  const json::value unknown = r.Json();
  for (const json::value& e : unknown.at("errors").as_array()) fields.emplace_back(e.at("field").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"colour"}));  // unknown fields are refused before the rules run
  HttpResponse wrong = sales.Post("/api/v1/contracts", R"({"customer_id":)" + std::to_string(pharma_) +
                                                           R"(,"services":["transport","teleport"],"billing_cycle":"yearly",
                                                              "quality":{"damage_max_bp":20000}})");
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  fields.clear();
  const json::value invalid = wrong.Json();
  for (const json::value& e : invalid.at("errors").as_array()) fields.emplace_back(e.at("field").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"services[1]", "quality.damage_max_bp", "billing_cycle"}));
  EXPECT_EQ(sales.Post("/api/v1/contracts", R"({"customer_id":999999})").Json().at("errors").at(0).at("field").as_string(),
            "customer_id");
  EXPECT_TRUE(sales.Get("/api/v1/contracts").Json().at("items").as_array().empty());  // nothing half-written
}

CONSIGN_API_SUITE(ContractsApi);

}  // namespace
}  // namespace consign::apitest
