#pragma once
// Use cases of customer development (客户开发): leads, their qualification, conversion and the
// pipeline. Each takes a Scope (whoever calls: a route, the demo, another module), checks its
// permission (access.hpp) itself and applies the record rule: admins and managers see every lead and
// opportunity; a salesperson sees those they own, their team's, and the unassigned pool — anything
// else answers 404 so ids do not leak. Every change is audited in the change's transaction (entity
// "lead" or "opportunity", before and after). Nothing here commits: whoever made the scope does, so a
// use case that fails leaves nothing half-written.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/reveal_reason.hpp"
#include "modules/customers/customer.hpp"
#include "modules/sales/lead.hpp"
#include "modules/sales/opportunity.hpp"
#include "modules/sales/sales_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::sales {

bool InScope(const Principal& who, std::optional<UserId> owner, std::optional<TeamId> team);

// --- leads ---------------------------------------------------------------------------------------
// Validates (ValidateLead; industry one of customers::kIndustries; region_code a known division),
// places it (a salesperson's own lead is theirs and in their team; a manager's is unassigned until
// assigned), flags duplicates (FindDuplicates) and stores it with status open.
// With an `idempotency_key` (the caller's; 1 to 200 characters): a retry of the key's earlier create
// with the same draft answers the lead it made (as GetLead does, nothing written); another draft under
// the key is kConflict naming Idempotency-Key (idempotency_key_reused). Two concurrent creates under
// one key create once: the later answers as the retry (sales_store.hpp, ClaimIdempotencyKey).
[[nodiscard]] Result<Lead> CreateLead(Scope& scope, Lead draft,
                                      const std::optional<std::string>& idempotency_key = std::nullopt);
[[nodiscard]] Result<Lead> GetLead(Scope& scope, LeadId id);
// The stored lead, locked, for an edit: kInvalidState naming "status" (reason converted) once converted.
[[nodiscard]] Result<Lead> LoadLeadForEdit(Scope& scope, LeadId id);
// Saves the editable fields of `changed` (the rest is kept from `before`), validated as on create,
// duplicates checked again.
[[nodiscard]] Result<Lead> SaveLead(Scope& scope, const Lead& before, Lead changed);
// One contact value of lead `id`, revealed on purpose (DOMAIN.md §12), as customers::Reveal does for
// accounts: kForbidden without leads.read and pii.view; kTooManyRequests (*retry_after set) over the
// user's reveal limit, counted before the lead is looked at; kNotFound outside the record rule;
// kInvalidArgument naming contact_index for a contact the lead does not have. Writes pii.reveal
// (entity lead: field, contact_index, reason; never the value) in the scope's transaction.
// REQUIRES: a write scope whose transaction is not open yet (the count commits in its own first).
[[nodiscard]] Result<std::string> RevealContact(Scope& scope, LeadId id, size_t contact_index, ContactField field,
                                                const audit::StatedReason& reason, std::chrono::seconds* retry_after);
struct LeadPage {
  std::vector<Lead> items;
  std::optional<int64_t> next_cursor;
};
// `mine` narrows to the caller's own. Newest first.
[[nodiscard]] Result<LeadPage> FindLeads(Scope& scope, LeadQuery query, bool mine);

// Each of these answers the lead after the change.
struct Assignment {
  enum class Mode { kUser, kRoundRobin, kRegion };
  Mode mode = Mode::kUser;
  std::optional<UserId> owner_id;  // kUser: the new owner (active sales, manager or admin user)
  std::optional<TeamId> team_id;   // kRoundRobin: the team whose salespeople take turns
};
// kUser: owner_id must be active staff who may hold leads (owner_id: not_found, not_sales). kRoundRobin:
// the next active salesperson of team_id after the one who got the team's last lead (team_id:
// not_found, no_sales). kRegion: the rule with the longest prefix of the lead's region_code
// (region_code: required, no_rule), then its owner or its team's round robin.
[[nodiscard]] Result<Lead> AssignLead(Scope& scope, LeadId id, const Assignment& assignment);
// Records one condition as checked now by the caller, with the evidence (required). Only while the
// lead is open or disqualified: kInvalidState naming "status" otherwise.
[[nodiscard]] Result<Lead> RecordCheck(Scope& scope, LeadId id, Condition condition, bool met, std::string evidence);
// Scores the ratings with the admin's weights of this moment (Score).
[[nodiscard]] Result<Lead> Evaluate(Scope& scope, LeadId id, const Ratings& ratings);
// The 资质审查 decision, recorded with who, when and why (reason required). Qualifying needs
// CanQualify; an open or disqualified lead may be reviewed (again); a qualified or converted one not.
[[nodiscard]] Result<Lead> Review(Scope& scope, LeadId id, bool qualified, std::string reason);

