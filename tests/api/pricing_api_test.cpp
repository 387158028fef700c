// Issue 8, item 5 (prices, 运价) over HTTP on every backend: the seeded products, zone matrix and
// published cards; agreement cards winning for their customer and dates; admin edits of cards and the
// matrix; every bad input of the issue for pricing answered 4xx naming the field, nothing half-written.
// Expected prices are worked out by hand in the comments (the seeded card: rate_card.cpp
// kStandardPrices; the agreement card below: AgreementCard()).
#include <boost/json.hpp>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

json::object Fen(int64_t amount) { return json::object{{"amount_minor", amount}, {"currency", "CNY"}}; }

std::string FieldOf(const HttpResponse& r) {
  const json::value problem = r.Json();
  if (!problem.as_object().contains("errors") || problem.at("errors").as_array().empty()) return "";
  return std::string(problem.at("errors").at(0).at("field").as_string());
}
std::string ReasonOf(const HttpResponse& r) {
  const json::value problem = r.Json();
  if (!problem.as_object().contains("errors") || problem.at("errors").as_array().empty()) return "";
  return std::string(problem.at("errors").at(0).at("reason").as_string());
}

// An agreement card, by hand. Rounding 0.5 kg, minimum ¥10.00, remote surcharge ¥5.00. Every zone:
// band [0, 3 kg) first 1 kg `first`, each 0.5 kg `step`; band [3 kg, 30 kg) first 3 kg 2×first,
// each 1 kg 2×step. same_city 600/100, same_province 800/150, adjacent 1000/200, cross 1200/200,
// remote 1500/300. Insured 0.30 % ≥ ¥2, COD 1 % ≥ ¥3, receipt ¥3, packaging ¥5; 5 % from 100 a month.
json::object AgreementCard(int64_t customer_id) {
  const std::pair<const char*, std::pair<int64_t, int64_t>> zones[] = {
      {"same_city", {600, 100}}, {"same_province", {800, 150}}, {"adjacent_province", {1000, 200}},
      {"cross_province", {1200, 200}}, {"remote", {1500, 300}}};
  json::array zone_items;
  for (const auto& [zone, price] : zones)
    zone_items.push_back(json::object{
        {"zone", zone},
        {"bands", json::array{json::object{{"from_grams", 0}, {"to_grams", 3000}, {"first_grams", 1000},
                                           {"first_price", Fen(price.first)}, {"step_grams", 500},
                                           {"step_price", Fen(price.second)}},
                              json::object{{"from_grams", 3000}, {"to_grams", 30000}, {"first_grams", 3000},
                                           {"first_price", Fen(2 * price.first)}, {"step_grams", 1000},
                                           {"step_price", Fen(2 * price.second)}}}}});
  return json::object{
      {"kind", "agreement"},
      {"product", "standard"},
      {"name", "顺达电子 协议价"},
      {"customer_id", customer_id},
      {"rounding", "half_kg"},
      {"minimum_charge", Fen(1000)},
      {"remote_surcharge", Fen(500)},
      {"zones", std::move(zone_items)},
      {"fees", {{"insured", {{"rate_bp", 30}, {"minimum", Fen(200)}}},
                {"cod", {{"rate_bp", 100}, {"minimum", Fen(300)}}},
                {"signed_receipt", Fen(300)},
                {"packaging", Fen(500)}}},
      {"discounts", json::array{json::object{{"min_monthly_shipments", 100}, {"discount_bp", 500}}}},
  };
}

class PricingApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
  }
  HttpClient& admin() { return *admin_; }

  int64_t Customer(std::string_view name) {
    HttpResponse r = admin().Post("/api/v1/customers", json::serialize(json::object{{"name", name}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  // An active agreement card for `customer` from `from` to `to`; returns its id.
  int64_t ActiveAgreement(int64_t customer, std::string_view from, std::string_view to) {
    HttpResponse created = admin().Post("/api/v1/rate-cards", json::serialize(AgreementCard(customer)));
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.Json().at("id").as_int64();
    HttpResponse active = admin().Post("/api/v1/rate-cards/" + std::to_string(id) + "/activate",
                                       json::serialize(json::object{{"valid_from", from}, {"valid_to", to}}));
    EXPECT_EQ(active.status, 200) << active.body;
    return id;
  }
  int64_t CardCount() { return std::stoll(database().Sql("SELECT count(*) FROM pricing_rate_cards").at(0)); }

  std::unique_ptr<HttpClient> admin_;
};

// 上海黄浦 310101 → 北京东城 110101: 跨省 (上海 and 北京 are not neighbours).
json::object ShanghaiToBeijing(int64_t grams) {
  return json::object{{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", grams}};
}

TEST_P(PricingApi, TheSeededPublishedCardPricesAShipmentLineByLine) {
  HttpResponse products = admin().Get("/api/v1/service-products");
  ASSERT_EQ(products.status, 200) << products.body;
  ASSERT_EQ(products.Json().at("items").as_array().size(), 3u);
  EXPECT_EQ(products.Json().at("items").at(0).at("name_zh").as_string(), "标准快递");

  // Standard, 跨省: 1200 g → 1500 g; first 1 kg ¥15.00 + 1 × 0.5 kg × ¥3.00 = ¥18.00. Insured ¥1000.00
  // × 0.30 % = ¥3.00 (above the ¥2.00 minimum); signed receipt ¥3.00. Total ¥24.00.
  json::object body = ShanghaiToBeijing(1200);
  body["declared_value"] = Fen(100000);
  body["services"] = json::array{"insured", "signed_receipt"};
  HttpResponse q = admin().Post("/api/v1/quotes", json::serialize(body));
  ASSERT_EQ(q.status, 200) << q.body;
  const json::value quote = q.Json();
  EXPECT_EQ(quote.at("zone").as_string(), "cross_province");
  EXPECT_EQ(quote.at("chargeable_grams").as_int64(), 1500);
  EXPECT_EQ(quote.at("rate_card").at("kind").as_string(), "published");
  EXPECT_EQ(quote.at("date").as_string(), "2026-11-22");  // the harness's fixed clock, in China
  const json::array& lines = quote.at("lines").as_array();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("code").as_string(), "freight");
  EXPECT_EQ(lines[0].at("amount").at("amount_minor").as_int64(), 1800);
  EXPECT_EQ(lines[0].at("rule_zh").as_string(), "跨省 1.5kg: 首重 1kg ¥15.00 + 续重 1×0.5kg×¥3.00");
  EXPECT_EQ(lines[1].at("code").as_string(), "insured");
  EXPECT_EQ(lines[1].at("amount").at("amount_minor").as_int64(), 300);
  EXPECT_EQ(lines[2].at("amount").at("amount_minor").as_int64(), 300);
  EXPECT_EQ(quote.at("total").at("amount_minor").as_int64(), 2400);
  EXPECT_EQ(quote.at("total").at("currency").as_string(), "CNY");
}

TEST_P(PricingApi, TheCustomersActiveAgreementCardWinsOnItsDates) {
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  const int64_t card = ActiveAgreement(customer, "2026-11-01", "2027-10-31");
  json::object body = ShanghaiToBeijing(1200);
  body["customer_id"] = customer;
  // Agreement, 跨省: 1500 g → ¥12.00 + 1 × ¥2.00 = ¥14.00.
  HttpResponse agreed = admin().Post("/api/v1/quotes", json::serialize(body));
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(agreed.Json().at("rate_card").at("id").as_int64(), card);
  EXPECT_EQ(agreed.Json().at("rate_card").at("kind").as_string(), "agreement");
  EXPECT_EQ(agreed.Json().at("total").at("amount_minor").as_int64(), 1400);

  // Without the customer, or after the card's last day: the published ¥18.00.
  HttpResponse anyone = admin().Post("/api/v1/quotes", json::serialize(ShanghaiToBeijing(1200)));
  EXPECT_EQ(anyone.Json().at("total").at("amount_minor").as_int64(), 1800);
  body["date"] = "2027-11-01";
  HttpResponse later = admin().Post("/api/v1/quotes", json::serialize(body));
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(later.Json().at("rate_card").at("kind").as_string(), "published");
  EXPECT_EQ(later.Json().at("total").at("amount_minor").as_int64(), 1800);

  // Ended: published again.
  HttpResponse ended = admin().Post("/api/v1/rate-cards/" + std::to_string(card) + "/end", "{}");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.Json().at("status").as_string(), "ended");
  body.erase("date");
  EXPECT_EQ(admin().Post("/api/v1/quotes", json::serialize(body)).Json().at("total").at("amount_minor").as_int64(),
            1800);
}

TEST_P(PricingApi, APortalUserQuotesItsOwnAgreementPriceAndNoOneElses) {
  const int64_t own = Customer("深圳市顺达电子有限公司");
  const int64_t other = Customer("北京蓝天广告有限公司");
  ActiveAgreement(own, "2026-11-01", "2027-10-31");
  CreateUser(admin(), "shunda.portal", "portal", own);
  HttpClient portal = LogInAs(server(), "shunda.portal");

  HttpResponse mine = portal.Post("/api/v1/quotes", json::serialize(ShanghaiToBeijing(1200)));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json().at("total").at("amount_minor").as_int64(), 1400);  // its agreement, without asking

  json::object theirs = ShanghaiToBeijing(1200);
  theirs["customer_id"] = other;
  EXPECT_EQ(portal.Post("/api/v1/quotes", json::serialize(theirs)).status, 403);
  EXPECT_EQ(portal.Get("/api/v1/rate-cards").status, 403);
  EXPECT_EQ(portal.Get("/api/v1/zone-matrix").status, 403);
}

// The contract editor prices with the draft it shows: rate_card_id names the card whatever its status.
TEST_P(PricingApi, AQuoteWithANamedCardPricesWithThatCardEvenADraft) {
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  HttpResponse draft = admin().Post("/api/v1/rate-cards", json::serialize(AgreementCard(customer)));
  ASSERT_EQ(draft.status, 201) << draft.body;
  const int64_t card = draft.Json().at("id").as_int64();

  // Draft agreement, 跨省: 1500 g → ¥12.00 + 1 × ¥2.00 = ¥14.00; without the card, the published ¥18.00.
  json::object body = ShanghaiToBeijing(1200);
  body["customer_id"] = customer;
  EXPECT_EQ(admin().Post("/api/v1/quotes", json::serialize(body)).Json().at("total").at("amount_minor").as_int64(), 1800);
  body["rate_card_id"] = card;
  HttpResponse priced = admin().Post("/api/v1/quotes", json::serialize(body));
  ASSERT_EQ(priced.status, 200) << priced.body;
  EXPECT_EQ(priced.Json().at("rate_card").at("id").as_int64(), card);
  EXPECT_EQ(priced.Json().at("total").at("amount_minor").as_int64(), 1400);

  // Another product's card, an unknown card: named at rate_card_id. A portal user may not name cards.
  json::object express = body;
  express["product"] = "express";
  HttpResponse mismatch = admin().Post("/api/v1/quotes", json::serialize(express));
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(FieldOf(mismatch), "rate_card_id");
  EXPECT_EQ(ReasonOf(mismatch), "product_mismatch");
  body["rate_card_id"] = 999999;
  HttpResponse unknown = admin().Post("/api/v1/quotes", json::serialize(body));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(ReasonOf(unknown), "not_found");
  CreateUser(admin(), "shunda.portal", "portal", customer);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  json::object own = ShanghaiToBeijing(1200);
  own["rate_card_id"] = card;
  EXPECT_EQ(portal.Post("/api/v1/quotes", json::serialize(own)).status, 403);
}

// 价目表: the portal user reads its own agreement prices (and the published ones of the products the
// agreement does not cover), never another account's, and not the card's bookkeeping.
TEST_P(PricingApi, APortalUserReadsItsOwnPriceList) {
  const int64_t own = Customer("深圳市顺达电子有限公司");
  const int64_t other = Customer("北京蓝天广告有限公司");
  const int64_t card = ActiveAgreement(own, "2026-11-01", "2027-10-31");
  CreateUser(admin(), "shunda.portal", "portal", own);
  HttpClient portal = LogInAs(server(), "shunda.portal");

  HttpResponse mine = portal.Get("/api/v1/price-list");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json::value list = mine.Json();
  EXPECT_EQ(list.at("customer_id").as_int64(), own);
  EXPECT_EQ(list.at("date").as_string(), "2026-11-22");  // the harness's fixed clock, in China
  const json::array& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);  // 标准快递 by its agreement, 特快 and 重货 at the published price
  EXPECT_EQ(items[0].at("product").at("code").as_string(), "standard");
  EXPECT_EQ(items[0].at("kind").as_string(), "agreement");
  EXPECT_EQ(items[0].at("valid_from").as_string(), "2026-11-01");
  EXPECT_FALSE(items[0].as_object().contains("rate_card_id"));
  EXPECT_FALSE(items[0].as_object().contains("name"));
  // AgreementCard(): 跨省 (the fourth zone) first 1 kg ¥12.00, each 0.5 kg ¥2.00.
  const json::value& cross = items[0].at("zones").at(3);
  EXPECT_EQ(cross.at("zone").as_string(), "cross_province");
  EXPECT_EQ(cross.at("bands").at(0).at("first_price").at("amount_minor").as_int64(), 1200);
  EXPECT_EQ(cross.at("bands").at(0).at("step_price").at("amount_minor").as_int64(), 200);
  EXPECT_EQ(items[1].at("kind").as_string(), "published");
  EXPECT_EQ(items[2].at("kind").as_string(), "published");

  // Asking for another account is refused; its own id is the same list.
  EXPECT_EQ(portal.Get("/api/v1/price-list?customer_id=" + std::to_string(other)).status, 403);
  EXPECT_EQ(portal.Get("/api/v1/price-list?customer_id=" + std::to_string(own)).Json().at("customer_id").as_int64(),
            own);
  // After the agreement's last day: the published prices.
  HttpResponse later = portal.Get("/api/v1/price-list?date=2027-11-01");
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(later.Json().at("items").at(0).at("kind").as_string(), "published");

  // Staff: any account they may read, with the card's id; without an account, the published prices.
  HttpResponse staff = admin().Get("/api/v1/price-list?customer_id=" + std::to_string(own));
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(staff.Json().at("items").at(0).at("rate_card_id").as_int64(), card);
  HttpResponse published = admin().Get("/api/v1/price-list");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_TRUE(published.Json().at("customer_id").is_null());
  // The seeded 标准快递 card: 跨省 first 1 kg ¥15.00 (rate_card.cpp kStandardPrices).
  EXPECT_EQ(published.Json().at("items").at(0).at("zones").at(3).at("bands").at(0).at("first_price").at("amount_minor")
                .as_int64(),
            1500);

  // Bad input names the field.
  HttpResponse bad_date = admin().Get("/api/v1/price-list?date=2026-13-01");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(FieldOf(bad_date), "date");
  HttpResponse unknown = admin().Get("/api/v1/price-list?customer_id=999999");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(FieldOf(unknown), "customer_id");
  EXPECT_EQ(ReasonOf(unknown), "unknown_customer");
}

TEST_P(PricingApi, OnlyAdminsAndManagersEditPublishedCardsAndTheMatrix) {
  CreateUser(admin(), "li.na", "sales");
  HttpClient sales = LogInAs(server(), "li.na");
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  json::object published = AgreementCard(customer);
  published["kind"] = "published";
  published.erase("customer_id");
  EXPECT_EQ(sales.Post("/api/v1/rate-cards", json::serialize(published)).status, 403);
  // A salesperson prices agreement cards (agreement_cards.write), but only of accounts it may see:
  // this one is nobody's.
  HttpResponse not_theirs = sales.Post("/api/v1/rate-cards", json::serialize(AgreementCard(customer)));
  ASSERT_EQ(not_theirs.status, 400) << not_theirs.body;
  EXPECT_EQ(FieldOf(not_theirs), "customer_id");
  const int64_t card = ActiveAgreement(customer, "2026-11-01", "2027-10-31");
  EXPECT_EQ(sales.Post("/api/v1/rate-cards/" + std::to_string(card) + "/end", "{}").status, 403);
  EXPECT_EQ(sales.Request("PUT", "/api/v1/zone-matrix", R"({"adjacent":[],"remote":[]})").status, 403);
  EXPECT_EQ(sales.Get("/api/v1/rate-cards").status, 200);
  EXPECT_EQ(sales.Post("/api/v1/quotes", json::serialize(ShanghaiToBeijing(1000))).status, 200);
  EXPECT_EQ(server().Client().Post("/api/v1/quotes", json::serialize(ShanghaiToBeijing(1000))).status, 401);
}

TEST_P(PricingApi, BadCardsNameTheFieldAndWriteNothing) {
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  const int64_t before = CardCount();
  struct Bad {
    const char* what;
    void (*spoil)(json::object&);
    const char* field;
    const char* reason;
  } cases[] = {
      {"a gap between bands",
       [](json::object& c) { c["zones"].as_array()[2].at("bands").as_array()[1].as_object()["from_grams"] = 3500; },
       "zones[2].bands[1].from_grams", "band_gap"},
      {"overlapping bands",
       [](json::object& c) { c["zones"].as_array()[2].at("bands").as_array()[1].as_object()["from_grams"] = 2000; },
       "zones[2].bands[1].from_grams", "band_overlap"},
      {"a negative price",
       [](json::object& c) { c["zones"].as_array()[0].at("bands").as_array()[0].as_object()["first_price"] = Fen(-1); },
       "zones[0].bands[0].first_price", "negative"},
      {"a discount over 100 %",
       [](json::object& c) { c["discounts"].as_array()[0].as_object()["discount_bp"] = 12000; },
       "discounts[0].discount_bp", "out_of_range"},
      {"a price as text",
       [](json::object& c) { c["minimum_charge"].as_object()["amount_minor"] = "10.00"; },
       "minimum_charge.amount_minor", "invalid_type"},
      {"an unknown product", [](json::object& c) { c["product"] = "rocket"; }, "product", "unknown_product"},
      {"an agreement without its customer", [](json::object& c) { c.erase("customer_id"); }, "customer_id",
       "required"},
      {"an unknown customer", [](json::object& c) { c["customer_id"] = 999999; }, "customer_id", "unknown_customer"},
  };
  for (const Bad& c : cases) {
    json::object card = AgreementCard(customer);
    c.spoil(card);
    HttpResponse r = admin().Post("/api/v1/rate-cards", json::serialize(card));
    ASSERT_EQ(r.status, 400) << c.what << ": " << r.body;
    EXPECT_EQ(FieldOf(r), c.field) << c.what << ": " << r.body;
    EXPECT_EQ(ReasonOf(r), c.reason) << c.what;
  }
  EXPECT_EQ(CardCount(), before);
}

TEST_P(PricingApi, BadQuotesNameTheField) {
  struct Bad {
    const char* what;
    json::object body;
    const char* field;
    const char* reason;
  } cases[] = {
      {"an unknown province", {{"product", "standard"}, {"origin", "99"}, {"destination", "110101"}, {"weight_grams", 1000}},
       "origin", "unknown_division"},
      {"an unknown city", {{"product", "standard"}, {"origin", "310101"}, {"destination", "4499"}, {"weight_grams", 1000}},
       "destination", "unknown_division"},
      {"heavy freight without dimensions",
       {{"product", "heavy"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 20000}},
       "dimensions_cm", "required"},
      {"an unknown product", {{"product", "rocket"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000}},
       "product", "unknown_product"},
      {"no weight", {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}}, "weight_grams",
       "required"},
      {"insured without a declared value",
       {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000},
        {"services", json::array{"insured"}}},
       "declared_value", "required"},
      {"an unknown service",
       {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000},
        {"services", json::array{"gift_wrap"}}},
       "services", "invalid_enum"},
      {"a declared value in dollars",
       {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000},
        {"declared_value", {{"amount_minor", 100}, {"currency", "USD"}}}},
       "declared_value", "invalid_currency"},
      {"an unknown customer",
       {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000},
        {"customer_id", 999999}},
       "customer_id", "unknown_customer"},
      {"a date that is not one",
       {{"product", "standard"}, {"origin", "310101"}, {"destination", "110101"}, {"weight_grams", 1000},
        {"date", "2026-02-30"}},
       "date", "invalid_format"},
  };
  for (const Bad& c : cases) {
    HttpResponse r = admin().Post("/api/v1/quotes", json::serialize(c.body));
    ASSERT_EQ(r.status, 400) << c.what << ": " << r.body;
    EXPECT_EQ(FieldOf(r), c.field) << c.what << ": " << r.body;
    EXPECT_EQ(ReasonOf(r), c.reason) << c.what;
  }
}

