#pragma once
// The JSON form of a carrier: one codec for the API and for the store's JSON columns (coverage,
// products, rates, transit, contacts), so that what is stored is what the API shows. Money is
// {"amount_minor": 1200, "currency": "CNY"} (STYLE.md §4), weights in grams, transit in hours,
// performance in basis points.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "modules/carriers/carrier.hpp"
#include "platform/http/json.hpp"

namespace consign::carriers {

boost::json::array RatesToJson(const std::vector<CarrierRate>& rates);
boost::json::array TransitToJson(const std::vector<TransitTime>& transit);
boost::json::array ContactsToJson(const std::vector<Contact>& contacts);
boost::json::object PerformanceToJson(const Performance& p);
// The whole carrier as the API shows it (contacts as they are: the service masks them first).
boost::json::object CarrierToJson(const Carrier& carrier);

// Reads onto `carrier` the editable fields present in the form — code, name_zh, name_en, kind,
// coverage, products, daily_capacity_orders, daily_capacity_grams, rates, transit, declared,
// contacts — leaving absent ones as they are (a PATCH). Type errors go into the form with their paths
// ("rates[2].first_price.amount_minor"); the values are checked by ValidateCarrier afterwards.
void ReadCarrierFields(http::JsonFields& form, Carrier& carrier);

// A list column as stored, and back (`field` names the list: "rates", "transit", "contacts",
// "coverage", "products"). Parse errors of stored text are a bug: kInternal.
std::string ListToStoredJson(const boost::json::array& list);
[[nodiscard]] Status ReadStoredList(std::string_view field, std::string_view text, Carrier& carrier);

}  // namespace consign::carriers
