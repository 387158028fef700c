// The orders use cases on SQLite and on PostgreSQL, called through a Scope as any caller does: an order
// priced from the published card and allocated to the carrier that scores best, the fallback when the
// first choice is full, the queue when nobody can take it, idempotency under concurrent retries, the
// contract's COD rule, cancel and override with their audit entries, and the portal's record rule.
#include "modules/orders/order_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/carriers/carrier_store.hpp"
#include "modules/contracts/access.hpp"
#include "modules/contracts/contract_store.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/module.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/pricing/access.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "platform/db/test_backends.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::orders {
namespace {

// 2026-11-22T08:00:00Z: Sunday 22 November 2026 in Shanghai.
const Instant kNow = FromMicros(1'795'334'400'000'000);

auth::Matrix TestMatrix() {
  const auth::ModuleAccess tables[] = {{"audit", audit::kAccess},         {"auth", auth::kAccess},
                                       {"customers", customers::kAccess}, {"pricing", pricing::kAccess},
                                       {"contracts", contracts::kAccess}, {"carriers", carriers::kAccess},
                                       {"orders", kAccess}};
  return *auth::Matrix::Merge(tables);
}

// Shenzhen 南山 → Shanghai 浦东, 2.3 kg: 跨省 on the published standard card, rounded up to 2.5 kg —
// 首重 1 kg ¥15.00 + 3 × 0.5 kg × ¥3.00 = ¥24.00.
OrderDraft Draft(CustomerId customer) {
  OrderDraft d;
  d.customer_id = customer;
  d.product = "standard";
  d.shipper = {"张三", "13812345678", "440305", "科技园南区 1 栋 101"};
  d.consignee = {"李四", "13987654321", "310115", "世纪大道 100 号 2001 室"};
  d.goods.weight_grams = 2300;
  d.goods.description = "样品";
  return d;
}

// A carrier covering 广东 and 上海 for standard express, ¥first for the first kg + ¥step per kg.
carriers::Carrier Carrier(std::string code, int64_t first_fen, int64_t capacity_orders, int on_time_bp = 9600) {
  carriers::Carrier c;
  c.code = std::move(code);
  c.name_zh = c.code + "快运";
  c.name_en = c.code + " Express";
  c.kind = carriers::CarrierKind::kSubcontracted;
  c.coverage = {"44", "31"};
  c.products = {"standard"};
  c.daily_capacity_orders = capacity_orders;
  c.daily_capacity_grams = 1'000'000'000;
  c.rates = {{"standard", "cross_province", 1000, Money::Cny(first_fen), 1000, Money::Cny(200)}};
  c.transit = {{"standard", "cross_province", 48}};
  c.declared = {on_time_bp, 10, 9700};
  return c;
}

template <class Backend>
class OrderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : customers::AllMigrations()) all.push_back(m);
    for (auto& m : jobs::Migrations()) all.push_back(m);
    for (auto& m : pricing::Migrations()) all.push_back(m);
    for (auto& m : contracts::Migrations()) all.push_back(m);
    for (auto& m : carriers::Migrations()) all.push_back(m);
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    ASSERT_TRUE(pricing::SeedStandardPricing(*db_, clock_));
    admin_ = As("admin", Role::kAdmin);
    agent_ = As("agent", Role::kAgent);
    dispatcher_ = As("dispatcher", Role::kDispatcher);
    account_ = Account("华康医药有限公司");
    other_account_ = Account("顺达电子有限公司");
    portal_ = As("portal", Role::kPortal, account_);
  }

  CustomerId Account(const std::string& name) {
    customers::Customer account;
    account.name = name;
    account.industry = "pharma";
    auto created = Run(admin_, [&](Scope& s) { return customers::Create(s, account, std::nullopt); });
    EXPECT_TRUE(created) << (created ? "" : created.error().public_message);
    return CustomerId{created ? created->id : 0};
  }

  Principal As(const std::string& login, Role role, std::optional<CustomerId> account = std::nullopt) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auth::NewUser u{login, login, role, std::nullopt, account, false};
    auto user = auth::CreateUser(*tx, Principal::System("test"), u, "not-a-real-hash", clock_.Now(), "test", accounts_);
    EXPECT_TRUE(user) << login;
    tx->Commit();
    Principal p = auth::PrincipalOf(*user);
    p.permissions = matrix_.Of(role);
    return p;
  }

  template <class F>
  auto Run(const Principal& who, F&& work) {
    Scope scope(db_.get(), clock_, who, "test", db::TxMode::kWrite);
    auto result = work(scope);
    scope.Finish(result.has_value());
    return result;
  }

  int64_t AddCarrier(carriers::Carrier c) {
    auto created = Run(admin_, [&](Scope& s) { return carriers::CreateCarrier(s, std::move(c)); });
    EXPECT_TRUE(created) << (created ? "" : created.error().public_message);
    return created ? created->id.value() : 0;
  }

  Result<CreateResult> Create(const Principal& who, OrderDraft draft, std::optional<std::string> key = std::nullopt) {
    return Run(who, [&](Scope& s) { return CreateOrder(s, draft, OrderSource::kConsole, key); });
  }

  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin(db::TxMode::kRead);
    return tx->Query(sql, {})[0].Int(0);
  }

  Backend backend_;
  const auth::Matrix matrix_ = TestMatrix();
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{kNow};
  auth::CustomerAccounts accounts_ = [] {
    auth::CustomerAccounts accounts;
    accounts.SetExists([](db::Transaction& tx, CustomerId id) { return customers::CustomerExists(tx, id.value()); });
    return accounts;
  }();
  Principal admin_, agent_, dispatcher_, portal_;
  CustomerId account_{}, other_account_{};
};

