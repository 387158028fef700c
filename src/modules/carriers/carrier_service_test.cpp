// The carriers use cases on SQLite and on PostgreSQL, called through a Scope as any caller does (a
// route, a job, another module): permissions, the stale revision, suspension, masking, API keys and
// what the allocation reads.
#include "modules/carriers/carrier_service.hpp"

#include <gtest/gtest.h>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/carriers/access.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/pricing/access.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::carriers {
namespace {

const Instant kNow = FromMicros(1'795'334'400'000'000);

auth::Matrix TestMatrix() {
  const auth::ModuleAccess tables[] = {{"audit", audit::kAccess},
                                       {"auth", auth::kAccess},
                                       {"pricing", pricing::kAccess},
                                       {"carriers", kAccess}};
  return *auth::Matrix::Merge(tables);
}

Carrier Regional() {
  Carrier c;
  c.code = "HN-SUB";
  c.name_zh = "华南快运";
  c.kind = CarrierKind::kSubcontracted;
  c.coverage = {"44", "4501"};
  c.products = {"standard"};
  c.daily_capacity_orders = 800;
  c.daily_capacity_grams = 4'000'000;
  c.rates = {{"standard", "same_province", 1000, Money::Cny(500), 1000, Money::Cny(100)}};
  c.transit = {{"standard", "same_province", 24}};
  c.declared = {8800, 60, 9000};
  c.contacts = {{"陈调度", "调度", "13812341234", "chen@example.com"}};
  return c;
}

template <class Set>
CarrierFilter With(Set set) {
  CarrierFilter f;
  set(f);
  return f;
}

template <class Backend>
class CarrierServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : customers::Migrations()) all.push_back(m);
    for (auto& m : pricing::Migrations()) all.push_back(m);
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    ASSERT_TRUE(pricing::SeedStandardPricing(*db_, clock_));
    admin_ = As("admin.zhang", Role::kAdmin);
    dispatcher_ = As("diao.du", Role::kDispatcher);
    sales_ = As("li.na", Role::kSales);
  }

  Principal As(const std::string& login, Role role) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auth::NewUser u{login, login, role, std::nullopt, std::nullopt, false};
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

  template <class F>
  auto InTx(F&& work) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auto result = work(*tx);
    tx->Commit();
    return result;
  }

  Carrier Created(Carrier c = Regional()) {
    auto created = Run(admin_, [&](Scope& s) { return CreateCarrier(s, c); });
    EXPECT_TRUE(created) << (created ? "" : created.error().field());
    return created ? *created : Carrier{};
  }

  int64_t AuditCount(std::string_view action) {
    auto tx = db_->Begin(db::TxMode::kRead);
    return tx->Query("SELECT count(*) FROM audit_log WHERE action = $1", {std::string(action)})[0].Int(0);
  }

  Backend backend_;
  const auth::Matrix matrix_ = TestMatrix();
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{kNow};
  auth::CustomerAccounts accounts_;
  Principal admin_, dispatcher_, sales_;
};

