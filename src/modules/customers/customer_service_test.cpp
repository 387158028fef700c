// The customers use cases on SQLite and on PostgreSQL, called the way any caller does (an HTTP
// handler, a job, another module): through a Scope with a Principal whose permissions come from the
// merged matrix. Permissions, record rules, masking, the status transitions and stale versions are
// the service's to enforce, so they are tested here and not only through the routes.
#include "modules/customers/customer_service.hpp"

#include <gtest/gtest.h>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/audit/reveal_limit.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_reveal.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::customers {
namespace {

const Instant kStart = FromMicros(1'790'000'000'000'000);

auth::Matrix TestMatrix() {
  const auth::ModuleAccess tables[] = {{"audit", audit::kAccess}, {"auth", auth::kAccess}, {"customers", kAccess}};
  return *auth::Matrix::Merge(tables);
}

Customer Draft(std::string name) {
  Customer c;
  c.name = std::move(name);
  c.contacts.push_back(Contact{{}, "张伟", "decision_maker", "总经理", "13812345678", "zhang.wei@shunda.cn", true});
  c.addresses.push_back(Address{{}, "pickup", "广东省", "深圳市", "南山区", "科技园路88号", "518000", true});
  return c;
}

template <class Backend>
class CustomerServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    std::vector<db::Migration> all = audit::Migrations();
    for (auto& m : auth::Migrations()) all.push_back(m);
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
    auto tx = db_->Begin(db::TxMode::kWrite);
    team_a_ = *auth::FindOrCreateTeam(*tx, "华南");
    team_b_ = *auth::FindOrCreateTeam(*tx, "华东");
    tx->Commit();
  }

  // A logged-in user of `role`, with the role's permissions from the matrix (as the Authenticator
  // makes them). Stored as a user, so it can own accounts.
  Principal As(const std::string& login, Role role, std::optional<TeamId> team = std::nullopt,
                std::optional<CustomerId> account = std::nullopt) {
    auto tx = db_->Begin(db::TxMode::kWrite);
    auth::NewUser u{login, login + "的名字", role, team, account, false};
    auto user = auth::CreateUser(*tx, Principal::System("test"), u, "not-a-real-hash", clock_.Now(), "test", accounts_);
    EXPECT_TRUE(user) << login;
    tx->Commit();
    Principal p = auth::PrincipalOf(*user);
    p.permissions = matrix_.Of(role);
    return p;
  }

  // Runs one use case in a write scope of its own, committed when it succeeds.
  template <class F>
  auto Run(const Principal& who, F&& work) {
    Scope scope(db_.get(), clock_, who, "test", db::TxMode::kWrite);
    auto result = work(scope);
    scope.Finish(result.has_value());
    return result;
  }

  Customer Created(const Principal& who, Customer draft) {
    auto created = Run(who, [&](Scope& s) { return Create(s, draft, std::nullopt); });
    EXPECT_TRUE(created) << (created ? "" : created.error().public_message);
    return *created;
  }

  Backend backend_;
  const auth::Matrix matrix_ = TestMatrix();
  std::unique_ptr<db::Database> db_;
  ManualClock clock_{kStart};
  TeamId team_a_{}, team_b_{};
  // As the customers module fills it at start: portal users link to accounts that exist.
  auth::CustomerAccounts accounts_ = [] {
    auth::CustomerAccounts accounts;
    accounts.SetExists([](db::Transaction& tx, CustomerId id) { return CustomerExists(tx, id.value()); });
    return accounts;
  }();
};

