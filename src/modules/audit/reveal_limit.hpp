#pragma once
// How many reveals of personal data one user may make (DOMAIN.md §12: staff see only what their work
// needs; a burst of reveals looks like someone collecting data). Counted per user in fixed windows,
// refused attempts included, so hammering on after the limit never opens a new window early.
// Pure: the count lives in the database (audit_service.hpp, CountReveal), the rules here.
#include <chrono>
#include <cstdint>
#include <optional>

#include "core/clock.hpp"

namespace consign::audit {

inline constexpr int64_t kRevealLimit = 30;                   // reveals per user and window
inline constexpr std::chrono::seconds kRevealWindow{10 * 60};  // the window

// One user's attempts in the current window.
struct RevealWindow {
  Instant start{};
  int64_t count = 0;
  bool operator==(const RevealWindow&) const = default;
};

// The window after one more attempt at `now`: `current` counted on, or a new window of one attempt
// when there is none or it is over (`window` after its start).
RevealWindow AddAttempt(std::optional<RevealWindow> current, Instant now, std::chrono::seconds window = kRevealWindow);

// Whether the attempt that made `counted` may reveal: at most `limit` per window.
inline bool Allowed(const RevealWindow& counted, int64_t limit = kRevealLimit) { return counted.count <= limit; }

// Whether it is the attempt that uses up the limit: once per window, the one that raises the alert.
inline bool ReachesLimit(const RevealWindow& counted, int64_t limit = kRevealLimit) { return counted.count == limit; }

// Whole seconds until the window ends (at least 1): the Retry-After of a refused attempt.
std::chrono::seconds RetryAfter(const RevealWindow& counted, Instant now, std::chrono::seconds window = kRevealWindow);

}  // namespace consign::audit