TEST_P(PricingApi, OverlappingAgreementsAreRefused) {
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  ActiveAgreement(customer, "2026-11-01", "2027-10-31");
  HttpResponse second = admin().Post("/api/v1/rate-cards", json::serialize(AgreementCard(customer)));
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string path = "/api/v1/rate-cards/" + std::to_string(second.Json().at("id").as_int64());
  HttpResponse overlap =
      admin().Post(path + "/activate", R"({"valid_from":"2027-10-31","valid_to":"2028-10-30"})");
  ASSERT_EQ(overlap.status, 409) << overlap.body;
  EXPECT_EQ(FieldOf(overlap), "valid_from");
  EXPECT_EQ(ReasonOf(overlap), "overlaps_active");
  HttpResponse backwards = admin().Post(path + "/activate", R"({"valid_from":"2028-01-01","valid_to":"2027-12-31"})");
  ASSERT_EQ(backwards.status, 400) << backwards.body;
  EXPECT_EQ(FieldOf(backwards), "valid_to");
  HttpResponse after = admin().Post(path + "/activate", R"({"valid_from":"2027-11-01"})");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json().at("valid_to"), json::value(nullptr));
}

TEST_P(PricingApi, OnlyDraftsAreEditedAndWithTheirVersion) {
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  HttpResponse created = admin().Post("/api/v1/rate-cards", json::serialize(AgreementCard(customer)));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/rate-cards/" + std::to_string(created.Json().at("id").as_int64());
  json::object edit = AgreementCard(customer);
  for (const char* key : {"kind", "product", "customer_id"}) edit.erase(key);
  edit["minimum_charge"] = Fen(1200);

  EXPECT_EQ(admin().Request("PUT", path, json::serialize(edit)).status, 428);
  EXPECT_EQ(admin().Request("PUT", path, json::serialize(edit), {{"If-Match", "\"7\""}}).status, 412);
  HttpResponse edited = admin().Request("PUT", path, json::serialize(edit), {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json().at("minimum_charge").at("amount_minor").as_int64(), 1200);
  EXPECT_EQ(edited.Json().at("version").as_int64(), 2);

  ASSERT_EQ(admin().Post(path + "/activate", R"({"valid_from":"2026-11-01"})").status, 200);
  HttpResponse active_edit = admin().Request("PUT", path, json::serialize(edit), {{"If-Match", "\"3\""}});
  EXPECT_EQ(active_edit.status, 409) << active_edit.body;
  EXPECT_EQ(admin().Post(path + "/activate", R"({"valid_from":"2026-11-01"})").status, 409);  // not a draft
  EXPECT_EQ(admin().Get(path).Json().at("minimum_charge").at("amount_minor").as_int64(), 1200);
}

TEST_P(PricingApi, ActivatingAPublishedCardEndsThePreviousOne) {
  HttpResponse list = admin().Get("/api/v1/rate-cards?kind=published&product=express&status=active");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 1u);
  const int64_t seeded = list.Json().at("items").at(0).at("id").as_int64();
  json::object card = list.Json().at("items").at(0).as_object();
  for (const char* key : {"id", "status", "valid_from", "valid_to", "version", "created_at", "updated_at",
                          "customer_id", "contract_id"})
    card.erase(key);
  card["name"] = "特快 2027 公布价";
  HttpResponse created = admin().Post("/api/v1/rate-cards", json::serialize(card));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t fresh = created.Json().at("id").as_int64();
  ASSERT_EQ(admin().Post("/api/v1/rate-cards/" + std::to_string(fresh) + "/activate", "{}").status, 200);
  EXPECT_EQ(admin().Get("/api/v1/rate-cards/" + std::to_string(seeded)).Json().at("status").as_string(), "ended");
  HttpResponse now = admin().Get("/api/v1/rate-cards?kind=published&product=express&status=active");
  ASSERT_EQ(now.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(now.Json().at("items").at(0).at("id").as_int64(), fresh);
}

TEST_P(PricingApi, TheZoneMatrixIsDataAnAdminEdits) {
  // 上海 310101 → 杭州 330106 邻省: standard 1000 g ¥12.00 on the seeded card.
  const json::object to_hangzhou{{"product", "standard"}, {"origin", "310101"}, {"destination", "330106"},
                                 {"weight_grams", 1000}};
  HttpResponse q = admin().Post("/api/v1/quotes", json::serialize(to_hangzhou));
  ASSERT_EQ(q.status, 200) << q.body;
  EXPECT_EQ(q.Json().at("zone").as_string(), "adjacent_province");
  EXPECT_EQ(q.Json().at("total").at("amount_minor").as_int64(), 1200);

  HttpResponse matrix = admin().Get("/api/v1/zone-matrix");
  ASSERT_EQ(matrix.status, 200) << matrix.body;
  const json::value seeded = matrix.Json();
  json::array adjacent;
  for (const json::value& pair : seeded.at("adjacent").as_array())
    if (!(pair.at(0) == "31" && pair.at(1) == "33")) adjacent.push_back(pair);
  ASSERT_EQ(adjacent.size() + 1, seeded.at("adjacent").as_array().size());
  EXPECT_EQ(seeded.at("remote").as_array().size(), 6u);  // 内蒙古 西藏 甘肃 青海 宁夏 新疆
  json::object edited;
  edited["adjacent"] = adjacent;
  edited["remote"] = seeded.at("remote");
  HttpResponse saved = admin().Request("PUT", "/api/v1/zone-matrix", json::serialize(edited));
  ASSERT_EQ(saved.status, 200) << saved.body;
  // Now 跨省: ¥15.00.
  HttpResponse again = admin().Post("/api/v1/quotes", json::serialize(to_hangzhou));
  EXPECT_EQ(again.Json().at("zone").as_string(), "cross_province");
  EXPECT_EQ(again.Json().at("total").at("amount_minor").as_int64(), 1500);

  HttpResponse bad = admin().Request("PUT", "/api/v1/zone-matrix", R"({"adjacent":[["31","99"]],"remote":[]})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(FieldOf(bad), "adjacent[0][1]");
  EXPECT_EQ(admin().Get("/api/v1/zone-matrix").Json().at("adjacent").as_array().size(), adjacent.size());
}

// Quotes keep the reference data and the agreement cards they parse in memory (pricing_service.cpp):
// a second server on the same database, which has quoted (and kept) every price before the change,
// must price its very next quote with every change the first server made — nothing is told to it
// but what the database says.
TEST_P(PricingApi, AnotherServerOnTheSameDatabaseQuotesEachChangeAtOnce) {
  ConsignServer other_server(database().url(), ServerOptionsForTest());
  HttpClient other = LogInAs(other_server, "admin", kAdminPassword);
  const int64_t customer = Customer("深圳市顺达电子有限公司");
  json::object body = ShanghaiToBeijing(1200);
  body["customer_id"] = customer;
  const auto total_on_other = [&] {
    HttpResponse q = other.Post("/api/v1/quotes", json::serialize(body));
    EXPECT_EQ(q.status, 200) << q.body;
    return q.status == 200 ? q.Json().at("total").at("amount_minor").as_int64() : -1;
  };
  // The seeded published card, 跨省 1500 g: ¥15.00 + 1 × ¥3.00. Twice: the second from memory.
  EXPECT_EQ(total_on_other(), 1800);
  EXPECT_EQ(total_on_other(), 1800);

  // A new published card, first kilogram ¥16.00 across provinces: ¥19.00.
  HttpResponse list = admin().Get("/api/v1/rate-cards?kind=published&product=standard&status=active");
  ASSERT_EQ(list.status, 200) << list.body;
  json::object card = list.Json().at("items").at(0).as_object();
  for (const char* key : {"id", "status", "valid_from", "valid_to", "version", "created_at", "updated_at",
                          "customer_id", "contract_id"})
    card.erase(key);
  for (json::value& zone : card.at("zones").as_array())
    if (zone.at("zone") == "cross_province") zone.at("bands").at(0).at("first_price") = Fen(1600);
  HttpResponse created = admin().Post("/api/v1/rate-cards", json::serialize(card));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string published = std::to_string(created.Json().at("id").as_int64());
  ASSERT_EQ(admin().Post("/api/v1/rate-cards/" + published + "/activate", "{}").status, 200);
  EXPECT_EQ(total_on_other(), 1900);

  // The customer's agreement card (¥12.00 + 1 × ¥2.00), activated on the first server: ¥14.00, twice.
  const int64_t agreement = ActiveAgreement(customer, "2026-11-01", "2027-10-31");
  EXPECT_EQ(total_on_other(), 1400);
  EXPECT_EQ(total_on_other(), 1400);

  // Ended: the published ¥19.00 again.
  ASSERT_EQ(admin().Post("/api/v1/rate-cards/" + std::to_string(agreement) + "/end", "{}").status, 200);
  EXPECT_EQ(total_on_other(), 1900);

  // Another agreement card for the same days, first kilogram ¥13.00: ¥15.00.
  json::object dearer = AgreementCard(customer);
  dearer["zones"].as_array().at(3).at("bands").at(0).at("first_price") = Fen(1300);  // cross_province
  HttpResponse second = admin().Post("/api/v1/rate-cards", json::serialize(dearer));
  ASSERT_EQ(second.status, 201) << second.body;
  ASSERT_EQ(admin()
                .Post("/api/v1/rate-cards/" + std::to_string(second.Json().at("id").as_int64()) + "/activate",
                      json::serialize(json::object{{"valid_from", "2026-11-01"}, {"valid_to", "2027-10-31"}}))
                .status,
            200);
  EXPECT_EQ(total_on_other(), 1500);

  // The zone matrix: 上海–北京 made neighbours, so 邻省 on the agreement card: ¥10.00 + 1 × ¥2.00.
  HttpResponse matrix = admin().Get("/api/v1/zone-matrix");
  ASSERT_EQ(matrix.status, 200) << matrix.body;
  json::object edited = matrix.Json().as_object();
  edited["adjacent"].as_array().push_back(json::array{"11", "31"});
  HttpResponse saved = admin().Request("PUT", "/api/v1/zone-matrix", json::serialize(edited));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(total_on_other(), 1200);
}

CONSIGN_API_SUITE(PricingApi);

}  // namespace
}  // namespace consign::apitest
