#include "modules/audit/audit_log.hpp"

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace consign::audit {

namespace {

Error AnchorError(const std::string& path, const std::string& what) {
  return MakeError(ErrorCode::kUnavailable, "audit anchor " + path + ": " + what);
}

// The anchor's heads; none when the file does not exist yet.
Result<std::vector<ChainHead>> ReadAnchor(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::vector<ChainHead>{};
    return AnchorError(path, "cannot be read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto heads = ParseAnchor(text.str());
  if (!heads) return AnchorError(path, "is not an audit anchor (consign-audit-anchor-v1)");
  return *heads;
}

// Replaces the file atomically and durably: a crash leaves the old anchor or the new one.
Status WriteAnchor(const std::string& path, const std::vector<ChainHead>& heads) {
  const std::string text = FormatAnchor(heads);
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return AnchorError(path, std::string("cannot be written: ") + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return AnchorError(path, std::string("cannot be written: ") + std::strerror(errno));
  }
  return Ok();
}

}  // namespace

Status AuditLog::Record(db::Transaction& tx, const AuditEntry& entry) const {
  if (entry.action.empty()) return InvalidField("action", "required", "an audit entry needs an action");
  if (entry.entity.empty()) return InvalidField("entity", "required", "an audit entry needs an entity");
  // Only when every chain is busy does an append wait; then records spread over the chains.
  const auto fallback =
      static_cast<int64_t>(std::hash<std::string>{}(entry.entity + '\x1f' + entry.entity_id) % store::kChains);
  const store::Slot slot = store::LockChain(tx, fallback);
  ChainEntry e;
  e.id = slot.id;
  e.chain = slot.head.chain;
  e.seq = slot.head.seq + 1;
  e.format = 2;
  e.at = entry.at;
  if (entry.actor.authenticated && entry.actor.user_id.value() > 0) e.actor_user_id = entry.actor.user_id.value();
  e.actor_login = entry.actor.login;
  e.action = entry.action;
  e.entity = entry.entity;
  e.entity_id = entry.entity_id;
  e.before_json = entry.before_json;
  e.after_json = entry.after_json;
  e.request_id = entry.request_id;
  e.prev_hash = slot.head.hash;
  e.hash = ComputeHash(e);
  store::Insert(tx, e);
  store::Advance(tx, e);
  return Ok();
}

Result<VerifyReport> VerifyChain(db::Database& database) { return VerifyChain(database, VerifyOptions{}); }

Result<VerifyReport> VerifyChain(db::Database& database, const VerifyOptions& options) {
  constexpr int kBatch = 1000;
  std::vector<ChainHead> anchor;
  if (!options.anchor_path.empty()) {
    Result<std::vector<ChainHead>> read = ReadAnchor(options.anchor_path);
    if (!read) return read.error();
    anchor = std::move(*read);
  }
  auto tx = database.Begin(db::TxMode::kRead);
  // The heads first: on PostgreSQL (READ COMMITTED) each statement sees later commits, and an entry
  // is committed with its head, so every entry up to a head read now is visible to the walk below.
  const std::vector<ChainHead> heads = store::ReadHeads(*tx);
  ChainVerifier verifier(heads, anchor);
  int64_t after_chain = -1, after_seq = 0;
  for (;;) {
    std::vector<ChainEntry> batch = store::ReadAfter(*tx, after_chain, after_seq, kBatch);
    for (const ChainEntry& entry : batch) verifier.Add(entry);
    if (static_cast<int>(batch.size()) < kBatch) break;
    after_chain = batch.back().chain;
    after_seq = batch.back().seq;
  }
  tx->Rollback();
  VerifyReport report = verifier.Finish();
  // Only an intact trail moves the anchor: after a finding, the old anchor stays as evidence.
  if (!options.anchor_path.empty() && report.intact()) CONSIGN_TRY(WriteAnchor(options.anchor_path, heads));
  return report;
}

Result<std::vector<AuditEntryView>> ListFor(db::Transaction& tx, std::string_view entity, std::string_view entity_id,
                                            int limit, std::optional<int64_t> before_id) {
  return List(tx, entity, entity_id, limit, before_id);
}

Result<std::vector<AuditEntryView>> ListActionsFor(db::Transaction& tx, std::string_view entity,
                                                   std::string_view entity_id, const std::vector<std::string>& actions,
                                                   int limit, std::optional<int64_t> before_id) {
  if (limit < 1 || limit > 500) return InvalidField("limit", "out_of_range", "limit must be between 1 and 500");
  return store::ReadActionsFor(tx, entity, entity_id, actions, limit, before_id);
}

Result<std::vector<AuditEntryView>> List(db::Transaction& tx, std::optional<std::string_view> entity,
                                         std::optional<std::string_view> entity_id, int limit,
                                         std::optional<int64_t> before_id) {
  if (limit < 1 || limit > 500) return InvalidField("limit", "out_of_range", "limit must be between 1 and 500");
  return store::ReadFor(tx, entity, entity_id, limit, before_id);
}

}  // namespace consign::audit
