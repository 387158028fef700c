#include "modules/customers/customer.hpp"

#include <cstdio>

#include "core/credit_code.hpp"
#include "core/text.hpp"

namespace consign::customers {

bool IsOneOf(std::string_view value, std::span<const std::string_view> allowed) {
  for (std::string_view a : allowed)
    if (a == value) return true;
  return false;
}

std::string_view StatusName(CustomerStatus status) {
  switch (status) {
    case CustomerStatus::kActive: return "active";
    case CustomerStatus::kArchived: return "archived";
  }
  return "active";  // unreachable: the switch covers every enumerator
}

std::optional<CustomerStatus> ParseStatus(std::string_view name) {
  for (CustomerStatus s : {CustomerStatus::kActive, CustomerStatus::kArchived})
    if (StatusName(s) == name) return s;
  return std::nullopt;
}

std::string_view StatusChangeName(StatusChange change) {
  switch (change) {
    case StatusChange::kArchive: return "archive";
    case StatusChange::kRestore: return "restore";
  }
  return "archive";  // unreachable
}

Error StaleVersion(std::optional<int64_t> stored_version) {
  return Error{ErrorCode::kPreconditionFailed,
               "Someone else changed this customer; reload and try again.",
               {},
               {{"If-Match", "stale_version",
                 stored_version ? "the customer is at version " + std::to_string(*stored_version)
                                : std::string("the customer changed meanwhile")}}};
}

namespace {

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Every text a customer record stores: at most `max` characters, none of them a control character or a
// bidirectional override (line breaks only where `multiline`: notes).
void CheckText(FieldErrors& errors, const std::string& field, std::string_view value, size_t max,
               bool multiline = false) {
  if (text::CodePointCount(value) > max)
    errors.Add(field, "too_long", field + " must be at most " + std::to_string(max) + " characters");
  else if (text::HasUnsafeCharacters(value, multiline))
    errors.Add(field, "invalid_characters",
               field + " holds a control character or a bidirectional override" + (multiline ? "" : " (or a line break)"));
}

// YYYY-MM-DD of a real day, or empty.
bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  unsigned y = 0, m = 0, d = 0;
  if (std::sscanf(std::string(s).c_str(), "%4u-%2u-%2u", &y, &m, &d) != 3) return false;
  const std::chrono::year_month_day ymd{std::chrono::year(int(y)), std::chrono::month(m), std::chrono::day(d)};
  return ymd.ok();
}

bool IsCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

Status Validate(Customer& c) {
  FieldErrors errors;
  if (IsBlank(c.name)) errors.Add("name", "required", "name is required");
  CheckText(errors, "name", c.name, kMaxNameChars);
  if (!c.code.empty()) {
    bool ok = c.code.size() <= kMaxCodeChars;
    for (char ch : c.code) ok = ok && IsCodeChar(ch);
    if (!ok) errors.Add("code", "invalid_format", "code must be 1-32 letters, digits, '-' or '_'");
  }
  if (!c.credit_code.empty()) {
    const CreditCodeProblem problem = CheckCreditCode(c.credit_code);
    if (problem != CreditCodeProblem::kNone)
      errors.Add("credit_code", std::string(CreditCodeReason(problem)), std::string(CreditCodeMessage(problem)));
    else if (c.kind != "organization")
      errors.Add("credit_code", "not_organization", "only an organization has a unified social credit code");
  }
  if (c.contacts.size() > kMaxContacts) errors.Add("contacts", "too_long", "at most 50 contacts");
  if (c.addresses.size() > kMaxAddresses) errors.Add("addresses", "too_long", "at most 20 addresses");
  if (c.tags.size() > kMaxTags) errors.Add("tags", "too_long", "at most 20 tags");
  for (size_t i = 0; i < c.tags.size(); ++i) {
    const std::string field = "tags[" + std::to_string(i) + "]";
    if (IsBlank(c.tags[i])) errors.Add(field, "required", "a tag cannot be empty");
    CheckText(errors, field, c.tags[i], 30);
  }
  for (size_t i = 0; i < c.contacts.size(); ++i) {
    Contact& contact = c.contacts[i];
    const std::string at = "contacts[" + std::to_string(i) + "].";
    if (IsBlank(contact.name)) errors.Add(at + "name", "required", "a contact needs a name");
    CheckText(errors, at + "name", contact.name, 50);
    CheckText(errors, at + "title", contact.title, 50);
    // A masked value that was the mask of the stored one has been given back its stored value by now
    // (RestoreMaskedValues); any '*' left is not a phone or an e-mail.
    if (text::LooksMasked(contact.phone)) {
      errors.Add(at + "phone", "masked_value", "a masked phone is kept only unchanged; send the whole number");
    } else if (!contact.phone.empty()) {
      if (auto phone = text::NormalizePhone(contact.phone)) contact.phone = *phone;
      else errors.Add(at + "phone", "invalid_phone", "not a Chinese mobile or landline number");
    }
    if (text::LooksMasked(contact.email))
      errors.Add(at + "email", "masked_value", "a masked e-mail is kept only unchanged; send the whole address");
    else if (!contact.email.empty() && !text::IsValidEmail(contact.email))
      errors.Add(at + "email", "invalid_email", "not an e-mail address");
    CheckText(errors, at + "email", contact.email, 120);
  }
  for (size_t i = 0; i < c.addresses.size(); ++i) {
    const Address& a = c.addresses[i];
    const std::string at = "addresses[" + std::to_string(i) + "].";
    CheckText(errors, at + "province", a.province, 30);
    CheckText(errors, at + "city", a.city, 30);
    CheckText(errors, at + "district", a.district, 30);
    CheckText(errors, at + "street", a.street, 200);
    if (!a.postal_code.empty() && (a.postal_code.size() != 6 || a.postal_code.find_first_not_of("0123456789") != std::string::npos))
      errors.Add(at + "postal_code", "invalid_format", "a postal code has six digits");
  }
  const Preferences& p = c.preferences;
  if (!p.birthday.empty() && !IsDate(p.birthday))
    errors.Add("preferences.birthday", "invalid_format", "a date is YYYY-MM-DD");
  if (!p.anniversary.empty() && !IsDate(p.anniversary))
    errors.Add("preferences.anniversary", "invalid_format", "a date is YYYY-MM-DD");
  CheckText(errors, "preferences.pickup_window", p.pickup_window, 50);
  CheckText(errors, "preferences.packaging", p.packaging, 200);
  CheckText(errors, "preferences.handling", p.handling, 200);
  CheckText(errors, "preferences.usual", p.usual, 1000, /*multiline=*/true);
  CheckText(errors, "requirements.notes", c.requirements.notes, kMaxNotesChars, /*multiline=*/true);
  if (c.requirements.flags.size() > kMaxRequirementFlags)
    errors.Add("requirements.flags", "too_long", "at most " + std::to_string(kMaxRequirementFlags) + " flags");
  for (const auto& [name, value] : c.requirements.flags) {
    const std::string field = "requirements.flags." + (name.size() > kMaxFlagNameChars * 4
                                                            ? text::TruncateCodePoints(name, kMaxFlagNameChars) + "…"
                                                            : name);
    if (IsBlank(name)) errors.Add(field, "required", "a flag needs a name");
    CheckText(errors, field, name, kMaxFlagNameChars);
  }
  if (p.preferred_contact_id) {
    bool found = false;
    for (const Contact& contact : c.contacts) found = found || contact.id == *p.preferred_contact_id;
    if (!found)
      errors.Add("preferences.preferred_contact_id", "not_found", "the preferred contact is not one of the contacts");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::optional<Requirements> TemplateFor(std::string_view industry) {
  using Flags = std::vector<std::pair<std::string, bool>>;
  if (industry == "pharma")
    return Requirements{"pharma",
                        "医药：货值高，须有保险条款；原包装完好；签收回单作为付款凭证；回款周期长，合同须约定账期。",
                        Flags{{"insurance_clause", true}, {"original_packaging_intact", true},
                              {"signed_receipt", true}, {"account_period", true}}};
  if (industry == "it_telecom")
    return Requirements{"it_telecom",
                        "IT/通信：货值极高，须有保险及赔偿条款；厢式车运输；条码化仓储管理；运输时效要求严格；"
                        "签收回单须有收货人身份证号及盖章。",
                        Flags{{"insurance_clause", true}, {"compensation_clause", true}, {"box_truck", true},
                              {"barcode_warehousing", true}, {"tight_transit_time", true},
                              {"receipt_with_id_and_stamp", true}}};
  if (industry == "electronics")
    return Requirements{"electronics", "电子产品：易碎，须按包装规范作业（防震、木箱、泡沫填充）。",
                        Flags{{"fragile_packaging", true}, {"anti_shock", true}, {"wooden_crate", true},
                              {"foam_filling", true}}};
  if (industry == "apparel")
    return Requirements{"apparel", "服装：轻泡货，合同须明确计费重量（体积重量）；外包装不得污损。",
                        Flags{{"light_bulky", true}, {"volumetric_weight_explicit", true},
                              {"packaging_clean", true}}};
  if (industry == "advertising")
    return Requirements{"advertising", "广告：批量分拣；展会物品零延误；按项目结算。",
                        Flags{{"batch_sorting", true}, {"zero_tolerance_for_lateness", true},
                              {"project_billing", true}}};
  if (industry == "ecommerce")
    return Requirements{"ecommerce",
                        "电商：每天至少揽收一次；仓储服务；代收货款（约定手续费率与回款周期）；全程跟踪；按量折扣。",
                        Flags{{"daily_pickup", true}, {"warehousing", true}, {"cod", true},
                              {"full_tracking", true}, {"volume_discount", true}}};
  return std::nullopt;
}

std::vector<Requirements> AllTemplates() {
  std::vector<Requirements> all;
  for (std::string_view industry : kIndustries)
    if (auto t = TemplateFor(industry)) all.push_back(std::move(*t));
  return all;
}

bool IsTemplateFlag(std::string_view flag) {
  for (const Requirements& r : AllTemplates())
    for (const auto& [name, value] : r.flags)
      if (name == flag) return true;
  return false;
}

void MaskPersonalData(Customer& c) {
  for (Contact& contact : c.contacts) {
    contact.name = text::MaskName(contact.name);
    if (!contact.phone.empty()) contact.phone = text::MaskPhone(contact.phone);
    if (!contact.email.empty()) contact.email = text::MaskEmail(contact.email);
  }
  for (Address& a : c.addresses)
    if (!a.street.empty()) a.street = text::MaskStreet(a.street);
  if (c.kind == "individual") c.name = text::MaskName(c.name);
  c.preferences.birthday = c.preferences.birthday.empty() ? "" : "****" + c.preferences.birthday.substr(4);
  c.masked = true;
}

std::string KeepStoredIfMasked(const std::string& stored, const std::string& incoming,
                               std::string (*mask)(std::string_view)) {
  if (!stored.empty() && incoming == mask(stored)) return stored;
  return incoming;
}

void RestoreMaskedValues(const Customer& stored, Customer& incoming) {
  if (stored.kind == "individual") incoming.name = KeepStoredIfMasked(stored.name, incoming.name, text::MaskName);
  if (!stored.preferences.birthday.empty() &&
      incoming.preferences.birthday == "****" + stored.preferences.birthday.substr(4))
    incoming.preferences.birthday = stored.preferences.birthday;
  for (Contact& contact : incoming.contacts) {
    for (const Contact& old : stored.contacts) {
      if (contact.id == ContactId{} || old.id != contact.id) continue;
      contact.name = KeepStoredIfMasked(old.name, contact.name, text::MaskName);
      contact.phone = KeepStoredIfMasked(old.phone, contact.phone, text::MaskPhone);
      contact.email = KeepStoredIfMasked(old.email, contact.email, text::MaskEmail);
    }
  }
  for (Address& a : incoming.addresses)
    for (const Address& old : stored.addresses)
      if (a.id != AddressId{} && old.id == a.id) a.street = KeepStoredIfMasked(old.street, a.street, text::MaskStreet);
}

Status CheckNoMaskedValues(const Customer& stored, const Customer& incoming) {
  FieldErrors errors;
  const auto refuse = [&](const std::string& field) {
    errors.Add(field, "masked_value", "a masked value is kept only unchanged; send the whole value");
  };
  if (incoming.kind == "individual" && text::LooksMasked(incoming.name) && incoming.name != stored.name)
    refuse("name");
  if (text::LooksMasked(incoming.preferences.birthday) && incoming.preferences.birthday != stored.preferences.birthday)
    refuse("preferences.birthday");
  for (size_t i = 0; i < incoming.contacts.size(); ++i) {
    const Contact& contact = incoming.contacts[i];
    if (!text::LooksMasked(contact.name)) continue;
    bool kept = false;
    for (const Contact& old : stored.contacts) kept = kept || (contact.id != ContactId{} && old.id == contact.id && old.name == contact.name);
    if (!kept) refuse("contacts[" + std::to_string(i) + "].name");
  }
  for (size_t i = 0; i < incoming.addresses.size(); ++i) {
    const Address& a = incoming.addresses[i];
    if (!text::LooksMasked(a.street)) continue;
    bool kept = false;
    for (const Address& old : stored.addresses) kept = kept || (a.id != AddressId{} && old.id == a.id && old.street == a.street);
    if (!kept) refuse("addresses[" + std::to_string(i) + "].street");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

std::string GeneratedCode(int64_t id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "C%07lld", static_cast<long long>(id));
  return buf;
}

}  // namespace consign::customers
