#include "modules/audit/reveal_reason.hpp"

#include "core/text.hpp"

namespace consign::audit {

std::string_view ReasonCode(RevealReason reason) { return kRevealReasonCodes[static_cast<size_t>(reason)]; }

std::string StatedReason::Describe() const {
  std::string out(ReasonCode(reason));
  if (!text.empty()) out += ": " + text;
  return out;
}

Result<StatedReason> ParseReason(std::optional<std::string_view> code, std::optional<std::string_view> text,
                                 std::string_view field, std::string_view text_field) {
  const std::string list = "callback, delivery_problem, claim, customer_request, other";
  if (!code || code->empty())
    return InvalidField(std::string(field), "required", std::string(field) + " is required: one of " + list);
  StatedReason stated;
  bool known = false;
  for (size_t i = 0; i < std::size(kRevealReasonCodes); ++i) {
    if (kRevealReasonCodes[i] != *code) continue;
    stated.reason = static_cast<RevealReason>(i);
    known = true;
  }
  if (!known) return InvalidField(std::string(field), "invalid_enum", std::string(field) + " must be one of: " + list);
  if (text && !text->empty()) {
    if (!text::IsValidUtf8(*text) || text::HasUnsafeCharacters(*text))
      return InvalidField(std::string(text_field), "invalid_characters",
                          std::string(text_field) + " holds control or direction-override characters");
    if (text::CodePointCount(*text) > kMaxReasonText)
      return InvalidField(std::string(text_field), "too_long",
                          std::string(text_field) + " is longer than " + std::to_string(kMaxReasonText) + " characters");
    stated.text = std::string(*text);
  }
  if (stated.reason == RevealReason::kOther && stated.text.empty())
    return InvalidField(std::string(text_field), "required", std::string(text_field) + " is required when reason is other");
  return stated;
}

}  // namespace consign::audit
