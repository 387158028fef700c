#pragma once
// Which one masked value of an account a reveal shows (POST /api/v1/customers/{id}/reveal,
// DOMAIN.md §12): a field name and, for a contact's or an address's field, the id of that contact or
// address — ids stay right when the lists are reordered or edited meanwhile, positions would not.
// Pure: no database, no HTTP.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "modules/customers/customer.hpp"

namespace consign::customers {

enum class RevealField { kName, kBirthday, kContactName, kContactPhone, kContactEmail, kAddressStreet };

// Wire names, in RevealField order.
inline constexpr std::array<std::string_view, 6> kRevealFields = {
    "name", "preferences.birthday", "contact.name", "contact.phone", "contact.email", "address.street"};

std::string_view RevealFieldName(RevealField field);

struct RevealTarget {
  RevealField field = RevealField::kName;
  std::optional<ContactId> contact_id;  // set for contact.* and only for them
  std::optional<AddressId> address_id;  // set for address.street and only for it
};

// Errors (kInvalidArgument) name the field: "field" (required, invalid_enum); "contact_id" or
// "address_id" (required when the field belongs to a contact or an address; not_allowed otherwise).
[[nodiscard]] Result<RevealTarget> ParseRevealTarget(std::optional<std::string_view> field,
                                                     std::optional<int64_t> contact_id,
                                                     std::optional<int64_t> address_id);

// The stored (unmasked) value the target names in `stored`; may be empty when nothing is stored.
// Errors (kInvalidArgument): "contact_id" / "address_id" not_found when it is not one of this
// account's; "field" not_masked for the name of an organization, which is not personal data and
// shows on every read.
[[nodiscard]] Result<std::string> RevealedValue(const Customer& stored, const RevealTarget& target);

}  // namespace consign::customers
