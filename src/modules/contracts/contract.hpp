#pragma once
// A customer contract (合同, DOMAIN.md §3): the terms that govern an account's orders — services from
// the catalogue, transit-time promises, quality targets (§11), declared value and compensation cap,
// account period and billing cycle, COD terms, handling requirements, dates — its lifecycle as a pure
// state machine, the approval routing an admin's rules decide, and the overlap rule. Pure: no I/O.
//
// Money is fen (core/money.hpp); rates and targets are basis points (1 bp = 0.01 %); dates are
// calendar dates (std::chrono::year_month_day), the contract's own days, no time zone.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::contracts {

using ContractId = StrongId<class ContractIdTag>;
using Date = std::chrono::year_month_day;

// "2026-12-01" ↔ Date. Nullopt for anything but a valid ISO calendar date.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);

// --- the service catalogue (DOMAIN.md §3) -------------------------------------------------------
enum class ServiceTier { kBasic, kValueAdded, kAdvanced };
struct CatalogueService {
  std::string_view code;  // stored and sent: "transport"
  ServiceTier tier;
  std::string_view name_zh;  // for the print view and the console: "运输"
};
inline constexpr std::array<CatalogueService, 18> kCatalogue = {{
    {"transport", ServiceTier::kBasic, "运输"},
    {"warehousing", ServiceTier::kBasic, "仓储"},
    {"packaging", ServiceTier::kBasic, "包装"},
    {"delivery", ServiceTier::kBasic, "配送"},
    {"order_handling", ServiceTier::kValueAdded, "订单处理"},
    {"inspection", ServiceTier::kValueAdded, "验货"},
    {"repacking", ServiceTier::kValueAdded, "二次包装"},
    {"insurance", ServiceTier::kValueAdded, "代办保险"},
    {"customs", ServiceTier::kValueAdded, "代办通关"},
    {"cod", ServiceTier::kValueAdded, "代收货款"},
    {"installation", ServiceTier::kValueAdded, "安装"},
    {"returns", ServiceTier::kValueAdded, "退换货"},
    {"inventory_analysis", ServiceTier::kAdvanced, "库存分析"},
    {"forecasting", ServiceTier::kAdvanced, "需求预测"},
    {"distribution_centre", ServiceTier::kAdvanced, "配送中心"},
    {"supply_chain_planning", ServiceTier::kAdvanced, "供应链规划"},
    {"logistics_planning", ServiceTier::kAdvanced, "物流方案设计"},
    {"cost_analysis", ServiceTier::kAdvanced, "成本分析"},
}};
const CatalogueService* FindService(std::string_view code);
std::string_view TierName(ServiceTier tier);  // "basic", "value_added", "advanced"

// Zones with the codes the pricing module gives them (pricing/zone.hpp ZoneCode, issue 8 §5): 同城, 省内,
// 邻省, 跨省, 偏远 — so the zone a quote finds for a shipment is the key of the contract's transit promise
// (contract_service_test checks the two lists are the same).
inline constexpr std::array<std::string_view, 5> kZones = {"same_city", "same_province", "adjacent_province",
                                                          "cross_province", "remote"};
std::string_view ZoneNameZh(std::string_view zone);
inline constexpr std::array<std::string_view, 4> kBillingCycles = {"per_shipment", "weekly", "semi_monthly",
                                                                  "monthly"};
std::string_view BillingCycleNameZh(std::string_view cycle);  // 现结 周结 半月结 月结
inline constexpr std::array<std::string_view, 4> kVehicles = {"any", "box_truck", "refrigerated", "flatbed"};
std::string_view VehicleNameZh(std::string_view vehicle);  // 不限 厢式车 冷藏车 平板车
inline constexpr std::array<std::string_view, 4> kPickupFrequencies = {"on_call", "daily", "twice_daily", "weekly"};
std::string_view PickupFrequencyNameZh(std::string_view frequency);  // 按需 每天 每天两次 每周

// A promised transit time for one service product (标准快递, 特快 ... as the pricing module names
// them) to one zone.
struct TransitPromise {
  std::string product;
  std::string zone;
  int hours = 0;
  friend bool operator==(const TransitPromise&, const TransitPromise&) = default;
};

// Service-quality targets (DOMAIN.md §11), basis points. Defaults are the warehouse's long-term
// promises of seed 002.
struct QualityTargets {
  int reports_on_time_bp = 9900;
  int on_time_delivery_bp = 9900;
  int complaint_free_bp = 9800;
  int damage_max_bp = 10;  // at most 0.1 % damaged: the only ceiling, the rest are floors
  int delivery_accuracy_bp = 9800;
  int inventory_accuracy_bp = 9900;
  friend bool operator==(const QualityTargets&, const QualityTargets&) = default;
};

// Cash on delivery (代收货款): fee = max(amount × fee_rate, minimum); remitted T+N days.
struct CodTerms {
  int fee_rate_bp = 0;
  Money minimum_fee;
  int remittance_days = 0;  // T+N
  friend bool operator==(const CodTerms&, const CodTerms&) = default;
};

// Everything a contract version says. rate_card_id points at the pricing module's rate card (协议价);
// this module never reads it (the seam: the lead wires activation of the card at merge).
struct Terms {
  std::vector<std::string> services;  // catalogue codes, no duplicates, at least one
  std::optional<int64_t> rate_card_id;
  std::vector<TransitPromise> transit_promises;
  QualityTargets quality;
  Money annual_value;          // expected yearly revenue: what routes the approval
  Money declared_value_limit;  // highest declared value (保价) accepted per shipment; 0: no insurance
  Money compensation_cap;      // most paid for one shipment's loss or damage
  bool insurance_clause = false;
  int account_period_days = 0;  // 账期; 0: payment on delivery
  std::string billing_cycle = "monthly";
  std::optional<CodTerms> cod;
  bool signed_receipt = false;  // 回单
  std::string packaging;        // packaging requirements, free text
  std::string vehicle = "any";
  std::string pickup_frequency = "on_call";
  Date start_date{};
  Date end_date{};
  bool auto_renewal = false;
  // Special clauses printed in the contract (特别约定), e.g. the industry template's "按项目结算".
  std::vector<std::string> clauses;
  std::string internal_notes;  // staff only: never on the print view or the portal
  friend bool operator==(const Terms&, const Terms&) = default;
};

