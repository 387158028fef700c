// Issue 9, item 2 (orders, 订单) over HTTP on every backend: an order taken through POST
// /api/v1/orders is checked, priced from the published card, given a waybill number and allocated with
// its explanation; a retry under the same Idempotency-Key answers the first order and another body under
// it is 409; every bad input of the issue is a 4xx naming the order's field; personal data is masked;
// a portal user's orders are its own; a dispatcher overrides with a reason. Expected prices are worked
// out by hand (the seeded standard card: pricing/rate_card.cpp kStandardPrices).
#include <boost/json.hpp>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

json::object Fen(int64_t amount) { return json::object{{"amount_minor", amount}, {"currency", "CNY"}}; }

// Every (field, reason) of a problem.
std::vector<std::pair<std::string, std::string>> Errors(const HttpResponse& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value problem = r.Json();
  if (!problem.as_object().contains("errors")) return out;
  for (const json::value& e : problem.at("errors").as_array())
    out.emplace_back(std::string(e.at("field").as_string()), std::string(e.at("reason").as_string()));
  return out;
}

bool Names(const HttpResponse& r, std::string_view field, std::string_view reason) {
  for (const auto& [f, why] : Errors(r))
    if (f == field && why == reason) return true;
  return false;
}

// Shenzhen 南山 → Shanghai 浦东, 2.3 kg standard: 跨省, 2.5 kg chargeable, ¥15.00 + 3 × ¥3.00 = ¥24.00.
json::object OrderBody(int64_t customer) {
  return json::object{
      {"customer_id", customer},
      {"product", "standard"},
      {"shipper", {{"name", "张三"}, {"phone", "13812345678"}, {"division", "440305"}, {"address", "科技园南区 1 栋 101"}}},
      {"consignee",
       {{"name", "李四"}, {"phone", "13987654321"}, {"division", "310115"}, {"address", "世纪大道 100 号 2001 室"}}},
      {"goods", {{"pieces", 1}, {"weight_grams", 2300}, {"description", "样品"}}},
      {"reference", "PO-2026-001"},
  };
}

