#include "modules/tracking/scan.hpp"

#include <gtest/gtest.h>

#include "modules/orders/waybill.hpp"
#include "modules/tracking/code_mapping.hpp"

namespace consign::tracking {
namespace {

using namespace std::chrono_literals;
using S = ShipmentStatus;

const Instant kNow = FromMicros(1'795'334'400'000'000);  // 2026-11-22T08:00:00Z

ScanEvent Event(S status, std::string substatus, Instant at) {
  ScanEvent e;
  e.waybill = orders::FormatWaybill(1234);
  e.status = status;
  e.substatus = std::move(substatus);
  e.at = at;
  return e;
}

std::vector<std::pair<std::string, std::string>> Fields(const Status& s) {
  std::vector<std::pair<std::string, std::string>> out;
  if (s) return out;
  for (const FieldError& f : s.error().fields) out.emplace_back(f.field, f.reason);
  return out;
}

TEST(Scan, EveryStatusHasACodeAndBothLabelsAndParsesBack) {
  for (S s : kAllStatuses) {
    EXPECT_EQ(ParseStatus(StatusCode(s)), s);
    EXPECT_FALSE(StatusLabelZh(s).empty());
    EXPECT_FALSE(StatusLabelEn(s).empty());
  }
  EXPECT_EQ(StatusLabelZh(S::kDelivered), "已签收");
  EXPECT_EQ(ParseStatus("signed"), std::nullopt);
}

TEST(Scan, ASubstatusBelongsToItsOwnStatusOnly) {
  EXPECT_TRUE(SubstatusBelongs(S::kInTransit, "in_transit.hub_departure"));
  EXPECT_TRUE(SubstatusBelongs(S::kInTransit, ""));
  EXPECT_FALSE(SubstatusBelongs(S::kDelivered, "in_transit.hub_departure"));
  EXPECT_FALSE(SubstatusBelongs(S::kInTransit, "in_transit.teleported"));
  EXPECT_FALSE(SubstatusBelongs(S::kInTransit, "in_transit"));
  for (std::string_view sub : kSubstatuses) {
    const auto status = ParseStatus(sub.substr(0, sub.find('.')));
    ASSERT_TRUE(status) << sub;
    EXPECT_TRUE(SubstatusBelongs(*status, sub)) << sub;
  }
}

TEST(Scan, AGoodEventPassesAndEachMistakeIsNamed) {
  EXPECT_TRUE(ValidateScan(Event(S::kInTransit, "in_transit.hub_arrival", kNow - 1h), kNow, "events[0]"));

  ScanEvent bad = Event(S::kInTransit, "delivered.locker", kNow + 16min);
  bad.waybill.back() = static_cast<char>('0' + (bad.waybill.back() - '0' + 1) % 10);  // a wrong check digit
  bad.utc_offset_minutes = 15 * 60;
  const auto fields = Fields(ValidateScan(bad, kNow, "events[2]"));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"events[2].waybill", "invalid_waybill"},
      {"events[2].at", "in_future"},
      {"events[2].at", "invalid_offset"},
      {"events[2].substatus", "invalid_enum"}};
  EXPECT_EQ(fields, expected);