struct ConvertRequest {
  std::string opportunity_name;  // default: the company's name
  std::optional<int64_t> monthly_volume;    // default: the lead's estimate
  std::optional<Money> monthly_revenue;     // default: the lead's estimated spend
};
struct Conversion {
  Lead lead;
  customers::Customer account;
  Opportunity opportunity;
};
// Only a qualified lead (kInvalidState naming "status", reason not_qualified): creates the account
// through the customers module (maturity potential, the lead's owner and team, its contacts and
// industry; customers' own rules and errors apply) and an opportunity at 寻找大客户, and marks the lead
// converted — all in the scope's one transaction.
[[nodiscard]] Result<Conversion> Convert(Scope& scope, LeadId id, ConvertRequest request);

// --- opportunities -------------------------------------------------------------------------------
// For an existing account the caller may see (account_id: not_found). Starts open at 寻找大客户 with
// its default probability unless `draft.stage` is another open stage. An `idempotency_key` as for
// CreateLead (retries answer as GetOpportunity does).
[[nodiscard]] Result<Opportunity> CreateOpportunity(Scope& scope, Opportunity draft,
                                                    const std::optional<std::string>& idempotency_key = std::nullopt);
[[nodiscard]] Result<Opportunity> GetOpportunity(Scope& scope, OpportunityId id);
[[nodiscard]] Result<Opportunity> LoadOpportunityForEdit(Scope& scope, OpportunityId id);
// Name, volume, revenue, probability of an open opportunity (kInvalidState naming "stage", closed).
[[nodiscard]] Result<Opportunity> SaveOpportunity(Scope& scope, const Opportunity& before, Opportunity changed);
struct OpportunityPage {
  std::vector<Opportunity> items;
  std::optional<int64_t> next_cursor;
};
[[nodiscard]] Result<OpportunityPage> FindOpportunities(Scope& scope, OpportunityQuery query, bool mine);
// CheckStageChange; the probability becomes the new stage's default.
[[nodiscard]] Result<Opportunity> ChangeStage(Scope& scope, OpportunityId id, Stage to);
// CheckWin: stage 维护, outcome won, probability 100, closed now.
[[nodiscard]] Result<Opportunity> MarkWon(Scope& scope, OpportunityId id);
// Winning opens the contract (issue 8 item 3): MarkWon, then contracts::Create drafts the account's
// contract from its industry template, in the same transaction — both or neither. The caller needs
// contracts.create too (kForbidden otherwise, nothing written).
struct Win {
  Opportunity opportunity;
  int64_t contract_id = 0;
};
[[nodiscard]] Result<Win> WinAndDraftContract(Scope& scope, OpportunityId id);
// CheckLoss: outcome lost with the reason and a note, probability 0, closed now.
[[nodiscard]] Result<Opportunity> MarkLost(Scope& scope, OpportunityId id, std::string reason, std::string note);

// --- the pipeline report (sales_report.hpp) -------------------------------------------------------
struct ReportFilter {
  std::optional<int64_t> owner_id;
  std::optional<int64_t> team_id;
  std::optional<Date> from;  // created on or after this day, in Asia/Shanghai (kDefaultTimeZone)
  std::optional<Date> to;    // created on or before this day, the same
};
// Requires opportunities.read. Covers what the caller may see: everything for admins and managers;
// for a salesperson their own, their team's and the unassigned pool (the filters narrow further, never
// widen). Dates bound leads' and opportunities' own creation times. kInvalidArgument naming "to"
// (before_from) when `to` is before `from`.
[[nodiscard]] Result<PipelineReport> GetPipelineReport(Scope& scope, const ReportFilter& filter);

// --- settings ------------------------------------------------------------------------------------
[[nodiscard]] Result<Weights> GetWeights(Scope& scope);
[[nodiscard]] Result<Weights> SetWeights(Scope& scope, const Weights& weights);
[[nodiscard]] Result<std::vector<RegionRule>> GetRegionRules(Scope& scope);
// Replaces every rule: prefixes of 2, 4 or 6 digits, each once, each naming an owner or a team that
// exists (rules[i].region_prefix / owner_id / team_id).
[[nodiscard]] Result<std::vector<RegionRule>> SetRegionRules(Scope& scope, const std::vector<RegionRule>& rules);

}  // namespace consign::sales
