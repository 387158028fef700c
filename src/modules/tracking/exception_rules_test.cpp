#include "modules/tracking/exception_rules.hpp"

#include <gtest/gtest.h>

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;
using S = ShipmentStatus;

const Instant kT0 = FromMicros(1'795'334'400'000'000);  // picked up 2026-11-22T08:00:00Z
const ExceptionThresholds kDefaults;

ScanEvent Event(S status, std::string substatus, Instant at, Party party = Party::kNone) {
  ScanEvent e;
  e.status = status;
  e.substatus = std::move(substatus);
  e.at = at;
  e.party = party;
  return e;
}

// A shipment ordered two hours before kT0, promised 72 hours after it.
struct Case {
  std::vector<ScanEvent> events;
  std::optional<Eta> eta;
  Shipment Make() const {
    return Shipment{kT0 - 2h, kT0 + 72h, events, Derive(events), eta};
  }
  std::vector<Finding> At(Instant now) const { return Evaluate(Make(), kDefaults, now); }
};

std::vector<std::string> Kinds(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.emplace_back(ExceptionKindCode(f.kind));
  return out;
}

const Finding* Find(const std::vector<Finding>& findings, ExceptionKind kind) {
  for (const Finding& f : findings)
    if (f.kind == kind) return &f;
  return nullptr;
}

using Strings = std::vector<std::string>;

TEST(ExceptionRules, AShipmentMovingOnTimeHasNone) {
  const Case c{{Event(S::kPickedUp, "", kT0), Event(S::kInTransit, "in_transit.hub_departure", kT0 + 5h)}, {}};
  EXPECT_TRUE(c.At(kT0 + 20h).empty());
}

TEST(ExceptionRules, NoScanForLongerThanTheStageAllowsIsStalledThenLost) {
  const Case c{{Event(S::kPickedUp, "", kT0)}, {}};
  EXPECT_TRUE(c.At(kT0 + 36h).empty());
  const auto stalled = c.At(kT0 + 37h);
  ASSERT_EQ(Kinds(stalled), Strings{"stalled"});
  EXPECT_EQ(stalled[0].severity, Severity::kMedium);
  EXPECT_EQ(stalled[0].party, Party::kCarrier);
  EXPECT_EQ(stalled[0].since, kT0 + 36h);
  // Twice the limit: high. Past the promise as well: late.
  const auto longer = c.At(kT0 + 73h);
  EXPECT_EQ(Kinds(longer), (Strings{"stalled", "late"}));
  EXPECT_EQ(longer[0].severity, Severity::kHigh);
  // A week without a scan: lost, and no longer merely stalled.
  const auto lost = c.At(kT0 + 169h);
  EXPECT_EQ(Kinds(lost), (Strings{"lost", "late"}));
  EXPECT_EQ(lost[0].severity, Severity::kCritical);
  EXPECT_EQ(lost[0].since, kT0 + 168h);
}

TEST(ExceptionRules, AnOrderNotPickedUpWithinADayIsStalledFromItsCreation) {
  const Case c{{}, {}};
  EXPECT_TRUE(c.At(kT0 + 21h).empty());  // 23 h after the order
  const auto stalled = c.At(kT0 + 23h);   // 25 h
  ASSERT_EQ(Kinds(stalled), Strings{"stalled"});
  EXPECT_EQ(stalled[0].since, kT0 + 22h);
  EXPECT_NE(stalled[0].detail_zh.find("待揽收"), std::string::npos);
}

TEST(ExceptionRules, AnEstimateLaterThanThePromiseIsAtRiskAndPastThePromiseIsLate) {
  Case c{{Event(S::kPickedUp, "", kT0), Event(S::kInTransit, "", kT0 + 10h)}, {}};
  c.eta = Eta{kT0 + 60h, kT0 + 80h, EtaBasis::kLane, Confidence::kMedium};
  EXPECT_EQ(Kinds(c.At(kT0 + 20h)), Strings{"at_risk"});
  c.eta = Eta{kT0 + 50h, kT0 + 72h, EtaBasis::kLane, Confidence::kMedium};
  EXPECT_TRUE(c.At(kT0 + 20h).empty()) << "a p90 on the promise is not at risk";

  // Late: the party is the weather's when the last word was a weather delay.
  c.events.push_back(Event(S::kException, "exception.weather_delay", kT0 + 40h, Party::kWeather));
  const auto late = c.At(kT0 + 73h);
  const Finding* f = Find(late, ExceptionKind::kLate);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->party, Party::kWeather);
  EXPECT_EQ(f->since, kT0 + 72h);
  EXPECT_EQ(Find(late, ExceptionKind::kAtRisk), nullptr) << "late replaces at risk";
}

