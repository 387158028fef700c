#include "modules/customers/reveal.hpp"

namespace consign::customers {

std::string_view RevealFieldName(RevealField field) { return kRevealFields[static_cast<size_t>(field)]; }

Result<RevealTarget> ParseRevealTarget(std::optional<std::string_view> field, std::optional<int64_t> contact_id,
                                       std::optional<int64_t> address_id) {
  std::string list;
  for (std::string_view name : kRevealFields) list += (list.empty() ? "" : ", ") + std::string(name);
  if (!field || field->empty()) return InvalidField("field", "required", "field is required: one of " + list);
  std::optional<RevealField> parsed;
  for (size_t i = 0; i < kRevealFields.size(); ++i)
    if (kRevealFields[i] == *field) parsed = static_cast<RevealField>(i);
  if (!parsed) return InvalidField("field", "invalid_enum", "field must be one of: " + list);

  const bool of_contact = *parsed == RevealField::kContactName || *parsed == RevealField::kContactPhone ||
                          *parsed == RevealField::kContactEmail;
  const bool of_address = *parsed == RevealField::kAddressStreet;
  FieldErrors errors;
  if (of_contact && !contact_id) errors.Add("contact_id", "required", "contact_id names the contact whose value to show");
  if (!of_contact && contact_id) errors.Add("contact_id", "not_allowed", "contact_id belongs only with contact.* fields");
  if (of_address && !address_id) errors.Add("address_id", "required", "address_id names the address whose street to show");
  if (!of_address && address_id) errors.Add("address_id", "not_allowed", "address_id belongs only with address.street");
  if (!errors.empty()) return std::move(errors).ToError();

  RevealTarget target;
  target.field = *parsed;
  if (contact_id) target.contact_id = ContactId{*contact_id};
  if (address_id) target.address_id = AddressId{*address_id};
  return target;
}

Result<std::string> RevealedValue(const Customer& stored, const RevealTarget& target) {
  switch (target.field) {
    case RevealField::kName:
      if (stored.kind != "individual")
        return InvalidField("field", "not_masked", "an organization's name is not personal data; it is never masked");
      return stored.name;
    case RevealField::kBirthday: return stored.preferences.birthday;
    case RevealField::kContactName:
    case RevealField::kContactPhone:
    case RevealField::kContactEmail:
      for (const Contact& c : stored.contacts) {
        if (!target.contact_id || c.id != *target.contact_id) continue;
        if (target.field == RevealField::kContactName) return c.name;
        if (target.field == RevealField::kContactPhone) return c.phone;
        return c.email;
      }
      return InvalidField("contact_id", "not_found", "this customer has no contact with this id");
    case RevealField::kAddressStreet:
      for (const Address& a : stored.addresses)
        if (target.address_id && a.id == *target.address_id) return a.street;
      return InvalidField("address_id", "not_found", "this customer has no address with this id");
  }
  return InvalidField("field", "invalid_enum", "unknown field");
}

}  // namespace consign::customers
