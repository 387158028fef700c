#include "modules/sales/pipeline.hpp"

#include <string>

namespace consign::sales {

namespace {

Error StageError(std::string reason, std::string message) {
  Error e{ErrorCode::kInvalidState, message, {}, {}};
  e.fields.push_back({"stage", std::move(reason), std::move(message)});
  return e;
}

}  // namespace

std::string_view StageName(Stage stage) { return kStageNames[static_cast<size_t>(stage)]; }

std::optional<Stage> ParseStage(std::string_view name) {
  for (size_t i = 0; i < kStageNames.size(); ++i)
    if (kStageNames[i] == name) return static_cast<Stage>(i);
  return std::nullopt;
}

std::string_view OutcomeName(Outcome outcome) { return kOutcomeNames[static_cast<size_t>(outcome)]; }

std::optional<Outcome> ParseOutcome(std::string_view name) {
  for (size_t i = 0; i < kOutcomeNames.size(); ++i)
    if (kOutcomeNames[i] == name) return static_cast<Outcome>(i);
  return std::nullopt;
}

Status CheckStageChange(Outcome outcome, Stage from, Stage to) {
  if (outcome != Outcome::kOpen)
    return StageError("closed", "the opportunity is " + std::string(OutcomeName(outcome)) + "; its stage no longer changes");
  if (!StageChangeAllowed(from, to))
    return StageError("forbidden_transition", "the pipeline does not allow " + std::string(StageName(from)) + " → " +
                                                  std::string(StageName(to)) +
                                                  " (forward any number of stages, back one; maintenance only by winning)");
  return Ok();
}

Status CheckWin(Outcome outcome, Stage at) {
  if (outcome != Outcome::kOpen)
    return StageError("closed", "the opportunity is already " + std::string(OutcomeName(outcome)));
  if (at != Stage::kDeal) return StageError("not_at_deal", "an opportunity is won from the deal stage (交易) only");
  return Ok();
}

Status CheckLoss(Outcome outcome, std::string_view reason) {
  if (outcome != Outcome::kOpen)
    return StageError("closed", "the opportunity is already " + std::string(OutcomeName(outcome)));
  if (reason.empty()) return InvalidField("reason", "required", "a lost opportunity needs a reason");
  for (std::string_view r : kLostReasons)
    if (r == reason) return Ok();
  return InvalidField("reason", "invalid_enum", "reason must be one of: price, competitor, service, timing, other");
}

}  // namespace consign::sales
