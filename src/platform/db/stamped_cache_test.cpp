#include "platform/db/stamped_cache.hpp"

#include <gtest/gtest.h>

namespace consign::db {
namespace {

struct Stamp {
  int64_t version = 0;
  std::string brand;
  bool operator==(const Stamp&) const = default;
};

TEST(StampedCache, ServesAnAnswerOnlyForTheStampItWasMadeOf) {
  StampedCache<Stamp> cache;
  EXPECT_FALSE(cache.Find(7, {1, ""}));
  cache.Keep(7, {1, ""}, "v1");
  EXPECT_EQ(cache.Find(7, {1, ""}), "v1");
  EXPECT_FALSE(cache.Find(7, {2, ""}));       // the version moved
  EXPECT_FALSE(cache.Find(7, {1, "#fff"}));   // something outside the versioned row moved
  EXPECT_FALSE(cache.Find(8, {1, ""}));       // another key
  cache.Keep(7, {2, ""}, "v2");
  EXPECT_EQ(cache.Find(7, {2, ""}), "v2");
  EXPECT_FALSE(cache.Find(7, {1, ""}));       // the older answer is gone, not kept beside
}

TEST(StampedCache, AFullShardIsEmptiedNotOverflowed) {
  StampedCache<Stamp> cache(16);  // one entry a shard
  cache.Keep(1, {1, ""}, "a");
  cache.Keep(17, {1, ""}, "b");  // the same shard as 1
  EXPECT_FALSE(cache.Find(1, {1, ""}));
  EXPECT_EQ(cache.Find(17, {1, ""}), "b");
  cache.Keep(17, {2, ""}, "c");  // replacing a key never empties its shard
  EXPECT_EQ(cache.Find(17, {2, ""}), "c");
}

}  // namespace
}  // namespace consign::db
