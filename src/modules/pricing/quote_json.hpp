#pragma once
// The answer of POST /api/v1/quotes and the product it names. HTTP-layer code (Boost.JSON).
#include <boost/json/object.hpp>
#include <string>

#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/rate_card.hpp"

namespace consign::pricing {

// {"code", "name_zh", "name_en", "volumetric_divisor", "dimensions_required"}
boost::json::object ProductToJson(const ServiceProduct& p);
// The quote (QuoteToJson, rate_card_json.hpp), then "product", "rate_card" (the card that priced it:
// id, kind, name, customer_id, contract_id) and "date".
boost::json::object QuoteAnswerJson(const QuoteAnswer& answer);
// The same written straight to text: the bytes of serialising QuoteAnswerJson, without building it
// (building and serialising it was ~30k of a quote's 208k instructions; a JsonWriter, 16k of 155k). A test
// holds the two together.
std::string QuoteAnswerText(const QuoteAnswer& answer);

}  // namespace consign::pricing
