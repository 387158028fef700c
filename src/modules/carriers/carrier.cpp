#include "modules/carriers/carrier.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/text.hpp"
#include "modules/pricing/zone.hpp"

namespace consign::carriers {

std::string_view CarrierKindCode(CarrierKind kind) {
  switch (kind) {
    case CarrierKind::kOwn: return "own";
    case CarrierKind::kSubcontracted: return "subcontracted";
  }
  return "subcontracted";  // unreachable
}

std::string_view CarrierStatusCode(CarrierStatus status) {
  switch (status) {
    case CarrierStatus::kActive: return "active";
    case CarrierStatus::kSuspended: return "suspended";
  }
  return "active";  // unreachable
}

std::optional<CarrierKind> ParseCarrierKind(std::string_view code) {
  for (CarrierKind k : {CarrierKind::kOwn, CarrierKind::kSubcontracted})
    if (CarrierKindCode(k) == code) return k;
  return std::nullopt;
}

std::optional<CarrierStatus> ParseCarrierStatus(std::string_view code) {
  for (CarrierStatus s : {CarrierStatus::kActive, CarrierStatus::kSuspended})
    if (CarrierStatusCode(s) == code) return s;
  return std::nullopt;
}

bool Covers(const Carrier& carrier, std::string_view division_code) {
  // GB/T 2260: the first two digits are the province, the first four the city.
  const std::string_view province = division_code.substr(0, std::min<size_t>(2, division_code.size()));
  const std::string_view city = division_code.size() >= 4 ? division_code.substr(0, 4) : std::string_view{};
  if (province.size() != 2) return false;
  return std::ranges::any_of(carrier.coverage,
                             [&](const std::string& c) { return c == province || (!city.empty() && c == city); });
}

bool CarriesProduct(const Carrier& carrier, std::string_view product) {
  return std::ranges::find(carrier.products, product) != carrier.products.end();
}

std::optional<Money> CostOf(const Carrier& carrier, std::string_view product, std::string_view zone,
                            int64_t chargeable_grams) {
  if (chargeable_grams <= 0) return std::nullopt;
  const auto rate = std::ranges::find_if(
      carrier.rates, [&](const CarrierRate& r) { return r.product == product && r.zone == zone; });
  if (rate == carrier.rates.end()) return std::nullopt;
  if (chargeable_grams <= rate->first_grams) return rate->first_price;
  // Every started step above the first weight is paid in full.
  Result<int64_t> steps = DivideRounded(chargeable_grams - rate->first_grams, rate->step_grams, Rounding::kUp);
  if (!steps) return std::nullopt;
  Result<Money> continued = Multiply(rate->step_price, *steps);
  if (!continued) return std::nullopt;
  Result<Money> total = Add(rate->first_price, *continued);
  if (!total) return std::nullopt;
  return *total;
}

std::optional<int> TransitHours(const Carrier& carrier, std::string_view product, std::string_view zone) {
  for (const TransitTime& t : carrier.transit)
    if (t.product == product && t.zone == zone) return t.hours;
  return std::nullopt;
}

namespace {

constexpr size_t kMaxCodeChars = 20;
constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxReasonChars = 500;
constexpr size_t kMaxCoverage = 500;   // every city of China is ~340
constexpr size_t kMaxProducts = 20;
constexpr size_t kMaxProductChars = 40;
constexpr size_t kMaxRates = 200;
constexpr size_t kMaxContacts = 20;
constexpr size_t kMaxContactChars = 50;
constexpr int64_t kMaxCapacityOrders = 100'000'000;
constexpr int64_t kMaxCapacityGrams = 1'000'000'000'000;  // a million tonnes a day
constexpr int64_t kMaxGrams = 100'000'000;               // 100 t: the pricing module's bound
constexpr int64_t kMaxPriceMinor = 100'000'000;          // ¥1,000,000 for one shipment
constexpr int kMaxTransitHours = 24 * 30;

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

bool IsCode(std::string_view code) {
  if (code.empty() || code.front() == '-' || code.back() == '-') return false;
  return std::ranges::all_of(code, [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool IsProductCode(std::string_view code) {
  return !code.empty() &&
         std::ranges::all_of(code, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string At(std::string_view list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

void CheckText(FieldErrors& errors, const std::string& field, std::string_view value, size_t max_chars,
               bool required) {
  if (required && IsBlank(value)) {
    errors.Add(field, "required", field + " is required");
    return;
  }
  if (text::CodePointCount(value) > max_chars)
    errors.Add(field, "too_long", field + " is at most " + std::to_string(max_chars) + " characters");
}

void CheckCoverage(FieldErrors& errors, const std::vector<std::string>& coverage) {
  if (coverage.empty()) errors.Add("coverage", "required", "a carrier covers at least one province or city");
  if (coverage.size() > kMaxCoverage)
    errors.Add("coverage", "too_long", "at most " + std::to_string(kMaxCoverage) + " provinces and cities");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < coverage.size() && i < kMaxCoverage; ++i) {
    const std::string field = At("coverage", i);
    const std::string& code = coverage[i];
    if (code.size() != 2 && code.size() != 4) {
      // A district is too fine a grain for a network's coverage, and anything else is no division.
      errors.Add(field, "invalid", "coverage names provinces (\"44\") or cities (\"4403\") by their GB/T 2260 code");
      continue;
    }
    if (Result<pricing::Division> d = pricing::ResolveDivision(code, field); !d) {
      errors.Add(field, "unknown_division", d.error().fields.front().message);
      continue;
    }
    if (!seen.insert(code).second) errors.Add(field, "duplicate", code + " is listed twice");
  }
  // A city inside a covered province adds nothing and would read as a narrower coverage.
  for (size_t i = 0; i < coverage.size() && i < kMaxCoverage; ++i)
    if (coverage[i].size() == 4 && seen.contains(coverage[i].substr(0, 2)))
      errors.Add(At("coverage", i), "duplicate", "its province " + coverage[i].substr(0, 2) + " is covered whole");
}

void CheckProducts(FieldErrors& errors, const std::vector<std::string>& products) {
  if (products.empty()) errors.Add("products", "required", "a carrier carries at least one product");
  if (products.size() > kMaxProducts)
    errors.Add("products", "too_long", "at most " + std::to_string(kMaxProducts) + " products");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < products.size(); ++i) {
    const std::string field = At("products", i);
    if (products[i].size() > kMaxProductChars) {
      errors.Add(field, "too_long", "a product code is at most 40 characters");
    } else if (!IsProductCode(products[i])) {
      errors.Add(field, "invalid", "a product code is lower-case letters, digits and _ (\"standard\")");
    } else if (!seen.insert(products[i]).second) {
      errors.Add(field, "duplicate", products[i] + " is listed twice");
    }
  }
}

// The product and zone of a rate or transit line: a product the carrier carries, a pricing zone.
void CheckProductZone(FieldErrors& errors, const Carrier& carrier, const std::string& prefix,
                      std::string_view product, std::string_view zone) {
  if (product.empty()) errors.Add(prefix + ".product", "required", "product is required");
  else if (!CarriesProduct(carrier, product))
    errors.Add(prefix + ".product", "invalid", "not one of the products the carrier carries");
  if (zone.empty()) errors.Add(prefix + ".zone", "required", "zone is required");
  else if (!pricing::ParseZone(zone))
    errors.Add(prefix + ".zone", "invalid_enum",
               "zone must be one of: same_city, same_province, adjacent_province, cross_province, remote");
}

void CheckMoney(FieldErrors& errors, const std::string& field, const Money& m) {
  if (m.minor < 0 || m.minor > kMaxPriceMinor)
    errors.Add(field, "out_of_range", field + " is 0 to 100000000 fen");
}

void CheckRates(FieldErrors& errors, const Carrier& carrier) {
  if (carrier.rates.size() > kMaxRates) errors.Add("rates", "too_long", "at most 200 rates");
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (size_t i = 0; i < carrier.rates.size() && i < kMaxRates; ++i) {
    const CarrierRate& r = carrier.rates[i];
    const std::string p = At("rates", i);
    CheckProductZone(errors, carrier, p, r.product, r.zone);
    if (r.first_grams <= 0 || r.first_grams > kMaxGrams)
      errors.Add(p + ".first_grams", "out_of_range", "first_grams is 1 to 100000000 g");
    if (r.step_grams <= 0 || r.step_grams > kMaxGrams)
      errors.Add(p + ".step_grams", "out_of_range", "step_grams is 1 to 100000000 g");
    CheckMoney(errors, p + ".first_price", r.first_price);
    CheckMoney(errors, p + ".step_price", r.step_price);
    if (!(r.first_price.currency == r.step_price.currency))
      errors.Add(p + ".step_price", "invalid", "step_price is in the currency of first_price");
    if (!seen.insert({r.product, r.zone}).second)
      errors.Add(p, "duplicate", "a second rate for " + r.product + " to " + r.zone);
  }
}

void CheckTransit(FieldErrors& errors, const Carrier& carrier) {
  if (carrier.transit.size() > kMaxRates) errors.Add("transit", "too_long", "at most 200 transit times");
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (size_t i = 0; i < carrier.transit.size() && i < kMaxRates; ++i) {
    const TransitTime& t = carrier.transit[i];
    const std::string p = At("transit", i);
    CheckProductZone(errors, carrier, p, t.product, t.zone);
    if (t.hours <= 0 || t.hours > kMaxTransitHours)
      errors.Add(p + ".hours", "out_of_range", "hours is 1 to 720");
    if (!seen.insert({t.product, t.zone}).second)
      errors.Add(p, "duplicate", "a second transit time for " + t.product + " to " + t.zone);
  }
}

void CheckBasisPoints(FieldErrors& errors, std::string_view field, int bp) {
  if (bp < 0 || bp > 10'000)
    errors.Add("declared." + std::string(field), "out_of_range", "basis points from 0 to 10000");
}

void CheckContacts(FieldErrors& errors, const std::vector<Contact>& contacts) {
  if (contacts.size() > kMaxContacts) errors.Add("contacts", "too_long", "at most 20 contacts");
  for (size_t i = 0; i < contacts.size() && i < kMaxContacts; ++i) {
    const Contact& c = contacts[i];
    const std::string p = At("contacts", i);
    CheckText(errors, p + ".name", c.name, kMaxContactChars, true);
    CheckText(errors, p + ".role", c.role, kMaxContactChars, false);
    if (c.phone.empty() && c.email.empty())
      errors.Add(p + ".phone", "required", "a contact has a phone or an e-mail");
    if (!c.phone.empty() && !text::NormalizePhone(c.phone))
      errors.Add(p + ".phone", "invalid", "not a Chinese mobile, landline or 400/800 number");
    if (!c.email.empty() && !text::IsValidEmail(c.email))
      errors.Add(p + ".email", "invalid", "not an e-mail address");
  }
}

}  // namespace

Status ValidateCarrier(const Carrier& carrier) {
  FieldErrors errors;
  if (carrier.code.empty()) errors.Add("code", "required", "code is required");
  else if (carrier.code.size() > kMaxCodeChars) errors.Add("code", "too_long", "code is at most 20 characters");
  else if (!IsCode(carrier.code))
    errors.Add("code", "invalid", "code is upper-case letters, digits and inner hyphens (\"ZTO-SUB\")");
  CheckText(errors, "name_zh", carrier.name_zh, kMaxNameChars, true);
  CheckText(errors, "name_en", carrier.name_en, kMaxNameChars, false);
  if (carrier.status == CarrierStatus::kSuspended) {
    CheckText(errors, "suspended_reason", carrier.suspended_reason, kMaxReasonChars, true);
  } else if (!carrier.suspended_reason.empty()) {
    errors.Add("suspended_reason", "invalid", "only a suspended carrier has a reason");
  }
  CheckCoverage(errors, carrier.coverage);
  CheckProducts(errors, carrier.products);
  if (carrier.daily_capacity_orders <= 0 || carrier.daily_capacity_orders > kMaxCapacityOrders)
    errors.Add("daily_capacity_orders", "out_of_range", "daily_capacity_orders is 1 to 100000000");
  if (carrier.daily_capacity_grams <= 0 || carrier.daily_capacity_grams > kMaxCapacityGrams)
    errors.Add("daily_capacity_grams", "out_of_range", "daily_capacity_grams is 1 to 10^12 g");
  CheckRates(errors, carrier);
  CheckTransit(errors, carrier);
  CheckBasisPoints(errors, "on_time_bp", carrier.declared.on_time_bp);
  CheckBasisPoints(errors, "damage_bp", carrier.declared.damage_bp);
  CheckBasisPoints(errors, "scan_completeness_bp", carrier.declared.scan_completeness_bp);
  CheckContacts(errors, carrier.contacts);
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

}  // namespace consign::carriers
