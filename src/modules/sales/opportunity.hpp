#pragma once
// An opportunity (商机): one account's prospect of business, moving through the pipeline
// (pipeline.hpp). Pure.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"
#include "modules/sales/lead.hpp"
#include "modules/sales/pipeline.hpp"

namespace consign::sales {

using OpportunityId = StrongId<class OpportunityIdTag>;

struct Opportunity {
  OpportunityId id{};
  std::string name;
  CustomerId account_id{};
  std::optional<LeadId> lead_id;  // when it came from converting a lead
  std::optional<UserId> owner_id;
  std::optional<TeamId> team_id;
  Stage stage = Stage::kProspecting;
  Outcome outcome = Outcome::kOpen;
  int64_t probability = DefaultProbability(Stage::kProspecting);  // percent
  std::optional<int64_t> monthly_volume;   // expected shipments a month
  std::optional<Money> monthly_revenue;    // expected revenue a month
  std::string lost_reason;  // one of kLostReasons once lost
  std::string lost_note;
  std::optional<Instant> closed_at;
  Instant created_at{};
  Instant updated_at{};
};

inline constexpr size_t kMaxOpportunityNameChars = 200;

// Name required, volume and revenue not negative (revenue in CNY), probability 0–100: every problem
// at once, naming its field.
[[nodiscard]] Status ValidateOpportunity(const Opportunity& o);

}  // namespace consign::sales