json::object CarrierBody(std::string_view code, int64_t first_fen, int64_t capacity) {
  return json::object{
      {"code", code},
      {"name_zh", std::string(code) + "快运"},
      {"name_en", std::string(code) + " Express"},
      {"kind", "subcontracted"},
      {"coverage", json::array{"44", "31"}},
      {"products", json::array{"standard"}},
      {"daily_capacity_orders", capacity},
      {"daily_capacity_grams", 1'000'000'000},
      {"rates", json::array{json::object{{"product", "standard"}, {"zone", "cross_province"}, {"first_grams", 1000},
                                         {"first_price", Fen(first_fen)}, {"step_grams", 1000},
                                         {"step_price", Fen(200)}}}},
      {"transit", json::array{json::object{{"product", "standard"}, {"zone", "cross_province"}, {"hours", 48}}}},
      {"declared", {{"on_time_bp", 9600}, {"damage_bp", 10}, {"scan_completeness_bp", 9700}}},
  };
}

class OrdersApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    customer_ = Customer("顺达电子有限公司");
  }
  HttpClient& admin() { return *admin_; }

  int64_t Customer(std::string_view name) {
    HttpResponse r = admin().Post("/api/v1/customers", json::serialize(json::object{{"name", name}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  int64_t Carrier(std::string_view code, int64_t first_fen, int64_t capacity = 100) {
    HttpResponse r = admin().Post("/api/v1/carriers", json::serialize(CarrierBody(code, first_fen, capacity)));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  HttpResponse Create(HttpClient& client, const json::object& body, std::string key = "") {
    Headers headers;
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    return client.Post("/api/v1/orders", json::serialize(body), headers);
  }

  std::unique_ptr<HttpClient> admin_;
  int64_t customer_ = 0;
};

TEST_P(OrdersApi, AnOrderIsPricedGivenAWaybillAndAllocatedWithItsExplanation) {
  Carrier("DEAR", 1400);
  const int64_t cheap = Carrier("CHEAP", 900);
  HttpResponse r = Create(admin(), OrderBody(customer_));
  ASSERT_EQ(r.status, 201) << r.body;
  const json::value o = r.Json();
  EXPECT_EQ(o.at("status").as_string(), "allocated");
  EXPECT_EQ(o.at("price").at("amount_minor").as_int64(), 2400);
  EXPECT_EQ(o.at("carrier_id").as_int64(), cheap);
  EXPECT_EQ(o.at("zone").as_string(), "cross_province");
  const std::string waybill(o.at("waybill").as_string());
  EXPECT_EQ(waybill.size(), 15u);
  EXPECT_EQ(waybill.substr(0, 2), "CS");
  // Two candidates explained, the chosen first, each with its five scores.
  const json::array& candidates = o.at("allocation").at("candidates").as_array();
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].at("carrier_id").as_int64(), cheap);
  EXPECT_TRUE(candidates[1].at("scores").as_object().contains("on_time"));
  // Personal data masked in every answer.
  EXPECT_EQ(o.at("consignee").at("phone").as_string(), "*******4321");
  EXPECT_NE(o.at("consignee").at("name").as_string(), "李四");
  // The waybill number finds the order; a mistyped one is 404.
  EXPECT_EQ(admin().Get("/api/v1/orders/" + waybill).status, 200);
  std::string typo = waybill;
  typo[8] = typo[8] == '9' ? '8' : static_cast<char>(typo[8] + 1);
  EXPECT_EQ(admin().Get("/api/v1/orders/" + typo).status, 404);
}

TEST_P(OrdersApi, ARetryUnderTheSameKeyAnswersTheFirstOrderAndAnotherBodyIsRefused) {
  Carrier("CHEAP", 900);
  HttpResponse first = Create(admin(), OrderBody(customer_), "order-key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResponse again = Create(admin(), OrderBody(customer_), "order-key-1");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json().at("id"), first.Json().at("id"));
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  json::object other = OrderBody(customer_);
  other["reference"] = "PO-2026-002";
  HttpResponse reused = Create(admin(), other, "order-key-1");
  EXPECT_EQ(reused.status, 409) << reused.body;
  EXPECT_TRUE(Names(reused, "Idempotency-Key", "idempotency_key_reused"));
  EXPECT_EQ(admin().Get("/api/v1/orders?customer_id=" + std::to_string(customer_)).Json().at("items").as_array().size(),
            1u);
}

TEST_P(OrdersApi, EveryBadInputIsA400NamingTheField) {
  Carrier("CHEAP", 900);
  auto with = [&](auto change) {
    json::object body = OrderBody(customer_);
    change(body);
    return Create(admin(), body);
  };
  EXPECT_TRUE(Names(with([](json::object& b) { b["goods"].as_object()["weight_grams"] = 0; }), "goods.weight_grams",
                    "out_of_range"));
  EXPECT_TRUE(Names(with([](json::object& b) {
                      b["goods"].as_object()["dimensions_cm"] = {{"length", 10}, {"width", 10}, {"height", 10}};
                      b["goods"].as_object()["weight_grams"] = 50'000;
                    }),
                    "goods.weight_grams", "impossible"));
  EXPECT_TRUE(Names(with([](json::object& b) { b["consignee"].as_object()["division"] = "449999"; }),
                    "consignee.division", "unknown_division"));
  EXPECT_TRUE(Names(with([](json::object& b) { b["consignee"].as_object()["phone"] = "12345"; }), "consignee.phone",
                    "invalid_phone"));
  EXPECT_TRUE(Names(with([](json::object& b) {
                      b["services"] = json::array{"cod"};
                      b["cod_amount"] = Fen(50'000);
                    }),
                    "services.cod_amount", "not_allowed"));
  EXPECT_TRUE(Names(with([](json::object& b) { b["goods"].as_object()["declared_value"] = Fen(2'000'001); }),
                    "goods.declared_value", "over_limit"));
  EXPECT_TRUE(Names(with([](json::object& b) { b["surprise"] = 1; }), "surprise", "unknown_field"));
  const HttpResponse not_json = admin().Post("/api/v1/orders", "{\"goods\":");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(admin().Get("/api/v1/orders?customer_id=" + std::to_string(customer_)).Json().at("items").as_array().size(),
            0u)
      << "nothing half-written";
}

TEST_P(OrdersApi, ACancelledOrderCannotBeCancelledAgain) {
  Carrier("CHEAP", 900);
  HttpResponse r = Create(admin(), OrderBody(customer_));
  ASSERT_EQ(r.status, 201);
  const std::string path = "/api/v1/orders/" + std::to_string(r.Json().at("id").as_int64());
  HttpResponse cancelled = admin().Post(path + "/cancel", R"({"reason":"客户取消"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Json().at("status").as_string(), "cancelled");
  EXPECT_EQ(admin().Post(path + "/cancel", "").status, 409);
}

TEST_P(OrdersApi, ADispatcherOverridesWithAReasonAndAnAgentMayNot) {
  Carrier("CHEAP", 900);
  const int64_t dear = Carrier("DEAR", 1400);
  CreateUser(admin(), "diaodu", "dispatcher");
  CreateUser(admin(), "kefu", "agent");
  HttpClient dispatcher = LogInAs(server(), "diaodu");
  HttpClient agent = LogInAs(server(), "kefu");
  HttpResponse r = Create(agent, OrderBody(customer_));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/v1/orders/" + std::to_string(r.Json().at("id").as_int64());
  const std::string body = json::serialize(json::object{{"carrier_id", dear}, {"reason", "客户指定承运商"}});
  EXPECT_EQ(agent.Post(path + "/override", body).status, 403);
  HttpResponse no_reason = dispatcher.Post(path + "/override", json::serialize(json::object{{"carrier_id", dear}}));
  EXPECT_TRUE(Names(no_reason, "reason", "required")) << no_reason.body;
  HttpResponse overridden = dispatcher.Post(path + "/override", body);
  ASSERT_EQ(overridden.status, 200) << overridden.body;
  EXPECT_EQ(overridden.Json().at("carrier_id").as_int64(), dear);
  EXPECT_EQ(overridden.Json().at("allocation").at("mode").as_string(), "override");
  // The queue holds the overridden order.
  HttpResponse queue = dispatcher.Get("/api/v1/orders?queue=1");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.Json().at("items").as_array().size(), 1u);
}

TEST_P(OrdersApi, APortalUserOrdersForItsOwnAccountOnly) {
  Carrier("CHEAP", 900);
  const int64_t other = Customer("华康医药有限公司");
  CreateUser(admin(), "shunda.portal", "portal", customer_);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  HttpResponse own = Create(portal, OrderBody(other));  // another account's id is ignored
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own.Json().at("customer_id").as_int64(), customer_);
  EXPECT_EQ(own.Json().at("source").as_string(), "portal");
  // Our carriers' scores and our costs are not the customer's to see.
  EXPECT_FALSE(own.Json().as_object().contains("allocation"));
  EXPECT_FALSE(own.Json().as_object().contains("carrier_cost"));
  EXPECT_TRUE(admin().Get("/api/v1/orders/" + std::to_string(own.Json().at("id").as_int64())).Json().as_object().contains("allocation"));
  HttpResponse theirs = Create(admin(), OrderBody(other));
  ASSERT_EQ(theirs.status, 201);
  EXPECT_EQ(portal.Get("/api/v1/orders/" + std::to_string(theirs.Json().at("id").as_int64())).status, 404);
  EXPECT_EQ(portal.Get("/api/v1/orders").Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(portal.Get("/api/v1/orders?queue=1").status, 403);
  // Its history names our people: staff only.
  const std::string own_path = "/api/v1/orders/" + std::to_string(own.Json().at("id").as_int64());
  EXPECT_EQ(portal.Get(own_path + "/history").status, 403);
}

TEST_P(OrdersApi, AnOrdersHistoryListsItsChangesNewestFirstForStaff) {
  Carrier("CHEAP", 900);
  const int64_t dear = Carrier("DEAR", 1400);
  CreateUser(admin(), "diaodu", "dispatcher");
  HttpClient dispatcher = LogInAs(server(), "diaodu");
  HttpResponse r = Create(admin(), OrderBody(customer_));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/v1/orders/" + std::string(r.Json().at("waybill").as_string());
  ASSERT_EQ(dispatcher.Post(path + "/override", json::serialize(json::object{{"carrier_id", dear}, {"reason", "客户指定"}}))
                .status,
            200);
  HttpResponse history = dispatcher.Get(path + "/history");  // a dispatcher has no audit.read: this is its way
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value trail = history.Json();
  const json::array& items = trail.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("action").as_string(), "order.override");
  EXPECT_EQ(items[0].at("actor").as_string(), "diaodu");
  EXPECT_EQ(items[0].at("after").at("override_reason").as_string(), "客户指定");
  EXPECT_EQ(items[1].at("action").as_string(), "order.create");
  EXPECT_EQ(dispatcher.Get("/api/v1/orders/999999/history").status, 404);
}

CONSIGN_API_SUITE(OrdersApi);

}  // namespace
}  // namespace consign::apitest
