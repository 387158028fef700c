#include "modules/audit/audit_log.hpp"

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_store.hpp"

namespace consign::audit {

Status AuditLog::Record(db::Transaction& tx, const AuditEntry& entry) const {
  if (entry.action.empty()) return InvalidField("action", "required", "an audit entry needs an action");
  if (entry.entity.empty()) return InvalidField("entity", "required", "an audit entry needs an entity");
  const auto tail = store::LockAndReadTail(tx);
  ChainEntry e;
  e.id = tail ? tail->first + 1 : 1;
  e.at = entry.at;
  if (entry.actor.authenticated && entry.actor.user_id.value() > 0) e.actor_user_id = entry.actor.user_id.value();
  e.actor_login = entry.actor.login;
  e.action = entry.action;
  e.entity = entry.entity;
  e.entity_id = entry.entity_id;
  e.before_json = entry.before_json;
  e.after_json = entry.after_json;
  e.request_id = entry.request_id;
  e.prev_hash = tail ? tail->second : std::string(kGenesisHash);
  e.hash = ComputeHash(e);
  store::Insert(tx, e);
  return Ok();
}

Result<VerifyReport> VerifyChain(db::Database& database) {
  constexpr int kBatch = 1000;
  // One read transaction: a consistent snapshot even while the server keeps appending.
  auto tx = database.Begin(db::TxMode::kRead);
  VerifyReport report;
  std::optional<ChainEntry> previous;
  int64_t after_id = 0;
  for (;;) {
    std::vector<ChainEntry> batch = store::ReadAfter(*tx, after_id, kBatch);
    for (ChainEntry& entry : batch) {
      if (auto broken = CheckLink(previous ? &*previous : nullptr, entry)) {
        report.broken_id = entry.id;
        report.reason = std::string(BreakReasonText(*broken));
        tx->Rollback();
        return report;
      }
      ++report.entries;
      after_id = entry.id;
      previous = std::move(entry);
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
  }
  tx->Rollback();
  return report;
}

Result<std::vector<AuditEntryView>> ListFor(db::Transaction& tx, std::string_view entity, std::string_view entity_id,
                                            int limit, std::optional<int64_t> before_id) {
  return List(tx, entity, entity_id, limit, before_id);
}

Result<std::vector<AuditEntryView>> List(db::Transaction& tx, std::optional<std::string_view> entity,
                                         std::optional<std::string_view> entity_id, int limit,
                                         std::optional<int64_t> before_id) {
  if (limit < 1 || limit > 500) return InvalidField("limit", "out_of_range", "limit must be between 1 and 500");
  return store::ReadFor(tx, entity, entity_id, limit, before_id);
}

}  // namespace consign::audit