TYPED_TEST_SUITE(OrderServiceTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(OrderServiceTest, AnOrderIsPricedGivenAWaybillAndAllocatedToTheCheaperCarrier) {
  const int64_t dear = this->AddCarrier(Carrier("DEAR", 1400, 100));
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 100));
  auto created = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(created) << created.error().public_message;
  const Order& o = created->order;
  EXPECT_FALSE(created->replayed);
  EXPECT_EQ(o.status, OrderStatus::kAllocated);
  EXPECT_EQ(o.zone, "cross_province");
  EXPECT_EQ(o.chargeable_grams, 2500);
  EXPECT_EQ(o.price, Money::Cny(2400));
  EXPECT_EQ(o.carrier_id, cheap);
  // CHEAP: ¥9.00 for the first kg + 2 started kg × ¥2.00 over 2.5 kg = ¥13.00.
  EXPECT_EQ(o.carrier_cost, Money::Cny(1300));
  EXPECT_EQ(o.allocation_mode, AllocationMode::kAuto);
  EXPECT_EQ(o.promised_hours, 72);  // no contract: the product's default for 跨省
  EXPECT_EQ(ParseWaybill(FormatWaybill(o.id.value())), o.id.value());
  EXPECT_NE(o.allocation_json.find("\"carrier_id\":" + std::to_string(dear)), std::string::npos)
      << "the explanation lists the carrier that was not chosen too";
  EXPECT_EQ(this->Count("SELECT count(*) FROM audit_log WHERE action = 'order.create'"), 1);
  EXPECT_EQ(this->Count("SELECT orders FROM order_carrier_load WHERE carrier_id = " + std::to_string(cheap)), 1);
}

