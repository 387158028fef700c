// The contracts use cases on SQLite and on PostgreSQL, called through a Scope as any caller does (a
// route, a job, another module): the expiry-warning job's idempotence, and the permissions and record
// rules the service enforces itself (not only the routes).
#include "modules/contracts/contract_service.hpp"

#include <gtest/gtest.h>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/contracts/access.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/pricing/zone.hpp"
#include "platform/db/test_backends.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::contracts {
namespace {

// 2026-11-22T08:00:00Z: Sunday 22 November 2026 in Shanghai.
const Instant kNow = FromMicros(1'795'334'400'000'000);

auth::Matrix TestMatrix() {
  const auth::ModuleAccess tables[] = {{"audit", audit::kAccess},
                                       {"auth", auth::kAccess},
                                       {"customers", customers::kAccess},
                                       {"contracts", kAccess}};
  return *auth::Matrix::Merge(tables);
}

Status SetDates(Terms& t, std::string_view start, std::string_view end) {
  t.start_date = *ParseDate(start);
  t.end_date = *ParseDate(end);
  t.account_period_days = 30;
  return Ok();
}

template <class Backend>
class ContractServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : customers::Migrations()) all.push_back(m);
    for (auto& m : jobs::Migrations()) all.push_back(m);
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    sales_ = As("li.na", Role::kSales);
    manager_ = As("wang.jingli", Role::kManager);
    customers::Customer account;
    account.name = "华康医药有限公司";
    account.industry = "pharma";
    account.owner_user_id = sales_.user_id.value();
    auto created = Run(manager_, [&](Scope& s) { return customers::Create(s, account, std::nullopt); });
    EXPECT_TRUE(created) << (created ? "" : created.error().public_message);
    account_ = CustomerId{created ? created->id : 0};
  }

  Principal As(const std::string& login, Role role, std::optional<CustomerId> account = std::nullopt,
               std::optional<TeamId> team = std::nullopt) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auth::NewUser u{login, login, role, team, account, false};
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

  // A contract made active through the use cases: drafted by sales, approved by the manager.
  ContractId Active(std::string_view start, std::string_view end, bool auto_renewal = false) {
    auto drafted = Run(sales_, [&](Scope& s) {
      return Create(s, account_, std::nullopt, [&](Terms& t) {
        t.auto_renewal = auto_renewal;
        return SetDates(t, start, end);
      });
    });
    EXPECT_TRUE(drafted) << (drafted ? "" : drafted.error().public_message);
    const ContractId id = drafted->contract.id;
    EXPECT_TRUE(Run(sales_, [&](Scope& s) { return Submit(s, id); }));
    EXPECT_TRUE(Run(manager_, [&](Scope& s) { return Approve(s, id); }));
    EXPECT_TRUE(Run(sales_, [&](Scope& s) { return Activate(s, id); }));
    return id;
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
  Principal sales_, manager_;
  CustomerId account_{};
};

