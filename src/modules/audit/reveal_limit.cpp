#include "modules/audit/reveal_limit.hpp"

namespace consign::audit {

RevealWindow AddAttempt(std::optional<RevealWindow> current, Instant now, std::chrono::seconds window) {
  // A clock that went back (another node's, a little behind) counts in the current window.
  if (!current || now >= current->start + window) return RevealWindow{now, 1};
  return RevealWindow{current->start, current->count + 1};
}

std::chrono::seconds RetryAfter(const RevealWindow& counted, Instant now, std::chrono::seconds window) {
  const auto left = counted.start + window - now;
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(left);
  return seconds < std::chrono::seconds(1) ? std::chrono::seconds(1) : seconds;
}

}  // namespace consign::audit
