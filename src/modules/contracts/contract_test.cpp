#include "modules/contracts/contract.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace consign::contracts {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Terms ValidTerms() {
  Terms t;
  t.services = {"transport", "delivery"};
  t.compensation_cap = Money::Cny(200'000);
  t.start_date = D(2027, 1, 1);
  t.end_date = D(2027, 12, 31);
  return t;
}

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> fields;
  if (s) return fields;
  for (const FieldError& f : s.error().fields) fields.push_back(f.field);
  return fields;
}

bool Names(const Status& s, const std::string& field) {
  const auto fields = FieldsOf(s);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

TEST(ContractDates, ParseAndFormatIsoDates) {
  ASSERT_TRUE(ParseDate("2028-02-29"));
  EXPECT_EQ(*ParseDate("2028-02-29"), D(2028, 2, 29));
  EXPECT_EQ(FormatDate(D(2027, 3, 5)), "2027-03-05");
  EXPECT_FALSE(ParseDate("2027-02-29"));  // not a leap year
  EXPECT_FALSE(ParseDate("2027-1-05"));
  EXPECT_FALSE(ParseDate("2027-13-01"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(ContractTerms, DefaultQualityTargetsAreTheSeedsPromisesInBasisPoints) {
  const QualityTargets q;
  EXPECT_EQ(q.reports_on_time_bp, 9900);     // 99 %
  EXPECT_EQ(q.on_time_delivery_bp, 9900);    // 99 %
  EXPECT_EQ(q.complaint_free_bp, 9800);      // 98 %
  EXPECT_EQ(q.damage_max_bp, 10);            // 0.1 %
  EXPECT_EQ(q.delivery_accuracy_bp, 9800);   // 98 %
  EXPECT_EQ(q.inventory_accuracy_bp, 9900);  // 99 %
}

TEST(ContractTerms, ValidTermsPass) { EXPECT_TRUE(ValidateTerms(ValidTerms())); }

TEST(ContractTerms, EachWrongFieldIsNamed) {
  Terms t = ValidTerms();
  t.services = {"transport", "teleportation", "transport"};
  t.transit_promises = {{"standard", "same_city", 24}, {"standard", "mars", 0}, {"standard", "same_city", 48}};
  t.quality.damage_max_bp = -1;
  t.quality.on_time_delivery_bp = 10'001;
  t.compensation_cap = Money::Cny(0);
  t.declared_value_limit = Money::Cny(-1);
  t.account_period_days = 400;
  t.billing_cycle = "yearly";
  t.cod = CodTerms{0, Money::Cny(-5), 90};
  t.vehicle = "bicycle";
  t.pickup_frequency = "hourly";
  t.end_date = D(2026, 12, 31);
  t.rate_card_id = 0;
  const Status s = ValidateTerms(t);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  for (const char* field :
       {"services[1]", "services[2]", "transit_promises[1].zone", "transit_promises[1].hours", "transit_promises[2]",
        "quality.damage_max_bp", "quality.on_time_delivery_bp", "compensation_cap", "declared_value_limit",
        "account_period_days", "billing_cycle", "cod.fee_rate_bp", "cod.minimum_fee", "cod.remittance_days", "cod",
        "vehicle", "pickup_frequency", "end_date", "rate_card_id"})
    EXPECT_TRUE(Names(s, field)) << field;
  EXPECT_FALSE(Names(s, "services[0]"));
  EXPECT_FALSE(Names(s, "transit_promises[0]"));
}

TEST(ContractTerms, NoServicesAndMissingDatesAreRequired) {
  Terms t = ValidTerms();
  t.services.clear();
  t.start_date = Date{};
  t.end_date = Date{};
  const Status s = ValidateTerms(t);
  EXPECT_TRUE(Names(s, "services"));
  EXPECT_TRUE(Names(s, "start_date"));
  EXPECT_TRUE(Names(s, "end_date"));
}

TEST(ContractTerms, ControlCharactersInPrintedTextAreRefused) {
  Terms t = ValidTerms();
  t.clauses = {"按项目结算\x1b[31m"};
  t.packaging = "木箱\u202e";
  const Status s = ValidateTerms(t);
  EXPECT_TRUE(Names(s, "clauses[0]"));
  EXPECT_TRUE(Names(s, "packaging"));
}

TEST(ContractDraft, PharmaGetsInsuranceSignedReceiptsAndAnAccountPeriod) {
  const Terms t = DraftFromTemplate("pharma", D(2027, 1, 1));
  EXPECT_TRUE(t.insurance_clause);
  EXPECT_NE(std::find(t.services.begin(), t.services.end(), "insurance"), t.services.end());
  EXPECT_TRUE(t.signed_receipt);
  EXPECT_EQ(t.account_period_days, 60);
  EXPECT_NE(t.packaging.find("原包装完好"), std::string::npos);
  EXPECT_EQ(t.end_date, D(2027, 12, 31));
  EXPECT_TRUE(ValidateTerms(t));
}

TEST(ContractDraft, EcommerceGetsDailyPickupWarehousingAndCod) {
  const Terms t = DraftFromTemplate("ecommerce", D(2027, 3, 1));
  EXPECT_EQ(t.pickup_frequency, "daily");
  EXPECT_NE(std::find(t.services.begin(), t.services.end(), "warehousing"), t.services.end());
  ASSERT_TRUE(t.cod);
  EXPECT_EQ(t.cod->remittance_days, 7);
  EXPECT_EQ(t.end_date, D(2028, 2, 29));  // one year less a day, across a leap day
  EXPECT_TRUE(ValidateTerms(t));
}

TEST(ContractDraft, ItTelecomGetsABoxTruckAndAHigherCap) {
  const Terms t = DraftFromTemplate("it_telecom", D(2027, 1, 1));
  EXPECT_EQ(t.vehicle, "box_truck");
  EXPECT_EQ(t.compensation_cap, Money::Cny(1'000'000));
  EXPECT_TRUE(t.signed_receipt);
  EXPECT_TRUE(ValidateTerms(t));
}

TEST(ContractDraft, AnIndustryWithoutATemplateGetsTheStandardTerms) {
  const Terms t = DraftFromTemplate("other", D(2027, 1, 1));
  EXPECT_FALSE(t.insurance_clause);
  EXPECT_FALSE(t.signed_receipt);
  EXPECT_FALSE(t.cod);
  EXPECT_EQ(t.account_period_days, 30);
  EXPECT_EQ(t.services, (std::vector<std::string>{"transport", "delivery"}));
  EXPECT_TRUE(ValidateTerms(t));
}

TEST(ContractStateMachine, TheHappyPathRunsFromDraftToRenewed) {
  State s = State::kDraft;
  for (Event e : {Event::kSubmit, Event::kApprove, Event::kActivate, Event::kWarnExpiry, Event::kRenew}) {
    auto next = Transition(s, e);
    ASSERT_TRUE(next) << EventName(e);
    s = *next;
  }
  EXPECT_EQ(s, State::kRenewed);
}

TEST(ContractStateMachine, RejectionGoesBackToDraft) {
  EXPECT_EQ(*Transition(State::kInApproval, Event::kReject), State::kDraft);
}

TEST(ContractStateMachine, ActiveAndExpiringMayEnd) {
  EXPECT_EQ(*Transition(State::kActive, Event::kEnd), State::kEnded);
  EXPECT_EQ(*Transition(State::kExpiring, Event::kEnd), State::kEnded);
  EXPECT_EQ(*Transition(State::kActive, Event::kRenew), State::kRenewed);
}

TEST(ContractStateMachine, ForbiddenMovesAreInvalidStateNamingTheState) {
  const std::pair<State, Event> forbidden[] = {
      {State::kDraft, Event::kApprove},      {State::kDraft, Event::kActivate},  {State::kInApproval, Event::kActivate},
      {State::kApproved, Event::kSubmit},    {State::kActive, Event::kSubmit},   {State::kActive, Event::kApprove},
      {State::kEnded, Event::kRenew},        {State::kRenewed, Event::kEnd},     {State::kExpiring, Event::kWarnExpiry},
      {State::kApproved, Event::kReject},
  };
  for (auto [from, event] : forbidden) {
    auto r = Transition(from, event);
    ASSERT_FALSE(r) << StateName(from) << " " << EventName(event);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidState);
    EXPECT_EQ(r.error().field(), "state");
    EXPECT_NE(r.error().public_message.find(std::string(StateName(from))), std::string::npos);
  }
}

TEST(ContractStateMachine, OnlyDraftsAreEditableAndOnlyApprovedActiveExpiringAreInForce) {
  EXPECT_TRUE(IsEditable(State::kDraft));
  for (State s : {State::kInApproval, State::kApproved, State::kActive, State::kExpiring, State::kRenewed, State::kEnded})
    EXPECT_FALSE(IsEditable(s)) << StateName(s);
  EXPECT_TRUE(IsInForce(State::kApproved));
  EXPECT_TRUE(IsInForce(State::kActive));
  EXPECT_TRUE(IsInForce(State::kExpiring));
  EXPECT_FALSE(IsInForce(State::kDraft));
  EXPECT_FALSE(IsInForce(State::kEnded));
  EXPECT_FALSE(IsInForce(State::kRenewed));
}

TEST(ContractStateMachine, StateNamesRoundTrip) {
  for (size_t i = 0; i < kStateNames.size(); ++i) EXPECT_EQ(ParseState(kStateNames[i]), static_cast<State>(i));
  EXPECT_FALSE(ParseState("signed"));
}

// Rules: manager above ¥1,000,000 a year; finance above a ¥2,000 cap, over 30 days, or COD.
TEST(ApprovalRouting, TableOfTermsAndTheApproversTheyNeed) {
  const ApprovalRules rules;
  struct Case {
    const char* name;
    int64_t annual_fen;
    int64_t cap_fen;
    int period_days;
    bool cod;
    std::vector<Approver> expected;
  };
  const Case cases[] = {
      {"small standard contract: the manager still reviews", 50'000'000, 200'000, 30, false, {Approver::kManager}},
      {"exactly at the threshold is not above it", 100'000'000, 200'000, 30, false, {Approver::kManager}},
      {"large contract", 100'000'001, 200'000, 30, false, {Approver::kManager}},
      {"cap one fen over the standard: finance only", 1'000, 200'001, 30, false, {Approver::kFinance}},
      {"31-day account period", 1'000, 200'000, 31, false, {Approver::kFinance}},
      {"COD", 1'000, 200'000, 0, true, {Approver::kFinance}},
      {"large and COD: both", 200'000'000, 200'000, 30, true, {Approver::kManager, Approver::kFinance}},
  };
  for (const Case& c : cases) {
    Terms t = ValidTerms();
    t.annual_value = Money::Cny(c.annual_fen);
    t.compensation_cap = Money::Cny(c.cap_fen);
    t.account_period_days = c.period_days;
    if (c.cod) t.cod = CodTerms{100, Money::Cny(200), 7};
    EXPECT_EQ(RequiredApprovers(t, rules), c.expected) << c.name;
  }
}

TEST(ApprovalRouting, AnAdminCanTurnOffFinanceForCod) {
  ApprovalRules rules;
  rules.cod_needs_finance = false;
  Terms t = ValidTerms();
  t.cod = CodTerms{100, Money::Cny(200), 7};
  EXPECT_EQ(RequiredApprovers(t, rules), std::vector<Approver>{Approver::kManager});
}

TEST(ApprovalRouting, DifferencesNameEachNonStandardTerm) {
  Terms t = ValidTerms();
  t.compensation_cap = Money::Cny(1'000'000);
  t.account_period_days = 60;
  t.quality.damage_max_bp = 5;
  const auto diffs = DifferencesFromStandard(t, ApprovalRules{});
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0].field, "compensation_cap");
  EXPECT_EQ(diffs[0].standard, "¥2000.00");
  EXPECT_EQ(diffs[0].proposed, "¥10000.00");
  EXPECT_EQ(diffs[1].field, "account_period_days");
  EXPECT_EQ(diffs[1].proposed, "60");
  EXPECT_EQ(diffs[2].field, "quality.damage_max_bp");
  EXPECT_TRUE(DifferencesFromStandard(ValidTerms(), ApprovalRules{}).empty());
}

TEST(ApprovalRouting, RulesAreValidated) {
  ApprovalRules r;
  r.expiry_warning_days = 0;
  r.standard_compensation_cap = Money::Cny(0);
  const Status s = ValidateRules(r);
  EXPECT_TRUE(Names(s, "expiry_warning_days"));
  EXPECT_TRUE(Names(s, "standard_compensation_cap"));
  EXPECT_TRUE(ValidateRules(ApprovalRules{}));
}

TEST(ApprovalCheck, NobodyApprovesTheirOwnContract) {
  const std::vector<Approver> required = {Approver::kManager};
  const UserId owner{7}, submitter{8};
  for (UserId who : {owner, submitter}) {
    const Status s = CheckApprover(who, Approver::kManager, owner, submitter, required, {});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(s.error().field(), "approver");
    EXPECT_EQ(s.error().fields[0].reason, "self_approval");
  }
  EXPECT_TRUE(CheckApprover(UserId{9}, Approver::kManager, owner, submitter, required, {}));
}

TEST(ApprovalCheck, AStepNotRequiredOrAlreadyDecidedIsRefused) {
  const std::vector<Approver> required = {Approver::kManager};
  const std::vector<Approver> decided = {Approver::kManager};
  const Status not_required = CheckApprover(UserId{9}, Approver::kFinance, UserId{1}, UserId{1}, required, {});
  ASSERT_FALSE(not_required);
  EXPECT_EQ(not_required.error().fields[0].reason, "not_required");
  const Status twice = CheckApprover(UserId{9}, Approver::kManager, UserId{1}, UserId{1}, required, decided);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidState);
  EXPECT_EQ(twice.error().fields[0].reason, "already_decided");
}

TEST(ContractOverlap, SameServiceAndMeetingDatesOfAContractInForceOverlap) {
  const Coverage candidate{ContractId{2}, State::kDraft, {"transport", "cod"}, D(2027, 6, 1), D(2028, 5, 31)};
  const std::vector<Coverage> others = {
      {ContractId{1}, State::kActive, {"warehousing", "transport"}, D(2027, 1, 1), D(2027, 6, 1)},  // meets on 6-01
  };
  auto overlap = FindOverlap(candidate, others);
  ASSERT_TRUE(overlap);
  EXPECT_EQ(overlap->id, ContractId{1});
}

TEST(ContractOverlap, NoOverlapWithoutASharedServiceOrMeetingDatesOrInForceState) {
  const Coverage candidate{ContractId{2}, State::kDraft, {"transport"}, D(2027, 6, 1), D(2028, 5, 31)};
  const std::vector<Coverage> others = {
      {ContractId{1}, State::kActive, {"warehousing"}, D(2027, 1, 1), D(2027, 12, 31)},  // other service
      {ContractId{3}, State::kActive, {"transport"}, D(2026, 6, 1), D(2027, 5, 31)},     // ends the day before
      {ContractId{4}, State::kEnded, {"transport"}, D(2027, 1, 1), D(2027, 12, 31)},     // ended
      {ContractId{5}, State::kDraft, {"transport"}, D(2027, 1, 1), D(2027, 12, 31)},     // only a draft
      {ContractId{2}, State::kActive, {"transport"}, D(2027, 6, 1), D(2028, 5, 31)},     // itself
  };
  EXPECT_FALSE(FindOverlap(candidate, others));
}

}  // namespace
}  // namespace consign::contracts
