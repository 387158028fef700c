#include "modules/audit/audit_chain.hpp"

#include <sodium.h>

#include <array>
#include <set>
#include <sstream>
#include <stdexcept>

namespace consign::audit {

namespace {

void Field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back('=');
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

void OptField(std::string& out, std::string_view name, const std::optional<std::string>& value) {
  if (!value) {
    out.append(name);
    out.append("=null\n");
    return;
  }
  Field(out, name, *value);
}

}  // namespace

std::string CanonicalForm(const ChainEntry& entry) {
  // Format 1 is frozen: entries written before the chains existed must keep verifying.
  std::string out = entry.format == 1 ? "consign-audit-v1\n" : "consign-audit-v2\n";
  Field(out, "id", std::to_string(entry.id));
  if (entry.format != 1) {
    Field(out, "chain", std::to_string(entry.chain));
    Field(out, "seq", std::to_string(entry.seq));
  }
  Field(out, "at_us", std::to_string(ToMicros(entry.at)));
  OptField(out, "actor_user_id",
           entry.actor_user_id ? std::optional<std::string>(std::to_string(*entry.actor_user_id)) : std::nullopt);
  Field(out, "actor_login", entry.actor_login);
  Field(out, "action", entry.action);
  Field(out, "entity", entry.entity);
  Field(out, "entity_id", entry.entity_id);
  OptField(out, "before_json", entry.before_json);
  OptField(out, "after_json", entry.after_json);
  Field(out, "request_id", entry.request_id);
  Field(out, "prev_hash", entry.prev_hash);
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  // sodium_init is idempotent and thread-safe; crypto_hash_sha256 does not strictly need it, but
  // it picks the fastest implementation.
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string ComputeHash(const ChainEntry& entry) { return Sha256Hex(CanonicalForm(entry)); }

std::string_view BreakReasonText(BreakReason reason) {
  switch (reason) {
    case BreakReason::kGap: return "gap";
    case BreakReason::kPrevHashMismatch: return "prev_hash mismatch";
    case BreakReason::kHashMismatch: return "hash mismatch";
    case BreakReason::kHeadMismatch: return "differs from its chain head";
    case BreakReason::kAnchorMismatch: return "differs from the anchor";
  }
  return "hash mismatch";
}

std::optional<BreakReason> CheckLink(const ChainEntry* previous, const ChainEntry& entry) {
  const int64_t expected_seq = previous ? previous->seq + 1 : 1;
  if (entry.seq != expected_seq) return BreakReason::kGap;
  const std::string_view expected_prev = previous ? std::string_view(previous->hash) : kGenesisHash;
  if (entry.prev_hash != expected_prev) return BreakReason::kPrevHashMismatch;
  // A format-1 entry's hash does not cover chain and seq; its position is its id, at the start of
  // chain 0. Anywhere else it was moved (or its format rewritten), which its hash cannot show.
  if (entry.format == 1 && (entry.chain != 0 || entry.seq != entry.id || (previous && previous->format != 1)))
    return BreakReason::kHashMismatch;
  if (entry.format != 1 && entry.format != 2) return BreakReason::kHashMismatch;
  if (entry.hash != ComputeHash(entry)) return BreakReason::kHashMismatch;
  return std::nullopt;
}

ChainVerifier::ChainVerifier(const std::vector<ChainHead>& heads, const std::vector<ChainHead>& anchor) {
  for (const ChainHead& h : heads) heads_[h.chain] = h;
  for (const ChainHead& h : anchor) anchor_[h.chain] = h;
}

void ChainVerifier::Break(const ChainEntry& entry, BreakReason reason) {
  tails_[entry.chain].broken = true;
  if (!report_.broken_id || entry.id < *report_.broken_id) {
    report_.broken_id = entry.id;
    report_.reason = std::string(BreakReasonText(reason));
  }
}

void ChainVerifier::Add(const ChainEntry& entry) {
  Tail& tail = tails_[entry.chain];
  if (tail.broken) return;  // one finding per chain: what follows a break cannot link anyway
  if (auto reason = CheckLink(tail.last ? &*tail.last : nullptr, entry)) return Break(entry, *reason);
  // The entry at a recorded position must be the one recorded: a rewritten last entry (hash
  // recomputed, nothing after it to notice) shows here.
  if (auto h = heads_.find(entry.chain); h != heads_.end() && h->second.seq == entry.seq && h->second.hash != entry.hash)
    return Break(entry, BreakReason::kHeadMismatch);
  if (auto a = anchor_.find(entry.chain); a != anchor_.end() && a->second.seq == entry.seq && a->second.hash != entry.hash)
    return Break(entry, BreakReason::kAnchorMismatch);
  ++report_.entries;
  tail.last = entry;
}

VerifyReport ChainVerifier::Finish() {
  std::set<int64_t> chains;
  for (const auto& [chain, head] : heads_) chains.insert(chain);
  for (const auto& [chain, head] : anchor_) chains.insert(chain);
  for (const auto& [chain, tail] : tails_) chains.insert(chain);
  for (int64_t chain : chains) {
    const Tail& tail = tails_[chain];
    if (tail.last) ++report_.chains;
    if (tail.broken) continue;
    const int64_t last_seq = tail.last ? tail.last->seq : 0;
    Truncation cut{chain, last_seq, tail.last ? std::optional<int64_t>(tail.last->id) : std::nullopt, last_seq, ""};
    if (auto h = heads_.find(chain); h != heads_.end() && h->second.seq > cut.expected_seq) {
      cut.expected_seq = h->second.seq;
      cut.witness = "head";
    }
    // The anchor reaching further than the head too: the head was rewound along with the entries.
    if (auto a = anchor_.find(chain); a != anchor_.end() && a->second.seq > cut.expected_seq) {
      cut.expected_seq = a->second.seq;
      cut.witness = "anchor";
    }
    if (cut.expected_seq > last_seq) report_.truncations.push_back(std::move(cut));
  }
  return std::move(report_);
}

namespace {
constexpr std::string_view kAnchorVersion = "consign-audit-anchor-v1";

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
}  // namespace

std::string FormatAnchor(const std::vector<ChainHead>& heads) {
  std::string out = std::string(kAnchorVersion) + "\n";
  for (const ChainHead& h : heads) out += std::to_string(h.chain) + " " + std::to_string(h.seq) + " " + h.hash + "\n";
  return out;
}

std::optional<std::vector<ChainHead>> ParseAnchor(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line;
  if (!std::getline(in, line) || line != kAnchorVersion) return std::nullopt;
  std::vector<ChainHead> heads;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    ChainHead h;
    std::string rest;
    if (!(fields >> h.chain >> h.seq >> h.hash) || (fields >> rest) || h.chain < 0 || h.seq < 0 || !IsHex64(h.hash))
      return std::nullopt;
    heads.push_back(std::move(h));
  }
  return heads;
}

std::vector<std::string> ReportLines(const VerifyReport& report) {
  std::vector<std::string> lines;
  if (report.intact()) {
    lines.push_back("audit trail intact: " + std::to_string(report.entries) + " entries in " +
                    std::to_string(report.chains) + (report.chains == 1 ? " chain" : " chains"));
    return lines;
  }
  if (report.broken_id)
    lines.push_back("audit trail broken at entry " + std::to_string(*report.broken_id) + ": " + report.reason);
  for (const Truncation& cut : report.truncations) {
    const int64_t missing = cut.expected_seq - cut.last_seq;
    std::string line = "audit trail cut off at the end of chain " + std::to_string(cut.chain) + ": " +
                       std::to_string(missing) + (missing == 1 ? " entry" : " entries") + " missing ";
    line += cut.last_id ? "after entry " + std::to_string(*cut.last_id) : std::string("(none is left)");
    line += " (chain positions " + std::to_string(cut.last_seq + 1) + " to " + std::to_string(cut.expected_seq) +
            "; the " + cut.witness + " records " + std::to_string(cut.expected_seq) + ")";
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace consign::audit
