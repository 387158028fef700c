#include "core/clock.hpp"

#include <date/tz.h>
#include <stdexcept>

#include <charconv>
#include <cstdio>

namespace consign {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

namespace {

// Writes `value` as `width` digits at `out`, zero-padded. REQUIRES: 0 <= value < 10^width.
char* PutDigits(char* out, long long value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

// By hand rather than snprintf: every response carries a few timestamps, and the printf machinery
// cost more than the rest of their formatting (bench/README.md, the read path).
std::string FormatRfc3339(Instant t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  const int year = int(ymd.year());
  char buf[40];
  char* p = buf;
  if (year >= 0 && year <= 9999) {
    p = PutDigits(p, year, 4);
  } else {
    p += std::snprintf(buf, sizeof buf, "%04d", year);
  }
  *p++ = '-';
  p = PutDigits(p, unsigned(ymd.month()), 2);
  *p++ = '-';
  p = PutDigits(p, unsigned(ymd.day()), 2);
  *p++ = 'T';
  p = PutDigits(p, hms.hours().count(), 2);
  *p++ = ':';
  p = PutDigits(p, hms.minutes().count(), 2);
  *p++ = ':';
  p = PutDigits(p, hms.seconds().count(), 2);
  if (const auto micros = hms.subseconds().count(); micros != 0) {
    *p++ = '.';
    p = PutDigits(p, micros, 6);
  }
  *p++ = 'Z';
  return std::string(buf, p);
}

namespace {

bool ReadInt(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return true;
}

}  // namespace

std::optional<Instant> ParseRfc3339(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h, mi, sec;
  if (!ReadInt(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !ReadInt(s, 5, 2, mo) || s[7] != '-' ||
      !ReadInt(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !ReadInt(s, 11, 2, h) ||
      s[13] != ':' || !ReadInt(s, 14, 2, mi) || s[16] != ':' || !ReadInt(s, 17, 2, sec))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  int64_t offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!ReadInt(s, pos + 1, 2, oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size()) {
      if (!ReadInt(s, pos, 2, om)) return std::nullopt;
      pos += 2;
    }
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros} -
                  minutes{offset_minutes};
  return time_point_cast<microseconds>(tp);
}

namespace {

const date::time_zone* FindZone(std::string_view time_zone) {
  try {
    return date::locate_zone(time_zone);
  } catch (const std::runtime_error&) {  // date/tz's way of saying "no such zone"
    return nullptr;
  }
}

}  // namespace

std::optional<Instant> StartOfMonth(Instant t, std::string_view time_zone) {
  const date::time_zone* zone = FindZone(time_zone);
  if (!zone) return std::nullopt;
  const date::local_time<std::chrono::microseconds> local = zone->to_local(t);
  const date::year_month_day day{std::chrono::floor<date::days>(local)};
  const date::local_days first{day.year() / day.month() / 1};
  // Midnight exists on the first of every month in every zone the tzdata has today; `earliest`
  // settles the rare historical midnight that occurred twice.
  return zone->to_sys(first, date::choose::earliest);
}

std::optional<LocalDay> DayAt(Instant t, std::string_view time_zone) {
  const date::time_zone* zone = FindZone(time_zone);
  if (!zone) return std::nullopt;
  const date::local_days day = std::chrono::floor<date::days>(zone->to_local(t));
  // `earliest`, as in StartOfMonth: a midnight that occurred twice starts the day at its first.
  return LocalDay{std::chrono::year_month_day{std::chrono::sys_days{day.time_since_epoch()}},
                  zone->to_sys(day, date::choose::earliest),
                  zone->to_sys(day + date::days{1}, date::choose::earliest)};
}

}  // namespace consign
