#include "modules/audit/audit_chain.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace consign::audit {
namespace {

std::vector<ChainEntry> Chain(int n) {
  std::vector<ChainEntry> chain;
  for (int i = 1; i <= n; ++i) {
    ChainEntry e;
    e.id = i;
    e.at = FromMicros(1'790'000'000'000'000 + i);
    e.actor_user_id = 7;
    e.actor_login = "li.na";
    e.action = "update";
    e.entity = "customer";
    e.entity_id = std::to_string(100 + i);
    e.before_json = R"({"name":"顺达"})";
    e.after_json = R"({"name":"顺达电子"})";
    e.request_id = "r-" + std::to_string(i);
    e.prev_hash = chain.empty() ? std::string(kGenesisHash) : chain.back().hash;
    e.hash = ComputeHash(e);
    chain.push_back(e);
  }
  return chain;
}

// The index of the first entry CheckLink rejects, and why; -1 when the chain holds.
std::pair<int, std::optional<BreakReason>> FirstBreak(const std::vector<ChainEntry>& chain) {
  for (size_t i = 0; i < chain.size(); ++i) {
    if (auto r = CheckLink(i == 0 ? nullptr : &chain[i - 1], chain[i])) return {static_cast<int>(i), r};
  }
  return {-1, std::nullopt};
}

TEST(AuditChain, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuditChain, IntactChainVerifies) {
  EXPECT_EQ(FirstBreak(Chain(5)).first, -1);
}

TEST(AuditChain, FirstEntryMustBeIdOneWithGenesisPrevHash) {
  auto chain = Chain(1);
  EXPECT_FALSE(CheckLink(nullptr, chain[0]));
  chain[0].prev_hash = std::string(64, 'a');
  chain[0].hash = ComputeHash(chain[0]);
  EXPECT_EQ(CheckLink(nullptr, chain[0]), BreakReason::kPrevHashMismatch);
  auto second = Chain(2)[1];
  EXPECT_EQ(CheckLink(nullptr, second), BreakReason::kGap);  // entry 1 was deleted
}

struct Tamper {
  const char* field;
  std::function<void(ChainEntry&)> edit;
  BreakReason expected;
};

TEST(AuditChain, TamperingAnyFieldBreaksTheChainAtThatEntry) {
  const std::vector<Tamper> cases = {
      {"at", [](ChainEntry& e) { e.at += std::chrono::microseconds(1); }, BreakReason::kHashMismatch},
      {"actor_user_id", [](ChainEntry& e) { e.actor_user_id = 8; }, BreakReason::kHashMismatch},
      {"actor_user_id null", [](ChainEntry& e) { e.actor_user_id.reset(); }, BreakReason::kHashMismatch},
      {"actor_login", [](ChainEntry& e) { e.actor_login = "wang.wei"; }, BreakReason::kHashMismatch},
      {"action", [](ChainEntry& e) { e.action = "create"; }, BreakReason::kHashMismatch},
      {"entity", [](ChainEntry& e) { e.entity = "user"; }, BreakReason::kHashMismatch},
      {"entity_id", [](ChainEntry& e) { e.entity_id = "999"; }, BreakReason::kHashMismatch},
      {"before_json", [](ChainEntry& e) { e.before_json = R"({"name":"x"})"; }, BreakReason::kHashMismatch},
      {"before_json null", [](ChainEntry& e) { e.before_json.reset(); }, BreakReason::kHashMismatch},
      {"after_json", [](ChainEntry& e) { e.after_json = R"({"name":"x"})"; }, BreakReason::kHashMismatch},
      {"request_id", [](ChainEntry& e) { e.request_id = "r-x"; }, BreakReason::kHashMismatch},
      {"hash", [](ChainEntry& e) { e.hash[0] = e.hash[0] == 'a' ? 'b' : 'a'; }, BreakReason::kHashMismatch},
      {"prev_hash", [](ChainEntry& e) { e.prev_hash = std::string(64, 'f'); }, BreakReason::kPrevHashMismatch},
      {"id", [](ChainEntry& e) { e.id = 9; }, BreakReason::kGap},
  };
  for (const Tamper& t : cases) {
    auto chain = Chain(4);
    t.edit(chain[2]);
    auto [index, reason] = FirstBreak(chain);
    EXPECT_EQ(index, 2) << t.field;
    EXPECT_EQ(reason, t.expected) << t.field;
  }
}

TEST(AuditChain, RecomputingTheTamperedHashStillBreaksTheNextEntry) {
  auto chain = Chain(4);
  chain[1].after_json = R"({"name":"forged"})";
  chain[1].hash = ComputeHash(chain[1]);
  auto [index, reason] = FirstBreak(chain);
  EXPECT_EQ(index, 2);
  EXPECT_EQ(reason, BreakReason::kPrevHashMismatch);
}

TEST(AuditChain, DeletedEntryIsAGap) {
  auto chain = Chain(4);
  chain.erase(chain.begin() + 1);
  auto [index, reason] = FirstBreak(chain);
  EXPECT_EQ(index, 1);
  EXPECT_EQ(reason, BreakReason::kGap);
}

TEST(AuditChain, CanonicalFormSeparatesNullFromEmptyAndFieldBoundaries) {
  ChainEntry a = Chain(1)[0];
  ChainEntry b = a;
  b.before_json = "";
  a.before_json.reset();
  EXPECT_NE(CanonicalForm(a), CanonicalForm(b));
  // Moving bytes from one field to the next must change the serialisation.
  ChainEntry c = Chain(1)[0], d = c;
  c.entity = "customer";
  c.entity_id = "12";
  d.entity = "customer1";
  d.entity_id = "2";
  EXPECT_NE(CanonicalForm(c), CanonicalForm(d));
}

}  // namespace
}  // namespace consign::audit
