#pragma once
// Customer accounts (客户信息管理, DOMAIN.md §1): the account, its contacts and addresses, the nine
// classifications, "the usual" preferences, and the industry requirement template. Pure: no I/O.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::customers {

// Wire names of every enumeration, as docs/api-contract.md lists them.
inline constexpr std::array<std::string_view, 2> kKinds = {"individual", "organization"};
inline constexpr std::array<std::string_view, 10> kIndustries = {
    "pharma", "it_telecom", "electronics", "apparel", "advertising", "ecommerce", "manufacturing", "retail", "food", "other"};
inline constexpr std::array<std::string_view, 3> kRelationshipTypes = {"transactional", "contractual", "alliance"};
inline constexpr std::array<std::string_view, 3> kRelationshipDepths = {"short_term", "long_term", "strategic"};
inline constexpr std::array<std::string_view, 2> kMaturities = {"potential", "actual"};
inline constexpr std::array<std::string_view, 4> kMarketingTypes = {"economy", "ethical", "personalized", "convenience"};
inline constexpr std::array<std::string_view, 3> kValueClasses = {"A", "B", "C"};
inline constexpr std::array<std::string_view, 3> kTiers = {"high_end", "mid", "mass"};
inline constexpr std::array<std::string_view, 6> kMarkets = {"leather", "fragile", "electronics", "industrial", "cbd", "general"};
inline constexpr std::array<std::string_view, 5> kLifecycleStages = {"potential", "growth", "mature", "decline", "terminated"};
inline constexpr std::array<std::string_view, 4> kDevelopmentStages = {"potential", "new", "satisfied", "loyal"};
inline constexpr std::array<std::string_view, 5> kContactRoles = {"decision_maker", "assistant", "operations", "finance", "other"};
inline constexpr std::array<std::string_view, 3> kAddressKinds = {"pickup", "billing", "delivery"};
inline constexpr std::array<std::string_view, 5> kChannels = {"phone", "email", "sms", "wechat", "portal"};

// One classification key with its allowed values: "value_class" → {A, B, C}.
struct ClassificationKey {
  std::string_view name;
  std::span<const std::string_view> values;
};
inline constexpr std::array<ClassificationKey, 9> kClassificationKeys = {{
    {"relationship_type", kRelationshipTypes},
    {"relationship_depth", kRelationshipDepths},
    {"maturity", kMaturities},
    {"marketing_type", kMarketingTypes},
    {"value_class", kValueClasses},
    {"tier", kTiers},
    {"market", kMarkets},
    {"lifecycle_stage", kLifecycleStages},
    {"development_stage", kDevelopmentStages},
}};

bool IsOneOf(std::string_view value, std::span<const std::string_view> allowed);

// The module's own ids (CustomerId stays in core: a portal Principal carries it). Zero means "new,
// not stored yet".
using ContactId = StrongId<class ContactIdTag>;
using AddressId = StrongId<class AddressIdTag>;

// --- status ---------------------------------------------------------------------------------
// An account is active until archived; archived accounts leave the default lists and cannot be
// edited until restored. The only ways between the two are these changes:
//
//   active ──archive──► archived ──restore──► active
enum class CustomerStatus { kActive, kArchived };
enum class StatusChange { kArchive, kRestore };

struct StatusTransition {
  StatusChange change;
  CustomerStatus from;
  CustomerStatus to;
};
inline constexpr std::array<StatusTransition, 2> kStatusTransitions = {{
    {StatusChange::kArchive, CustomerStatus::kActive, CustomerStatus::kArchived},
    {StatusChange::kRestore, CustomerStatus::kArchived, CustomerStatus::kActive},
}};

// The status `change` leads to from `from`; nullopt when the table has no such transition (archiving
// an archived account, restoring an active one).
constexpr std::optional<CustomerStatus> Transition(CustomerStatus from, StatusChange change) {
  for (const StatusTransition& t : kStatusTransitions)
    if (t.change == change && t.from == from) return t.to;
  return std::nullopt;
}
static_assert(Transition(CustomerStatus::kActive, StatusChange::kArchive) == CustomerStatus::kArchived);
static_assert(!Transition(CustomerStatus::kArchived, StatusChange::kArchive));

// Wire and column names: "active", "archived". Parse returns nullopt for anything else.
std::string_view StatusName(CustomerStatus status);
std::optional<CustomerStatus> ParseStatus(std::string_view name);
std::string_view StatusChangeName(StatusChange change);  // "archive", "restore"

// "Someone else changed this customer" (412, field If-Match, reason stale_version): the one error
// every optimistic-version check of this module answers. `stored_version` when it is known.
Error StaleVersion(std::optional<int64_t> stored_version);

