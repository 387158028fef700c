#pragma once
// Audit entries that stand alone — above all, every unmasked view of personal data — appended for
// many requests in one transaction: concurrent views share one durable commit instead of queueing
// for the database's single writer one by one. Append returns only once its entry is committed, so
// a view is never shown without its entry in the trail.
//
// Entries that belong to a change (create, update) are NOT for this: they go into the change's own
// transaction with AuditLog::Record, so that both commit or neither does.
//
// Thread-safe. One background thread writes; the destructor finishes what is queued.
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "platform/db/database.hpp"

namespace consign::audit {

class GroupAppender {
 public:
  explicit GroupAppender(db::Database& database);
  ~GroupAppender();
  GroupAppender(const GroupAppender&) = delete;
  GroupAppender& operator=(const GroupAppender&) = delete;

  // Blocks until `entry` is committed (Ok) or its transaction failed (kUnavailable: nothing of the
  // batch was written). REQUIRES: the calling thread holds no write transaction on the same database
  // (the writer would wait for it forever).
  [[nodiscard]] Status Append(AuditEntry entry);

 private:
  struct Pending {
    AuditEntry entry;
    std::promise<Status> done;
  };
  void Run();

  db::Database& database_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace consign::audit
