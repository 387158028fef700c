#include "modules/demo/demo_contracts.hpp"

#include <array>
#include <chrono>
#include <string>

#include <fmt/format.h>

#include "modules/auth/auth_service.hpp"
#include "modules/auth/auth_store.hpp"
#include "modules/contracts/contract_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/rate_cards.hpp"
#include "platform/scope/scope.hpp"

namespace consign::demo {

namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::sys_days;

// The demo's approvers: created once, without a password, like the demo's salespeople.
struct Approvers {
  Principal manager;
  Principal finance;
};

// `user` acting on the program's authority: the role and ids are the user's (record rules, approver
// roles, the owner and drafter columns), the permissions everything.
Principal Acting(const auth::User& user) {
  Principal p = auth::PrincipalOf(user);
  p.permissions = std::make_shared<const PermissionSet>(PermissionSet::Everything());
  return p;
}

Result<auth::User> FindOrCreateUser(db::Transaction& tx, const Clock& clock, std::string login, std::string name, Role role) {
  if (auto existing = auth::store::FindUserByLogin(tx, login)) return existing->user;
  auth::NewUser user;
  user.login = std::move(login);
  user.name = std::move(name);
  user.role = role;
  user.must_change_password = true;
  return auth::CreateUser(tx, Principal::System("consign-demo"), user, "", clock.Now(), "demo", auth::CustomerAccounts{});
}

Result<Approvers> DemoApprovers(db::Database& database, const Clock& clock) {
  auto tx = database.Begin(db::TxMode::kWrite);
  auto manager = FindOrCreateUser(*tx, clock, "demo.manager", "周海涛", Role::kManager);
  if (!manager) return std::move(manager).error();
  auto finance = FindOrCreateUser(*tx, clock, "demo.finance", "吴晓梅", Role::kFinance);
  if (!finance) return std::move(finance).error();
  tx->Commit();
  return Approvers{Acting(*manager), Acting(*finance)};
}

// The account's owner, acting; nullopt for an account without one (nobody would draft its contract).
Result<std::optional<Principal>> OwnerOf(db::Database& database, const Clock& clock, int64_t account) {
  return RunInScope<std::optional<Principal>>(
      database, clock, Principal::System("consign-demo"), "demo", [&](Scope& scope) -> Result<std::optional<Principal>> {
        auto customer = customers::Get(scope, account);
        if (!customer) return std::move(customer).error();
        if (!customer->owner_user_id) return std::optional<Principal>{};
        auto owner = auth::store::FindUserById(scope.tx(), UserId{*customer->owner_user_id});
        if (!owner || !owner->user.active) return std::optional<Principal>{};
        return std::optional<Principal>{Acting(owner->user)};
      });
}

template <class T>
Result<T> As(db::Database& database, const Clock& clock, const Principal& who, const std::function<Result<T>(Scope&)>& work) {
  return RunInScope<T>(database, clock, who, "demo", work);
}

// Every price of the card `discount_bp` lower, rounded half up as tariffs print (fees stay).
pricing::RateCard Discounted(pricing::RateCard card, int64_t discount_bp) {
  for (pricing::ZoneRates& zone : card.zones)
    for (pricing::WeightBand& band : zone.bands) {
      if (auto p = ApplyBasisPoints(band.first_price, 10'000 - discount_bp, Rounding::kHalfUp)) band.first_price = *p;
      if (auto p = ApplyBasisPoints(band.step_price, 10'000 - discount_bp, Rounding::kHalfUp)) band.step_price = *p;
    }
  return card;
}

constexpr std::array<std::string_view, 3> kProducts = {"standard", "standard", "express"};
constexpr std::array<int64_t, 5> kDiscounts = {500, 800, 1000, 1200, 1500};

enum class Outcome { kActive, kInApproval, kDraft };

// Drafts, prices and (per `outcome`) submits, approves and activates one account's contract.
Status OneContract(db::Database& database, const Clock& clock, const Principal& owner, const Approvers& approvers,
                   int64_t account, size_t n, Outcome outcome) {
  // Started on the first of a month 1–11 months ago: in force today, a few of them near their end.
  const auto today = std::chrono::year_month_day{std::chrono::floor<days>(clock.Now() + std::chrono::hours(8))};
  const std::chrono::year_month_day start{(today.year() / today.month() / std::chrono::day{1}) - months{1 + static_cast<int>(n % 11)}};
  auto drafted = As<contracts::ContractDetail>(database, clock, owner, [&](Scope& scope) {
    return contracts::Create(scope, CustomerId{account}, start, [](contracts::Terms&) { return Ok(); });
  });
  if (!drafted) return std::move(drafted).error();
  const contracts::ContractId id = drafted->contract.id;
  auto priced = As<contracts::ContractDetail>(database, clock, owner, [&](Scope& scope) -> Result<contracts::ContractDetail> {
    auto detail = contracts::AttachRateCard(scope, id, drafted->contract.revision, kProducts[n % kProducts.size()]);
    if (!detail) return detail;
    const pricing::RateCardId card_id{*detail->contract.terms.rate_card_id};
    auto card = pricing::GetCard(scope, card_id);
    if (!card) return std::move(card).error();
    auto discounted = pricing::UpdateDraft(scope, card_id, card->version, "",
                                           Discounted(card->card, kDiscounts[n % kDiscounts.size()]));
    if (!discounted) return std::move(discounted).error();
    return detail;
  });
  if (!priced) return std::move(priced).error();
  if (outcome == Outcome::kDraft) return Ok();
  auto submitted = As<contracts::ContractDetail>(database, clock, owner, [&](Scope& scope) { return contracts::Submit(scope, id); });
  if (!submitted) return std::move(submitted).error();
  if (outcome == Outcome::kInApproval) return Ok();
  for (contracts::Approver step : submitted->required) {
    const Principal& approver = step == contracts::Approver::kFinance ? approvers.finance : approvers.manager;
    auto approved = As<contracts::ContractDetail>(database, clock, approver, [&](Scope& scope) { return contracts::Approve(scope, id); });
    if (!approved) return std::move(approved).error();
  }
  auto active = As<contracts::ContractDetail>(database, clock, owner, [&](Scope& scope) { return contracts::Activate(scope, id); });
  if (!active) return std::move(active).error();
  return Ok();
}

}  // namespace

ContractsSummary LoadDemoContracts(db::Database& database, const Clock& clock, const std::vector<int64_t>& accounts,
                                   const std::vector<int64_t>& won_accounts, std::ostream& out) {
  ContractsSummary summary;
  // The products and published cards a server seeds on its first start; the demo may come first.
  if (Status seeded = pricing::SeedStandardPricing(database, clock); !seeded) {
    out << "demo contracts failed: " << seeded.error().public_message << "\n";
    return summary;
  }
  auto approvers = DemoApprovers(database, clock);
  if (!approvers) {
    out << "demo contracts failed: " << approvers.error().public_message << "\n";
    return summary;
  }
  const auto report = [&](int64_t account, const Error& e) {
    out << fmt::format("demo contract of account {} not made: {} {}\n", account, e.public_message, e.field());
  };
  size_t n = 0;
  for (size_t i = 0; i < accounts.size(); i += 7) {
    auto owner = OwnerOf(database, clock, accounts[i]);
    if (!owner || !*owner) continue;
    // Eight in ten active; one awaiting approval; one a draft.
    const Outcome outcome = n % 10 == 8 ? Outcome::kInApproval : n % 10 == 9 ? Outcome::kDraft : Outcome::kActive;
    if (Status s = OneContract(database, clock, **owner, *approvers, accounts[i], n, outcome); !s) {
      report(accounts[i], s.error());
    } else {
      ++(outcome == Outcome::kActive ? summary.active : outcome == Outcome::kInApproval ? summary.in_approval : summary.drafts);
    }
    ++n;
  }
  for (int64_t account : won_accounts) {
    auto owner = OwnerOf(database, clock, account);
    if (!owner || !*owner) continue;
    auto drafted = As<contracts::ContractDetail>(database, clock, **owner, [&](Scope& scope) {
      return contracts::Create(scope, CustomerId{account}, std::nullopt, [](contracts::Terms&) { return Ok(); });
    });
    if (!drafted) report(account, drafted.error());
    else ++summary.drafts;
  }
  out << fmt::format("demo: {} contracts active with agreement prices, {} awaiting approval, {} drafts\n", summary.active,
                     summary.in_approval, summary.drafts);
  return summary;
}

}  // namespace consign::demo
