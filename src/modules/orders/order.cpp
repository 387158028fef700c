#include "modules/orders/order.hpp"

#include <string>
#include <unordered_map>

#include "core/text.hpp"
#include "modules/geo/china_divisions.hpp"

namespace consign::orders {

std::string_view OrderStatusCode(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPending: return "pending";
    case OrderStatus::kAllocated: return "allocated";
    case OrderStatus::kPickedUp: return "picked_up";
    case OrderStatus::kCancelled: return "cancelled";
  }
  return "pending";
}

std::string_view OrderStatusNameZh(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPending: return "待分配";
    case OrderStatus::kAllocated: return "已分配";
    case OrderStatus::kPickedUp: return "已揽收";
    case OrderStatus::kCancelled: return "已取消";
  }
  return "待分配";
}

std::optional<OrderStatus> ParseOrderStatus(std::string_view code) {
  for (OrderStatus s : {OrderStatus::kPending, OrderStatus::kAllocated, OrderStatus::kPickedUp, OrderStatus::kCancelled})
    if (OrderStatusCode(s) == code) return s;
  return std::nullopt;
}

bool CanCancel(OrderStatus s) { return s == OrderStatus::kPending || s == OrderStatus::kAllocated; }
bool CanAllocate(OrderStatus s) { return s == OrderStatus::kPending || s == OrderStatus::kAllocated; }

std::string_view OrderSourceCode(OrderSource s) {
  switch (s) {
    case OrderSource::kConsole: return "console";
    case OrderSource::kPortal: return "portal";
    case OrderSource::kApi: return "api";
    case OrderSource::kImport: return "import";
  }
  return "console";
}

std::optional<OrderSource> ParseOrderSource(std::string_view code) {
  for (OrderSource s : {OrderSource::kConsole, OrderSource::kPortal, OrderSource::kApi, OrderSource::kImport})
    if (OrderSourceCode(s) == code) return s;
  return std::nullopt;
}

std::string_view AllocationModeCode(AllocationMode m) {
  switch (m) {
    case AllocationMode::kNone: return "none";
    case AllocationMode::kAuto: return "auto";
    case AllocationMode::kBatch: return "batch";
    case AllocationMode::kOverride: return "override";
  }
  return "none";
}

std::optional<AllocationMode> ParseAllocationMode(std::string_view code) {
  for (AllocationMode m : {AllocationMode::kNone, AllocationMode::kAuto, AllocationMode::kBatch, AllocationMode::kOverride})
    if (AllocationModeCode(m) == code) return m;
  return std::nullopt;
}

const GoodsCategory* FindGoodsCategory(std::string_view code) {
  for (const GoodsCategory& c : kGoodsCategories)
    if (c.code == code) return &c;
  return nullptr;
}

namespace {

// How a division code resolves: a district, a city without districts (both are where a parcel can
// go), or a province or a city that has districts (too coarse for an address).
enum class DivisionKind { kUnknown, kAddressable, kTooCoarse };

DivisionKind KindOf(std::string_view code) {
  // Built once: an import of 100,000 rows checks 200,000 codes.
  static const auto* const index = [] {
    auto* map = new std::unordered_map<std::string_view, DivisionKind>();
    for (const geo::Province& p : geo::Provinces()) map->emplace(p.code, DivisionKind::kTooCoarse);
    for (const geo::City& c : geo::Cities())
      map->emplace(c.code, c.district_count == 0 ? DivisionKind::kAddressable : DivisionKind::kTooCoarse);
    for (const geo::District& d : geo::Districts()) map->emplace(d.code, DivisionKind::kAddressable);
    return map;
  }();
  auto it = index->find(code);
  return it == index->end() ? DivisionKind::kUnknown : it->second;
}

void CheckText(FieldErrors& errors, const std::string& field, std::string_view value, size_t max_chars,
               bool required, bool multiline = false) {
  if (required && value.find_first_not_of(" \t") == std::string_view::npos) {
    errors.Add(field, "required", field + " is required");
    return;
  }
  if (!text::IsValidUtf8(value) || text::HasUnsafeCharacters(value, multiline)) {
    errors.Add(field, "invalid_characters", field + " holds a control character, a line break or invalid UTF-8");
    return;
  }
  if (text::CodePointCount(value) > max_chars)
    errors.Add(field, "too_long", field + " is at most " + std::to_string(max_chars) + " characters");
}

void CheckParty(FieldErrors& errors, const std::string& prefix, const Party& party) {
  CheckText(errors, prefix + ".name", party.name, kMaxNameChars, true);
  if (party.phone.empty())
    errors.Add(prefix + ".phone", "required", prefix + ".phone is required");
  else if (!text::NormalizePhone(party.phone))
    errors.Add(prefix + ".phone", "invalid_phone", prefix + ".phone is not a Chinese mobile, landline or 400/800 number");
  if (party.division.empty()) {
    errors.Add(prefix + ".division", "required", prefix + ".division is required: the district (GB/T 2260)");
  } else {
    switch (KindOf(party.division)) {
      case DivisionKind::kUnknown:
        errors.Add(prefix + ".division", "unknown_division", prefix + ".division names no district (GB/T 2260)");
        break;
      case DivisionKind::kTooCoarse:
        errors.Add(prefix + ".division", "not_a_district",
                   prefix + ".division names a province or a city; choose its district");
        break;
      case DivisionKind::kAddressable:
        break;
    }
  }
  CheckText(errors, prefix + ".address", party.address, kMaxAddressChars, true);
}

void CheckMoney(FieldErrors& errors, const std::string& field, const Money& m, bool positive) {
  if (m.currency != kCny)
    errors.Add(field, "currency", field + " is in CNY");
  else if (m.minor < 0 || (positive && m.minor == 0))
    errors.Add(field, "out_of_range", field + (positive ? " is more than zero" : " is zero or more"));
}

}  // namespace

