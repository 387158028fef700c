#pragma once
// Leads (线索 / 潜在客户, DOMAIN.md §2): where a lead came from, who the company is, what it needs
// (直接/深层次需求), what it would ship and spend, and whom it ships with now; the qualification's
// three conditions of seed 004 and the evaluation score of seed 001. Pure: no I/O.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::sales {

using LeadId = StrongId<class LeadIdTag>;

// --- sources ----------------------------------------------------------------------------------
// The eight ways of finding customers that seed 004 names (最常见的有逐户寻访法、客户引荐法、光辉效应法、
// 直接邮寄法、电话营销法、滚雪球法、资料查阅法、市场咨询法).
struct LeadSource {
  std::string_view name;   // wire and column word
  std::string_view zh;     // the console's label
  std::string_view en;
};
inline constexpr std::array<LeadSource, 8> kLeadSources = {{
    {"door_to_door", "逐户寻访", "Door-to-door"},
    {"referral", "客户引荐", "Referral"},
    {"halo", "光辉效应", "Halo / influencer"},
    {"direct_mail", "直接邮寄", "Direct mail"},
    {"telemarketing", "电话营销", "Telemarketing"},
    {"snowball", "滚雪球", "Snowball"},
    {"desk_research", "资料查阅", "Desk research"},
    {"consulting", "市场咨询", "Market consulting"},
}};
// The wire names of kLeadSources, for enum parsing.
inline constexpr std::array<std::string_view, 8> kLeadSourceNames = {
    "door_to_door", "referral", "halo", "direct_mail", "telemarketing", "snowball", "desk_research", "consulting"};
// nullptr for a name that is not one of the eight.
const LeadSource* FindLeadSource(std::string_view name);

// --- status -------------------------------------------------------------------------------------
// open ──review: qualified──► qualified ──convert──► converted
//   └───review: disqualified──► disqualified ──review: qualified──► qualified (a second review)
// A converted lead is closed: its account and opportunity carry on.
enum class LeadStatus { kOpen, kQualified, kDisqualified, kConverted };
inline constexpr std::array<std::string_view, 4> kLeadStatusNames = {"open", "qualified", "disqualified", "converted"};
std::string_view LeadStatusName(LeadStatus status);
std::optional<LeadStatus> ParseLeadStatus(std::string_view name);

// --- qualification (seed 004) --------------------------------------------------------------------
// A lead is a qualified potential customer only when all three hold.
enum class Condition { kNotYetCustomer, kHasNeed, kGoodCredit };
inline constexpr std::array<std::string_view, 3> kConditionNames = {"not_yet_customer", "has_need", "good_credit"};
std::string_view ConditionName(Condition condition);
std::optional<Condition> ParseCondition(std::string_view name);

// One condition as checked: whether it holds, by whom, when, and on what evidence.
struct ConditionCheck {
  bool met = false;
  UserId checked_by{};
  Instant checked_at{};
  std::string evidence;  // required: "查询信用中国无失信记录", a call note, ...
};

struct Qualification {
  std::array<std::optional<ConditionCheck>, 3> checks;  // by Condition; nullopt = not checked yet
  // The review (资质审查) decision, once made.
  std::optional<bool> qualified;
  std::optional<UserId> reviewed_by;
  std::optional<Instant> reviewed_at;
  std::string review_reason;
};

// Why a review may not end in "qualified": the first condition not checked ("unchecked") or not met
// ("not_met"), named by its field "checks.<condition>"; or a lead without a valid credit code
// ("credit_code", required). Ok when all three are checked and met.
[[nodiscard]] Status CanQualify(const Qualification& q, std::string_view credit_code);

// --- evaluation (seed 001) -----------------------------------------------------------------------
// Qualitative and quantitative criteria, each rated 0–5 by the salesperson; an admin weighs them.
inline constexpr std::array<std::string_view, 5> kCriteria = {"service_fit", "volume", "market_potential",
                                                              "financial_state", "scale"};
inline constexpr int kMaxRating = 5;
// Weights in percent, by kCriteria; they must sum to 100. The default weighs each alike.
using Weights = std::array<int64_t, kCriteria.size()>;
inline constexpr Weights kDefaultWeights = {20, 20, 20, 20, 20};
using Ratings = std::array<int64_t, kCriteria.size()>;

