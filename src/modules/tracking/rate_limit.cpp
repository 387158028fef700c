#include "modules/tracking/rate_limit.hpp"

namespace consign::tracking {

namespace {

constexpr size_t kMaxAddresses = 100'000;  // past it, the windows of earlier minutes are dropped

}  // namespace

std::optional<std::chrono::seconds> AddressLimiter::Admit(std::string_view address, Instant now) {
  if (per_minute_ <= 0) return std::nullopt;
  const int64_t minute = std::chrono::floor<std::chrono::minutes>(now).time_since_epoch().count();
  std::lock_guard lock(mu_);
  if (windows_.size() > kMaxAddresses)
    std::erase_if(windows_, [minute](const auto& entry) { return entry.second.minute != minute; });
  Window& w = windows_[std::string(address)];
  if (w.minute != minute) w = Window{minute, 0};
  if (w.count >= per_minute_) {
    const auto next = std::chrono::sys_time<std::chrono::minutes>{std::chrono::minutes{minute + 1}};
    return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(next - now));
  }
  ++w.count;
  return std::nullopt;
}

}  // namespace consign::tracking
