#pragma once
// The JSON shape of leads and opportunities: the API's answers and the audit trail's snapshots.
#include <boost/json/object.hpp>

#include "modules/sales/lead.hpp"
#include "modules/sales/opportunity.hpp"

namespace consign::sales {

boost::json::object MoneyJson(const Money& m);  // {"amount_minor": 12345, "currency": "CNY"}
boost::json::object LeadJson(const Lead& lead);
boost::json::object OpportunityJson(const Opportunity& o);

}  // namespace consign::sales
