#pragma once
// Quote: the price of one shipment under one rate card, line by line, each line with the rule behind
// it in both languages. Pure: the caller chooses the card (an agreement card wins over the published
// one: pricing_service.hpp) and reads the zone matrix; orders will call this same function.
//
// The steps, in order:
//   1. zone of origin → destination (zone.hpp);
//   2. chargeable weight = max(actual, L×W×H ÷ the product's divisor, in grams rounded up), then
//      rounded up to the card's step (0.5 kg or 1 kg);
//   3. freight from the band holding that weight: first price, plus the continued price for every
//      started step above the first weight (首重 + 续重);
//   4. discount of the monthly-volume tier, on the freight;
//   5. top-up to the minimum charge when the discounted freight is below it;
//   6. remote-area surcharge in the remote zone;
//   7. value-added fees asked for: insured value and COD (rate, at least the minimum), signed receipt,
//      packaging.
// Rates round half up (四舍五入, as tariffs print them) through core/money.hpp; nothing else rounds.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/pricing/rate_card.hpp"
#include "modules/pricing/zone.hpp"

namespace consign::pricing {

struct Dimensions {
  int64_t length_cm = 0, width_cm = 0, height_cm = 0;
};
inline constexpr int64_t kMaxSideCm = 1000;

struct QuoteRequest {
  std::string origin;       // GB/T 2260 code: province, city or district
  std::string destination;
  int64_t weight_grams = 0;
  std::optional<Dimensions> dimensions_cm;
  std::optional<Money> declared_value;
  bool insured = false;
  bool cod = false;
  std::optional<Money> cod_amount;  // REQUIRED when cod
  bool signed_receipt = false;
  bool packaging = false;
  int64_t monthly_shipments = 0;  // chooses the discount tier
};

struct QuoteLine {
  std::string code;  // freight, discount, minimum_charge, remote_surcharge, insured, cod, signed_receipt, packaging
  std::string label_zh;
  std::string label_en;
  Money amount;      // a discount is negative
  std::string rule_zh;  // "首重 1kg ¥12.00 + 续重 3×0.5kg×¥2.00"
  std::string rule_en;
};

struct QuoteResult {
  Zone zone = Zone::kSameCity;
  int64_t actual_grams = 0;
  std::optional<int64_t> volumetric_grams;  // when dimensions were given
  int64_t chargeable_grams = 0;
  std::vector<QuoteLine> lines;
  Money total;
};

// kInvalidArgument naming the field: origin/destination not a division of the geo module
// (unknown_division); dimensions_cm missing where the product requires them (required) or a side
// outside 1–1000 cm; weight_grams not positive or beyond the card's last band (out_of_range);
// declared_value missing when insured, cod_amount missing when cod; a negative or non-CNY amount.
// REQUIRES: ValidateRateCard(card) passed and card.product_code == product.code.
[[nodiscard]] Result<QuoteResult> Quote(const ServiceProduct& product, const RateCard& card,
                                        const ZoneMatrix& matrix, const QuoteRequest& request);

// "1kg", "0.5kg", "2.25kg": grams as the rules print them.
std::string FormatKg(int64_t grams);
// "0.30%" for 30 basis points.
std::string FormatPercent(int64_t basis_points);

}  // namespace consign::pricing
