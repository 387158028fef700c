#pragma once
// Carriers' raw codes to our status (码表). Each carrier sends its own codes; a mapping table per
// carrier turns each into our status, sub-status and the party an incident is down to. A carrier
// without a table of its own uses DefaultMapping(): Kuaidi100's numeric states and sub-states
// (REFERENCE.md) and a few plain words (ARRIVE, DEPART, LOADED, DELIVERED…), which is what most
// Chinese carriers' feeds already speak. Pure.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/tracking/scan.hpp"

namespace consign::tracking {

inline constexpr size_t kMaxCodeRules = 500;  // one carrier's table

struct CodeRule {
  std::string raw_code;  // as the carrier sends it; matched exactly, both sides trimmed of spaces and tabs
  ShipmentStatus status = ShipmentStatus::kInTransit;
  std::string substatus;
  Party party = Party::kNone;
  bool claim = false;  // the code reports a status, not a scan (已装车 from the carrier's system)
};

class CodeMapping {
 public:
  CodeMapping() = default;
  // Keeps the rules with their raw codes trimmed, sorted by raw code. REQUIRES: ValidateMapping(rules).
  explicit CodeMapping(std::vector<CodeRule> rules);

  // The rule for `raw_code`, or none: an unknown code, which the scan's answer names.
  const CodeRule* Find(std::string_view raw_code) const;
  const std::vector<CodeRule>& rules() const { return rules_; }

 private:
  std::vector<CodeRule> rules_;  // sorted by raw_code
};

// Each rule checked: a raw code present, at most 40 bytes, used once (after trimming), a sub-status of
// its status; at most kMaxCodeRules of them ("rules", too_many). Fields are named "rules[i].raw_code"
// etc. An empty table is valid: a carrier without one of its own uses DefaultMapping().
Status ValidateMapping(std::span<const CodeRule> rules);

const CodeMapping& DefaultMapping();

}  // namespace consign::tracking
