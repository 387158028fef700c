#pragma once
// A fixed-size pool of backend connections shared by the SQLite and PostgreSQL backends.
// A slot may hold no connection (never opened, or dropped after it broke); the caller of Acquire()
// opens one then, so a lost PostgreSQL connection is replaced on its next use.
//
// Thread safety: all members are thread-safe.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace consign::db {

template <class Connection>
class ConnectionPool {
 public:
  ConnectionPool(int size, std::chrono::milliseconds acquire_timeout)
      : size_(size), acquire_timeout_(acquire_timeout) {
    if (size < 1) throw DbError(DbError::Kind::kUnavailable, "database pool size must be at least 1");
    for (int i = 0; i < size; ++i) idle_.push_back(nullptr);
  }

  // Adds an opened connection to the idle slots (used at start, to fail fast on a bad URL).
  void Seed(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mu_);
    for (auto& slot : idle_) {
      if (!slot) { slot = std::move(connection); return; }
    }
  }

  // Takes a slot; the returned pointer is null when the slot holds no connection yet.
  // Throws DbError(kUnavailable) when no slot frees up within the acquire timeout.
  std::unique_ptr<Connection> Acquire() {
    std::unique_lock lock(mu_);
    if (idle_.empty()) {
      ++waits_;
      if (!freed_.wait_for(lock, acquire_timeout_, [&] { return !idle_.empty(); })) {
        ++timeouts_;
        throw DbError(DbError::Kind::kUnavailable,
                      "no database connection free within " + std::to_string(acquire_timeout_.count()) +
                          " ms (pool of " + std::to_string(size_) + ")");
      }
    }
    // Prefer an open connection so that idle slots without one stay closed.
    auto open = std::find_if(idle_.begin(), idle_.end(), [](const auto& c) { return c != nullptr; });
    if (open != idle_.end()) std::swap(*open, idle_.back());
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  // Returns a slot; pass nullptr to drop a broken connection.
  void Release(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock(mu_);
      idle_.push_back(std::move(connection));
    }
    freed_.notify_one();
  }

  // Calls f(std::unique_ptr<Connection>&) for each idle slot, none of which is handed out meanwhile
  // (the pool's lock is held: keep f short). f may reset the pointer to drop a broken connection.
  template <class F>
  void ForEachIdle(F&& f) {
    std::lock_guard lock(mu_);
    for (auto& connection : idle_) f(connection);
  }

  PoolStats Stats() const {
    std::lock_guard lock(mu_);
    return PoolStats{size_, size_ - static_cast<int>(idle_.size()), waits_, timeouts_};
  }

 private:
  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
  int64_t waits_ = 0;                              // GUARDED_BY(mu_)
  int64_t timeouts_ = 0;                           // GUARDED_BY(mu_)
};

}  // namespace consign::db
