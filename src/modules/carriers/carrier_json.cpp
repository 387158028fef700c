#include "modules/carriers/carrier_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <climits>

#include "core/clock.hpp"
#include "modules/pricing/rate_card_json.hpp"

namespace consign::carriers {

namespace json = boost::json;

using pricing::MoneyToJson;
using pricing::ReadMoney;

json::array RatesToJson(const std::vector<CarrierRate>& rates) {
  json::array out;
  for (const CarrierRate& r : rates)
    out.push_back(json::object{{"product", r.product},
                               {"zone", r.zone},
                               {"first_grams", r.first_grams},
                               {"first_price", MoneyToJson(r.first_price)},
                               {"step_grams", r.step_grams},
                               {"step_price", MoneyToJson(r.step_price)}});
  return out;
}

json::array TransitToJson(const std::vector<TransitTime>& transit) {
  json::array out;
  for (const TransitTime& t : transit)
    out.push_back(json::object{{"product", t.product}, {"zone", t.zone}, {"hours", t.hours}});
  return out;
}

json::array ContactsToJson(const std::vector<Contact>& contacts) {
  json::array out;
  for (const Contact& c : contacts)
    out.push_back(json::object{{"name", c.name}, {"role", c.role}, {"phone", c.phone}, {"email", c.email}});
  return out;
}

json::object PerformanceToJson(const Performance& p) {
  return json::object{{"on_time_bp", p.on_time_bp},
                      {"damage_bp", p.damage_bp},
                      {"scan_completeness_bp", p.scan_completeness_bp}};
}

namespace {

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const std::string& s : items) out.emplace_back(s);
  return out;
}

}  // namespace

json::object CarrierToJson(const Carrier& c) {
  json::object o;
  o["id"] = c.id.value();
  o["code"] = c.code;
  o["name_zh"] = c.name_zh;
  o["name_en"] = c.name_en;
  o["kind"] = CarrierKindCode(c.kind);
  o["status"] = CarrierStatusCode(c.status);
  o["suspended_reason"] = c.suspended_reason;
  o["coverage"] = Strings(c.coverage);
  o["products"] = Strings(c.products);
  o["daily_capacity_orders"] = c.daily_capacity_orders;
  o["daily_capacity_grams"] = c.daily_capacity_grams;
  o["rates"] = RatesToJson(c.rates);
  o["transit"] = TransitToJson(c.transit);
  o["declared"] = PerformanceToJson(c.declared);
  if (c.measured) {
    json::object m = PerformanceToJson(*c.measured);
    m["shipments"] = c.measured_shipments;
    m["measured_at"] = c.measured_at ? json::value(FormatRfc3339(*c.measured_at)) : json::value(nullptr);
    o["measured"] = std::move(m);
  } else {
    o["measured"] = nullptr;
  }
  o["contacts"] = ContactsToJson(c.contacts);
  o["revision"] = c.revision;
  o["created_at"] = FormatRfc3339(c.created_at);
  o["updated_at"] = FormatRfc3339(c.updated_at);
  return o;
}

