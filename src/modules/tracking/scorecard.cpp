#include "modules/tracking/scorecard.hpp"

#include <chrono>
#include <cstdio>

namespace consign::tracking {

namespace {

int Bp(int64_t part, int64_t whole) { return whole <= 0 ? 0 : static_cast<int>(part * 10'000 / whole); }

// The Monday (China time) of the week a shipment was picked up in.
std::string WeekOf(Instant t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t + hours(8));
  const weekday wd{day};
  const year_month_day monday{day - days((wd.c_encoding() + 6) % 7)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(monday.year()),
                static_cast<unsigned>(monday.month()), static_cast<unsigned>(monday.day()));
  return text;
}

}  // namespace

Figures FiguresOf(std::span<const ShipmentOutcome> shipments) {
  Figures f;
  double delay_hours = 0;
  int64_t late = 0, stages = 0;
  for (const ShipmentOutcome& s : shipments) {
    ++f.shipments;
    f.damaged += s.damaged ? 1 : 0;
    f.contradicted += s.contradicted ? 1 : 0;
    f.exceptions += s.exceptions;
    if (!s.delivered_at) continue;
    ++f.delivered;
    stages += std::min(s.stages, kExpectedStages);
    if (s.first_eta_p50 && s.first_eta_p90) {
      ++f.eta_measured;
      f.eta_hits += EtaHit(Eta{*s.first_eta_p50, *s.first_eta_p90, EtaBasis::kLane, Confidence::kLow}, *s.delivered_at)
                        ? 1
                        : 0;
    }
    if (*s.delivered_at <= s.promised_at) {
      ++f.on_time;
    } else {
      ++late;
      delay_hours += std::chrono::duration<double, std::ratio<3600>>(*s.delivered_at - s.promised_at).count();
    }
  }
  f.average_delay_hours = late > 0 ? delay_hours / static_cast<double>(late) : 0;
  f.on_time_bp = Bp(f.on_time, f.delivered);
  f.damage_bp = Bp(f.damaged, f.shipments);
  f.scan_completeness_bp = Bp(stages, f.delivered * kExpectedStages);
  f.truthful_bp = f.shipments > 0 ? 10'000 - Bp(f.contradicted, f.shipments) : 10'000;
  f.exceptions_per_1000 = f.shipments > 0 ? static_cast<int>(f.exceptions * 1000 / f.shipments) : 0;
  f.eta_accuracy_bp = Bp(f.eta_hits, f.eta_measured);
  return f;
}

Scorecard ScoreOf(std::span<const ShipmentOutcome> shipments) {
  Scorecard card;
  card.overall = FiguresOf(shipments);
  std::map<std::string, std::vector<ShipmentOutcome>> by_lane, by_week;
  for (const ShipmentOutcome& s : shipments) {
    by_lane[s.lane].push_back(s);
    by_week[WeekOf(s.picked_up_at)].push_back(s);
  }
  for (const auto& [lane, list] : by_lane) card.lanes[lane] = FiguresOf(list);
  for (const auto& [week, list] : by_week) card.weeks[week] = FiguresOf(list);
  return card;
}

}  // namespace consign::tracking