TYPED_TEST_SUITE(CarrierServiceTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(CarrierServiceTest, ACreatedCarrierReadsBackAsItWasWritten) {
  const Carrier made = this->Created();
  EXPECT_EQ(made.revision, 1);
  EXPECT_EQ(made.status, CarrierStatus::kActive);
  auto read = this->Run(this->admin_, [&](Scope& s) { return GetCarrier(s, made.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->code, "HN-SUB");
  EXPECT_EQ(read->coverage, Regional().coverage);
  EXPECT_EQ(read->rates, Regional().rates);
  EXPECT_EQ(read->transit, Regional().transit);
  EXPECT_EQ(read->declared, Regional().declared);
  EXPECT_EQ(read->contacts, Regional().contacts);  // the admin may see personal data
  EXPECT_EQ(this->AuditCount("carrier.create"), 1);
}

TYPED_TEST(CarrierServiceTest, ADuplicateCodeIsAConflict) {
  this->Created();
  auto again = this->Run(this->admin_, [&](Scope& s) { return CreateCarrier(s, Regional()); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field(), "code");
}

TYPED_TEST(CarrierServiceTest, AProductThePricingModuleDoesNotSellIsRefused) {
  Carrier c = Regional();
  c.products.push_back("cold_chain");
  auto made = this->Run(this->admin_, [&](Scope& s) { return CreateCarrier(s, c); });
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().field(), "products[1]");
  EXPECT_EQ(made.error().fields.front().reason, "invalid_enum");
}

TYPED_TEST(CarrierServiceTest, OnlyManagersChangeAndSalesCannotRead) {
  auto by_dispatcher = this->Run(this->dispatcher_, [&](Scope& s) { return CreateCarrier(s, Regional()); });
  ASSERT_FALSE(by_dispatcher);
  EXPECT_EQ(by_dispatcher.error().code, ErrorCode::kForbidden);
  const Carrier made = this->Created();
  auto by_sales = this->Run(this->sales_, [&](Scope& s) { return GetCarrier(s, made.id); });
  ASSERT_FALSE(by_sales);
  EXPECT_EQ(by_sales.error().code, ErrorCode::kForbidden);
  auto keys = this->Run(this->dispatcher_, [&](Scope& s) { return ListApiKeys(s, made.id); });
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().code, ErrorCode::kForbidden);
}

TYPED_TEST(CarrierServiceTest, ReadersWithoutPersonalDataSeeMaskedPhones) {
  const Carrier made = this->Created();
  auto read = this->Run(this->dispatcher_, [&](Scope& s) { return GetCarrier(s, made.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->contacts[0].phone, "*******1234");
  EXPECT_EQ(read->contacts[0].email, "c***@example.com");
  EXPECT_EQ(read->contacts[0].name, "陈调度");
  auto list = this->Run(this->dispatcher_, [&](Scope& s) { return ListCarriers(s, CarrierFilter{}); });
  ASSERT_TRUE(list);
  EXPECT_EQ((*list)[0].contacts[0].phone, "*******1234");
}

TYPED_TEST(CarrierServiceTest, AnUpdateNeedsTheCurrentRevision) {
  const Carrier made = this->Created();
  auto edit = [](Carrier& c) {
    c.daily_capacity_orders = 900;
    return Ok();
  };
  auto without = this->Run(this->admin_, [&](Scope& s) { return UpdateCarrier(s, made.id, std::nullopt, edit); });
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().code, ErrorCode::kPreconditionRequired);
  auto updated = this->Run(this->admin_, [&](Scope& s) { return UpdateCarrier(s, made.id, 1, edit); });
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->revision, 2);
  EXPECT_EQ(updated->daily_capacity_orders, 900);
  auto stale = this->Run(this->admin_, [&](Scope& s) { return UpdateCarrier(s, made.id, 1, edit); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().field(), "If-Match");
  EXPECT_EQ(this->AuditCount("carrier.update"), 1);
}

TYPED_TEST(CarrierServiceTest, AMaskedPhoneSentBackKeepsTheStoredOne) {
  const Carrier made = this->Created();
  // A manager (pii.view) edits what a dispatcher would have been shown: the phone as masked.
  auto updated = this->Run(this->admin_, [&](Scope& s) {
    return UpdateCarrier(s, made.id, 1, [](Carrier& c) {
      c.contacts[0].phone = "*******1234";
      c.contacts[0].role = "结算";
      return Ok();
    });
  });
  ASSERT_TRUE(updated) << updated.error().field();
  EXPECT_EQ(updated->contacts[0].phone, "13812341234");
  auto unknown = this->Run(this->admin_, [&](Scope& s) {
    return UpdateCarrier(s, made.id, 2, [](Carrier& c) {
      c.contacts[0].phone = "*******9999";
      return Ok();
    });
  });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field(), "contacts[0].phone");
}

TYPED_TEST(CarrierServiceTest, ASuspensionNeedsAReasonAndResumeClearsIt) {
  const Carrier made = this->Created();
  auto blank = this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, made.id, "  "); });
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(blank.error().field(), "reason");
  auto suspended = this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, made.id, "虚报装车，待核查"); });
  ASSERT_TRUE(suspended);
  EXPECT_EQ(suspended->status, CarrierStatus::kSuspended);
  EXPECT_EQ(suspended->suspended_reason, "虚报装车，待核查");
  auto twice = this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, made.id, "again"); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidState);
  auto resumed = this->Run(this->admin_, [&](Scope& s) { return ResumeCarrier(s, made.id); });
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->status, CarrierStatus::kActive);
  EXPECT_EQ(resumed->suspended_reason, "");
  EXPECT_EQ(this->AuditCount("carrier.suspend"), 1);
  EXPECT_EQ(this->AuditCount("carrier.resume"), 1);
}

TYPED_TEST(CarrierServiceTest, TheListFiltersByStatusKindCoverageAndText) {
  const Carrier regional = this->Created();
  Carrier own = Regional();
  own.code = "OWN";
  own.name_zh = "自营网络";
  own.name_en = "Own network";
  own.kind = CarrierKind::kOwn;
  own.coverage = {"11", "31"};
  const Carrier own_made = this->Created(own);
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, regional.id, "late"); }));
  auto ids = [&](CarrierFilter f) {
    std::vector<int64_t> out;
    auto rows = this->Run(this->dispatcher_, [&](Scope& s) { return ListCarriers(s, f); });
    EXPECT_TRUE(rows);
    if (rows)
      for (const Carrier& c : *rows) out.push_back(c.id.value());
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(ids({}), (V{regional.id.value(), own_made.id.value()}));
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.status = CarrierStatus::kActive; })), V{own_made.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.kind = CarrierKind::kSubcontracted; })), V{regional.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.covering = "440305"; })), V{regional.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.covering = "310101"; })), V{own_made.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.text = "own"; })), V{own_made.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.text = "华南"; })), V{regional.id.value()});
  EXPECT_EQ(ids(With([](CarrierFilter& f) { f.limit = 1; })).size(), 2u);  // one shown, one telling that another page exists
  auto bad = this->Run(this->dispatcher_, [&](Scope& s) { return ListCarriers(s, With([](CarrierFilter& f) { f.covering = "99"; })); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field(), "covering");
}

