#include "modules/sales/lead.hpp"

#include "core/credit_code.hpp"
#include "core/text.hpp"

namespace consign::sales {

namespace {

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Path(std::string_view prefix, size_t index, std::string_view field) {
  return std::string(prefix) + "[" + std::to_string(index) + "]." + std::string(field);
}

}  // namespace

const LeadSource* FindLeadSource(std::string_view name) {
  for (const LeadSource& s : kLeadSources)
    if (s.name == name) return &s;
  return nullptr;
}

std::string_view LeadStatusName(LeadStatus status) { return kLeadStatusNames[static_cast<size_t>(status)]; }

std::optional<LeadStatus> ParseLeadStatus(std::string_view name) {
  for (size_t i = 0; i < kLeadStatusNames.size(); ++i)
    if (kLeadStatusNames[i] == name) return static_cast<LeadStatus>(i);
  return std::nullopt;
}

std::string_view ConditionName(Condition condition) { return kConditionNames[static_cast<size_t>(condition)]; }

std::optional<Condition> ParseCondition(std::string_view name) {
  for (size_t i = 0; i < kConditionNames.size(); ++i)
    if (kConditionNames[i] == name) return static_cast<Condition>(i);
  return std::nullopt;
}

Status CanQualify(const Qualification& q, std::string_view credit_code) {
  for (size_t i = 0; i < q.checks.size(); ++i) {
    const std::string field = "checks." + std::string(kConditionNames[i]);
    if (!q.checks[i]) return InvalidField(field, "unchecked", "every condition must be checked before the lead qualifies");
    if (!q.checks[i]->met) return InvalidField(field, "not_met", "a lead qualifies only when all three conditions hold");
  }
  if (credit_code.empty())
    return InvalidField("credit_code", "required", "the credit check needs the unified social credit code");
  if (CheckCreditCode(credit_code) != CreditCodeProblem::kNone)
    return InvalidField("credit_code", std::string(CreditCodeReason(CheckCreditCode(credit_code))),
                        "the unified social credit code is not valid");
  return Ok();
}

Status ValidateWeights(const Weights& weights) {
  FieldErrors errors;
  int64_t sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0 || weights[i] > 100)
      errors.Add("weights." + std::string(kCriteria[i]), "out_of_range", "each weight is a percentage from 0 to 100");
    sum += weights[i];
  }
  if (errors.empty() && sum != 100) errors.Add("weights", "invalid_sum", "the weights must sum to 100");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

Status ValidateRatings(const Ratings& ratings) {
  FieldErrors errors;
  for (size_t i = 0; i < ratings.size(); ++i)
    if (ratings[i] < 0 || ratings[i] > kMaxRating)
      errors.Add("ratings." + std::string(kCriteria[i]), "out_of_range", "each rating is a whole number from 0 to 5");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

int64_t Score(const Ratings& ratings, const Weights& weights) {
  int64_t weighted = 0;  // at most 5 × 100
  for (size_t i = 0; i < ratings.size(); ++i) weighted += ratings[i] * weights[i];
  // To the nearest: (2·w + 5) ÷ 10 = w ÷ 5 rounded (w ≥ 0 is whole, so w ÷ 5 never ends in a half).
  return (2 * weighted + kMaxRating) / (2 * kMaxRating);
}

Status ValidateLead(Lead& lead) {
  FieldErrors errors;
  if (!FindLeadSource(lead.source)) errors.Add("source", "invalid_enum", "source must be one of the eight lead sources");
  if (IsBlank(lead.company)) errors.Add("company", "required", "company is required");
  if (!lead.credit_code.empty()) {
    const CreditCodeProblem problem = CheckCreditCode(lead.credit_code);
    if (problem != CreditCodeProblem::kNone)
      errors.Add("credit_code", std::string(CreditCodeReason(problem)), std::string(CreditCodeMessage(problem)));
  }
  if (!lead.region_code.empty() &&
      (!IsDigits(lead.region_code) || (lead.region_code.size() != 2 && lead.region_code.size() != 4 &&
                                       lead.region_code.size() != 6)))
    errors.Add("region_code", "invalid_format", "region_code is a division code of 2, 4 or 6 digits (GB/T 2260)");
  if (lead.contacts.size() > kMaxContacts) errors.Add("contacts", "too_many", "at most 20 contacts");
  for (size_t i = 0; i < lead.contacts.size(); ++i) {
    LeadContact& c = lead.contacts[i];
    if (IsBlank(c.name)) errors.Add(Path("contacts", i, "name"), "required", "a contact needs a name");
    if (!c.phone.empty()) {
      if (auto canonical = text::NormalizePhone(c.phone)) c.phone = *canonical;
      else errors.Add(Path("contacts", i, "phone"), "invalid_phone", "not a Chinese mobile, landline or 400/800 number");
    }
    if (!c.email.empty() && !text::IsValidEmail(c.email))
      errors.Add(Path("contacts", i, "email"), "invalid_email", "not an e-mail address");
  }
  if (lead.monthly_volume && *lead.monthly_volume < 0)
    errors.Add("monthly_volume", "out_of_range", "monthly_volume cannot be negative");
  if (lead.monthly_spend) {
    if (lead.monthly_spend->minor < 0)
      errors.Add("monthly_spend.amount_minor", "out_of_range", "monthly_spend cannot be negative");
    if (!(lead.monthly_spend->currency == kCny))
      errors.Add("monthly_spend.currency", "invalid_enum", "monthly_spend is in CNY");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

void MaskContacts(Lead& lead) {
  for (LeadContact& c : lead.contacts) {
    c.name = text::MaskName(c.name);
    if (!c.phone.empty()) c.phone = text::MaskPhone(c.phone);
    if (!c.email.empty()) c.email = text::MaskEmail(c.email);
  }
}

void RestoreMaskedContacts(const Lead& stored, Lead& incoming) {
  const auto keep = [](const std::string& old, std::string& value, std::string (*mask)(std::string_view)) {
    if (!old.empty() && value == mask(old)) value = old;
  };
  for (size_t i = 0; i < incoming.contacts.size() && i < stored.contacts.size(); ++i) {
    const LeadContact& old = stored.contacts[i];
    LeadContact& c = incoming.contacts[i];
    keep(old.name, c.name, text::MaskName);
    keep(old.phone, c.phone, text::MaskPhone);
    keep(old.email, c.email, text::MaskEmail);
  }
}

Status CheckNoMaskedContacts(const Lead& incoming) {
  FieldErrors errors;
  for (size_t i = 0; i < incoming.contacts.size(); ++i) {
    const LeadContact& c = incoming.contacts[i];
    const std::pair<std::string_view, const std::string*> fields[] = {{"name", &c.name}, {"phone", &c.phone},
                                                                      {"email", &c.email}};
    for (const auto& [name, value] : fields)
      if (text::LooksMasked(*value))
        errors.Add(Path("contacts", i, name), "masked_value", "a masked value is kept only unchanged; send the whole value");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

Result<std::string> ContactValue(const Lead& stored, size_t index, ContactField field) {
  if (index >= stored.contacts.size())
    return InvalidField("contact_index", "not_found", "the lead has no contact at contact_index");
  const LeadContact& c = stored.contacts[index];
  switch (field) {
    case ContactField::kName: return c.name;
    case ContactField::kPhone: return c.phone;
    case ContactField::kEmail: return c.email;
  }
  return c.name;
}

}  // namespace consign::sales
