#pragma once
// A per-address limit on the public tracking page (issue 10 item 5): at most `per_minute` look-ups by
// one client address in a calendar minute. In process, so with several nodes each node counts its own
// (behind a balancer spreading one address over N nodes the limit is N times looser: say so in
// operations). Pure but for its mutex; thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace consign::tracking {

class AddressLimiter {
 public:
  explicit AddressLimiter(int per_minute) : per_minute_(per_minute) {}

  // None when the look-up may go ahead (and it is counted); else how long until the next minute.
  // A limit of 0 admits everything.
  std::optional<std::chrono::seconds> Admit(std::string_view address, Instant now);

 private:
  struct Window {
    int64_t minute = 0;
    int count = 0;
  };
  const int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;  // GUARDED_BY(mu_)
};

}  // namespace consign::tracking