namespace {

constexpr size_t kMaxItems = 600;  // the domain's limits are lower; this only bounds the reading

// Each object of the array at `field`, read by `read_item` with a form prefixed "field[i]".
template <class T, class ReadItem>
std::optional<std::vector<T>> ReadObjects(http::JsonFields& form, std::string_view field, ReadItem read_item) {
  if (!form.IsPresent(field)) return std::nullopt;
  const json::array* items = form.OptArray(field);
  std::vector<T> out;
  if (!items) return out;  // null clears the list; a non-array is named by OptArray
  for (size_t i = 0; i < items->size() && i < kMaxItems; ++i) {
    const std::string path = http::FieldPath(form.Path(field), i);
    if (!(*items)[i].is_object()) {
      form.Merge(InvalidField(path, "invalid_type", "must be an object"));
      continue;
    }
    http::JsonFields item((*items)[i].get_object(), path);
    T value = read_item(item);
    if (Status s = item.Finish(); !s) form.Merge(s.error());
    out.push_back(std::move(value));
  }
  return out;
}

CarrierRate ReadRate(http::JsonFields& f) {
  CarrierRate r;
  r.product = f.String("product", 40);
  r.zone = f.String("zone", 40);
  r.first_grams = f.Int("first_grams");
  if (auto m = ReadMoney(f, "first_price", true)) r.first_price = *m;
  r.step_grams = f.Int("step_grams");
  if (auto m = ReadMoney(f, "step_price", true)) r.step_price = *m;
  return r;
}

TransitTime ReadTransit(http::JsonFields& f) {
  TransitTime t;
  t.product = f.String("product", 40);
  t.zone = f.String("zone", 40);
  t.hours = static_cast<int>(f.Int("hours", INT_MIN, INT_MAX));
  return t;
}

Contact ReadContact(http::JsonFields& f) {
  Contact c;
  c.name = f.String("name", 50);
  c.role = f.OptString("role", 50).value_or("");
  c.phone = f.OptString("phone", 40).value_or("");
  c.email = f.OptString("email", 254).value_or("");
  return c;
}

void ReadBasisPoints(http::JsonFields& f, std::string_view field, int& out) {
  if (auto v = f.OptInt(field, INT_MIN, INT_MAX)) out = static_cast<int>(*v);
}

}  // namespace

void ReadCarrierFields(http::JsonFields& form, Carrier& c) {
  if (form.IsPresent("code")) c.code = form.String("code", 40);
  if (form.IsPresent("name_zh")) c.name_zh = form.String("name_zh", 200);
  if (form.IsPresent("name_en")) c.name_en = form.OptString("name_en", 200).value_or("");
  if (form.IsPresent("kind")) {
    const std::string kind = form.Enum("kind", {"own", "subcontracted"});
    if (auto k = ParseCarrierKind(kind)) c.kind = *k;
  }
  if (form.IsPresent("coverage")) c.coverage = form.StringArray("coverage", kMaxItems, 12);
  if (form.IsPresent("products")) c.products = form.StringArray("products", 50, 40);
  if (form.IsPresent("daily_capacity_orders")) c.daily_capacity_orders = form.Int("daily_capacity_orders");
  if (form.IsPresent("daily_capacity_grams")) c.daily_capacity_grams = form.Int("daily_capacity_grams");
  if (auto rates = ReadObjects<CarrierRate>(form, "rates", ReadRate)) c.rates = std::move(*rates);
  if (auto transit = ReadObjects<TransitTime>(form, "transit", ReadTransit)) c.transit = std::move(*transit);
  if (auto contacts = ReadObjects<Contact>(form, "contacts", ReadContact)) c.contacts = std::move(*contacts);
  if (form.IsPresent("declared")) {
    if (const json::object* declared = form.OptObject("declared")) {
      http::JsonFields d(*declared, form.Path("declared"));
      ReadBasisPoints(d, "on_time_bp", c.declared.on_time_bp);
      ReadBasisPoints(d, "damage_bp", c.declared.damage_bp);
      ReadBasisPoints(d, "scan_completeness_bp", c.declared.scan_completeness_bp);
      if (Status s = d.Finish(); !s) form.Merge(s.error());
    }
  }
}

std::string ListToStoredJson(const json::array& list) { return json::serialize(list); }

Status ReadStoredList(std::string_view field, std::string_view text, Carrier& carrier) {
  Result<json::value> parsed = http::ParseJsonText(text);
  if (!parsed || !parsed->is_array())
    return Internal("carriers: the stored " + std::string(field) + " are not a JSON array");
  json::object wrapper;
  wrapper[field] = std::move(*parsed);
  http::JsonFields form(wrapper);
  ReadCarrierFields(form, carrier);
  if (Status s = form.Finish(); !s)
    return Internal("carriers: the stored " + std::string(field) + " do not read back: " + s.error().field());
  return Ok();
}

}  // namespace consign::carriers