TYPED_TEST_SUITE(CustomerServiceTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(CustomerServiceTest, CreateAndGetAreMaskedForEveryRolePiiViewOrNot) {
  const Principal manager = this->As("manager", Role::kManager);
  const Principal dispatcher = this->As("dispatch", Role::kDispatcher);
  const Customer created = this->Created(manager, Draft("深圳市顺达电子有限公司"));
  EXPECT_TRUE(created.masked) << "even the answer to its creator";
  EXPECT_EQ(created.contacts[0].phone, "*******5678");
  EXPECT_EQ(created.status, CustomerStatus::kActive);
  EXPECT_EQ(created.version, 1);

  for (const Principal& who : {dispatcher, manager}) {
    auto seen = this->Run(who, [&](Scope& s) { return Get(s, created.id); });
    ASSERT_TRUE(seen);
    EXPECT_TRUE(seen->masked) << who.login;
    EXPECT_EQ(seen->contacts[0].phone, "*******5678") << who.login;
    EXPECT_NE(seen->contacts[0].name, "张伟") << who.login;
    EXPECT_NE(seen->contacts[0].email, "zhang.wei@shunda.cn") << who.login;
    EXPECT_NE(seen->addresses[0].street, "科技园路88号") << who.login;
    EXPECT_EQ(seen->name, "深圳市顺达电子有限公司") << "an organisation's name is not personal data";
  }
}

TYPED_TEST(CustomerServiceTest, ARevealAnswersOneValueAndIsAuditedWithItsReason) {
  const Principal manager = this->As("manager", Role::kManager);
  const Customer created = this->Created(manager, Draft("顺达"));
  const RevealTarget phone = *ParseRevealTarget("contact.phone", created.contacts[0].id.value(), std::nullopt);
  const audit::StatedReason why = *audit::ParseReason("delivery_problem", "courier cannot find the gate");
  auto value = this->Run(manager, [&](Scope& s) { return Reveal(s, created.id, phone, why, nullptr); });
  ASSERT_TRUE(value) << value.error().public_message;
  EXPECT_EQ(*value, "13812345678");

  auto log = this->Run(manager, [&](Scope& s) { return AccessLog(s, created.id, 10, std::nullopt); });
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  const audit::AuditEntryView& entry = (*log)[0];
  EXPECT_EQ(entry.action, "pii.reveal");
  EXPECT_EQ(entry.actor_login, "manager");
  ASSERT_TRUE(entry.after_json);
  EXPECT_NE(entry.after_json->find("\"reason\":\"delivery_problem\""), std::string::npos) << *entry.after_json;
  EXPECT_NE(entry.after_json->find("\"field\":\"contact.phone\""), std::string::npos) << *entry.after_json;
  EXPECT_EQ(entry.after_json->find("13812345678"), std::string::npos) << "the trail never holds the value";
}

TYPED_TEST(CustomerServiceTest, ARevealNeedsPiiViewAndTheRecordRule) {
  const Principal manager = this->As("manager", Role::kManager);
  const Principal dispatcher = this->As("dispatch", Role::kDispatcher);
  const Principal bo = this->As("bo", Role::kSales, this->team_b_);
  const Customer created = this->Created(manager, Draft("顺达"));
  const RevealTarget street = *ParseRevealTarget("address.street", std::nullopt, created.addresses[0].id.value());
  const audit::StatedReason why = *audit::ParseReason("callback", std::nullopt);
  auto forbidden = this->Run(dispatcher, [&](Scope& s) { return Reveal(s, created.id, street, why, nullptr); });
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
  auto outside = this->Run(bo, [&](Scope& s) { return Reveal(s, created.id, street, why, nullptr); });
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound) << "another team's account does not exist for bo";
  auto log = this->Run(bo, [&](Scope& s) { return AccessLog(s, created.id, 10, std::nullopt); });
  ASSERT_FALSE(log);
  EXPECT_EQ(log.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(CustomerServiceTest, RevealsOverTheLimitAreRefusedAndRecordedAndReachingItAlertsAdmins) {
  const Principal agent = this->As("agent", Role::kAgent);
  const Customer created = this->Created(this->As("manager", Role::kManager), Draft("顺达"));
  const RevealTarget phone = *ParseRevealTarget("contact.phone", created.contacts[0].id.value(), std::nullopt);
  const audit::StatedReason why = *audit::ParseReason("callback", std::nullopt);
  for (int64_t i = 0; i < audit::kRevealLimit; ++i) {
    auto value = this->Run(agent, [&](Scope& s) { return Reveal(s, created.id, phone, why, nullptr); });
    ASSERT_TRUE(value) << i;
  }
  this->clock_.Advance(std::chrono::minutes(4));
  std::chrono::seconds retry_after{0};
  auto refused = this->Run(agent, [&](Scope& s) { return Reveal(s, created.id, phone, why, &retry_after); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(retry_after, audit::kRevealWindow - std::chrono::minutes(4));

  auto log = this->Run(agent, [&](Scope& s) { return AccessLog(s, created.id, 2, std::nullopt); });
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "pii.reveal.refused") << "the refusal is kept although the request failed";
  EXPECT_EQ((*log)[1].action, "pii.reveal");

  const Principal admin = this->As("boss", Role::kAdmin);
  auto alerts = this->Run(admin, [&](Scope& s) { return audit::ListAlerts(s, 10, std::nullopt); });
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u) << "one alert when the limit is reached, none per refusal";
  EXPECT_EQ((*alerts)[0].kind, "pii.reveal_burst");
  EXPECT_EQ((*alerts)[0].login, "agent");
  auto not_for_managers = this->Run(this->As("m2", Role::kManager), [&](Scope& s) { return audit::ListAlerts(s, 10, std::nullopt); });
  ASSERT_FALSE(not_for_managers);
  EXPECT_EQ(not_for_managers.error().code, ErrorCode::kForbidden);

  this->clock_.Advance(audit::kRevealWindow);
  auto next_window = this->Run(agent, [&](Scope& s) { return Reveal(s, created.id, phone, why, nullptr); });
  EXPECT_TRUE(next_window) << "a new window opens after the old one ends";
}

TYPED_TEST(CustomerServiceTest, OwnersAreDescribedThroughTheAuthModule) {
  const Principal sales = this->As("ana", Role::kSales, this->team_a_);
  const Customer created = this->Created(sales, Draft("顺达"));
  ASSERT_TRUE(created.owner_user_id);
  EXPECT_EQ(*created.owner_user_id, sales.user_id.value()) << "a sales rep owns what they create";
  ASSERT_TRUE(created.owner);
  EXPECT_EQ(created.owner->login, "ana");
  EXPECT_EQ(created.owner->name, "ana的名字");

  const ListQuery all;  // (not ListQuery{} inside the lambda: GCC 12 crashes on it in a template)
  auto page = this->Run(sales, [&](Scope& s) { return List(s, all); });
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  ASSERT_TRUE(page->items[0].owner);
  EXPECT_EQ(page->items[0].owner->login, "ana");

  Customer bad = Draft("无主");
  bad.owner_user_id = 999'999;
  auto refused = this->Run(Principal::System("test"), [&](Scope& s) { return Create(s, bad, std::nullopt); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field(), "owner_id");
}

TYPED_TEST(CustomerServiceTest, SalesCannotSeeAnotherTeamsAccount) {
  const Principal ana = this->As("ana", Role::kSales, this->team_a_);
  const Principal bo = this->As("bo", Role::kSales, this->team_b_);
  const Customer anas = this->Created(ana, Draft("华南客户"));

  auto other = this->Run(bo, [&](Scope& s) { return Get(s, anas.id); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound) << "not forbidden: the id must not tell it exists";
  auto edit = this->Run(bo, [&](Scope& s) { return LoadForEdit(s, anas.id); });
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code, ErrorCode::kNotFound);
  const ListQuery all;
  auto page = this->Run(bo, [&](Scope& s) { return List(s, all); });
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->items.empty());

  auto own = this->Run(ana, [&](Scope& s) { return Get(s, anas.id); });
  EXPECT_TRUE(own);
}

// Other modules ask CheckReadable instead of loading the account (a quote on every request): it must
// answer exactly as Get would, for each way Get answers.
TYPED_TEST(CustomerServiceTest, CheckReadableAnswersAsGetDoes) {
  const Principal ana = this->As("ana", Role::kSales, this->team_a_);
  const Principal bo = this->As("bo", Role::kSales, this->team_b_);
  const Customer anas = this->Created(ana, Draft("华南客户"));

  for (const Principal& who : {ana, bo, this->As("dispatch", Role::kDispatcher), Principal{}}) {
    for (const int64_t id : {anas.id, anas.id + 1000}) {
      auto got = this->Run(who, [&](Scope& s) { return Get(s, id); });
      auto readable = this->Run(who, [&](Scope& s) { return CheckReadable(s, id); });
      ASSERT_EQ(bool(got), bool(readable)) << who.login << " " << id;
      if (!got) {
        EXPECT_EQ(got.error().code, readable.error().code) << who.login << " " << id;
      }
    }
  }
  EXPECT_TRUE(this->Run(ana, [&](Scope& s) { return CheckReadable(s, anas.id); }));
  auto outside = this->Run(bo, [&](Scope& s) { return CheckReadable(s, anas.id); });
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound) << "another team's account does not exist for bo";
}

TYPED_TEST(CustomerServiceTest, RequireRefusesARoleWithoutThePermission) {
  const Principal dispatcher = this->As("dispatch", Role::kDispatcher);
  auto created = this->Run(dispatcher, [&](Scope& s) { return Create(s, Draft("甲"), std::nullopt); });
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::kForbidden);

  const Customer c = this->Created(Principal::System("test"), Draft("乙"));
  auto archived = this->Run(dispatcher, [&](Scope& s) { return SetStatus(s, c.id, StatusChange::kArchive, std::nullopt); });
  ASSERT_FALSE(archived);
  EXPECT_EQ(archived.error().code, ErrorCode::kForbidden);

  auto nobody = this->Run(Principal{}, [&](Scope& s) { return Get(s, c.id); });
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, ErrorCode::kUnauthenticated);
}

