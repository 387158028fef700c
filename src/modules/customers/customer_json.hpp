#pragma once
// Customers as JSON, in the shape of docs/api-contract.md. HTTP-layer code (Boost.JSON): used by the
// handlers and by the service for the audit trail's before/after.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/customers/customer.hpp"

namespace consign::customers {

// The account with its owner (c.owner, as the service filled it).
boost::json::object ToJson(const Customer& c);
// The same written straight to text: the bytes of boost::json::serialize(ToJson(c)), without building
// the object first (the read of one account answers with it; a test holds the two together).
std::string ToJsonText(const Customer& c);
// The list item: no addresses or contacts but the city and the primary contact.
boost::json::object ToSummaryJson(const Customer& c);
// The customer-facing view (AccountView::kCustomerFacing in access.hpp): what a portal user is shown of
// its own account. id, code, name, kind, industry, contacts, addresses, preferences, the requirement
// flags that are template service requirements (IsTemplateFlag), masked, created_at. The company's
// internal work on the account — classification, owner, team_id, tags, requirement notes and
// template, flags staff made up, status, version, updated_at — is absent (not null: nothing to read).
// Personal data is as `c` holds it: the caller masks first, as for everyone.
boost::json::object ToCustomerFacingJson(const Customer& c);
// The list item of the same view: id, code, name, kind, industry, city, province, primary_contact,
// masked.
boost::json::object ToCustomerFacingSummaryJson(const Customer& c);
// Compact JSON of the stored record for the audit trail (the owner by id only: login and name are
// the auth module's, not part of the account).
std::string AuditJson(const Customer& c);

// THE JSON of tags, preferences and requirements: one shape for the API, the audit trail and the
// store's text columns (json::serialize / json::parse around these). Empty optional strings are
// null. The From functions read what the To functions write; a missing key, a null or a value of
// another type reads as empty (so rows written before a key existed still read).
boost::json::array TagsToJson(const std::vector<std::string>& tags);
std::vector<std::string> TagsFromJson(const boost::json::value& v);
boost::json::object PreferencesToJson(const Preferences& p);
Preferences PreferencesFromJson(const boost::json::value& v);
boost::json::object RequirementsToJson(const Requirements& r);
Requirements RequirementsFromJson(const boost::json::value& v);

// Applies a create (is_create) or PATCH body onto `c`: top-level fields replace, classification,
// preferences and requirements merge key by key, contacts and addresses replace the lists. Every
// type and enum mistake is reported at once, with its field path.
[[nodiscard]] Status ApplyJson(const boost::json::object& body, Customer& c, bool is_create);

}  // namespace consign::customers