TYPED_TEST_SUITE(ContractServiceTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(ContractServiceTest, TheExpiryWarningRunTwiceWarnsOnce) {
  // Ends 2026-12-10; 30 warning days → due since 2026-11-10.
  const ContractId id = this->Active("2026-11-01", "2026-12-10");
  ASSERT_TRUE(RunExpiryWarning(*this->db_, this->clock_, id));
  ASSERT_TRUE(RunExpiryWarning(*this->db_, this->clock_, id));
  auto seen = this->Run(this->sales_, [&](Scope& s) { return Get(s, id); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->contract.state, State::kExpiring);
  auto inbox = this->Run(this->sales_, [&](Scope& s) { return InboxFor(s); });
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->notices.size(), 1u);
  EXPECT_EQ(inbox->notices[0].about, "2026-12-10");
  EXPECT_EQ(this->Count("SELECT count(*) FROM audit_log WHERE action = 'contract.expiry_warning'"), 1);
}

TYPED_TEST(ContractServiceTest, AContractNotYetDueIsLeftActiveAndQueuedForItsDay) {
  // Ends 2027-12-31: the warning is due on 2027-12-01.
  const ContractId id = this->Active("2027-01-01", "2027-12-31");
  const int64_t queued = this->Count("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_warning'");
  ASSERT_TRUE(RunExpiryWarning(*this->db_, this->clock_, id));
  auto seen = this->Run(this->sales_, [&](Scope& s) { return Get(s, id); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->contract.state, State::kActive);
  EXPECT_EQ(this->Count("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_warning'"), queued + 1);
  EXPECT_EQ(this->Count("SELECT count(*) FROM contract_notices"), 0);
}

// Today is 2026-11-22 in Shanghai (kNow).
TYPED_TEST(ContractServiceTest, TheDayAfterItsLastDayAContractEnds) {
  const ContractId id = this->Active("2026-10-01", "2026-11-21");
  ASSERT_TRUE(RunExpiryEnd(*this->db_, this->clock_, id));
  ASSERT_TRUE(RunExpiryEnd(*this->db_, this->clock_, id));  // at least once: the second changes nothing
  auto seen = this->Run(this->sales_, [&](Scope& s) { return Get(s, id); });
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->contract.state, State::kEnded);
  EXPECT_EQ(this->Count("SELECT count(*) FROM contract_notices WHERE kind = 'ended'"), 1);
  EXPECT_EQ(this->Count("SELECT count(*) FROM audit_log WHERE action = 'contract.end'"), 1);
  EXPECT_EQ(this->Count("SELECT count(*) FROM contracts"), 1);
}

TYPED_TEST(ContractServiceTest, AnAutoRenewingContractRenewsForTheSameLengthAndIsActiveAtOnce) {
  // 2026-10-22 to 2026-11-21 is 30 days after its first: the renewal runs 2026-11-22 to 2026-12-22.
  const ContractId id = this->Active("2026-10-22", "2026-11-21", /*auto_renewal=*/true);
  ASSERT_TRUE(RunExpiryEnd(*this->db_, this->clock_, id));
  ASSERT_TRUE(RunExpiryEnd(*this->db_, this->clock_, id));
  auto old = this->Run(this->sales_, [&](Scope& s) { return Get(s, id); });
  ASSERT_TRUE(old);
  EXPECT_EQ(old->contract.state, State::kRenewed);
  ASSERT_TRUE(old->contract.renewed_by);
  auto renewal = this->Run(this->sales_, [&](Scope& s) { return Get(s, *old->contract.renewed_by); });
  ASSERT_TRUE(renewal);
  EXPECT_EQ(renewal->contract.state, State::kActive);
  EXPECT_EQ(FormatDate(renewal->contract.terms.start_date), "2026-11-22");
  EXPECT_EQ(FormatDate(renewal->contract.terms.end_date), "2026-12-22");
  EXPECT_TRUE(renewal->contract.terms.auto_renewal);
  EXPECT_EQ(this->Count("SELECT count(*) FROM contracts"), 2);
  EXPECT_EQ(this->Count("SELECT count(*) FROM contract_notices WHERE kind = 'auto_renewed'"), 1);
  // The renewal's own warning and end are queued.
  EXPECT_GE(this->Count("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_end' AND payload = '" +
                        std::to_string(renewal->contract.id.value()) + "'"),
            1);
}

TYPED_TEST(ContractServiceTest, OnItsLastDayAContractIsLeftInForceAndQueuedForTheNext) {
  const ContractId id = this->Active("2026-11-01", "2026-11-22");
  const int64_t queued = this->Count("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_end'");
  ASSERT_TRUE(RunExpiryEnd(*this->db_, this->clock_, id));
  auto seen = this->Run(this->sales_, [&](Scope& s) { return Get(s, id); });
  ASSERT_TRUE(seen);
  EXPECT_NE(seen->contract.state, State::kEnded);
  EXPECT_EQ(this->Count("SELECT count(*) FROM jobs WHERE kind = 'contracts.expiry_end'"), queued + 1);
}

TYPED_TEST(ContractServiceTest, PermissionsAndRecordRulesAreTheServices) {
  const Principal agent = this->As("zhou.kefu", Role::kAgent);
  auto by_agent = this->Run(agent, [&](Scope& s) {
    return Create(s, this->account_, std::nullopt, [](Terms&) { return Ok(); });
  });
  ASSERT_FALSE(by_agent);
  EXPECT_EQ(by_agent.error().code, ErrorCode::kForbidden);

  auto draft = this->Run(this->sales_, [&](Scope& s) {
    return Create(s, this->account_, std::nullopt, [](Terms&) { return Ok(); });
  });
  ASSERT_TRUE(draft);
  const Principal portal = this->As("huakang.portal", Role::kPortal, this->account_);
  auto hidden = this->Run(portal, [&](Scope& s) { return Get(s, draft->contract.id); });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound) << "a draft is internal";
  auto versions = this->Run(portal, [&](Scope& s) { return Versions(s, draft->contract.id); });
  ASSERT_FALSE(versions);
  EXPECT_EQ(versions.error().code, ErrorCode::kNotFound);

  const ContractId active = this->Active("2027-01-01", "2027-12-31");
  auto terms = this->Run(portal, [&](Scope& s) { return Get(s, active); });
  ASSERT_TRUE(terms);
  EXPECT_TRUE(terms->customer_facing);
  EXPECT_TRUE(terms->approvals.empty());
}

