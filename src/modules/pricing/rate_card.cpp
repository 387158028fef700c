#include "modules/pricing/rate_card.hpp"

#include <array>
#include <cstdio>

namespace consign::pricing {

std::vector<ServiceProduct> StandardProducts() {
  return {
      {"standard", "标准快递", "Standard express", 8000, false},
      {"express", "特快", "Priority express", 6000, false},
      {"heavy", "重货", "Heavy freight", 6000, true},
  };
}

std::string_view WeightRoundingCode(WeightRounding r) {
  switch (r) {
    case WeightRounding::kHalfKg: return "half_kg";
    case WeightRounding::kOneKg: return "one_kg";
  }
  return "";
}

int64_t WeightRoundingGrams(WeightRounding r) {
  switch (r) {
    case WeightRounding::kHalfKg: return 500;
    case WeightRounding::kOneKg: return 1000;
  }
  return 1000;
}

namespace {

std::string Path(std::string_view prefix, size_t index) { return std::string(prefix) + "[" + std::to_string(index) + "]"; }

void CheckMoney(FieldErrors& errors, const std::string& field, const Money& m) {
  if (!(m.currency == kCny)) errors.Add(field, "invalid_currency", "rate cards are in CNY");
  else if (m.minor < 0) errors.Add(field, "negative", "a price cannot be negative");
}

void CheckRate(FieldErrors& errors, const std::string& field, int64_t bp) {
  if (bp < 0 || bp > 10'000) errors.Add(field, "out_of_range", "a rate is 0 to 10000 basis points (0–100 %)");
}

void CheckBands(FieldErrors& errors, const std::string& zone_path, const std::vector<WeightBand>& bands) {
  const std::string bands_path = zone_path + ".bands";
  if (bands.empty()) {
    errors.Add(bands_path, "required", "a zone needs at least one weight band");
    return;
  }
  if (bands.size() > kMaxBandsPerZone) {
    errors.Add(bands_path, "too_many", "at most 20 weight bands per zone");
    return;
  }
  for (size_t k = 0; k < bands.size(); ++k) {
    const WeightBand& band = bands[k];
    const std::string p = Path(bands_path, k);
    const int64_t expected_from = k == 0 ? 0 : bands[k - 1].to_grams;
    if (band.from_grams > expected_from)
      errors.Add(p + ".from_grams", "band_gap",
                 "weights from " + std::to_string(expected_from) + " g to " + std::to_string(band.from_grams) +
                     " g have no band");
    else if (band.from_grams < expected_from)
      errors.Add(p + ".from_grams", "band_overlap",
                 "overlaps the band before it, which ends at " + std::to_string(expected_from) + " g");
    if (band.to_grams <= band.from_grams || band.to_grams > kMaxWeightGrams)
      errors.Add(p + ".to_grams", "out_of_range", "to_grams must be above from_grams and at most 100,000,000");
    if (band.first_grams <= 0 || band.first_grams > kMaxWeightGrams)
      errors.Add(p + ".first_grams", "out_of_range", "the first weight is 1 to 100,000,000 g");
    if (band.step_grams <= 0 || band.step_grams > kMaxWeightGrams)
      errors.Add(p + ".step_grams", "out_of_range", "the continued step is 1 to 100,000,000 g");
    CheckMoney(errors, p + ".first_price", band.first_price);
    CheckMoney(errors, p + ".step_price", band.step_price);
  }
}

}  // namespace

Status ValidateRateCard(const RateCard& card) {
  FieldErrors errors;
  if (card.product_code.empty()) errors.Add("product", "required", "product is required");
  CheckMoney(errors, "minimum_charge", card.minimum_charge);
  CheckMoney(errors, "remote_surcharge", card.remote_surcharge);

  std::array<bool, std::size(kAllZones)> seen{};
  for (size_t i = 0; i < card.zones.size(); ++i) {
    const std::string p = Path("zones", i);
    bool& zone_seen = seen[static_cast<size_t>(card.zones[i].zone)];
    if (zone_seen) errors.Add(p + ".zone", "duplicate", "each zone appears once");
    zone_seen = true;
    CheckBands(errors, p, card.zones[i].bands);
  }
  for (Zone z : kAllZones)
    if (!seen[static_cast<size_t>(z)])
      errors.Add("zones", "missing_zone", "the card has no rates for zone " + std::string(ZoneCode(z)));

  CheckRate(errors, "fees.insured.rate_bp", card.fees.insured.rate_bp);
  CheckMoney(errors, "fees.insured.minimum", card.fees.insured.minimum);
  CheckRate(errors, "fees.cod.rate_bp", card.fees.cod.rate_bp);
  CheckMoney(errors, "fees.cod.minimum", card.fees.cod.minimum);
  CheckMoney(errors, "fees.signed_receipt", card.fees.signed_receipt);
  CheckMoney(errors, "fees.packaging", card.fees.packaging);

  if (card.discounts.size() > kMaxDiscountTiers) errors.Add("discounts", "too_many", "at most 10 discount tiers");
  for (size_t i = 0; i < card.discounts.size(); ++i) {
    const DiscountTier& tier = card.discounts[i];
    const std::string p = Path("discounts", i);
    if (tier.min_monthly_shipments < 0)
      errors.Add(p + ".min_monthly_shipments", "out_of_range", "a shipment count cannot be negative");
    else if (i > 0 && tier.min_monthly_shipments <= card.discounts[i - 1].min_monthly_shipments)
      errors.Add(p + ".min_monthly_shipments", "not_ascending", "tiers go by ascending monthly shipments");
    if (tier.discount_bp < 0 || tier.discount_bp > 10'000)
      errors.Add(p + ".discount_bp", "out_of_range", "a discount is 0 to 10000 basis points (0–100 %)");
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

namespace {

// Per zone, in fen: band [0, 3 kg) first 1 kg and each further 0.5 kg; band [3 kg, 50 kg) first 3 kg
// and each further 1 kg.
struct ZonePrices {
  int64_t first_1kg, step_half_kg, first_3kg, step_1kg;
};
using PriceTable = std::array<ZonePrices, std::size(kAllZones)>;  // in kAllZones order

constexpr PriceTable kStandardPrices = {{
    {800, 100, 1200, 200},    // 同城
    {1000, 100, 1400, 200},   // 省内
    {1200, 200, 2000, 400},   // 邻省
    {1500, 300, 2700, 600},   // 跨省
    {2000, 500, 4000, 1000},  // 偏远
}};
constexpr PriceTable kExpressPrices = {{
    {1200, 200, 2000, 400},
    {1400, 200, 2200, 400},
    {1800, 400, 3400, 800},
    {2300, 500, 4300, 1000},
    {3000, 800, 6200, 1600},
}};
constexpr PriceTable kHeavyPrices = {{
    {1000, 100, 1400, 150},
    {1200, 100, 1600, 150},
    {1500, 200, 2300, 300},
    {1800, 300, 3000, 450},
    {2500, 500, 4500, 800},
}};

}  // namespace

RateCard StandardRateCard(const ServiceProduct& product) {
  const PriceTable& prices = product.code == "express" ? kExpressPrices
                             : product.code == "heavy" ? kHeavyPrices
                                                       : kStandardPrices;
  RateCard card;
  card.product_code = product.code;
  card.rounding = product.code == "heavy" ? WeightRounding::kOneKg : WeightRounding::kHalfKg;
  card.minimum_charge = Money::Cny(product.code == "heavy" ? 3000 : 800);
  card.remote_surcharge = Money::Cny(1000);
  for (size_t i = 0; i < std::size(kAllZones); ++i) {
    const ZonePrices& p = prices[i];
    card.zones.push_back(ZoneRates{
        kAllZones[i],
        {WeightBand{0, 3000, 1000, Money::Cny(p.first_1kg), 500, Money::Cny(p.step_half_kg)},
         WeightBand{3000, 50'000, 3000, Money::Cny(p.first_3kg), 1000, Money::Cny(p.step_1kg)}}});
  }
  card.fees.insured = {30, Money::Cny(200)};  // 0.3 % of the declared value, at least ¥2
  card.fees.cod = {100, Money::Cny(300)};     // 1 % of the amount collected, at least ¥3
  card.fees.signed_receipt = Money::Cny(300);
  card.fees.packaging = Money::Cny(500);
  card.discounts = {{500, 500}, {2000, 1000}, {10'000, 1500}};
  return card;
}

std::string_view CardKindCode(CardKind k) {
  switch (k) {
    case CardKind::kPublished: return "published";
    case CardKind::kAgreement: return "agreement";
  }
  return "";
}

std::string_view CardStatusCode(CardStatus s) {
  switch (s) {
    case CardStatus::kDraft: return "draft";
    case CardStatus::kActive: return "active";
    case CardStatus::kEnded: return "ended";
  }
  return "";
}

std::optional<CardKind> ParseCardKind(std::string_view code) {
  for (CardKind k : {CardKind::kPublished, CardKind::kAgreement})
    if (CardKindCode(k) == code) return k;
  return std::nullopt;
}

std::optional<CardStatus> ParseCardStatus(std::string_view code) {
  for (CardStatus s : {CardStatus::kDraft, CardStatus::kActive, CardStatus::kEnded})
    if (CardStatusCode(s) == code) return s;
  return std::nullopt;
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::pair<size_t, size_t> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i)
    for (size_t c = spans[i].first; c < spans[i].first + spans[i].second; ++c) {
      if (text[c] < '0' || text[c] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[c] - '0');
    }
  const Date d{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
               std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string FormatDate(Date d) {
  const int year = static_cast<int>(d.year());
  const unsigned month = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  if (year >= 0 && year <= 9999 && month <= 99 && day <= 99) {
    // Digit by digit: snprintf cost 2,600 instructions a date, and a quote formats two.
    const char text[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                           static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                           static_cast<char>('0' + month / 10),     static_cast<char>('0' + month % 10), '-',
                           static_cast<char>('0' + day / 10),       static_cast<char>('0' + day % 10)};
    return std::string(text, sizeof text);
  }
  char text[32];  // 10 for a real date; room for what the compiler cannot rule out
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return text;
}

Status CheckEditable(const RateCardRecord& record) {
  if (record.status != CardStatus::kDraft)
    return MakeError(ErrorCode::kInvalidState,
                     "Only a draft rate card is edited; an " + std::string(CardStatusCode(record.status)) +
                         " card is replaced by a new draft.");
  return Ok();
}

Status CheckActivation(const RateCardRecord& record, std::optional<Date> valid_from, std::optional<Date> valid_to) {
  if (record.status != CardStatus::kDraft)
    return MakeError(ErrorCode::kInvalidState, "Only a draft rate card is activated.");
  if (record.kind == CardKind::kAgreement && !valid_from)
    return InvalidField("valid_from", "required", "an agreement card is active from a date");
  if (valid_from && valid_to && *valid_to < *valid_from)
    return InvalidField("valid_to", "before_valid_from", "valid_to is before valid_from");
  return Ok();
}

Status CheckEnd(const RateCardRecord& record) {
  if (record.status != CardStatus::kActive) return MakeError(ErrorCode::kInvalidState, "Only an active rate card is ended.");
  return Ok();
}

bool Overlaps(Date a_from, std::optional<Date> a_to, Date b_from, std::optional<Date> b_to) {
  const bool a_ends_before_b = a_to && *a_to < b_from;
  const bool b_ends_before_a = b_to && *b_to < a_from;
  return !a_ends_before_b && !b_ends_before_a;
}

}  // namespace consign::pricing
