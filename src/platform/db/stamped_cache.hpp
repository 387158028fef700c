#pragma once
// Answers kept by key and served again while what they were made of is unchanged. The caller reads a
// stamp of that from the database in the request's own transaction (a version, a count, the few values
// that live outside the versioned row) and Find serves a kept answer only when it was made of exactly
// that stamp. Nothing is assumed from this process's own writes: several servers share one
// PostgreSQL, and a write through one must show on the next read through another.
//
// Used by the hot public reads: the account read (customers/answer_cache.hpp) and the public tracking
// page (tracking). Bounded: a shard that is full is emptied, which costs misses, never a wrong answer.
#include <algorithm>
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace consign::db {

template <class Stamp>  // Stamp: copyable, with ==
class StampedCache {
 public:
  explicit StampedCache(size_t capacity = 65'536) : per_shard_(std::max<size_t>(1, capacity / kShards)) {}

  // The answer kept under `key` if it was made of exactly `now`.
  std::optional<std::string> Find(int64_t key, const Stamp& now) const {
    const Shard& shard = ShardOf(key);
    std::lock_guard lock(shard.mutex);
    const auto it = shard.entries.find(key);
    if (it == shard.entries.end() || !(it->second.stamp == now)) return std::nullopt;
    return it->second.body;
  }

  void Keep(int64_t key, Stamp made_of, std::string body) {
    Shard& shard = ShardOf(key);
    std::lock_guard lock(shard.mutex);
    if (shard.entries.size() >= per_shard_ && !shard.entries.contains(key)) shard.entries.clear();
    shard.entries.insert_or_assign(key, Entry{std::move(made_of), std::move(body)});
  }

 private:
  static constexpr size_t kShards = 16;
  struct Entry {
    Stamp stamp;
    std::string body;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<int64_t, Entry> entries;
  };
  Shard& ShardOf(int64_t key) { return shards_[static_cast<uint64_t>(key) % kShards]; }
  const Shard& ShardOf(int64_t key) const { return shards_[static_cast<uint64_t>(key) % kShards]; }

  std::array<Shard, kShards> shards_;
  size_t per_shard_;
};

}  // namespace consign::db
