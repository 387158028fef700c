#pragma once
// SQL for audit_log and audit_heads. Internal to the audit module: other modules use audit_log.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strong_id.hpp"
#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/audit/reveal_limit.hpp"
#include "platform/db/database.hpp"

namespace consign::audit::store {

// Chains created by migration 2. Later migrations may add chains (rows of audit_heads), never
// remove one.
inline constexpr int64_t kChains = 32;

// Fixed key of the PostgreSQL advisory lock that serialised every append before the chains existed
// ("audit" in ASCII). Nothing takes it now; the benchmark takes it to measure the old behaviour.
inline constexpr int64_t kAppendLockKey = 0x6175646974;

// A chain locked for the caller's transaction, and the id of the entry about to be appended to it.
struct Slot {
  ChainHead head;
  int64_t id = 0;
};

// Locks the head of one chain until `tx` ends and returns it with a fresh entry id.
// PostgreSQL: a chain this transaction already appended to, else the first chain no other
// transaction holds (FOR UPDATE SKIP LOCKED, so it never waits while any chain is free); only when
// every chain is held does it wait, for chain `fallback` (in 0..kChains-1). SQLite: chain 0 (its
// single writer already serialises appends, so more chains would buy nothing).
Slot LockChain(db::Transaction& tx, int64_t fallback);
void Insert(db::Transaction& tx, const ChainEntry& entry);
// Moves the head of entry.chain to `entry` (a trigger refuses any move but one step forward).
void Advance(db::Transaction& tx, const ChainEntry& entry);

std::vector<ChainHead> ReadHeads(db::Transaction& tx);
// Entries after (chain, seq) in (chain, seq) order, at most `limit`.
std::vector<ChainEntry> ReadAfter(db::Transaction& tx, int64_t chain, int64_t seq, int limit);
// Entries newest first, optionally of one entity kind and one record, with id < before_id.
std::vector<ChainEntry> ReadFor(db::Transaction& tx, std::optional<std::string_view> entity,
                                std::optional<std::string_view> entity_id, int limit, std::optional<int64_t> before_id);

// Entries of one record whose action is one of `actions`, newest first, with id < before_id.
std::vector<ChainEntry> ReadActionsFor(db::Transaction& tx, std::string_view entity, std::string_view entity_id,
                                       const std::vector<std::string>& actions, int limit,
                                       std::optional<int64_t> before_id);

// The user's row of reveal_throttle, made when missing (a window at the epoch, 0 attempts) and locked
// until `tx` ends (PostgreSQL; SQLite's one writer serialises anyway).
std::optional<RevealWindow> LockRevealWindow(db::Transaction& tx, UserId user);
void SaveRevealWindow(db::Transaction& tx, UserId user, const RevealWindow& window);

void InsertAlert(db::Transaction& tx, const Alert& alert);
// Alerts newest first, with id < before_id.
std::vector<Alert> ReadAlerts(db::Transaction& tx, int limit, std::optional<int64_t> before_id);

}  // namespace consign::audit::store
