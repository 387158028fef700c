#pragma once
// The sales module's SQL: sales_leads, sales_lead_checks, sales_opportunities, sales_score_weights,
// sales_region_rules, sales_round_robin and sales_idempotency. Both dialects side by side in the .cpp.
// Nothing here checks permissions or record rules; sales_service does.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modules/sales/lead.hpp"
#include "modules/sales/opportunity.hpp"
#include "modules/sales/sales_report.hpp"
#include "platform/db/database.hpp"

namespace consign::sales {

std::vector<db::Migration> Migrations();

// --- leads -----------------------------------------------------------------------------------------
// Filters of the lead list; empty/nullopt mean any. The record rule comes as `visible_to_*`.
struct LeadQuery {
  std::optional<LeadStatus> status;
  std::string source;
  std::optional<int64_t> owner_id;
  bool unassigned = false;  // owner_id IS NULL
  std::string q;            // part of the company name
  // Record rule for sales: owner = user, or team = team, or nobody's (the pool).
  std::optional<int64_t> visible_to_user;
  std::optional<int64_t> visible_to_team;
  std::optional<int64_t> after_id;  // pages by id, newest first: ids below this
  int limit = 50;
};

// Returns the new id. REQUIRES: ValidateLead passed.
LeadId InsertLead(db::Transaction& tx, const Lead& lead, UserId created_by);
// Writes every field but the qualification checks (WriteCheck). False when no such lead.
bool UpdateLead(db::Transaction& tx, const Lead& lead);
// With its checks. `for_update` locks the row on PostgreSQL.
std::optional<Lead> LoadLead(db::Transaction& tx, LeadId id, bool for_update = false);
// Newest first, limit + 1 rows (the last tells that another page exists). Checks are not loaded.
std::vector<Lead> ListLeads(db::Transaction& tx, const LeadQuery& query);
void WriteCheck(db::Transaction& tx, LeadId id, Condition condition, const ConditionCheck& check);

// Other leads (not `except`) with this credit code, name or one of these phones; at most 10 of each.
std::vector<DuplicateMatch> FindMatchingLeads(db::Transaction& tx, LeadId except, const std::string& credit_code,
                                              const std::string& company, const std::vector<std::string>& phones);
// Accounts that converted leads with this credit code made (accounts themselves hold no credit code).
std::vector<DuplicateMatch> FindAccountsByCreditCode(db::Transaction& tx, LeadId except, const std::string& credit_code);

// --- opportunities -------------------------------------------------------------------------------
struct OpportunityQuery {
  std::optional<Stage> stage;
  std::optional<Outcome> outcome;
  std::optional<int64_t> owner_id;
  std::optional<int64_t> account_id;
  std::optional<int64_t> visible_to_user;
  std::optional<int64_t> visible_to_team;
  std::optional<int64_t> after_id;
  int limit = 50;
};
OpportunityId InsertOpportunity(db::Transaction& tx, const Opportunity& o);
bool UpdateOpportunity(db::Transaction& tx, const Opportunity& o);
std::optional<Opportunity> LoadOpportunity(db::Transaction& tx, OpportunityId id, bool for_update = false);
std::vector<Opportunity> ListOpportunities(db::Transaction& tx, const OpportunityQuery& query);

// --- Idempotency-Key -------------------------------------------------------------------------------
// A create remembered under a user's Idempotency-Key, one per user, kind and key.
enum class CreateKind { kLead, kOpportunity };
struct IdempotentCreate {
  std::optional<int64_t> resource_id;  // nullopt only inside the transaction that claimed the key
  std::string request_hash;
};
std::optional<IdempotentCreate> FindIdempotentCreate(db::Transaction& tx, UserId user, CreateKind kind,
                                                     std::string_view key);
// Claims the key for a create this transaction is about to make: true when it holds the key now,
// false when another create has it. Rests on the table's primary key, not on a read before: on
// PostgreSQL a claim waits while a concurrent transaction holds the same key, then is false if that
// one committed (FindIdempotentCreate then sees its row) and true if it rolled back. SQLite
// serialises write transactions, so there the read before already tells.
[[nodiscard]] bool ClaimIdempotencyKey(db::Transaction& tx, UserId user, CreateKind kind, std::string_view key,
                                       std::string_view request_hash, Instant at);
// Records the id of the create that claimed the key. REQUIRES: ClaimIdempotencyKey was true in `tx`.
void SetIdempotentResource(db::Transaction& tx, UserId user, CreateKind kind, std::string_view key,
                           int64_t resource_id);

// --- bulk loads (consign demo at benchmark scale) ------------------------------------------------
// Leads and opportunities written as they are, with the ids they carry (numbered after MaxLeadId /
// MaxOpportunityId), in multi-row INSERTs: no validation, no audit entries, no duplicate checks —
// for generated data only. A lead's qualification checks are written with it. Opportunities after
// their leads (they reference them). EndBulkInsert moves PostgreSQL's id sequences past the loaded
// ids; call it once, after the last batch.
int64_t MaxLeadId(db::Transaction& tx);
int64_t MaxOpportunityId(db::Transaction& tx);
void InsertLeadsBulk(db::Transaction& tx, std::span<const Lead> leads, UserId created_by);
void InsertOpportunitiesBulk(db::Transaction& tx, std::span<const Opportunity> opportunities);
void EndBulkInsert(db::Transaction& tx);

// --- the pipeline report --------------------------------------------------------------------------
// What the report covers: each filter narrows leads and opportunities alike (their own owner, team
// and creation time); the record rule comes as `visible_to_*` as for the lists.
struct ReportQuery {
  std::optional<int64_t> owner_id;
  std::optional<int64_t> team_id;
  std::optional<Instant> created_from;    // inclusive
  std::optional<Instant> created_before;  // exclusive
  std::optional<int64_t> visible_to_user;
  std::optional<int64_t> visible_to_team;
};
// The opportunities counted and summed by stage, outcome and loss reason (one GROUP BY; a few dozen
// rows at most, however many opportunities there are).
std::vector<OpportunityGroup> PipelineGroups(db::Transaction& tx, const ReportQuery& query);
// The leads counted by source: all, qualified (status qualified or converted), converted, and won (a
// converted lead whose opportunity is won). Two GROUP BYs (source and status; won by source), merged.
std::vector<SourceGroup> SourceGroups(db::Transaction& tx, const ReportQuery& query);

// --- settings ------------------------------------------------------------------------------------
Weights LoadWeights(db::Transaction& tx);
void SaveWeights(db::Transaction& tx, const Weights& weights);

// A region rule: leads whose region code starts with `region_prefix` go to `owner_id`, or round-robin
// within `team_id` when no owner is named.
struct RegionRule {
  std::string region_prefix;
  std::optional<int64_t> owner_id;
  std::optional<int64_t> team_id;
};
std::vector<RegionRule> LoadRegionRules(db::Transaction& tx);
void ReplaceRegionRules(db::Transaction& tx, const std::vector<RegionRule>& rules);

// The team's member who last got a lead by round robin, and remembering the next one.
std::optional<int64_t> LastRoundRobin(db::Transaction& tx, int64_t team_id);
void RememberRoundRobin(db::Transaction& tx, int64_t team_id, int64_t user_id);

}  // namespace consign::sales
