#pragma once
// Time vocabulary. Instants are UTC microseconds; domain code receives a Clock and never reads the
// system clock itself, so tests can fix or advance time.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consign {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

inline int64_t ToMicros(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromMicros(int64_t us) { return Instant{std::chrono::microseconds{us}}; }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that stands still until told to move. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_us_(ToMicros(start)) {}
  Instant Now() const override { return FromMicros(now_us_.load()); }
  void Set(Instant t) { now_us_.store(ToMicros(t)); }
  void Advance(std::chrono::microseconds d) { now_us_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> now_us_;
};

// RFC 3339 in UTC with a 'Z', microseconds shown only when non-zero: 2026-11-22T08:00:00Z.
std::string FormatRfc3339(Instant t);
// Accepts 'Z' or a numeric offset, optional fraction; also PostgreSQL's text form
// "2026-11-22 08:00:00.123+00". Returns nullopt on anything else.
std::optional<Instant> ParseRfc3339(std::string_view text);

// Where the time zone default of accounts lives (DESIGN.md: shown in Asia/Shanghai unless set).
inline constexpr std::string_view kDefaultTimeZone = "Asia/Shanghai";
// The instant the calendar month holding `t` began in `time_zone` (an IANA name from the system
// tzdata): StartOfMonth(2026-11-30T17:00:00Z, "Asia/Shanghai") is 2026-11-30T16:00:00Z, since it is
// already 1 December in Shanghai. Nullopt for a zone the tzdata does not know.
std::optional<Instant> StartOfMonth(Instant t, std::string_view time_zone);

// The calendar day holding `t` in `time_zone`: its date there and the instants it began and ends
// (the next day's start; [start, end) is the day). DayAt(2026-11-22T17:00:00Z, "Asia/Shanghai") is
// 2026-11-23, from 2026-11-22T16:00:00Z to 2026-11-23T16:00:00Z. Nullopt for a zone the tzdata
// does not know.
struct LocalDay {
  std::chrono::year_month_day date;
  Instant start;
  Instant end;
};
std::optional<LocalDay> DayAt(Instant t, std::string_view time_zone);

}  // namespace consign
