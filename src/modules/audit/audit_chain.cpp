#include "modules/audit/audit_chain.hpp"

#include <sodium.h>

#include <array>
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
  std::string out = "consign-audit-v1\n";
  Field(out, "id", std::to_string(entry.id));
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
  }
  return "hash mismatch";
}

std::optional<BreakReason> CheckLink(const ChainEntry* previous, const ChainEntry& entry) {
  const int64_t expected_id = previous ? previous->id + 1 : 1;
  if (entry.id != expected_id) return BreakReason::kGap;
  const std::string_view expected_prev = previous ? std::string_view(previous->hash) : kGenesisHash;
  if (entry.prev_hash != expected_prev) return BreakReason::kPrevHashMismatch;
  if (entry.hash != ComputeHash(entry)) return BreakReason::kHashMismatch;
  return std::nullopt;
}

}  // namespace consign::audit