  // Fifteen minutes of clock skew are tolerated; sixteen are not (above).
  EXPECT_TRUE(ValidateScan(Event(S::kPickedUp, "", kNow + 15min), kNow, ""));
}

TEST(Scan, ADeliveryNeedsItsProofButAClaimOfDeliveryDoesNot) {
  ScanEvent delivered = Event(S::kDelivered, "delivered.signed_by_addressee", kNow - 1h);
  EXPECT_EQ(Fields(ValidateScan(delivered, kNow, "")),
            (std::vector<std::pair<std::string, std::string>>{{"signer", "required"}}));
  delivered.photo_ref = "pod/2026/11/22/0001.jpg";
  EXPECT_TRUE(ValidateScan(delivered, kNow, ""));
  ScanEvent claim = Event(S::kDelivered, "", kNow - 1h);
  claim.claim = true;
  EXPECT_TRUE(ValidateScan(claim, kNow, ""));
}

TEST(Scan, EventsAreOrderedByWhenTheyHappenedThenByProgress) {
  const ScanEvent depart = Event(S::kInTransit, "in_transit.hub_departure", kNow);
  const ScanEvent arrive = Event(S::kInTransit, "in_transit.hub_arrival", kNow);  // same minute
  const ScanEvent pickup = Event(S::kPickedUp, "", kNow - 5h);
  const std::vector<ScanEvent> arrived = {depart, arrive, pickup};
  const std::vector<ScanEvent> ordered = InEventOrder(arrived);
  EXPECT_EQ(ordered[0].status, S::kPickedUp);
  EXPECT_EQ(ordered[1].substatus, "in_transit.hub_arrival");
  EXPECT_EQ(ordered[2].substatus, "in_transit.hub_departure");
}

TEST(CodeMapping, TheDefaultSpeaksKuaidi100sStatesAndPlainWords) {
  const CodeMapping& m = DefaultMapping();
  ASSERT_TRUE(ValidateMapping(m.rules()));
  const CodeRule* signed_by_other = m.Find("303");
  ASSERT_NE(signed_by_other, nullptr);
  EXPECT_EQ(signed_by_other->status, S::kDelivered);
  EXPECT_EQ(signed_by_other->substatus, "delivered.signed_by_other");
  const CodeRule* no_contact = m.Find(" 206 ");
  ASSERT_NE(no_contact, nullptr);
  EXPECT_EQ(no_contact->status, S::kFailedAttempt);
  EXPECT_EQ(no_contact->party, Party::kConsignee);
  const CodeRule* loaded = m.Find("LOADED");
  ASSERT_NE(loaded, nullptr);
  EXPECT_TRUE(loaded->claim);
  EXPECT_EQ(m.Find("999"), nullptr);
  EXPECT_EQ(m.Find(""), nullptr);
}

TEST(CodeMapping, ACarriersTableIsCheckedRuleByRule) {
  const std::vector<CodeRule> rules = {{"A1", S::kPickedUp, "", Party::kNone, false},
                                       {"A1", S::kInTransit, "", Party::kNone, false},
                                       {" ", S::kDelivered, "", Party::kNone, false},
                                       {"B2", S::kDelivered, "exception.lost", Party::kCarrier, false}};
  EXPECT_EQ(Fields(ValidateMapping(rules)), (std::vector<std::pair<std::string, std::string>>{
                                                {"rules[1].raw_code", "duplicate"},
                                                {"rules[2].raw_code", "required"},
                                                {"rules[3].substatus", "invalid_enum"}}));
  const CodeMapping own({{"ZX-10", S::kPickedUp, "picked_up.accepted", Party::kNone, false}});
  ASSERT_NE(own.Find("ZX-10"), nullptr);
  EXPECT_EQ(own.Find("103"), nullptr) << "a carrier's own table replaces the default";
}

TEST(CodeMapping, AStoredCodeIsTrimmedAndSortedSoThatItIsFoundAsSent) {
  const CodeMapping own({{" ZX99\t", S::kDelivered, "delivered.locker", Party::kNone, false},
                         {"AB01", S::kInTransit, "", Party::kNone, true}});
  ASSERT_EQ(own.rules().size(), 2u);
  EXPECT_EQ(own.rules()[0].raw_code, "AB01");
  EXPECT_EQ(own.rules()[1].raw_code, "ZX99");
  ASSERT_NE(own.Find("ZX99"), nullptr);
  EXPECT_EQ(own.Find(" ZX99 ")->substatus, "delivered.locker");
  EXPECT_EQ(own.Find("zx99"), nullptr) << "codes are matched exactly, case included";
}

TEST(CodeMapping, CodesThatOnlyDifferBySpacesAreTheSameCode) {
  const std::vector<CodeRule> rules = {{"ZX99", S::kDelivered, "", Party::kNone, false},
                                       {" ZX99 ", S::kInTransit, "", Party::kNone, false}};
  EXPECT_EQ(Fields(ValidateMapping(rules)),
            (std::vector<std::pair<std::string, std::string>>{{"rules[1].raw_code", "duplicate"}}));
}

TEST(CodeMapping, ACodeIsAtMost40BytesAndATableAtMost500Codes) {
  EXPECT_EQ(Fields(ValidateMapping(std::vector<CodeRule>{{std::string(41, 'X'), S::kDelivered, "", Party::kNone, false}})),
            (std::vector<std::pair<std::string, std::string>>{{"rules[0].raw_code", "too_long"}}));
  EXPECT_TRUE(ValidateMapping(std::vector<CodeRule>{{std::string(40, 'X'), S::kDelivered, "", Party::kNone, false}}));
  std::vector<CodeRule> many;
  for (size_t i = 0; i <= kMaxCodeRules; ++i) many.push_back({"C" + std::to_string(i), S::kInTransit, "", Party::kNone, false});
  EXPECT_EQ(Fields(ValidateMapping(many)), (std::vector<std::pair<std::string, std::string>>{{"rules", "too_many"}}));
  many.pop_back();
  EXPECT_TRUE(ValidateMapping(many));
  EXPECT_TRUE(ValidateMapping(std::vector<CodeRule>{})) << "an empty table: the default applies";
}

}  // namespace
}  // namespace consign::tracking