struct Contact {
  ContactId id{};
  std::string name;
  std::string role = "other";
  std::string title;
  std::string phone;  // canonical (NormalizePhone) or empty
  std::string email;
  bool is_primary = false;
};

struct Address {
  AddressId id{};
  std::string kind = "pickup";
  std::string province, city, district, street, postal_code;
  bool is_default = false;
};

// Values by the index of kClassificationKeys; empty = not classified yet.
using Classification = std::array<std::string, kClassificationKeys.size()>;

// "The usual" (the Oriental Hotel case, seed 003): what an agent must see on every contact.
struct Preferences {
  std::string pickup_window, packaging, handling, preferred_channel, birthday, anniversary, usual;
  std::optional<ContactId> preferred_contact_id;
};

struct Requirements {
  std::string template_industry;  // the industry whose template was attached, or empty
  std::string notes;
  std::vector<std::pair<std::string, bool>> flags;  // "insurance_clause" → true
};

// The account owner as lists and pages show it.
struct OwnerView {
  int64_t id = 0;
  std::string login, name;
  bool operator==(const OwnerView&) const = default;
};

struct Customer {
  int64_t id = 0;
  std::string code;
  // 统一社会信用代码 (GB 32100-2015, core/credit_code.hpp) of an organization, or empty while unknown. At
  // most one account has a given code: a second one is a duplicate of the first (409 on create).
  std::string credit_code;
  std::string name;
  std::string kind = "organization";
  std::string industry = "other";
  Classification classification;
  std::optional<int64_t> owner_user_id;
  // The owner's login and name: not stored here (users belong to the auth module); the service fills
  // it after reading, one auth::DescribeUsers call per page or record.
  std::optional<OwnerView> owner;
  std::optional<int64_t> team_id;
  std::vector<std::string> tags;
  Preferences preferences;
  Requirements requirements;
  std::vector<Contact> contacts;
  std::vector<Address> addresses;
  CustomerStatus status = CustomerStatus::kActive;
  int64_t version = 0;
  Instant created_at{};
  Instant updated_at{};
  bool masked = false;
};

inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxCodeChars = 32;
inline constexpr size_t kMaxContacts = 50;
inline constexpr size_t kMaxAddresses = 20;
inline constexpr size_t kMaxTags = 20;
inline constexpr size_t kMaxNotesChars = 4000;
inline constexpr size_t kMaxRequirementFlags = 50;
inline constexpr size_t kMaxFlagNameChars = 64;

// Checks what JSON types alone cannot: required names, phones and e-mails that a courier could use,
// dates, codes, lengths, counts (contacts, addresses, tags, requirement flags), and that no text holds
// a control character or a bidirectional override (invalid_characters; line breaks only in
// requirements.notes and preferences.usual) — for the API and the CSV import alike. Phones are normalised in place ("+86 138-1234-5678" → "13812345678"). A
// phone or e-mail holding the mask character is refused (masked_value): it is never a real one.
// Field paths name the place: "contacts[0].phone". Enum values are checked by the parser.
[[nodiscard]] Status Validate(Customer& customer);

// The industry's requirement template (行业项目客户的基本需求, seed 000), or nullopt for an industry
// without one.
std::optional<Requirements> TemplateFor(std::string_view industry);
// Every industry that has a template, in kIndustries order.
std::vector<Requirements> AllTemplates();
// Whether `flag` is a service requirement some industry template names ("insurance_clause",
// "signed_receipt" ...): what the customer agreed to get, so it is customer-facing. Flags staff made
// up themselves may be internal notes in disguise and are not.
bool IsTemplateFlag(std::string_view flag);

// Hides personal data for a viewer without pii.view (GB/T 41833-2022): contact names keep at least
// one character hidden, phones show at most their last four digits, e-mails and street numbers are
// hidden. Sets `masked`.
void MaskPersonalData(Customer& customer);

// A client that cannot see personal data sends the masked value back unchanged when it edits other
// fields: that must keep the stored value, not overwrite it with asterisks.
std::string KeepStoredIfMasked(const std::string& stored, const std::string& incoming,
                               std::string (*mask)(std::string_view));

// Applies KeepStoredIfMasked to every contact (matched by id) and address of `incoming`.
void RestoreMaskedValues(const Customer& stored, Customer& incoming);

// After RestoreMaskedValues: kInvalidArgument (reason masked_value, naming e.g. "contacts[0].name")
// for a masked field — contact name, street, an individual's name, birthday — that still holds a
// '*' and is not the stored value of the same item, i.e. a mask that was not the stored value's mask.
// Phones and e-mails need no stored value to check: Validate refuses any '*' in them.
[[nodiscard]] Status CheckNoMaskedValues(const Customer& stored, const Customer& incoming);

// "C" + the id padded to 7 digits, for accounts created without a code.
std::string GeneratedCode(int64_t id);

}  // namespace consign::customers
