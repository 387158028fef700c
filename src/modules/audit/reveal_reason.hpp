#pragma once
// Why someone looks at personal data unmasked (DOMAIN.md §12, PIPL's minimum-necessary rule): one of
// a short list, "other" with a text. Every reveal of one field and every unmasked export states one,
// and the audit trail keeps it. Pure: no database, no HTTP.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace consign::audit {

enum class RevealReason { kCallback, kDeliveryProblem, kClaim, kCustomerRequest, kOther };

inline constexpr std::string_view kRevealReasonCodes[] = {"callback", "delivery_problem", "claim",
                                                          "customer_request", "other"};
inline constexpr size_t kMaxReasonText = 200;  // characters (code points)

std::string_view ReasonCode(RevealReason reason);

struct StatedReason {
  RevealReason reason = RevealReason::kOther;
  std::string text;  // required for kOther (1..kMaxReasonText characters), optional otherwise

  // "callback" or "other: customer asked by letter", as the audit trail shows it.
  std::string Describe() const;
};

// Parses a reason as a client states it. Errors name `field` ("reason") for an unknown or missing
// code and `text_field` ("reason_text") for a missing text with "other", a text too long, or one with
// control or bidirectional-override characters.
Result<StatedReason> ParseReason(std::optional<std::string_view> code, std::optional<std::string_view> text,
                                 std::string_view field = "reason", std::string_view text_field = "reason_text");

}  // namespace consign::audit