TYPED_TEST(CustomerServiceTest, ArchiveAndRestoreFollowTheTransitionTable) {
  const Principal manager = this->As("manager", Role::kManager);
  const Customer c = this->Created(manager, Draft("甲"));
  auto set = [&](StatusChange change) {
    return this->Run(manager, [&](Scope& s) { return SetStatus(s, c.id, change, std::nullopt); });
  };

  auto restore_active = set(StatusChange::kRestore);
  ASSERT_FALSE(restore_active);
  EXPECT_EQ(restore_active.error().code, ErrorCode::kInvalidState);

  auto archived = set(StatusChange::kArchive);
  ASSERT_TRUE(archived);
  EXPECT_EQ(archived->status, CustomerStatus::kArchived);
  EXPECT_EQ(archived->version, 2);

  auto again = set(StatusChange::kArchive);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidState);

  auto edit = this->Run(manager, [&](Scope& s) -> Result<Customer> {
    auto before = LoadForEdit(s, c.id);
    if (!before) return before.error();
    Customer changed = *before;
    changed.name = "改名";
    return Save(s, *before, changed, before->version);
  });
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code, ErrorCode::kInvalidState) << "an archived account cannot be edited";

  auto restored = set(StatusChange::kRestore);
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored->status, CustomerStatus::kActive);
  EXPECT_EQ(restored->version, 3);
}

