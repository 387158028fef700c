#pragma once
// The sales pipeline (商机, seed 004's 客户关系建立流程) as a pure state machine.
//
//   prospecting ─► first_contact ─► deeper_talks ─► follow_up ─► deal ══won══► maintenance (won)
//   寻找大客户      意向性接触        进一步沟通        跟进          交易              维护
//        └──────────────┴───────────────┴──────────────┴───────────┴──lost (reason)──► lost
//
// The decisions, written once here:
//   - an open opportunity moves forward by one or more stages (a good first visit may skip 进一步沟通),
//     or back by exactly one (the deal stalls: 交易 → 跟进). Staying put is no change and refused too.
//   - 维护 is reached only by winning, and winning only from 交易: a deal is agreed before it is won.
//   - lost is possible from every open stage and needs a reason (price, competitor, service, timing,
//     other). Won and lost are terminal: no stage change, no second outcome.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace consign::sales {

enum class Stage { kProspecting, kFirstContact, kDeeperTalks, kFollowUp, kDeal, kMaintenance };

struct StageInfo {
  Stage stage;
  std::string_view name;  // wire and column word
  std::string_view zh;
  std::string_view en;
  int64_t probability;  // default win probability, percent
};
inline constexpr std::array<StageInfo, 6> kStages = {{
    {Stage::kProspecting, "prospecting", "寻找大客户", "Finding key accounts", 10},
    {Stage::kFirstContact, "first_contact", "意向性接触", "First contact", 20},
    {Stage::kDeeperTalks, "deeper_talks", "进一步沟通", "Deeper talks", 40},
    {Stage::kFollowUp, "follow_up", "跟进", "Follow-up", 60},
    {Stage::kDeal, "deal", "交易", "Deal", 80},
    {Stage::kMaintenance, "maintenance", "维护", "Maintenance", 100},
}};
inline constexpr std::array<std::string_view, 6> kStageNames = {"prospecting", "first_contact", "deeper_talks",
                                                                "follow_up",   "deal",          "maintenance"};
std::string_view StageName(Stage stage);
std::optional<Stage> ParseStage(std::string_view name);
constexpr int64_t DefaultProbability(Stage stage) { return kStages[static_cast<size_t>(stage)].probability; }

enum class Outcome { kOpen, kWon, kLost };
inline constexpr std::array<std::string_view, 3> kOutcomeNames = {"open", "won", "lost"};
std::string_view OutcomeName(Outcome outcome);
std::optional<Outcome> ParseOutcome(std::string_view name);

inline constexpr std::array<std::string_view, 5> kLostReasons = {"price", "competitor", "service", "timing", "other"};

// Whether an open opportunity may move from `from` to `to` (the rules above). Pure and total.
constexpr bool StageChangeAllowed(Stage from, Stage to) {
  const int a = static_cast<int>(from), b = static_cast<int>(to);
  if (from == Stage::kMaintenance || to == Stage::kMaintenance) return false;  // only by winning
  return b > a || b == a - 1;
}
static_assert(StageChangeAllowed(Stage::kProspecting, Stage::kDeal));
static_assert(StageChangeAllowed(Stage::kDeal, Stage::kFollowUp));
static_assert(!StageChangeAllowed(Stage::kDeal, Stage::kDeeperTalks));
static_assert(!StageChangeAllowed(Stage::kDeal, Stage::kMaintenance));

// A stage change checked against the outcome and the rules: kInvalidState naming "stage" — reason
// "closed" for a won or lost opportunity, "forbidden_transition" for a move the pipeline forbids
// (the message names both stages).
[[nodiscard]] Status CheckStageChange(Outcome outcome, Stage from, Stage to);
// Winning: kInvalidState naming "stage" — "closed" when already won or lost, "not_at_deal" unless at 交易.
[[nodiscard]] Status CheckWin(Outcome outcome, Stage at);
// Losing: kInvalidState naming "stage" ("closed") when already won or lost; kInvalidArgument naming
// "reason" (required / invalid_enum) unless one of kLostReasons.
[[nodiscard]] Status CheckLoss(Outcome outcome, std::string_view reason);

}  // namespace consign::sales