TYPED_TEST(OrderServiceTest, LastMonthsOrdersChooseTheDiscountTierAndACancelledOrderDoesNotCount) {
  this->AddCarrier(Carrier("CHEAP", 900, 100));
  // The published card: 5 % off freight from 500 orders a month (pricing/rate_card.cpp). kNow is in
  // November 2026 (China time), so October's orders count.
  const std::chrono::year_month_day october{std::chrono::year{2026}, std::chrono::October, std::chrono::day{15}};
  auto count_october = [&](int64_t n) {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    CountMonthlyOrders(*tx, this->account_, october, n);
    tx->Commit();
  };
  count_october(499);
  auto below = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(below) << below.error().public_message;
  EXPECT_EQ(below->order.price, Money::Cny(2400));
  count_october(1);
  auto at_tier = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(at_tier) << at_tier.error().public_message;
  EXPECT_EQ(at_tier->order.price, Money::Cny(2280));  // ¥24.00 − 5 % = ¥22.80
  ASSERT_FALSE(at_tier->order.price_lines.empty());
  EXPECT_EQ(at_tier->order.price_lines.back().code, "discount");
  EXPECT_EQ(at_tier->order.price_lines.back().amount, Money::Cny(-120));

  const std::string november = "SELECT orders FROM order_customer_month WHERE month = '2026-11' AND customer_id = " +
                               std::to_string(this->account_.value());
  EXPECT_EQ(this->Count(november), 2);
  ASSERT_TRUE(this->Run(this->agent_, [&](Scope& s) { return CancelOrder(s, below->order.id, "客户取消"); }));
  EXPECT_EQ(this->Count(november), 1);
}

TYPED_TEST(OrderServiceTest, MeasuredPerformanceReplacesTheDeclaredOnceThereAreEnoughShipments) {
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 100));  // declares 96 % on time
  const int64_t dear = this->AddCarrier(Carrier("DEAR", 1400, 100));
  auto measure = [&](int64_t shipments) {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    carriers::SetMeasuredPerformance(*tx, carriers::CarrierId{cheap}, carriers::Performance{7000, 10, 9700}, shipments,
                                     kNow);
    tx->Commit();
  };
  measure(kMinMeasuredShipments - 1);  // too few to stand for the carrier: its declaration still does
  auto declared = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(declared) << declared.error().public_message;
  EXPECT_EQ(declared->order.carrier_id, cheap);
  measure(kMinMeasuredShipments);  // 70 % on time, measured: below the 85 % threshold
  auto measured = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(measured) << measured.error().public_message;
  EXPECT_EQ(measured->order.carrier_id, dear);
  EXPECT_NE(measured->order.allocation_json.find("\"excluded\":\"failing\""), std::string::npos);
}

TYPED_TEST(OrderServiceTest, WhenTheFirstChoiceIsFullTheNextCarrierTakesTheOrder) {
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 1));
  const int64_t dear = this->AddCarrier(Carrier("DEAR", 1400, 100));
  auto first = this->Create(this->agent_, Draft(this->account_));
  auto second = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->order.carrier_id, cheap);
  EXPECT_EQ(second->order.carrier_id, dear);
  EXPECT_NE(second->order.allocation_json.find("\"excluded\":\"full\""), std::string::npos);
}

TYPED_TEST(OrderServiceTest, AnOrderNoCarrierCanTakeWaitsInTheDispatchersQueue) {
  this->AddCarrier(Carrier("ONLY", 900, 1));
  ASSERT_TRUE(this->Create(this->agent_, Draft(this->account_)));
  auto queued = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued->order.status, OrderStatus::kPending);
  EXPECT_EQ(queued->order.carrier_id, std::nullopt);
  OrderFilter queue;
  queue.queue = true;
  auto page = this->Run(this->dispatcher_, [&](Scope& s) { return ListOrdersFor(s, queue); });
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, queued->order.id);
  // The queue is the dispatcher's: an agent may not read it.
  auto refused = this->Run(this->agent_, [&](Scope& s) { return ListOrdersFor(s, queue); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
}

TYPED_TEST(OrderServiceTest, ASuspendedCarrierIsPassedOverWithItsReason) {
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 100));
  const int64_t dear = this->AddCarrier(Carrier("DEAR", 1400, 100));
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) {
    return carriers::SuspendCarrier(s, carriers::CarrierId{cheap}, "罢工");
  }));
  auto created = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(created);
  EXPECT_EQ(created->order.carrier_id, dear);
  EXPECT_NE(created->order.allocation_json.find("罢工"), std::string::npos);
}

