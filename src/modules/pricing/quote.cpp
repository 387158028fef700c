#include "modules/pricing/quote.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string_view>

namespace consign::pricing {

namespace {

// The rules are built from five to ten small pieces each; `a + b + c …` made a string for every `+`,
// and a quote's rule texts cost more than its arithmetic. Cat sizes the text once; the numbers are
// written with to_chars (the pieces fit in the small-string buffer, so they allocate nothing).
std::string Cat(std::initializer_list<std::string_view> pieces) {
  size_t size = 0;
  for (std::string_view piece : pieces) size += piece.size();
  std::string text;
  text.reserve(size);
  for (std::string_view piece : pieces) text.append(piece);
  return text;
}

char* Digits(char* at, uint64_t value) { return std::to_chars(at, at + 20, value).ptr; }

// Through unsigned so INT64_MIN has a magnitude.
uint64_t Magnitude(int64_t value) {
  return value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

// "05" for 5: the two digits after a decimal point.
char* TwoDigits(char* at, uint64_t value) {
  *at++ = static_cast<char>('0' + value / 10);
  *at++ = static_cast<char>('0' + value % 10);
  return at;
}

}  // namespace

std::string FormatKg(int64_t grams) {
  char text[32];
  char* end = text;
  if (grams < 0) *end++ = '-';
  end = Digits(end, Magnitude(grams) / 1000);
  if (const uint64_t rest = Magnitude(grams) % 1000; rest != 0) {
    *end++ = '.';
    *end++ = static_cast<char>('0' + rest / 100);
    *end++ = static_cast<char>('0' + rest / 10 % 10);
    *end++ = static_cast<char>('0' + rest % 10);
    while (end[-1] == '0') --end;
  }
  *end++ = 'k';
  *end++ = 'g';
  return std::string(text, end);
}

std::string FormatPercent(int64_t basis_points) {
  char text[32];
  char* end = text;
  if (basis_points < 0) *end++ = '-';
  end = Digits(end, Magnitude(basis_points) / 100);
  *end++ = '.';
  end = TwoDigits(end, Magnitude(basis_points) % 100);
  *end++ = '%';
  return std::string(text, end);
}

namespace {

// "¥12.00", "¥-3.50": the sign and core's FormatYuan, written without its temporaries.
std::string Yuan(Money m) {
  char text[32] = "¥";
  char* end = text + std::char_traits<char>::length(text);
  if (m.minor < 0) *end++ = '-';
  end = Digits(end, Magnitude(m.minor) / 100);
  *end++ = '.';
  end = TwoDigits(end, Magnitude(m.minor) % 100);
  return std::string(text, end);
}

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
void AddRateFeeLine(QuoteResult& quote, std::string_view code, std::string_view label_zh, std::string_view label_en,
                    std::string_view base_zh, std::string_view base_en, const RateFee& rate, Money base, Money fee) {
  const std::string base_yuan = Yuan(base), percent = FormatPercent(rate.rate_bp), minimum = Yuan(rate.minimum);
  quote.lines.push_back(QuoteLine{std::string(code), std::string(label_zh), std::string(label_en), fee,
                                  Cat({base_zh, " ", base_yuan, " × ", percent, "，最低 ", minimum}),
                                  Cat({base_en, " ", base_yuan, " × ", percent, ", at least ", minimum})});
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
  quote.lines.reserve(8);  // every line there is: no QuoteLine is moved as they are added
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
  const std::string first_kg = FormatKg(band->first_grams), first_yuan = Yuan(band->first_price);
  std::string step;  // "3×0.5kg×¥2.00" when the weight is above the first grams
  if (quote.chargeable_grams > band->first_grams) {
    Result<int64_t> continued = DivideRounded(quote.chargeable_grams - band->first_grams, band->step_grams, Rounding::kUp);
    if (!continued) return continued.error();
    Result<Money> continued_price = Multiply(band->step_price, *continued);
    if (!continued_price) return continued_price.error();
    Result<Money> sum = Add(freight, *continued_price);
    if (!sum) return sum.error();
    freight = *sum;
    step = Cat({std::to_string(*continued), "×", FormatKg(band->step_grams), "×", Yuan(band->step_price)});
  }
  const std::string chargeable_kg = FormatKg(quote.chargeable_grams);
  quote.lines.push_back(QuoteLine{
      "freight", "运费", "Freight", freight,
      Cat({ZoneNameZh(quote.zone), " ", chargeable_kg, ": 首重 ", first_kg, " ", first_yuan,
           step.empty() ? "" : " + 续重 ", step}),
      Cat({ZoneNameEn(quote.zone), " ", chargeable_kg, ": first ", first_kg, " ", first_yuan,
           step.empty() ? "" : " + continued ", step})});

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
    const std::string n = std::to_string(tier->min_monthly_shipments), freight_yuan = Yuan(freight),
                      percent = FormatPercent(tier->discount_bp);
    quote.lines.push_back(QuoteLine{"discount", "月量折扣", "Volume discount", negative,
                                    Cat({"月件量 ≥ ", n, "：运费 ", freight_yuan, " × ", percent}),
                                    Cat({n, "+ shipments a month: ", percent, " of freight ", freight_yuan})});
  }
  if (net_freight.minor < card.minimum_charge.minor) {
    Result<Money> top_up = Subtract(card.minimum_charge, net_freight);
    if (!top_up) return top_up.error();
    const std::string minimum = Yuan(card.minimum_charge), net = Yuan(net_freight);
    quote.lines.push_back(QuoteLine{"minimum_charge", "最低收费补足", "Minimum charge top-up", *top_up,
                                    Cat({"最低收费 ", minimum, "，运费 ", net}),
                                    Cat({"minimum charge ", minimum, ", freight ", net})});
  }

  // --- surcharge and value-added fees ---
  if (quote.zone == Zone::kRemote && card.remote_surcharge.minor > 0) {
    const std::string surcharge = Yuan(card.remote_surcharge);
    quote.lines.push_back(QuoteLine{"remote_surcharge", "偏远附加费", "Remote-area surcharge", card.remote_surcharge,
                                    Cat({"偏远地区每件 ", surcharge}),
                                    Cat({"remote destination, per shipment ", surcharge})});
  }
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
  if (request.signed_receipt) {
    const std::string fee = Yuan(card.fees.signed_receipt);
    quote.lines.push_back(QuoteLine{"signed_receipt", "签收回单", "Signed receipt", card.fees.signed_receipt,
                                    Cat({"每件 ", fee}), Cat({"per shipment ", fee})});
  }
  if (request.packaging) {
    const std::string fee = Yuan(card.fees.packaging);
    quote.lines.push_back(QuoteLine{"packaging", "包装费", "Packaging", card.fees.packaging, Cat({"每件 ", fee}),
                                    Cat({"per shipment ", fee})});
  }

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