TYPED_TEST(CarrierServiceTest, AnApiKeyFindsItsCarrierUntilRevoked) {
  const Carrier made = this->Created();
  auto key = this->Run(this->admin_, [&](Scope& s) { return CreateApiKey(s, made.id, "扫描枪"); });
  ASSERT_TRUE(key);
  EXPECT_TRUE(key->secret.starts_with("ck_" + key->key.prefix + "_"));
  EXPECT_EQ(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, key->secret); }), made.id);
  // Only a hash is stored: the secret appears in no column.
  EXPECT_EQ(this->InTx([&](db::Transaction& tx) {
              return tx.Query("SELECT count(*) FROM carrier_api_keys WHERE secret_hash = $1", {key->secret})[0].Int(0);
            }),
            0);
  EXPECT_FALSE(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, key->secret + "x"); }));
  EXPECT_FALSE(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, "ck_nonsense"); }));
  this->InTx([&](db::Transaction& tx) {
    NoteApiKeyUse(tx, key->secret, kNow);
    return 0;
  });
  auto listed = this->Run(this->admin_, [&](Scope& s) { return ListApiKeys(s, made.id); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].label, "扫描枪");
  EXPECT_EQ((*listed)[0].last_used_at, kNow);
  EXPECT_FALSE((*listed)[0].revoked_at);
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) { return RevokeApiKey(s, made.id, key->key.id); }));
  EXPECT_FALSE(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, key->secret); }));
  auto again = this->Run(this->admin_, [&](Scope& s) { return RevokeApiKey(s, made.id, key->key.id); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->AuditCount("carrier.api_key.create"), 1);
  EXPECT_EQ(this->AuditCount("carrier.api_key.revoke"), 1);
}

TYPED_TEST(CarrierServiceTest, ASuspendedCarriersKeyFindsNothing) {
  const Carrier made = this->Created();
  auto key = this->Run(this->admin_, [&](Scope& s) { return CreateApiKey(s, made.id, "EDI"); });
  ASSERT_TRUE(key);
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, made.id, "合同到期"); }));
  EXPECT_FALSE(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, key->secret); }));
  auto refused = this->Run(this->admin_, [&](Scope& s) { return CreateApiKey(s, made.id, "new"); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidState);
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) { return ResumeCarrier(s, made.id); }));
  EXPECT_EQ(this->InTx([&](db::Transaction& tx) { return CarrierOfApiKey(tx, key->secret); }), made.id);
}

TYPED_TEST(CarrierServiceTest, TheAllocationReadsEveryCarrierWithoutContacts) {
  const Carrier regional = this->Created();
  Carrier own = Regional();
  own.code = "OWN";
  own.kind = CarrierKind::kOwn;
  const Carrier own_made = this->Created(own);
  ASSERT_TRUE(this->Run(this->admin_, [&](Scope& s) { return SuspendCarrier(s, own_made.id, "盘点"); }));
  auto all = this->InTx([&](db::Transaction& tx) { return CarriersForAllocation(tx); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, regional.id);
  EXPECT_EQ(all[1].status, CarrierStatus::kSuspended);
  EXPECT_EQ(all[0].coverage, Regional().coverage);
  EXPECT_EQ(all[0].products, Regional().products);
  EXPECT_EQ(all[0].daily_capacity_orders, 800);
  EXPECT_EQ(all[0].daily_capacity_grams, 4'000'000);
  EXPECT_EQ(all[0].rates, Regional().rates);
  EXPECT_EQ(all[0].transit, Regional().transit);
  EXPECT_EQ(all[0].declared, Regional().declared);
  EXPECT_TRUE(all[0].contacts.empty());
  EXPECT_EQ(CostOf(all[0], "standard", "same_province", 2500), Money::Cny(700));
}

TYPED_TEST(CarrierServiceTest, AnUnknownCarrierIsNotFound) {
  auto missing = this->Run(this->admin_, [&](Scope& s) { return GetCarrier(s, CarrierId{999}); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto keys = this->Run(this->admin_, [&](Scope& s) { return CreateApiKey(s, CarrierId{999}, "x"); });
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace consign::carriers
