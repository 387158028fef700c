#pragma once
// Worker threads that claim jobs from the database queue (job_queue.hpp) and run their handlers.
// Every node runs one; the database decides which node gets which job.
//
// Thread safety: Register() before Start(); Start(), Stop() and Depth() from any thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::jobs {

struct JobRunnerOptions {
  std::string node_id;                         // unique per process, e.g. "host:pid"
  int workers = 2;
  std::chrono::seconds lease{300};             // longer than any handler should take
  std::chrono::milliseconds idle_poll{1000};   // sleep when the queue had nothing due
};

class JobRunner {
 public:
  // Returns an error to retry the job later (with backoff); the error's internal_message (or
  // public_message) is stored as last_error. Exceptions are treated the same way and logged.
  // Handlers may open their own transactions on the Database they are given; they must be
  // idempotent, since a job whose node dies mid-run runs again.
  using Handler = std::function<Status(const Job&, db::Database&)>;

  JobRunner(db::Database& db, const Clock& clock, JobRunnerOptions options);
  ~JobRunner();  // Stop()s
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // REQUIRES: before Start().
  void Register(std::string kind, Handler handler);
  void Start();
  // Wakes idle workers, lets running handlers finish, joins the threads. Idempotent.
  void Stop();
  // Wakes idle workers now (after enqueueing something urgent, in tests).
  void Poke();

  // Jobs queued or running, for /metrics.
  int64_t Depth() const { return jobs::Depth(db_); }
  int64_t Completed() const { return completed_.load(); }
  int64_t Failed() const { return failed_.load(); }

 private:
  void Work();
  // Runs one claimed batch; returns false when nothing was due.
  bool RunOnce();
  void RunJob(const Job& job);

  db::Database& db_;
  const Clock& clock_;
  const JobRunnerOptions options_;
  std::map<std::string, Handler> handlers_;  // written only before Start()
  std::vector<std::string> kinds_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  int64_t pokes_ = 0;      // GUARDED_BY(mu_)
  std::atomic<int64_t> completed_{0};
  std::atomic<int64_t> failed_{0};
};

}  // namespace consign::jobs
