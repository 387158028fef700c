#pragma once
// SQL for the contracts module's tables, both dialects:
//   contracts            one row per contract: its account, state, owner, current version, revision
//   contract_versions    every version's terms (JSON, contract_json.hpp) and the date it takes effect
//   contract_approvals   each approval decision, per submission round
//   contract_rules       the admin's approval rules (one row)
//   contract_notices     what the contracts tell their owners (expiry warnings), once each
// Reads and writes take the caller's transaction; nothing here commits.
#include <optional>
#include <string>
#include <vector>

#include "modules/contracts/contract.hpp"
#include "platform/db/database.hpp"

namespace consign::contracts {

std::vector<db::Migration> Migrations();

struct StoredContract {
  ContractId id{};
  CustomerId customer_id{};
  std::string number;  // HT000012
  State state = State::kDraft;
  UserId owner{};
  std::optional<TeamId> team;  // the account's team when drafted: the sales list's team rule
  UserId created_by{};
  std::optional<UserId> submitted_by;
  int current_version = 1;
  int revision = 1;        // the ETag: every change of the row or of a draft's terms adds one
  int approval_round = 0;  // each submission opens a round; decisions belong to a round
  std::vector<std::string> rejection_reasons;  // of the last rejection, until the next submission
  std::optional<ContractId> renewed_from;
  std::optional<ContractId> renewed_by;
  // An amendment awaiting approval: the version number of the proposed terms (its status proposed).
  std::optional<int> pending_version;
  Instant created_at{};
  Instant updated_at{};
  Terms terms;  // of the current version
  Date effective_from{};
};

// What became of a version: the terms in force (effective, also every earlier one that was), an
// amendment awaiting approval (proposed), or one refused or dropped (rejected, withdrawn).
enum class VersionStatus { kEffective, kProposed, kRejected, kWithdrawn };
std::string_view VersionStatusName(VersionStatus status);

struct StoredVersion {
  int version = 1;
  Date effective_from{};
  Terms terms;
  UserId created_by{};
  Instant created_at{};
  std::string note;
  VersionStatus status = VersionStatus::kEffective;
};

struct StoredApproval {
  int round = 0;
  Approver step = Approver::kManager;
  bool approved = false;
  UserId user_id{};
  std::string login;
  std::string reason;
  Instant decided_at{};
};

struct ContractFilter {
  std::optional<CustomerId> customer_id;
  std::optional<State> state;
  std::optional<UserId> owner_or_creator;  // sales: their own contracts …
  std::optional<TeamId> or_team;           // … and their team's
  bool customer_facing = false;            // portal: only active and expiring
  std::optional<int64_t> cursor;           // ids above
  int limit = 50;                          // reads limit + 1
};

// Inserts the row and version 1; returns the contract with its id and number.
StoredContract InsertContract(db::Transaction& tx, StoredContract contract);
std::optional<StoredContract> LoadContract(db::Transaction& tx, ContractId id, bool for_update);
std::vector<StoredContract> ListContracts(db::Transaction& tx, const ContractFilter& filter);
// Writes the row's changeable columns (state, submitted_by, versions, revision, round, reasons,
// renewal links, updated_at).
void UpdateContract(db::Transaction& tx, const StoredContract& contract);
// A draft's terms change in place (a draft has no history to keep).
void UpdateVersionTerms(db::Transaction& tx, ContractId id, int version, const Terms& terms, Date effective_from);
void InsertVersion(db::Transaction& tx, ContractId id, const StoredVersion& version);
void SetVersionStatus(db::Transaction& tx, ContractId id, int version, VersionStatus status);
std::vector<StoredVersion> ListVersions(db::Transaction& tx, ContractId id);
std::optional<StoredVersion> LoadVersion(db::Transaction& tx, ContractId id, int version);

void InsertApproval(db::Transaction& tx, ContractId id, const StoredApproval& approval);
std::vector<StoredApproval> ListApprovals(db::Transaction& tx, ContractId id);
// Contracts waiting in approval, or with an amendment waiting, oldest first, at most 500.
std::vector<StoredContract> InApproval(db::Transaction& tx);

// Every contract of an account (current terms), locked on PostgreSQL so two activations of the same
// account's contracts cannot both pass the overlap check.
std::vector<Coverage> CoverageOfAccount(db::Transaction& tx, CustomerId customer);

ApprovalRules LoadRules(db::Transaction& tx);
void SaveRules(db::Transaction& tx, const ApprovalRules& rules, UserId by, Instant at);

struct Notice {
  int64_t id = 0;
  ContractId contract_id{};
  std::string kind;  // "expiry_warning"
  std::string about;  // what the notice is about: the end date warned of
  std::string message;
  Instant created_at{};
};
// False when the same (contract, kind, about) was already noticed: a rerun changes nothing.
bool InsertNotice(db::Transaction& tx, UserId user, const Notice& notice);
std::vector<Notice> ListNotices(db::Transaction& tx, UserId user, int limit);

}  // namespace consign::contracts
