#pragma once
// The account read's answers (GET /api/v1/customers/{id}), kept per account and view and served again
// while nothing they were made of has changed. Whether it has is read from the database on every
// request, in the request's own transaction (AnswerStamp: one indexed row of the account and its
// brand, and the owner's name), never assumed from this process's own writes: several servers share
// one PostgreSQL, and a write on one must show on the next read of another.
//
// Why it is exact: every write to an account's row, contacts or addresses raises its version in the
// same transaction (UpdateCustomer, SetCustomerStatus); the brand and the owner's name are not the
// account's row, so the stamp holds them whole; created_at tells apart an id used again. Personal data
// is masked in every answer whoever asks (customer.hpp, MaskPersonalData), so an answer depends on the
// caller only through the view (AccountView) and the record rule, which is checked before the cache is
// looked at. A miss costs the full read, as before; a hit saves the account's rows, its JSON and its
// masking (bench/README.md, 2026-12-03 14:30).
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/brand_store.hpp"
#include "modules/customers/customer.hpp"

namespace consign::customers {

// What an answer was made of, besides the account's rows (which its version stands for).
struct AnswerStamp {
  int64_t version = 0;
  Instant created_at{};
  std::optional<OwnerView> owner;
  std::optional<StoredBrand> brand;
};
bool SameStamp(const AnswerStamp& a, const AnswerStamp& b);

class AnswerCache {
 public:
  // At most `capacity` answers (about 2 KiB each); a shard that is full is emptied.
  explicit AnswerCache(size_t capacity = 65'536);

  // The answer kept for this account and view if it was made of exactly `now`.
  std::optional<std::string> Find(int64_t id, AccountView view, const AnswerStamp& now) const;
  void Keep(int64_t id, AccountView view, AnswerStamp made_of, std::string body);

 private:
  struct Entry {
    AnswerStamp stamp;
    std::string body;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<int64_t, Entry> entries;
  };
  static int64_t Key(int64_t id, AccountView view) { return id * 2 + (view == AccountView::kStaff ? 0 : 1); }
  Shard& ShardOf(int64_t key) const { return shards_[static_cast<uint64_t>(key) % shards_.size()]; }

  mutable std::array<Shard, 16> shards_;
  size_t per_shard_;
};

}  // namespace consign::customers
