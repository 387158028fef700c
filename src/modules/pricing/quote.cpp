#include "modules/pricing/quote.hpp"

#include <algorithm>

namespace consign::pricing {

std::string FormatKg(int64_t grams) {
  std::string text = std::to_string(grams / 1000);
  if (int64_t rest = grams % 1000; rest != 0) {
    std::string fraction = std::to_string(rest);
    fraction.insert(0, 3 - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text + "kg";
}

std::string FormatPercent(int64_t basis_points) {
  std::string cents = std::to_string(basis_points % 100);
  if (cents.size() < 2) cents.insert(0, 1, '0');
  return std::to_string(basis_points / 100) + "." + cents + "%";
}

namespace {

std::string Yuan(Money m) { return "¥" + FormatYuan(m); }

void CheckAmount(FieldErrors& errors, const std::string& field, const std::optional<Money>& m) {
  if (!m) return;
  if (!(m->currency == kCny)) errors.Add(field, "invalid_currency", "quotes are in CNY");
  else if (m->minor < 0) errors.Add(field, "negative", "an amount cannot be negative");
}

// The fee of `rate` on `base`, at least the rate's minimum.
Result<Money> RateFeeOf(const RateFee& rate, Money base) {
  Result<Money> fee = ApplyBasisPoints(base, rate.rate_bp, Rounding::kHalfUp);
  if (!fee) return fee;
  return fee->minor < rate.minimum.minor ? rate.minimum : *fee;
}

// "申报价值 ¥5000.00 × 0.30% = ¥15.00，最低 ¥2.00"
void AddRateFeeLine(QuoteResult& quote, std::string code, std::string label_zh, std::string label_en,
                    std::string base_zh, std::string base_en, const RateFee& rate, Money base, Money fee) {
  const std::string product = Yuan(base) + " × " + FormatPercent(rate.rate_bp);
  quote.lines.push_back(QuoteLine{std::move(code), std::move(label_zh), std::move(label_en), fee,
                                  base_zh + " " + product + "，最低 " + Yuan(rate.minimum),
                                  base_en + " " + product + ", at least " + Yuan(rate.minimum)});
}

}  // namespace

Result<QuoteResult> Quote(const ServiceProduct& product, const RateCard& card, const ZoneMatrix& matrix,
                          const QuoteRequest& request) {
  // --- the request, every mistake at once ---
  FieldErrors errors;
  Result<Division> origin = ResolveDivision(request.origin, "origin");
  if (!origin) errors.Add("origin", "unknown_division", origin.error().fields.front().message);
  Result<Division> destination = ResolveDivision(request.destination, "destination");
  if (!destination) errors.Add("destination", "unknown_division", destination.error().fields.front().message);
  if (request.weight_grams <= 0 || request.weight_grams > kMaxWeightGrams)
    errors.Add("weight_grams", "out_of_range", "weight_grams is 1 to 100,000,000");
  if (request.dimensions_cm) {
    const Dimensions& d = *request.dimensions_cm;
    for (auto [name, side] : {std::pair<const char*, int64_t>{"length", d.length_cm}, {"width", d.width_cm},
                              {"height", d.height_cm}})
      if (side <= 0 || side > kMaxSideCm)
        errors.Add(std::string("dimensions_cm.") + name, "out_of_range", "a side is 1 to 1000 cm");
  } else if (product.dimensions_required) {
    errors.Add("dimensions_cm", "required", "product " + product.code + " is priced by measured volume: give the dimensions");
  }
  CheckAmount(errors, "declared_value", request.declared_value);
  CheckAmount(errors, "cod_amount", request.cod_amount);
  if (request.insured && !request.declared_value)
    errors.Add("declared_value", "required", "insurance is a rate of the declared value: give it");
  if (request.cod && !request.cod_amount) errors.Add("cod_amount", "required", "COD needs the amount to collect");
  if (request.monthly_shipments < 0) errors.Add("monthly_shipments", "out_of_range", "cannot be negative");
  if (!errors.empty()) return std::move(errors).ToError();

  QuoteResult quote;
  quote.zone = ZoneOf(matrix, *origin, *destination);
  quote.actual_grams = request.weight_grams;

  // --- chargeable weight ---
  int64_t weight = request.weight_grams;
  if (request.dimensions_cm) {
    const Dimensions& d = *request.dimensions_cm;
    // cm³ × 1000 g/kg ÷ (cm³/kg), rounded up: a parcel is never lighter than its volume says.
    Result<int64_t> volumetric =
        DivideRounded(d.length_cm * d.width_cm * d.height_cm * 1000, product.volumetric_divisor, Rounding::kUp);
    if (!volumetric) return volumetric.error();
    quote.volumetric_grams = *volumetric;
    weight = std::max(weight, *volumetric);
  }
  const int64_t rounding_step = WeightRoundingGrams(card.rounding);
  Result<int64_t> steps = DivideRounded(weight, rounding_step, Rounding::kUp);
  if (!steps) return steps.error();
  quote.chargeable_grams = *steps * rounding_step;

  // --- freight from the band ---
  const ZoneRates* rates = nullptr;
  for (const ZoneRates& z : card.zones)
    if (z.zone == quote.zone) rates = &z;
  if (!rates) return Internal("rate card without zone " + std::string(ZoneCode(quote.zone)));
  const WeightBand* band = nullptr;
  for (const WeightBand& b : rates->bands)
    if (b.from_grams <= quote.chargeable_grams && quote.chargeable_grams < b.to_grams) band = &b;
  if (!band)
    return InvalidField("weight_grams", "out_of_range",
                        "chargeable weight " + FormatKg(quote.chargeable_grams) + " is beyond the rate card's last band (" +
                            FormatKg(rates->bands.back().to_grams) + ")");
  Money freight = band->first_price;
  std::string rule_zh = "首重 " + FormatKg(band->first_grams) + " " + Yuan(band->first_price);
  std::string rule_en = "first " + FormatKg(band->first_grams) + " " + Yuan(band->first_price);
  if (quote.chargeable_grams > band->first_grams) {
    Result<int64_t> continued = DivideRounded(quote.chargeable_grams - band->first_grams, band->step_grams, Rounding::kUp);
    if (!continued) return continued.error();
    Result<Money> continued_price = Multiply(band->step_price, *continued);
    if (!continued_price) return continued_price.error();
    Result<Money> sum = Add(freight, *continued_price);
    if (!sum) return sum.error();
    freight = *sum;
    const std::string step = std::to_string(*continued) + "×" + FormatKg(band->step_grams) + "×" + Yuan(band->step_price);
    rule_zh += " + 续重 " + step;
    rule_en += " + continued " + step;
  }
  const std::string zone_zh = std::string(ZoneNameZh(quote.zone)), zone_en = std::string(ZoneNameEn(quote.zone));
  quote.lines.push_back(QuoteLine{"freight", "运费", "Freight", freight,
                                  zone_zh + " " + FormatKg(quote.chargeable_grams) + ": " + rule_zh,
                                  zone_en + " " + FormatKg(quote.chargeable_grams) + ": " + rule_en});

  // --- discount, then the minimum ---
  Money net_freight = freight;
  const DiscountTier* tier = nullptr;
  for (const DiscountTier& t : card.discounts)
    if (t.min_monthly_shipments <= request.monthly_shipments) tier = &t;
  if (tier && tier->discount_bp > 0) {
    Result<Money> discount = ApplyBasisPoints(freight, tier->discount_bp, Rounding::kHalfUp);
    if (!discount) return discount.error();
    const Money negative = Money{-discount->minor, discount->currency};
    Result<Money> net = Add(freight, negative);
    if (!net) return net.error();
    net_freight = *net;
    const std::string n = std::to_string(tier->min_monthly_shipments);
    quote.lines.push_back(QuoteLine{"discount", "月量折扣", "Volume discount", negative,
                                    "月件量 ≥ " + n + "：运费 " + Yuan(freight) + " × " + FormatPercent(tier->discount_bp),
                                    n + "+ shipments a month: " + FormatPercent(tier->discount_bp) + " of freight " + Yuan(freight)});
  }
  if (net_freight.minor < card.minimum_charge.minor) {
    Result<Money> top_up = Subtract(card.minimum_charge, net_freight);
    if (!top_up) return top_up.error();
    quote.lines.push_back(QuoteLine{"minimum_charge", "最低收费补足", "Minimum charge top-up", *top_up,
                                    "最低收费 " + Yuan(card.minimum_charge) + "，运费 " + Yuan(net_freight),
                                    "minimum charge " + Yuan(card.minimum_charge) + ", freight " + Yuan(net_freight)});
  }

  // --- surcharge and value-added fees ---
  if (quote.zone == Zone::kRemote && card.remote_surcharge.minor > 0)
    quote.lines.push_back(QuoteLine{"remote_surcharge", "偏远附加费", "Remote-area surcharge", card.remote_surcharge,
                                    "偏远地区每件 " + Yuan(card.remote_surcharge),
                                    "remote destination, per shipment " + Yuan(card.remote_surcharge)});
  if (request.insured) {
    Result<Money> fee = RateFeeOf(card.fees.insured, *request.declared_value);
    if (!fee) return fee.error();
    AddRateFeeLine(quote, "insured", "保价费", "Insured value", "申报价值", "declared value", card.fees.insured,
                   *request.declared_value, *fee);
  }
  if (request.cod) {
    Result<Money> fee = RateFeeOf(card.fees.cod, *request.cod_amount);
    if (!fee) return fee.error();
    AddRateFeeLine(quote, "cod", "代收货款手续费", "Cash on delivery", "代收金额", "amount collected", card.fees.cod,
                   *request.cod_amount, *fee);
  }
  if (request.signed_receipt)
    quote.lines.push_back(QuoteLine{"signed_receipt", "签收回单", "Signed receipt", card.fees.signed_receipt,
                                    "每件 " + Yuan(card.fees.signed_receipt), "per shipment " + Yuan(card.fees.signed_receipt)});
  if (request.packaging)
    quote.lines.push_back(QuoteLine{"packaging", "包装费", "Packaging", card.fees.packaging,
                                    "每件 " + Yuan(card.fees.packaging), "per shipment " + Yuan(card.fees.packaging)});

  Money total = Money::Cny(0);
  for (const QuoteLine& line : quote.lines) {
    Result<Money> sum = Add(total, line.amount);
    if (!sum) return sum.error();
    total = *sum;
  }
  quote.total = total;
  return quote;
}

}  // namespace consign::pricing