TEST(ExceptionRules, ADeliveryAfterThePromiseIsLateAndOnTimeIsNothing) {
  Case c{{Event(S::kPickedUp, "", kT0), Event(S::kDelivered, "", kT0 + 71h)}, {}};
  EXPECT_TRUE(c.At(kT0 + 200h).empty()) << "delivered: never stalled, lost or late";
  c.events[1].at = kT0 + 73h;
  EXPECT_EQ(Kinds(c.At(kT0 + 200h)), Strings{"late"});
}

TEST(ExceptionRules, FailedAttemptsAreMediumThenHighAndDownToTheirParty) {
  Case c{{Event(S::kPickedUp, "", kT0), Event(S::kOutForDelivery, "", kT0 + 20h)}, {}};
  ScanEvent first = Event(S::kFailedAttempt, "failed_attempt.no_contact", kT0 + 22h, Party::kConsignee);
  first.reason = "收件人电话无人接听";
  c.events.push_back(first);
  auto once = c.At(kT0 + 23h);
  const Finding* f = Find(once, ExceptionKind::kFailedDelivery);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kMedium);
  EXPECT_EQ(f->party, Party::kConsignee);
  EXPECT_EQ(f->since, kT0 + 22h);
  EXPECT_NE(f->detail_zh.find("收件人电话无人接听"), std::string::npos);
  c.events.push_back(Event(S::kFailedAttempt, "", kT0 + 46h));
  const auto twice = c.At(kT0 + 47h);
  f = Find(twice, ExceptionKind::kFailedDelivery);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kHigh);
}

TEST(ExceptionRules, DamageIsHighAndTheCarriers) {
  const Case c{{Event(S::kPickedUp, "", kT0), Event(S::kException, "exception.damaged", kT0 + 9h)}, {}};
  const auto findings = c.At(kT0 + 10h);
  const Finding* f = Find(findings, ExceptionKind::kDamaged);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_EQ(f->party, Party::kCarrier);
  EXPECT_EQ(f->since, kT0 + 9h);
}

TEST(ExceptionRules, LoadedWithNoDepartureScanContradictsTheCarrier) {
  // The 2007 case: the carrier's system says "loaded"; no scan ever shows the parcel leaving.
  ScanEvent loaded = Event(S::kInTransit, "in_transit.loaded", kT0 + 2h);
  loaded.claim = true;
  Case c{{Event(S::kPickedUp, "", kT0), Event(S::kInTransit, "in_transit.hub_arrival", kT0 + 1h), loaded}, {}};
  EXPECT_TRUE(c.At(kT0 + 7h).empty()) << "within the tolerance the scan may still come";
  const auto contradicted = c.At(kT0 + 9h);
  ASSERT_EQ(Kinds(contradicted), Strings{"contradicted"});
  EXPECT_EQ(contradicted[0].since, kT0 + 8h);
  EXPECT_EQ(contradicted[0].party, Party::kCarrier);

  // A departure scan within the tolerance supports the claim …
  Case supported = c;
  supported.events.push_back(Event(S::kInTransit, "in_transit.hub_departure", kT0 + 7h));
  EXPECT_TRUE(supported.At(kT0 + 9h).empty());
  // … one after it does not: the claim was untrue when made.
  Case late_scan = c;
  late_scan.events.push_back(Event(S::kInTransit, "in_transit.hub_departure", kT0 + 9h));
  EXPECT_EQ(Kinds(late_scan.At(kT0 + 10h)), Strings{"contradicted"});
}

TEST(ExceptionRules, TheNextCheckIsTheEarliestDeadlineAhead) {
  const Case moving{{Event(S::kPickedUp, "", kT0)}, {}};
  EXPECT_EQ(NextCheck(moving.Make(), kDefaults, kT0 + 1h), kT0 + 36h);       // stalled
  EXPECT_EQ(NextCheck(moving.Make(), kDefaults, kT0 + 40h), kT0 + 72h);      // twice the limit, the promise
  EXPECT_EQ(NextCheck(moving.Make(), kDefaults, kT0 + 100h), kT0 + 168h);    // lost
  const Case delivered{{Event(S::kPickedUp, "", kT0), Event(S::kDelivered, "", kT0 + 30h)}, {}};
  EXPECT_EQ(NextCheck(delivered.Make(), kDefaults, kT0 + 31h), std::nullopt);
  ScanEvent claim = Event(S::kInTransit, "in_transit.loaded", kT0 + 2h);
  claim.claim = true;
  const Case claimed{{Event(S::kPickedUp, "", kT0), claim}, {}};
  EXPECT_EQ(NextCheck(claimed.Make(), kDefaults, kT0 + 3h), kT0 + 8h);
}

TEST(ExceptionRules, ThresholdsAreCheckedAndNamed) {
  EXPECT_TRUE(ValidateThresholds(kDefaults));
  ExceptionThresholds t;
  t.not_picked_up = 0h;
  t.lost_after = 30h;  // not more than in transit's 36 h
  const Status s = ValidateThresholds(t);
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const FieldError& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (Strings{"not_picked_up_hours", "lost_after_hours"}));
}

}  // namespace
}  // namespace consign::tracking
