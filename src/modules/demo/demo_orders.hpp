#pragma once
// `consign demo` part four: two years of orders (订单) for the demo's accounts, with an express
// company's rhythm — fewer on weekends, a trough at the Spring Festival, peaks at 618 and Double-11
// (双十一) — on lanes between real cities (from each account's home city to the cities parcels go to),
// priced with each account's card in force (its 协议价, else the 公布价) and allocated to the demo's
// carriers by the single-order rule. Past days' orders are picked up; today's are allocated and take
// their carriers' capacity today (what GET /api/v1/carrier-load shows). Written
// through the orders module's historic insert (no audit entries: nobody took these orders here).
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/clock.hpp"
#include "platform/db/database.hpp"

namespace consign::demo {

struct OrdersSummary {
  int64_t orders = 0;
  int64_t days = 0;
  int64_t peak_day_orders = 0;  // Double-11
};

// About `per_day` orders on an ordinary weekday, for `days` days up to today (China), over `accounts`.
// Deterministic for the same accounts, seed and day. Needs the carriers loaded first (none: every order
// is left pending).
OrdersSummary LoadDemoOrders(db::Database& database, const Clock& clock, const std::vector<int64_t>& accounts,
                             int64_t per_day, int64_t days, uint64_t seed, std::ostream& out);

// The day's volume factor, in percent of an ordinary weekday (pure, tested): weekday 100, Saturday 70,
// Sunday 50; the Spring Festival fortnight 40; June 18 (618) 250 and the days before it 150;
// November 11 (双十一) 400, November 10 and 12–13 200; December 110.
int DayFactorPercent(std::chrono::year_month_day day);

}  // namespace consign::demo
