#include "modules/audit/audit_chain.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace consign::audit {
namespace {

// `n` entries of one chain. Format 2 ids are spaced out (other chains take the ids between);
// format 1 entries are the pre-chain trail: chain 0, id = seq.
std::vector<ChainEntry> Chain(int n, int64_t chain_no = 0, int format = 2) {
  std::vector<ChainEntry> chain;
  for (int i = 1; i <= n; ++i) {
    ChainEntry e;
    e.format = format;
    e.chain = chain_no;
    e.seq = i;
    e.id = format == 1 ? i : i * 10 + chain_no;
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

TEST(AuditChain, FirstEntryMustBeSeqOneWithGenesisPrevHash) {
  auto chain = Chain(1);
  EXPECT_FALSE(CheckLink(nullptr, chain[0]));
  chain[0].prev_hash = std::string(64, 'a');
  chain[0].hash = ComputeHash(chain[0]);
  EXPECT_EQ(CheckLink(nullptr, chain[0]), BreakReason::kPrevHashMismatch);
  auto second = Chain(2)[1];
  EXPECT_EQ(CheckLink(nullptr, second), BreakReason::kGap);  // entry 1 was deleted
}

TEST(AuditChain, PreChainEntriesVerifyAndChainZeroGoesOnFromThem) {
  std::vector<ChainEntry> chain = Chain(3, 0, 1);
  ChainEntry next = Chain(4)[3];  // seq 4 of chain 0, format 2
  next.prev_hash = chain.back().hash;
  next.hash = ComputeHash(next);
  chain.push_back(next);
  EXPECT_EQ(FirstBreak(chain).first, -1);
  EXPECT_NE(CanonicalForm(chain[0]).find("consign-audit-v1\n"), std::string::npos);
  EXPECT_EQ(CanonicalForm(chain[0]).find("seq="), std::string::npos);  // as the entries were hashed then
}

TEST(AuditChain, PreChainEntryMovedOutOfItsPlaceBreaks) {
  auto moved = Chain(3, 0, 1);
  moved[2].seq = 3;
  moved[2].id = 7;  // its hash covers the id: recomputed, so only the position tells
  moved[2].hash = ComputeHash(moved[2]);
  EXPECT_EQ(FirstBreak(moved), std::make_pair(2, std::optional(BreakReason::kHashMismatch)));
  auto relabelled = Chain(3, 0, 2);
  relabelled[2].format = 1;  // a format-2 entry passed off as a pre-chain one
  relabelled[2].hash = ComputeHash(relabelled[2]);
  EXPECT_EQ(FirstBreak(relabelled), std::make_pair(2, std::optional(BreakReason::kHashMismatch)));
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
      {"id", [](ChainEntry& e) { e.id = 9; }, BreakReason::kHashMismatch},
      {"chain", [](ChainEntry& e) { e.chain = 5; }, BreakReason::kHashMismatch},
      {"seq", [](ChainEntry& e) { e.seq = 9; }, BreakReason::kGap},
      {"format", [](ChainEntry& e) { e.format = 3; }, BreakReason::kHashMismatch},
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

// Two chains as VerifyChain reads them: ordered by (chain, seq), ids interleaved.
std::vector<ChainEntry> TwoChains(int first, int second) {
  std::vector<ChainEntry> all = Chain(first, 0);
  for (ChainEntry& e : Chain(second, 1)) all.push_back(e);
  return all;
}

std::vector<ChainHead> HeadsOf(const std::vector<ChainEntry>& entries, int chains) {
  std::vector<ChainHead> heads;
  for (int c = 0; c < chains; ++c) heads.push_back(ChainHead{c, 0, std::string(kGenesisHash)});
  for (const ChainEntry& e : entries) heads[e.chain] = ChainHead{e.chain, e.seq, e.hash};
  return heads;
}

VerifyReport Verify(const std::vector<ChainEntry>& entries, const std::vector<ChainHead>& heads,
                    const std::vector<ChainHead>& anchor = {}) {
  ChainVerifier verifier(heads, anchor);
  for (const ChainEntry& e : entries) verifier.Add(e);
  return verifier.Finish();
}

TEST(ChainVerifier, IntactChainsMatchingTheirHeadsAndAnchorVerify) {
  const auto entries = TwoChains(3, 2);
  const auto heads = HeadsOf(entries, 4);  // chains 2 and 3 are empty
  const VerifyReport report = Verify(entries, heads, heads);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.entries, 5);
  EXPECT_EQ(report.chains, 2);
  EXPECT_EQ(ReportLines(report), std::vector<std::string>{"audit trail intact: 5 entries in 2 chains"});
}

TEST(ChainVerifier, NamesTheLowestAlteredEntryOfAllChains) {
  auto entries = TwoChains(4, 4);
  const auto heads = HeadsOf(entries, 2);
  entries[2].after_json = "{}";  // chain 0 seq 3: id 30
  entries[5].after_json = "{}";  // chain 1 seq 2: id 21, lower
  const VerifyReport report = Verify(entries, heads);
  EXPECT_EQ(report.broken_id, 21);
  EXPECT_EQ(report.reason, "hash mismatch");
  EXPECT_EQ(report.entries, 3);  // chain 0 seq 1-2, chain 1 seq 1
  EXPECT_TRUE(report.truncations.empty());  // a broken chain is not also called short
  EXPECT_EQ(ReportLines(report), std::vector<std::string>{"audit trail broken at entry 21: hash mismatch"});
}

TEST(ChainVerifier, EntriesCutOffTheEndAreShortOfTheHead) {
  auto entries = TwoChains(5, 2);
  const auto heads = HeadsOf(entries, 2);
  entries.erase(entries.begin() + 3, entries.begin() + 5);  // chain 0 loses seq 4 and 5
  const VerifyReport report = Verify(entries, heads);
  EXPECT_FALSE(report.intact());
  EXPECT_FALSE(report.broken_id);
  ASSERT_EQ(report.truncations.size(), 1u);
  EXPECT_EQ(report.truncations[0].chain, 0);
  EXPECT_EQ(report.truncations[0].last_seq, 3);
  EXPECT_EQ(report.truncations[0].last_id, 30);
  EXPECT_EQ(report.truncations[0].expected_seq, 5);
  EXPECT_EQ(report.truncations[0].witness, "head");
  EXPECT_EQ(ReportLines(report),
            std::vector<std::string>{"audit trail cut off at the end of chain 0: 2 entries missing after entry 30 "
                                     "(chain positions 4 to 5; the head records 5)"});
}

TEST(ChainVerifier, AWholeChainCutAwayIsShortOfItsHead) {
  auto entries = TwoChains(2, 3);
  const auto heads = HeadsOf(entries, 2);
  entries.resize(2);
  const VerifyReport report = Verify(entries, heads);
  ASSERT_EQ(report.truncations.size(), 1u);
  EXPECT_EQ(report.truncations[0].chain, 1);
  EXPECT_EQ(report.truncations[0].last_seq, 0);
  EXPECT_FALSE(report.truncations[0].last_id);
}

TEST(ChainVerifier, TheAnchorCatchesACutWhoseHeadWasRewoundToo) {
  auto entries = TwoChains(5, 2);
  const auto anchor = HeadsOf(entries, 2);
  entries.erase(entries.begin() + 3, entries.begin() + 5);
  const auto rewound = HeadsOf(entries, 2);  // the tamperer moved the head back as well
  EXPECT_TRUE(Verify(entries, rewound).intact());  // without the anchor nothing shows
  const VerifyReport report = Verify(entries, rewound, anchor);
  ASSERT_EQ(report.truncations.size(), 1u);
  EXPECT_EQ(report.truncations[0].expected_seq, 5);
  EXPECT_EQ(report.truncations[0].witness, "anchor");
}

TEST(ChainVerifier, ARewrittenLastEntryDiffersFromItsHeadAndAnchor) {
  auto entries = TwoChains(3, 1);
  const auto heads = HeadsOf(entries, 2);
  entries[2].after_json = R"({"name":"forged"})";
  entries[2].hash = ComputeHash(entries[2]);  // nothing after it in its chain to notice
  VerifyReport report = Verify(entries, heads);
  EXPECT_EQ(report.broken_id, 30);
  EXPECT_EQ(report.reason, "differs from its chain head");
  auto rewound = heads;
  rewound[0].hash = entries[2].hash;  // the head forged too: the anchor still knows
  report = Verify(entries, rewound, heads);
  EXPECT_EQ(report.broken_id, 30);
  EXPECT_EQ(report.reason, "differs from the anchor");
}

TEST(ChainVerifier, EntriesAppendedAfterTheHeadsWereReadAreNoFault) {
  const auto entries = TwoChains(3, 2);
  const auto earlier = HeadsOf(std::vector<ChainEntry>(entries.begin(), entries.begin() + 2), 2);
  EXPECT_TRUE(Verify(entries, earlier).intact());
}

TEST(AuditAnchor, RoundTripsAndRejectsWhatIsNotAnAnchor) {
  const auto heads = HeadsOf(TwoChains(2, 1), 3);
  const std::string text = FormatAnchor(heads);
  EXPECT_EQ(text.substr(0, text.find('\n')), "consign-audit-anchor-v1");
  EXPECT_EQ(ParseAnchor(text), heads);
  EXPECT_EQ(ParseAnchor("consign-audit-anchor-v1\n"), std::vector<ChainHead>{});
  EXPECT_FALSE(ParseAnchor(""));
  EXPECT_FALSE(ParseAnchor("something else\n0 1 " + std::string(kGenesisHash) + "\n"));
  EXPECT_FALSE(ParseAnchor("consign-audit-anchor-v1\n0 1 abc\n"));
  EXPECT_FALSE(ParseAnchor("consign-audit-anchor-v1\n-1 1 " + std::string(kGenesisHash) + "\n"));
  EXPECT_FALSE(ParseAnchor("consign-audit-anchor-v1\n0 1 " + std::string(kGenesisHash) + " extra\n"));
}

}  // namespace
}  // namespace consign::audit
