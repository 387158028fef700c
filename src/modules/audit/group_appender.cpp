#include "modules/audit/group_appender.hpp"

#include <spdlog/spdlog.h>

namespace consign::audit {

// Requests wait for Append while holding a connection: the writer takes its own from the background pool.
GroupAppender::GroupAppender(db::Database& database)
    : database_(database.Background()), writer_([this] { Run(); }) {}

GroupAppender::~GroupAppender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

Status GroupAppender::Append(AuditEntry entry) {
  std::future<Status> done;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return MakeError(ErrorCode::kUnavailable, "The server is shutting down.");
    Pending& pending = queue_.emplace_back(Pending{std::move(entry), {}});
    done = pending.done.get_future();
  }
  wake_.notify_one();
  return done.get();
}

void GroupAppender::Run() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      // Everything that queued while the previous batch was committing goes in this one.
      batch.swap(queue_);
    }
    Status result = Ok();
    try {
      auto tx = database_.Begin(db::TxMode::kWrite);
      const AuditLog log;
      for (Pending& p : batch) {
        if (Status s = log.Record(*tx, p.entry); !s) {
          result = s;
          break;
        }
      }
      if (result) tx->Commit();
    } catch (const std::exception& e) {
      spdlog::error("audit: a batch of {} entries could not be written: {}", batch.size(), e.what());
      result = MakeError(ErrorCode::kUnavailable, "The audit trail cannot be written; try again.");
    }
    for (Pending& p : batch) p.done.set_value(result);
    batch.clear();
  }
}

}  // namespace consign::audit