TYPED_TEST(OrderServiceTest, ARetryUnderTheSameKeyStoresOneOrderAndAnotherBodyIsRefused) {
  this->AddCarrier(Carrier("CHEAP", 900, 100));
  auto first = this->Create(this->agent_, Draft(this->account_), "key-1");
  auto again = this->Create(this->agent_, Draft(this->account_), "key-1");
  ASSERT_TRUE(first && again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->order.id, first->order.id);
  OrderDraft heavier = Draft(this->account_);
  heavier.goods.weight_grams = 5000;
  auto reused = this->Create(this->agent_, heavier, "key-1");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::kConflict);
  ASSERT_EQ(reused.error().fields.size(), 1u);
  EXPECT_EQ(reused.error().fields[0].field, "Idempotency-Key");
  EXPECT_EQ(this->Count("SELECT count(*) FROM orders"), 1);
  EXPECT_EQ(this->Count("SELECT SUM(orders) FROM order_carrier_load"), 1);
}

TYPED_TEST(OrderServiceTest, ConcurrentRetriesUnderOneKeyStoreOneOrder) {
  this->AddCarrier(Carrier("CHEAP", 900, 100));
  constexpr int kThreads = 6;
  std::atomic<int> ok{0};
  std::set<int64_t> ids;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int attempt = 0; attempt < 20; ++attempt) {
        try {
          auto r = this->Create(this->agent_, Draft(this->account_), "same-key");
          if (r) {
            ++ok;
            std::lock_guard lock(mu);
            ids.insert(r->order.id.value());
          }
          return;
        } catch (const db::DbError& e) {
          // SQLite's writer lock or PostgreSQL's serialization: a client retries such a 503.
          if (e.kind() != db::DbError::Kind::kBusy && e.kind() != db::DbError::Kind::kSerialization) throw;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(this->Count("SELECT count(*) FROM orders"), 1);
  EXPECT_EQ(this->Count("SELECT SUM(orders) FROM order_carrier_load"), 1);
}

TYPED_TEST(OrderServiceTest, CodOnAnAccountWithoutACodContractIsRefusedAndNothingIsWritten) {
  this->AddCarrier(Carrier("CHEAP", 900, 100));
  OrderDraft d = Draft(this->account_);
  d.services.cod_amount = Money::Cny(50'000);
  auto refused = this->Create(this->agent_, d);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "services.cod_amount");
  EXPECT_EQ(refused.error().fields[0].reason, "not_allowed");
  EXPECT_EQ(this->Count("SELECT count(*) FROM orders"), 0);
}

TYPED_TEST(OrderServiceTest, AnUnknownDistrictIsNamedAsTheOrdersField) {
  OrderDraft d = Draft(this->account_);
  d.consignee.division = "449999";
  auto refused = this->Create(this->agent_, d);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "consignee.division");
}

TYPED_TEST(OrderServiceTest, ACancelledOrderGivesBackItsCapacityAndCannotBeCancelledAgain) {
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 100));
  auto created = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(created);
  const OrderId id = created->order.id;
  auto cancelled = this->Run(this->agent_, [&](Scope& s) { return CancelOrder(s, id, "客户取消"); });
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, OrderStatus::kCancelled);
  EXPECT_EQ(this->Count("SELECT orders FROM order_carrier_load WHERE carrier_id = " + std::to_string(cheap)), 0);
  auto again = this->Run(this->agent_, [&](Scope& s) { return CancelOrder(s, id, ""); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidState);
  EXPECT_EQ(this->Count("SELECT count(*) FROM audit_log WHERE action = 'order.cancel'"), 1);
}

