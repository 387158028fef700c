#pragma once
// The hash chains of the audit trail, as pure functions (no database), so tampering rules are unit
// tested on their own.
//
// The trail is several chains (audit_heads holds one row per chain: its last seq and hash). Each
// entry belongs to one chain at one position `seq` (consecutive from 1 within the chain: a missing
// one is a gap) and carries prev_hash (the hash of the entry before it in the same chain;
// kGenesisHash for the first) and hash = SHA-256 of CanonicalForm(entry), which covers every stored
// field but `hash` itself — id, chain, seq and prev_hash included — so editing, deleting or
// reordering any entry breaks its chain at that entry.
//
// Entries written before the chains existed have format 1: they are the start of chain 0, with
// seq == id, and their hash covers the fields of that time (no chain, no seq).
//
// Cutting entries off the *end* of a chain leaves a valid shorter chain; ChainVerifier catches it by
// comparing each chain with its head (kept in the database, updated with every append) and with an
// anchor (a copy of the heads kept outside the database, see audit_log.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace consign::audit {

// 64 hex zeros: the prev_hash of the first entry of every chain.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// One row of audit_log exactly as stored.
struct ChainEntry {
  int64_t id = 0;
  int64_t chain = 0;
  int64_t seq = 0;   // position in the chain, from 1
  int format = 2;    // 1: written before the chains existed (see above)
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

// The last position of one chain: from audit_heads, or from an anchor.
struct ChainHead {
  int64_t chain = 0;
  int64_t seq = 0;  // 0: the chain is empty
  std::string hash;  // kGenesisHash when empty
  bool operator==(const ChainHead&) const = default;
};

// An unambiguous serialisation of every field but `hash`: a version line, then one line per field,
// "name=null" or "name=<byte length>:<bytes>", so no choice of field contents can make two
// different entries serialise alike. The fields and version line depend on entry.format.
std::string CanonicalForm(const ChainEntry& entry);

// Lower-case hex SHA-256 (libsodium crypto_hash_sha256) of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// SHA-256 of CanonicalForm(entry), lower-case hex.
std::string ComputeHash(const ChainEntry& entry);

enum class BreakReason { kGap, kPrevHashMismatch, kHashMismatch, kHeadMismatch, kAnchorMismatch };
// "gap", "prev_hash mismatch", "hash mismatch", "differs from its chain head", "differs from the anchor"
std::string_view BreakReasonText(BreakReason reason);

// Checks `entry` as the successor of `previous` in the same chain (nullptr: entry must be the first
// of its chain, seq 1 with the genesis prev_hash). Returns why the chain breaks at `entry`, or
// nullopt when it holds.
std::optional<BreakReason> CheckLink(const ChainEntry* previous, const ChainEntry& entry);

// Entries cut off the end of one chain: positions last_seq+1 .. expected_seq are missing.
struct Truncation {
  int64_t chain = 0;
  int64_t last_seq = 0;                // the last entry present (0: none is left)
  std::optional<int64_t> last_id;      // its id
  int64_t expected_seq = 0;            // where the head or the anchor says the chain reaches
  std::string witness;                 // "head" or "anchor"
};

struct VerifyReport {
  int64_t entries = 0;                  // entries that hold (all of them when intact)
  int64_t chains = 0;                   // chains that hold at least one entry
  std::optional<int64_t> broken_id;     // the first (lowest id) entry that does not hold
  std::string reason;                   // BreakReasonText of it
  std::vector<Truncation> truncations;  // chains shorter than their head or the anchor, by chain
  bool intact() const { return !broken_id.has_value() && truncations.empty(); }
};

// Verifies the whole trail: feed it every entry ordered by (chain, seq), then Finish(). `heads` is
// audit_heads read *before* the entries (so on a live database entries appended meanwhile lie beyond
// their head, which is no fault); `anchor` is the heads recorded outside the database by an earlier
// verification, empty when there is none. A chain is truncated when it ends before its head or its
// anchored position; an entry at a head or anchored position must carry the recorded hash.
class ChainVerifier {
 public:
  ChainVerifier(const std::vector<ChainHead>& heads, const std::vector<ChainHead>& anchor);
  // REQUIRES: entries arrive in (chain, seq) order.
  void Add(const ChainEntry& entry);
  VerifyReport Finish();

 private:
  struct Tail {
    std::optional<ChainEntry> last;  // the last entry that held
    bool broken = false;
  };
  void Break(const ChainEntry& entry, BreakReason reason);

  std::map<int64_t, ChainHead> heads_;
  std::map<int64_t, ChainHead> anchor_;
  std::map<int64_t, Tail> tails_;
  VerifyReport report_;
};

// The anchor file: a version line, then "chain seq hash" per chain, in chain order.
std::string FormatAnchor(const std::vector<ChainHead>& heads);
// nullopt when `text` is not an anchor (wrong version line, malformed line).
std::optional<std::vector<ChainHead>> ParseAnchor(std::string_view text);

// What `consign audit verify` prints: one line when intact, otherwise one line per finding.
std::vector<std::string> ReportLines(const VerifyReport& report);

}  // namespace consign::audit
