#include "platform/jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace consign::jobs {

JobRunner::JobRunner(db::Database& db, const Clock& clock, JobRunnerOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {
  if (options_.node_id.empty()) throw std::invalid_argument("JobRunner needs a node_id");
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Register(std::string kind, Handler handler) {
  if (!threads_.empty()) throw std::logic_error("JobRunner::Register after Start");
  kinds_.push_back(kind);
  handlers_[std::move(kind)] = std::move(handler);
}

void JobRunner::Start() {
  if (!threads_.empty() || kinds_.empty()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  for (int i = 0; i < options_.workers; ++i) threads_.emplace_back([this] { Work(); });
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

void JobRunner::Poke() {
  {
    std::lock_guard lock(mu_);
    ++pokes_;
  }
  wake_.notify_all();
}

void JobRunner::Work() {
  for (;;) {
    int64_t pokes_seen;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      pokes_seen = pokes_;
    }
    bool ran = false;
    try {
      ran = RunOnce();
    } catch (const std::exception& e) {
      // The database is unavailable or busy: wait a poll interval and try again.
      spdlog::warn("job runner {}: claiming failed: {}", options_.node_id, e.what());
    }
    if (ran) continue;
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, options_.idle_poll, [&] { return stopping_ || pokes_ != pokes_seen; });
  }
}

bool JobRunner::RunOnce() {
  const auto jobs = Claim(db_, kinds_, options_.node_id, options_.lease, 1, clock_.Now());
  for (const auto& job : jobs) RunJob(job);
  return !jobs.empty();
}

void JobRunner::RunJob(const Job& job) {
  std::string error;
  try {
    const Status status = handlers_.at(job.kind)(job, db_);
    if (!status) error = status.error().internal_message.empty() ? status.error().public_message
                                                                 : status.error().internal_message;
    if (!status && error.empty()) error = std::string(ErrorCodeName(status.error().code));
  } catch (const std::exception& e) {
    error = std::string("exception: ") + e.what();
  }
  if (error.empty()) {
    if (Complete(db_, job.id, options_.node_id)) ++completed_;
    else spdlog::warn("job {} ({}) finished after its lease expired; it may run again", job.id, job.kind);
    return;
  }
  ++failed_;
  spdlog::warn("job {} ({}) attempt {}/{} failed: {}", job.id, job.kind, job.attempts, job.max_attempts, error);
  Fail(db_, job, options_.node_id, error, clock_.Now());
}

}  // namespace consign::jobs
