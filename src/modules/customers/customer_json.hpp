#pragma once
// Customers as JSON, in the shape of docs/api-contract.md. HTTP-layer code (Boost.JSON): used by the
// handlers and by the service for the audit trail's before/after.
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "modules/customers/customer.hpp"

namespace consign::customers {

boost::json::object ToJson(const Customer& c, const std::optional<OwnerView>& owner);
// The list item: no addresses or contacts but the city and the primary contact.
boost::json::object ToSummaryJson(const Customer& c, const std::optional<OwnerView>& owner);
// Compact JSON of the stored record for the audit trail.
std::string AuditJson(const Customer& c);

// Applies a create (is_create) or PATCH body onto `c`: top-level fields replace, classification,
// preferences and requirements merge key by key, contacts and addresses replace the lists. Every
// type and enum mistake is reported at once, with its field path.
[[nodiscard]] Status ApplyJson(const boost::json::object& body, Customer& c, bool is_create);

}  // namespace consign::customers
