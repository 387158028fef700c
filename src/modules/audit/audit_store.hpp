#pragma once
// SQL for audit_log. Internal to the audit module: other modules use audit_log.hpp.
#include <optional>
#include <string>
#include <vector>

#include "modules/audit/audit_chain.hpp"
#include "platform/db/database.hpp"

namespace consign::audit::store {

// Fixed key of the PostgreSQL advisory lock that serialises appends ("audit" in ASCII).
inline constexpr int64_t kAppendLockKey = 0x6175646974;

// Takes the append lock (PostgreSQL; no-op on SQLite) and returns the last entry's (id, hash), or
// nullopt when the trail is empty.
std::optional<std::pair<int64_t, std::string>> LockAndReadTail(db::Transaction& tx);
void Insert(db::Transaction& tx, const ChainEntry& entry);
// Entries with id > after_id in id order, at most `limit`.
std::vector<ChainEntry> ReadAfter(db::Transaction& tx, int64_t after_id, int limit);
// Entries newest first, optionally of one entity kind and one record, with id < before_id.
std::vector<ChainEntry> ReadFor(db::Transaction& tx, std::optional<std::string_view> entity,
                                std::optional<std::string_view> entity_id, int limit, std::optional<int64_t> before_id);

}  // namespace consign::audit::store