inline constexpr size_t kMaxTransitPromises = 100;
inline constexpr size_t kMaxPackagingChars = 500;
inline constexpr size_t kMaxNotesChars = 2000;
inline constexpr size_t kMaxProductChars = 40;
inline constexpr size_t kMaxClauses = 30;
inline constexpr size_t kMaxClauseChars = 300;

// Every mistake at once, each naming its field ("quality.damage_max_bp", "transit_promises[2].zone",
// "cod.remittance_days", "end_date" ...): kInvalidArgument, reasons required / invalid_enum /
// out_of_range / duplicate / too_long / currency. Not errors: no COD, no rate card, no promises.
[[nodiscard]] Status ValidateTerms(const Terms& terms);

// --- drafting -------------------------------------------------------------------------------------
// The first draft for an account of `industry` starting on `start` for one year (end = start + 1 year
// − 1 day): the standard terms plus the industry template's clauses (DOMAIN.md §1) — pharma: insurance
// clause, signed receipt, original packaging, 60-day account period; it_telecom: insurance and a
// higher compensation cap, box truck, signed receipt; electronics: packaging rules; apparel: the
// volumetric-weight note; advertising: project billing; ecommerce: daily pickup, warehousing, COD.
// An industry without a template gets the standard terms.
Terms DraftFromTemplate(std::string_view industry, Date start);

// --- the lifecycle --------------------------------------------------------------------------------
//   draft ──submit──▶ in_approval ──(last approval)──▶ approved ──activate──▶ active
//     ▲                   │                                                    │ warn (N days before end)
//     └──────reject───────┘                                                    ▼
//                                                        renewed ◀──renew── expiring ──end──▶ ended
// An active contract may also be renewed or ended directly. Nothing leaves renewed or ended.
enum class State { kDraft, kInApproval, kApproved, kActive, kExpiring, kRenewed, kEnded };
enum class Event { kSubmit, kApprove, kReject, kActivate, kWarnExpiry, kRenew, kEnd };
inline constexpr std::array<std::string_view, 7> kStateNames = {"draft",    "in_approval", "approved", "active",
                                                               "expiring", "renewed",     "ended"};
std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);
std::string_view EventName(Event event);
// The state after `event`, or kInvalidState (field "state") naming the state and the event.
[[nodiscard]] Result<State> Transition(State from, Event event);
// Whether the terms may still be edited in place (drafts only: anything later is amended).
bool IsEditable(State state);
// Whether the contract binds (approved, active, expiring): what the overlap rule counts.
bool IsInForce(State state);

// --- approval routing -----------------------------------------------------------------------------
// What an admin sets (PUT /api/v1/contracts/approval-rules).
struct ApprovalRules {
  Money manager_threshold = Money::Cny(100'000'000);        // annual value above ¥1,000,000 → manager
  Money standard_compensation_cap = Money::Cny(200'000);    // above ¥2,000 per shipment → finance
  int standard_account_period_days = 30;                    // above 30 days → finance
  bool cod_needs_finance = true;                            // any COD → finance
  int expiry_warning_days = 30;                             // the owner is warned this long before the end
  friend bool operator==(const ApprovalRules&, const ApprovalRules&) = default;
};
[[nodiscard]] Status ValidateRules(const ApprovalRules& rules);

enum class Approver { kManager, kFinance };
std::string_view ApproverName(Approver approver);  // "manager", "finance"
std::optional<Approver> ParseApprover(std::string_view name);

// Who must approve, manager first. Manager when the annual value is above the threshold; finance as
// well when the compensation cap is above the standard, the account period longer than the standard,
// or the terms carry COD (and the rules say so). A contract is never approved by nobody: when no rule
// asks for anyone, the manager approves.
std::vector<Approver> RequiredApprovers(const Terms& terms, const ApprovalRules& rules);

// The terms that differ from the standard ones an approver is asked about, each with the standard and
// the proposed value as text (the approval inbox lists them).
struct Difference {
  std::string field;
  std::string standard;
  std::string proposed;
};
std::vector<Difference> DifferencesFromStandard(const Terms& terms, const ApprovalRules& rules);

// Whether `approver_user` acting as `as` may decide on a contract owned by `owner` and submitted by
// `submitter`, given the approvals recorded so far: kForbidden (field "approver", reason
// self_approval) for the owner or the submitter; kInvalidState when the step is not required or
// already decided.
[[nodiscard]] Status CheckApprover(UserId approver_user, Approver as, UserId owner, UserId submitter,
                                   std::span<const Approver> required, std::span<const Approver> decided);

// --- overlap --------------------------------------------------------------------------------------
// One contract in force per account and service at a time.
struct Coverage {
  ContractId id;
  State state = State::kDraft;
  std::vector<std::string> services;
  Date start_date{};
  Date end_date{};
};
// The first contract of `others` (the same account's) that is in force, is not `candidate` itself,
// shares a service with it and whose dates intersect its dates; nullopt when none does.
std::optional<Coverage> FindOverlap(const Coverage& candidate, std::span<const Coverage> others);

}  // namespace consign::contracts
