#include "modules/pricing/rate_card_json.hpp"

#include <boost/json/serialize.hpp>

namespace consign::pricing {

namespace json = boost::json;

json::object MoneyToJson(const Money& m) {
  return json::object{{"amount_minor", m.minor}, {"currency", m.currency.view()}};
}

std::optional<Money> ReadMoney(http::JsonFields& form, std::string_view field, bool required) {
  const bool was_ok = form.ok();
  const json::object* obj = form.OptObject(field);
  if (!obj) {
    // Absent or null: required. Not an object: OptObject has named it (invalid_type) already.
    const bool type_error = was_ok && !form.ok();
    if (required && !type_error) form.Add(field, "required", std::string(field) + " is required");
    return std::nullopt;
  }
  http::JsonFields money(*obj, form.Path(field));
  const int64_t minor = money.Int("amount_minor");
  const std::string code = money.String("currency", 3);
  Status done = money.Finish();
  if (!done) {
    form.Merge(done.error());
    return std::nullopt;
  }
  Result<Currency> currency = ParseCurrency(code, http::FieldPath(form.Path(field), "currency"));
  if (!currency) {
    form.Merge(currency.error());
    return std::nullopt;
  }
  return Money{minor, *currency};
}

namespace {

constexpr std::string_view kRoundings[] = {"half_kg", "one_kg"};
constexpr std::string_view kZones[] = {"same_city", "same_province", "adjacent_province", "cross_province", "remote"};

json::object BandToJson(const WeightBand& b) {
  return json::object{{"from_grams", b.from_grams},   {"to_grams", b.to_grams},
                      {"first_grams", b.first_grams}, {"first_price", MoneyToJson(b.first_price)},
                      {"step_grams", b.step_grams},   {"step_price", MoneyToJson(b.step_price)}};
}

json::object RateFeeToJson(const RateFee& f) {
  return json::object{{"rate_bp", f.rate_bp}, {"minimum", MoneyToJson(f.minimum)}};
}

RateFee ReadRateFee(http::JsonFields& form, std::string_view field) {
  RateFee fee;
  const bool was_ok = form.ok();
  const json::object* obj = form.OptObject(field);
  if (!obj) {
    if (!(was_ok && !form.ok())) form.Add(field, "required", std::string(field) + " is required");
    return fee;
  }
  http::JsonFields f(*obj, form.Path(field));
  fee.rate_bp = f.Int("rate_bp");
  if (auto m = ReadMoney(f, "minimum", true)) fee.minimum = *m;
  if (Status s = f.Finish(); !s) form.Merge(s.error());
  return fee;
}

// Each element of an array field as an object, with its path ("zones[2]"); non-objects are errors.
template <class Each>
void ForEachObject(http::JsonFields& form, std::string_view field, size_t max_items, Each each) {
  const bool was_ok = form.ok();
  const json::array* items = form.OptArray(field);
  if (!items) {
    if (!(was_ok && !form.ok())) form.Add(field, "required", std::string(field) + " is required");
    return;
  }
  if (items->size() > max_items) {
    form.Add(field, "too_many", "at most " + std::to_string(max_items) + " items");
    return;
  }
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = http::FieldPath(form.Path(field), i);
    if (!(*items)[i].is_object()) {
      form.Add(path, "invalid_type", "must be an object");
      continue;
    }
    http::JsonFields item((*items)[i].get_object(), path);
    each(item);
    if (Status s = item.Finish(); !s) form.Merge(s.error());
  }
}

}  // namespace

void RateCardFieldsToJson(const RateCard& card, json::object& out) {
  out["rounding"] = WeightRoundingCode(card.rounding);
  out["minimum_charge"] = MoneyToJson(card.minimum_charge);
  out["remote_surcharge"] = MoneyToJson(card.remote_surcharge);
  json::array zones;
  for (const ZoneRates& z : card.zones) {
    json::array bands;
    for (const WeightBand& b : z.bands) bands.push_back(BandToJson(b));
    zones.push_back(json::object{{"zone", ZoneCode(z.zone)}, {"bands", std::move(bands)}});
  }
  out["zones"] = std::move(zones);
  out["fees"] = json::object{{"insured", RateFeeToJson(card.fees.insured)},
                             {"cod", RateFeeToJson(card.fees.cod)},
                             {"signed_receipt", MoneyToJson(card.fees.signed_receipt)},
                             {"packaging", MoneyToJson(card.fees.packaging)}};
  json::array discounts;
  for (const DiscountTier& t : card.discounts)
    discounts.push_back(json::object{{"min_monthly_shipments", t.min_monthly_shipments}, {"discount_bp", t.discount_bp}});
  out["discounts"] = std::move(discounts);
}