TYPED_TEST(ContractServiceTest, ASalespersonListsTheirTeamsContractsAndNobodyElses) {
  TeamId south{};
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    south = *auth::FindOrCreateTeam(*tx, "华南");
    tx->Commit();
  }
  const Principal drafter = this->As("chen.xs", Role::kSales, std::nullopt, south);
  const Principal teammate = this->As("lin.xs", Role::kSales, std::nullopt, south);
  const Principal stranger = this->As("he.xs", Role::kSales);
  customers::Customer account;
  account.name = "深圳市顺达电子有限公司";
  account.industry = "electronics";
  account.owner_user_id = drafter.user_id.value();
  account.team_id = south.value();
  auto created = this->Run(this->manager_, [&](Scope& s) { return customers::Create(s, account, std::nullopt); });
  ASSERT_TRUE(created) << created.error().public_message;
  auto draft = this->Run(drafter, [&](Scope& s) {
    return Create(s, CustomerId{created->id}, std::nullopt, [](Terms&) { return Ok(); });
  });
  ASSERT_TRUE(draft) << draft.error().public_message;
  auto team_list = this->Run(teammate, [&](Scope& s) { return List(s, ContractFilter{}); });
  ASSERT_TRUE(team_list);
  ASSERT_EQ(team_list->size(), 1u);
  EXPECT_EQ((*team_list)[0].id, draft->contract.id);
  auto other_list = this->Run(stranger, [&](Scope& s) { return List(s, ContractFilter{}); });
  ASSERT_TRUE(other_list);
  EXPECT_TRUE(other_list->empty());
  auto other_get = this->Run(stranger, [&](Scope& s) { return Get(s, draft->contract.id); });
  ASSERT_FALSE(other_get);
  EXPECT_EQ(other_get.error().code, ErrorCode::kNotFound);
}

// A transit promise is found by the zone a quote computes for the shipment: the two lists of codes
// are one, in the same order (the console shows them in this order).
TEST(ContractZones, AreThePricingModulesZoneCodes) {
  ASSERT_EQ(std::size(pricing::kAllZones), kZones.size());
  for (size_t i = 0; i < kZones.size(); ++i) EXPECT_EQ(kZones[i], pricing::ZoneCode(pricing::kAllZones[i]));
}

}  // namespace
}  // namespace consign::contracts