TYPED_TEST(OrderServiceTest, ADispatcherOverridesWithAReasonAndTheTrailKeepsIt) {
  const int64_t cheap = this->AddCarrier(Carrier("CHEAP", 900, 100));
  const int64_t dear = this->AddCarrier(Carrier("DEAR", 1400, 100));
  auto created = this->Create(this->agent_, Draft(this->account_));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->order.carrier_id, cheap);
  const OrderId id = created->order.id;
  auto no_reason = this->Run(this->dispatcher_, [&](Scope& s) { return OverrideCarrier(s, id, dear, " "); });
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().fields[0].field, "reason");
  auto by_agent = this->Run(this->agent_, [&](Scope& s) { return OverrideCarrier(s, id, dear, "客户指定"); });
  ASSERT_FALSE(by_agent);
  EXPECT_EQ(by_agent.error().code, ErrorCode::kForbidden);
  auto overridden = this->Run(this->dispatcher_, [&](Scope& s) { return OverrideCarrier(s, id, dear, "客户指定"); });
  ASSERT_TRUE(overridden) << overridden.error().public_message;
  EXPECT_EQ(overridden->carrier_id, dear);
  EXPECT_EQ(overridden->allocation_mode, AllocationMode::kOverride);
  EXPECT_EQ(overridden->override_reason, "客户指定");
  EXPECT_EQ(this->Count("SELECT orders FROM order_carrier_load WHERE carrier_id = " + std::to_string(cheap)), 0);
  EXPECT_EQ(this->Count("SELECT orders FROM order_carrier_load WHERE carrier_id = " + std::to_string(dear)), 1);
  EXPECT_EQ(this->Count("SELECT count(*) FROM audit_log WHERE action = 'order.override'"), 1);
}

TYPED_TEST(OrderServiceTest, APortalUserOrdersForItsOwnAccountAndSeesNoOtherAccountsOrders) {
  this->AddCarrier(Carrier("CHEAP", 900, 100));
  auto own = this->Create(this->portal_, Draft(this->other_account_));  // the account sent is ignored
  ASSERT_TRUE(own) << own.error().public_message;
  EXPECT_EQ(own->order.customer_id, this->account_);
  EXPECT_EQ(own->order.source, OrderSource::kPortal);
  auto others = this->Create(this->agent_, Draft(this->other_account_));
  ASSERT_TRUE(others);
  const OrderId other_id = others->order.id;
  auto hidden = this->Run(this->portal_, [&](Scope& s) { return GetOrder(s, other_id); });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto list = this->Run(this->portal_, [&](Scope& s) { return ListOrdersFor(s, OrderFilter{}); });
  ASSERT_TRUE(list);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].id, own->order.id);
}

TYPED_TEST(OrderServiceTest, ADayAllocatedAtOnceKeepsEveryCapacity) {
  // Four orders queue while no carrier exists; then two carriers of two orders each arrive.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(this->Create(this->agent_, Draft(this->account_)));
  EXPECT_EQ(this->Count("SELECT count(*) FROM orders WHERE status = 'pending'"), 4);
  this->AddCarrier(Carrier("CHEAP", 900, 2));
  this->AddCarrier(Carrier("DEAR", 1400, 2));
  auto report = this->Run(this->dispatcher_, [&](Scope& s) { return AllocateDay(s, std::nullopt); });
  ASSERT_TRUE(report) << report.error().public_message;
  EXPECT_EQ(report->orders, 4);
  EXPECT_EQ(report->allocated, 4);
  EXPECT_EQ(report->queued, 0);
  // Two at ¥13.00 and two at ¥18.00.
  EXPECT_EQ(report->total_cost, Money::Cny(2 * 1300 + 2 * 1800));
  EXPECT_EQ(this->Count("SELECT count(*) FROM orders WHERE allocation_mode = 'batch'"), 4);
  EXPECT_EQ(this->Count("SELECT MAX(orders) FROM order_carrier_load"), 2);
}

}  // namespace
}  // namespace consign::orders