RateCard ReadRateCardFields(http::JsonFields& form) {
  RateCard card;
  const std::string rounding = form.Enum("rounding", kRoundings);
  card.rounding = rounding == "one_kg" ? WeightRounding::kOneKg : WeightRounding::kHalfKg;
  if (auto m = ReadMoney(form, "minimum_charge", true)) card.minimum_charge = *m;
  if (auto m = ReadMoney(form, "remote_surcharge", true)) card.remote_surcharge = *m;
  ForEachObject(form, "zones", 2 * std::size(kAllZones), [&](http::JsonFields& zone_form) {
    ZoneRates zone;
    zone.zone = ParseZone(zone_form.Enum("zone", kZones)).value_or(Zone::kSameCity);
    ForEachObject(zone_form, "bands", kMaxBandsPerZone, [&](http::JsonFields& band_form) {
      WeightBand band;
      band.from_grams = band_form.Int("from_grams");
      band.to_grams = band_form.Int("to_grams");
      band.first_grams = band_form.Int("first_grams");
      band.step_grams = band_form.Int("step_grams");
      if (auto m = ReadMoney(band_form, "first_price", true)) band.first_price = *m;
      if (auto m = ReadMoney(band_form, "step_price", true)) band.step_price = *m;
      zone.bands.push_back(band);
    });
    card.zones.push_back(std::move(zone));
  });
  const bool fees_ok = form.ok();
  if (const json::object* fees = form.OptObject("fees")) {
    http::JsonFields fee_form(*fees, form.Path("fees"));
    card.fees.insured = ReadRateFee(fee_form, "insured");
    card.fees.cod = ReadRateFee(fee_form, "cod");
    if (auto m = ReadMoney(fee_form, "signed_receipt", true)) card.fees.signed_receipt = *m;
    if (auto m = ReadMoney(fee_form, "packaging", true)) card.fees.packaging = *m;
    if (Status s = fee_form.Finish(); !s) form.Merge(s.error());
  } else if (!(fees_ok && !form.ok())) {
    form.Add("fees", "required", "fees is required");
  }
  if (form.IsPresent("discounts"))  // absent: no volume discounts
    ForEachObject(form, "discounts", kMaxDiscountTiers, [&](http::JsonFields& tier_form) {
    DiscountTier tier;
    tier.min_monthly_shipments = tier_form.Int("min_monthly_shipments");
    tier.discount_bp = tier_form.Int("discount_bp");
    card.discounts.push_back(tier);
  });
  return card;
}

std::string RateCardToStoredJson(const RateCard& card) {
  json::object o;
  RateCardFieldsToJson(card, o);
  return json::serialize(o);
}

Result<RateCard> RateCardFromStoredJson(std::string_view text, std::string product_code) {
  Result<json::value> parsed = http::ParseJsonText(text);
  if (!parsed || !parsed->is_object()) return Internal("pricing_rate_cards.card_json is not a JSON object");
  http::JsonFields form(parsed->get_object());
  RateCard card = ReadRateCardFields(form);
  if (Status s = form.Finish(); !s) return Internal("pricing_rate_cards.card_json: " + s.error().field());
  card.product_code = std::move(product_code);
  return card;
}

json::object QuoteToJson(const QuoteResult& quote) {
  json::array lines;
  for (const QuoteLine& l : quote.lines)
    lines.push_back(json::object{{"code", l.code},
                                 {"label_zh", l.label_zh},
                                 {"label_en", l.label_en},
                                 {"amount", MoneyToJson(l.amount)},
                                 {"rule_zh", l.rule_zh},
                                 {"rule_en", l.rule_en}});
  json::object o{{"zone", ZoneCode(quote.zone)},
                 {"zone_zh", ZoneNameZh(quote.zone)},
                 {"zone_en", ZoneNameEn(quote.zone)},
                 {"actual_grams", quote.actual_grams},
                 {"chargeable_grams", quote.chargeable_grams},
                 {"lines", std::move(lines)},
                 {"total", MoneyToJson(quote.total)}};
  o["volumetric_grams"] = quote.volumetric_grams ? json::value(*quote.volumetric_grams) : json::value(nullptr);
  return o;
}

}  // namespace consign::pricing
