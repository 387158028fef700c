#include "modules/customers/answer_cache.hpp"

namespace consign::customers {

namespace {
bool SameOwner(const std::optional<OwnerView>& a, const std::optional<OwnerView>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->id == b->id && a->login == b->login && a->name == b->name);
}
bool SameBrand(const std::optional<StoredBrand>& a, const std::optional<StoredBrand>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->primary_color == b->primary_color && a->logo_type == b->logo_type &&
                a->logo_sha256 == b->logo_sha256 && a->logo_bytes == b->logo_bytes && a->updated_at == b->updated_at);
}
}  // namespace

bool SameStamp(const AnswerStamp& a, const AnswerStamp& b) {
  return a.version == b.version && a.created_at == b.created_at && SameOwner(a.owner, b.owner) &&
         SameBrand(a.brand, b.brand);
}

AnswerCache::AnswerCache(size_t capacity) : per_shard_(std::max<size_t>(1, capacity / 16)) {}

std::optional<std::string> AnswerCache::Find(int64_t id, AccountView view, const AnswerStamp& now) const {
  const int64_t key = Key(id, view);
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  const auto it = shard.entries.find(key);
  if (it == shard.entries.end() || !SameStamp(it->second.stamp, now)) return std::nullopt;
  return it->second.body;
}

void AnswerCache::Keep(int64_t id, AccountView view, AnswerStamp made_of, std::string body) {
  const int64_t key = Key(id, view);
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(key)) shard.entries.clear();
  shard.entries.insert_or_assign(key, Entry{std::move(made_of), std::move(body)});
}

}  // namespace consign::customers