TYPED_TEST(CustomerServiceTest, SavingOverAnotherWriterIsAStaleVersion) {
  const Principal manager = this->As("manager", Role::kManager);
  const Customer c = this->Created(manager, Draft("甲"));
  auto save = [&](std::string name, int64_t expected) {
    return this->Run(manager, [&](Scope& s) -> Result<Customer> {
      auto before = LoadForEdit(s, c.id);
      if (!before) return before.error();
      Customer changed = *before;
      changed.name = name;
      return Save(s, *before, changed, expected);
    });
  };
  auto first = save("乙", 1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version, 2);

  auto stale = save("丙", 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(stale.error().field(), "If-Match");
  EXPECT_EQ(stale.error().fields[0].reason, "stale_version");

  auto archive = this->Run(manager, [&](Scope& s) { return SetStatus(s, c.id, StatusChange::kArchive, 1); });
  ASSERT_FALSE(archive);
  EXPECT_EQ(archive.error().code, ErrorCode::kPreconditionFailed) << "archive checks If-Match too";

  auto now = this->Run(manager, [&](Scope& s) { return Get(s, c.id); });
  ASSERT_TRUE(now);
  EXPECT_EQ(now->name, "乙");
  EXPECT_EQ(now->status, CustomerStatus::kActive);
}

TYPED_TEST(CustomerServiceTest, ASalespersonPlacesAccountsOnlyWithThemselvesInTheirOwnTeam) {
  const Principal ana = this->As("ana", Role::kSales, this->team_a_);
  const Principal cy = this->As("cy", Role::kSales, this->team_a_);
  Customer for_cy = Draft("给同事建的");
  for_cy.owner_user_id = cy.user_id.value();
  auto refused = this->Run(ana, [&](Scope& s) { return Create(s, for_cy, std::nullopt); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().field(), "owner_id");
  Customer elsewhere = Draft("建到别的团队");
  elsewhere.team_id = this->team_b_.value();
  auto moved = this->Run(ana, [&](Scope& s) { return Create(s, elsewhere, std::nullopt); });
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().field(), "team_id");

  const Customer own = this->Created(ana, Draft("自己的"));
  auto hand_over = this->Run(ana, [&](Scope& s) -> Result<Customer> {
    auto before = LoadForEdit(s, own.id);
    if (!before) return before.error();
    Customer changed = *before;
    changed.owner_user_id = cy.user_id.value();
    return Save(s, *before, changed, before->version);
  });
  ASSERT_FALSE(hand_over);
  EXPECT_EQ(hand_over.error().field(), "owner_id");
}

TYPED_TEST(CustomerServiceTest, AnOwnerIsActiveStaffAndATeamExists) {
  const Principal manager = this->As("manager", Role::kManager);
  const Customer account = this->Created(manager, Draft("顺达"));
  const Principal portal = this->As("shunda.portal", Role::kPortal, std::nullopt, CustomerId{account.id});
  const auto create_with = [&](std::optional<int64_t> owner, std::optional<int64_t> team) {
    Customer draft = Draft("甲");
    draft.owner_user_id = owner;
    draft.team_id = team;
    return this->Run(manager, [&](Scope& s) { return Create(s, draft, std::nullopt); });
  };
  auto portal_owner = create_with(portal.user_id.value(), std::nullopt);
  ASSERT_FALSE(portal_owner);
  EXPECT_EQ(portal_owner.error().field(), "owner_id");
  EXPECT_EQ(portal_owner.error().fields.front().reason, "not_staff");
  auto no_team = create_with(std::nullopt, 424242);
  ASSERT_FALSE(no_team);
  EXPECT_EQ(no_team.error().field(), "team_id");
  EXPECT_TRUE(create_with(manager.user_id.value(), this->team_b_.value()));
}

TYPED_TEST(CustomerServiceTest, APortalUserHasNoHistoryAndNoInternalFilters) {
  const Principal manager = this->As("manager", Role::kManager);
  const Customer account = this->Created(manager, Draft("顺达"));
  const Principal portal = this->As("shunda.portal", Role::kPortal, std::nullopt, CustomerId{account.id});
  auto history = this->Run(portal, [&](Scope& s) { return History(s, account.id); });
  ASSERT_FALSE(history);
  EXPECT_EQ(history.error().code, ErrorCode::kForbidden);

  ListQuery by_value;
  by_value.classification[4] = "A";  // value_class
  auto probed = this->Run(portal, [&](Scope& s) { return List(s, by_value); });
  ASSERT_FALSE(probed);
  EXPECT_EQ(probed.error().field(), "value_class");
  const ListQuery plain;
  auto page = this->Run(portal, [&](Scope& s) { return List(s, plain); });
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, account.id);
}

}  // namespace
}  // namespace consign::customers
