#include "modules/tracking/exception_rules.hpp"

#include <algorithm>

namespace consign::tracking {

namespace {

struct KindNames {
  ExceptionKind kind;
  std::string_view code, zh;
};
constexpr KindNames kKinds[] = {
    {ExceptionKind::kStalled, "stalled", "停滞"},
    {ExceptionKind::kLost, "lost", "丢失"},
    {ExceptionKind::kAtRisk, "at_risk", "有延误风险"},
    {ExceptionKind::kLate, "late", "已延误"},
    {ExceptionKind::kFailedDelivery, "failed_delivery", "派送失败"},
    {ExceptionKind::kDamaged, "damaged", "破损"},
    {ExceptionKind::kContradicted, "contradicted", "状态与扫描不符"},
};

std::string Hours(std::chrono::hours h) { return std::to_string(h.count()); }

// The stage's limit without a scan, and the moment its clock started.
struct StageClock {
  std::chrono::hours limit;
  Instant from;
  std::string_view stage_zh, stage_en;
};

StageClock ClockOf(const Shipment& s, const ExceptionThresholds& t) {
  const ShipmentState& st = s.state;
  const Instant last = st.last_scan_at.value_or(s.created_at);
  switch (st.status) {
    case ShipmentStatus::kInfoReceived: return {t.not_picked_up, last, "待揽收", "awaiting pickup"};
    case ShipmentStatus::kOutForDelivery: return {t.out_for_delivery, last, "派送中", "out for delivery"};
    case ShipmentStatus::kCustoms: return {t.customs, last, "清关中", "in customs"};
    default: return {t.in_transit, last, "运输中", "in transit"};
  }
}

bool PickedUp(const ShipmentState& st) { return st.picked_up_at.has_value(); }

Party LateParty(const ShipmentState& st) {
  return st.party == Party::kWeather || st.party == Party::kCustoms ? st.party : Party::kCarrier;
}

// The claims no scan of their stage or later supports within the tolerance, due by `now`.
std::vector<const ScanEvent*> Unsupported(const Shipment& s, const ExceptionThresholds& t, Instant now) {
  std::vector<const ScanEvent*> out;
  for (const ScanEvent& c : s.events) {
    if (!c.claim || c.at + t.claim_tolerance > now) continue;
    const int needed = Progress(c.status, c.substatus);
    if (needed < 0) continue;
    const bool supported = std::any_of(s.events.begin(), s.events.end(), [&](const ScanEvent& e) {
      return !e.claim && Progress(e.status, e.substatus) >= needed && e.at <= c.at + t.claim_tolerance;
    });
    if (!supported) out.push_back(&c);
  }
  return out;
}

}  // namespace

std::string_view ExceptionKindCode(ExceptionKind k) {
  for (const KindNames& n : kKinds)
    if (n.kind == k) return n.code;
  return "stalled";
}

std::optional<ExceptionKind> ParseExceptionKind(std::string_view code) {
  for (const KindNames& n : kKinds)
    if (n.code == code) return n.kind;
  return std::nullopt;
}

std::string_view ExceptionLabelZh(ExceptionKind k) {
  for (const KindNames& n : kKinds)
    if (n.kind == k) return n.zh;
  return "";
}

std::string_view SeverityCode(Severity s) {
  switch (s) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "medium";
}

Status ValidateThresholds(const ExceptionThresholds& t) {
  FieldErrors errors;
  using std::chrono::hours;
  const std::pair<const char*, hours> limits[] = {
      {"not_picked_up_hours", t.not_picked_up}, {"in_transit_hours", t.in_transit},
      {"out_for_delivery_hours", t.out_for_delivery}, {"customs_hours", t.customs},
      {"lost_after_hours", t.lost_after},       {"claim_tolerance_hours", t.claim_tolerance}};
  for (const auto& [field, h] : limits)
    if (h < hours{1} || h > hours{24 * 60})
      errors.Add(field, "out_of_range", std::string(field) + " is 1 to 1440 hours (60 days)");
  if (t.at_risk_margin < hours{0} || t.at_risk_margin > hours{24 * 7})
    errors.Add("at_risk_margin_hours", "out_of_range", "at_risk_margin_hours is 0 to 168 hours");
  if (t.late_grace < std::chrono::minutes{0} || t.late_grace > hours{24 * 7})
    errors.Add("late_grace_minutes", "out_of_range", "late_grace_minutes is 0 to 10080 minutes");
  if (t.lost_after <= t.in_transit)
    errors.Add("lost_after_hours", "out_of_range", "lost_after_hours must exceed in_transit_hours");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::vector<Finding> Evaluate(const Shipment& s, const ExceptionThresholds& t, Instant now) {
  std::vector<Finding> out;
  const ShipmentState& st = s.state;
  const bool done = IsTerminal(st.status);

  if (!done) {
    const StageClock clock = ClockOf(s, t);
    const bool lost_by_time = PickedUp(st) && st.last_scan_at && now - *st.last_scan_at > t.lost_after;
    if (st.lost || lost_by_time) {
      out.push_back({ExceptionKind::kLost, Severity::kCritical, Party::kCarrier,
                     st.lost ? *st.last_scan_at : *st.last_scan_at + t.lost_after,
                     st.lost ? "承运商报告丢失" : Hours(t.lost_after) + " 小时无任何扫描，视为丢失",
                     st.lost ? "the carrier reported it lost"
                             : "no scan for " + Hours(t.lost_after) + " hours: presumed lost"});
    } else if (now - clock.from > clock.limit) {
      const bool twice = now - clock.from > 2 * clock.limit;
      out.push_back({ExceptionKind::kStalled, twice ? Severity::kHigh : Severity::kMedium, Party::kCarrier,
                     clock.from + clock.limit,
                     std::string(clock.stage_zh) + "阶段超过 " + Hours(clock.limit) + " 小时无扫描",
                     "no scan for over " + Hours(clock.limit) + " hours " + std::string(clock.stage_en)});
    }
    if (now > s.promised_at + t.late_grace) {
      out.push_back({ExceptionKind::kLate, Severity::kHigh, LateParty(st), s.promised_at, "已超过承诺送达时间",
                     "past the promised delivery time"});
    } else if (s.eta && s.eta->p90 > s.promised_at + t.at_risk_margin) {
      out.push_back({ExceptionKind::kAtRisk, Severity::kMedium, Party::kCarrier, now,
                     "预计送达（九成把握）晚于承诺时间", "the estimate's p90 is later than the promise"});
    }
  } else if (st.delivered_at && *st.delivered_at > s.promised_at + t.late_grace) {
    out.push_back({ExceptionKind::kLate, Severity::kHigh, LateParty(st), s.promised_at, "晚于承诺时间送达",
                   "delivered after the promised time"});
  }

  if (st.failed_attempts > 0) {
    // The first attempt's time; the last attempt's party and reason.
    const std::vector<ScanEvent> ordered = InEventOrder(s.events);
    std::optional<Instant> since;
    Party party = Party::kConsignee;
    std::string reason;
    for (const ScanEvent& e : ordered) {
      if (e.claim || e.status != ShipmentStatus::kFailedAttempt) continue;
      if (!since) since = e.at;
      if (e.party != Party::kNone) party = e.party;
      reason = e.reason;
    }
    out.push_back({ExceptionKind::kFailedDelivery, st.failed_attempts >= 2 ? Severity::kHigh : Severity::kMedium,
                   party, since.value_or(now),
                   "派送失败 " + std::to_string(st.failed_attempts) + " 次" + (reason.empty() ? "" : "：" + reason),
                   std::to_string(st.failed_attempts) + " failed attempt(s)" + (reason.empty() ? "" : ": " + reason)});
  }

  if (st.damaged) {
    Instant since = now;
    Party party = Party::kCarrier;
    for (const ScanEvent& e : s.events)
      if (!e.claim && e.substatus == "exception.damaged" && e.at < since) {
        since = e.at;
        if (e.party != Party::kNone) party = e.party;
      }
    out.push_back({ExceptionKind::kDamaged, Severity::kHigh, party, since, "扫描显示破损", "a scan reports damage"});
  }

  const std::vector<const ScanEvent*> unsupported = Unsupported(s, t, now);
  if (!unsupported.empty()) {
    const ScanEvent& c = *unsupported.front();
    const std::string what = c.substatus.empty() ? std::string(StatusCode(c.status)) : c.substatus;
    out.push_back({ExceptionKind::kContradicted, Severity::kHigh, Party::kCarrier, c.at + t.claim_tolerance,
                   "承运商报告“" + what + "”，但 " + Hours(t.claim_tolerance) + " 小时内没有相应扫描",
                   "the carrier reported " + what + " with no scan to show it within " + Hours(t.claim_tolerance) +
                       " hours"});
  }
  return out;
}

std::optional<Instant> NextCheck(const Shipment& s, const ExceptionThresholds& t, Instant now) {
  std::optional<Instant> next;
  auto consider = [&](Instant at) {
    if (at > now && (!next || at < *next)) next = at;
  };
  for (const ScanEvent& c : s.events)
    if (c.claim) consider(c.at + t.claim_tolerance);
  const ShipmentState& st = s.state;
  if (IsTerminal(st.status)) return next;
  const StageClock clock = ClockOf(s, t);
  consider(clock.from + clock.limit);
  consider(clock.from + 2 * clock.limit);
  if (PickedUp(st) && st.last_scan_at) consider(*st.last_scan_at + t.lost_after);
  consider(s.promised_at + t.late_grace);
  if (s.eta) consider(s.eta->p90);
  return next;
}

}  // namespace consign::tracking
