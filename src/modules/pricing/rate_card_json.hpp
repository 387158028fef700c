#pragma once
// The JSON form of a rate card, money and quotes: one codec for the API and for the card_json column
// (pricing_store.cpp), so that what is stored is what the API shows. Money is
// {"amount_minor": 1200, "currency": "CNY"} (STYLE.md §4).
//
//   {"rounding": "half_kg", "minimum_charge": Money, "remote_surcharge": Money,
//    "zones": [{"zone": "same_city", "bands": [{"from_grams", "to_grams", "first_grams", "first_price",
//               "step_grams", "step_price"}]}],
//    "fees": {"insured": {"rate_bp", "minimum"}, "cod": {"rate_bp", "minimum"}, "signed_receipt": Money,
//             "packaging": Money},
//    "discounts": [{"min_monthly_shipments", "discount_bp"}]}
#include <boost/json/object.hpp>

#include "core/money.hpp"
#include "modules/pricing/quote.hpp"
#include "modules/pricing/rate_card.hpp"
#include "platform/http/json.hpp"

namespace consign::pricing {

boost::json::object MoneyToJson(const Money& m);
// Reads a Money object at `field` of the form; a missing one is an error (required) when `required`.
std::optional<Money> ReadMoney(http::JsonFields& form, std::string_view field, bool required);

// Writes the card's fields into `out` (the API flattens them beside the card's id and status).
void RateCardFieldsToJson(const RateCard& card, boost::json::object& out);
// Reads the card's fields from the form (product_code is left to the caller). Type errors go into
// the form with their paths ("zones[2].bands[1].from_grams"); the values are checked by
// ValidateRateCard afterwards.
RateCard ReadRateCardFields(http::JsonFields& form);

// The card alone as stored in card_json, and back. Parse errors of stored text are a bug: kInternal.
std::string RateCardToStoredJson(const RateCard& card);
Result<RateCard> RateCardFromStoredJson(std::string_view text, std::string product_code);

boost::json::object QuoteToJson(const QuoteResult& quote);

}  // namespace consign::pricing