Status ValidateOrderDraft(const OrderDraft& draft) {
  FieldErrors errors;
  if (draft.product.empty()) errors.Add("product", "required", "product is required");
  CheckParty(errors, "shipper", draft.shipper);
  CheckParty(errors, "consignee", draft.consignee);

  const Goods& g = draft.goods;
  if (g.pieces < 1 || g.pieces > kMaxPieces)
    errors.Add("goods.pieces", "out_of_range", "goods.pieces is 1 to " + std::to_string(kMaxPieces));
  if (g.weight_grams < 1 || g.weight_grams > kMaxWeightGrams)
    errors.Add("goods.weight_grams", "out_of_range", "goods.weight_grams is 1 g to 30,000 kg");
  if (g.dimensions_cm) {
    const pricing::Dimensions& d = *g.dimensions_cm;
    const std::pair<const char*, int64_t> sides[] = {
        {"goods.dimensions_cm.length", d.length_cm},
        {"goods.dimensions_cm.width", d.width_cm},
        {"goods.dimensions_cm.height", d.height_cm}};
    bool sides_ok = true;
    for (const auto& [field, cm] : sides) {
      if (cm < 1 || cm > pricing::kMaxSideCm) {
        errors.Add(field, "out_of_range", std::string(field) + " is 1 to 1000 cm");
        sides_ok = false;
      }
    }
    if (sides_ok && g.weight_grams > 0 &&
        g.weight_grams / kMaxGramsPerCm3 > d.length_cm * d.width_cm * d.height_cm)
      errors.Add("goods.weight_grams", "impossible",
                 "goods.weight_grams is more than a box of these dimensions can hold: check the weight and the dimensions");
  }
  if (!FindGoodsCategory(g.category))
    errors.Add("goods.category", "invalid_enum",
               "goods.category is one of general, documents, fragile, liquid, battery, fresh, valuables");
  CheckText(errors, "goods.description", g.description, kMaxDescriptionChars, false);
  if (g.declared_value) CheckMoney(errors, "goods.declared_value", *g.declared_value, false);
  if (draft.services.insured && !g.declared_value)
    errors.Add("goods.declared_value", "required", "goods.declared_value is required for an insured shipment (保价)");
  if (draft.services.cod_amount) CheckMoney(errors, "services.cod_amount", *draft.services.cod_amount, true);
  CheckText(errors, "reference", draft.reference, kMaxReferenceChars, false);
  CheckText(errors, "notes", draft.notes, kMaxNotesChars, false, /*multiline=*/true);
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

namespace {

std::string Trimmed(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

void NormalizeParty(Party& p) {
  p.name = Trimmed(p.name);
  p.address = Trimmed(p.address);
  if (auto phone = text::NormalizePhone(p.phone)) p.phone = *phone;
}

}  // namespace

void Normalize(OrderDraft& draft) {
  NormalizeParty(draft.shipper);
  NormalizeParty(draft.consignee);
  draft.goods.description = Trimmed(draft.goods.description);
  draft.reference = Trimmed(draft.reference);
}

Status CheckAgainstTerms(const OrderDraft& draft, const OrderTerms& terms) {
  FieldErrors errors;
  if (draft.services.cod_amount && !terms.cod_allowed)
    errors.Add("services.cod_amount", "not_allowed",
               "cash on delivery (代收货款) needs a contract in force that includes it");
  if (draft.goods.declared_value && draft.goods.declared_value->minor > terms.declared_value_limit.minor)
    errors.Add("goods.declared_value", "over_limit",
               "goods.declared_value is over the limit of ¥" + FormatYuan(terms.declared_value_limit) +
                   " per shipment");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

int DefaultPromisedHours(std::string_view product, std::string_view zone) {
  // Industry norms for next-day (特快) and standard express: 同城 1 day, 省内 1–2, 邻省 2, 跨省 3, 偏远 5;
  // express a day less, heavy freight a day more.
  int hours = 72;
  if (zone == "same_city") hours = 24;
  else if (zone == "same_province") hours = 48;
  else if (zone == "adjacent_province") hours = 48;
  else if (zone == "cross_province") hours = 72;
  else if (zone == "remote") hours = 120;
  if (product == "express") hours = std::max(24, hours - 24);
  if (product == "heavy") hours += 24;
  return hours;
}

}  // namespace consign::orders
