#pragma once
// The hash chain of the audit trail, as pure functions (no database), so tampering rules are unit
// tested on their own.
//
// Each stored entry carries prev_hash (the hash of the entry before it; kGenesisHash for the first)
// and hash = SHA-256 of CanonicalForm(entry), which covers every stored field but `hash` itself —
// prev_hash included, so editing, deleting or reordering any entry breaks the chain at that entry.
// Ids are consecutive from 1: a missing id is a gap.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace consign::audit {

// 64 hex zeros: the prev_hash of entry 1.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One row of audit_log exactly as stored.
struct ChainEntry {
  int64_t id = 0;
  Instant at{};
  std::optional<int64_t> actor_user_id;
  std::string actor_login;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string request_id;
  std::string prev_hash;  // lower-case hex
  std::string hash;       // lower-case hex
};

// An unambiguous serialisation of every field but `hash`: a version line, then one line per field,
// "name=null" or "name=<byte length>:<bytes>", so no choice of field contents can make two
// different entries serialise alike.
std::string CanonicalForm(const ChainEntry& entry);

// Lower-case hex SHA-256 (libsodium crypto_hash_sha256) of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// SHA-256 of CanonicalForm(entry), lower-case hex.
std::string ComputeHash(const ChainEntry& entry);

enum class BreakReason { kGap, kPrevHashMismatch, kHashMismatch };
std::string_view BreakReasonText(BreakReason reason);  // "gap", "prev_hash mismatch", "hash mismatch"

// Checks `entry` as the successor of `previous` (nullptr: entry must be the first, id 1 with the
// genesis prev_hash). Returns why the chain breaks at `entry`, or nullopt when it holds.
std::optional<BreakReason> CheckLink(const ChainEntry* previous, const ChainEntry& entry);

}  // namespace consign::audit