// kInvalidArgument naming "weights.<criterion>" (out_of_range: each 0–100) or "weights"
// (invalid_sum: they must sum to 100).
[[nodiscard]] Status ValidateWeights(const Weights& weights);
// kInvalidArgument naming "ratings.<criterion>" (out_of_range) for a rating outside 0–5.
[[nodiscard]] Status ValidateRatings(const Ratings& ratings);
// The score out of 100: Σ rating × weight ÷ 5 to the nearest whole point. REQUIRES: both validated.
int64_t Score(const Ratings& ratings, const Weights& weights);

// --- the lead ------------------------------------------------------------------------------------
struct LeadContact {
  std::string name, title, phone, email;  // phone canonical (text::NormalizePhone) or empty
};

// The competitor the company ships with now, and what it does well and badly.
struct Competitor {
  std::string name, strengths, weaknesses, value_added_services;
};

// Another lead or an account that looks like the same company: same credit code, name or phone.
struct DuplicateMatch {
  std::string kind;   // "lead" or "account"
  int64_t id = 0;
  std::string name;
  std::string match;  // "credit_code", "name" or "phone"
};

struct Lead {
  LeadId id{};
  std::string source = "door_to_door";  // one of kLeadSourceNames
  std::string company;
  std::string credit_code;  // 统一社会信用代码, or empty while unknown
  std::string industry = "other";  // one of customers::kIndustries (checked at the edge)
  std::string region_code;  // GB/T 2260 division: 2, 4 or 6 digits (checked against geo by the service)
  std::vector<LeadContact> contacts;
  std::string stated_needs;      // 直接需求
  std::string underlying_needs;  // 深层次需求
  std::optional<int64_t> monthly_volume;  // estimated shipments a month
  std::optional<Money> monthly_spend;     // estimated spend a month
  Competitor competitor;
  std::optional<UserId> owner_id;
  std::optional<TeamId> team_id;
  LeadStatus status = LeadStatus::kOpen;
  Qualification qualification;
  std::optional<Ratings> ratings;
  std::optional<int64_t> score;  // as of the last evaluation, with the weights of that moment
  std::vector<DuplicateMatch> duplicates;
  std::optional<CustomerId> account_id;  // once converted
  std::optional<int64_t> opportunity_id;
  Instant created_at{};
  Instant updated_at{};
};

inline constexpr size_t kMaxCompanyChars = 200;
inline constexpr size_t kMaxNeedsChars = 2000;
inline constexpr size_t kMaxShortChars = 100;
inline constexpr size_t kMaxContacts = 20;

// --- personal data (DOMAIN.md §12) --------------------------------------------------------------
// A contact's name, phone and e-mail are personal data: every read shows them masked (MaskContacts);
// one value is revealed on purpose, with a reason, through the reveal use case.
enum class ContactField { kName, kPhone, kEmail };
inline constexpr std::array<std::string_view, 3> kContactFieldNames = {"contact.name", "contact.phone", "contact.email"};

// Masks every contact's name, phone and e-mail in place (text::MaskName/MaskPhone/MaskEmail).
void MaskContacts(Lead& lead);

// A client that cannot see the values sends the masked ones back when it edits something else:
// a contact of `incoming` whose field equals the mask of the same field of the contact at the same
// position in `stored` gets the stored value back. Positions are the contacts' identity (a lead's
// contacts have no ids); a client that reorders them must send whole values.
void RestoreMaskedContacts(const Lead& stored, Lead& incoming);

// After RestoreMaskedContacts: kInvalidArgument naming "contacts[i].name|phone|email" (masked_value)
// for a value that still holds the mask character — it is never a real one.
[[nodiscard]] Status CheckNoMaskedContacts(const Lead& incoming);

// The stored value of one contact's field. kInvalidArgument naming "contact_index" (not_found) when
// the lead has no such contact.
[[nodiscard]] Result<std::string> ContactValue(const Lead& stored, size_t index, ContactField field);

// Checks what JSON types cannot: company required, the credit code (GB 32100-2015: field
// credit_code, reasons from CreditCodeReason), the region code's shape, contacts (name required,
// phone a Chinese phone — normalised in place —, e-mail), volume and spend not negative, spend in
// CNY. Every problem at once, each naming its field path ("contacts[0].phone").
[[nodiscard]] Status ValidateLead(Lead& lead);

}  // namespace consign::sales
