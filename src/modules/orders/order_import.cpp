#include "modules/orders/order_import.hpp"

#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/xlsx.hpp"
#include "modules/geo/china_divisions.hpp"
#include "modules/pricing/rate_card.hpp"

namespace consign::orders {
namespace {

using C = ImportColumn;

constexpr std::array<ImportColumnSpec, 24> kColumns = {{
    {C::kShipperName, "shipper_name", "寄件人", "Shipper", true},
    {C::kShipperPhone, "shipper_phone", "寄件人电话", "Shipper phone", true},
    {C::kShipperProvince, "shipper_province", "寄件省", "Shipper province", true},
    {C::kShipperCity, "shipper_city", "寄件市", "Shipper city", true},
    {C::kShipperDistrict, "shipper_district", "寄件区", "Shipper district", false},
    {C::kShipperAddress, "shipper_address", "寄件地址", "Shipper address", true},
    {C::kConsigneeName, "consignee_name", "收件人", "Consignee", true},
    {C::kConsigneePhone, "consignee_phone", "收件人电话", "Consignee phone", true},
    {C::kConsigneeProvince, "consignee_province", "收件省", "Consignee province", true},
    {C::kConsigneeCity, "consignee_city", "收件市", "Consignee city", true},
    {C::kConsigneeDistrict, "consignee_district", "收件区", "Consignee district", false},
    {C::kConsigneeAddress, "consignee_address", "收件地址", "Consignee address", true},
    {C::kPieces, "pieces", "件数", "Pieces", false},
    {C::kWeightKg, "weight_kg", "重量(kg)", "Weight (kg)", true},
    {C::kDimensionsCm, "dimensions_cm", "长宽高(cm)", "Dimensions (cm)", false},
    {C::kDeclaredValue, "declared_value", "声明价值", "Declared value", false},
    {C::kCategory, "category", "货物类别", "Goods category", false},
    {C::kProduct, "product", "产品", "Product", false},
    {C::kServices, "services", "增值服务", "Value-added services", false},
    {C::kCodAmount, "cod_amount", "代收货款", "COD amount", false},
    {C::kReference, "reference", "客户单号", "Reference", false},
    {C::kDescription, "description", "品名", "Description", false},
    {C::kShipDate, "ship_date", "发货日期", "Ship date", false},
    {C::kNotes, "notes", "备注", "Notes", false},
}};

// Other headers people write for the same columns (sheets exported from shops and other carriers).
constexpr std::array<std::pair<std::string_view, ImportColumn>, 40> kHeaderAliases = {{
    {"寄件人姓名", C::kShipperName},     {"发件人", C::kShipperName},          {"发件人姓名", C::kShipperName},
    {"寄件人手机", C::kShipperPhone},    {"发件人电话", C::kShipperPhone},     {"发件人手机", C::kShipperPhone},
    {"寄件省份", C::kShipperProvince},   {"寄件城市", C::kShipperCity},        {"寄件区县", C::kShipperDistrict},
    {"寄件详细地址", C::kShipperAddress}, {"寄件人地址", C::kShipperAddress},  {"发件地址", C::kShipperAddress},
    {"收件人姓名", C::kConsigneeName},   {"收货人", C::kConsigneeName},        {"收件人手机", C::kConsigneePhone},
    {"收货人电话", C::kConsigneePhone},  {"收货人手机", C::kConsigneePhone},   {"收件省份", C::kConsigneeProvince},
    {"收件城市", C::kConsigneeCity},     {"收件区县", C::kConsigneeDistrict},  {"收件详细地址", C::kConsigneeAddress},
    {"收件人地址", C::kConsigneeAddress}, {"收货地址", C::kConsigneeAddress},  {"数量", C::kPieces},
    {"重量", C::kWeightKg},              {"重量(千克)", C::kWeightKg},         {"重量(公斤)", C::kWeightKg},
    {"尺寸", C::kDimensionsCm},          {"长宽高", C::kDimensionsCm},         {"保价金额", C::kDeclaredValue},
    {"货物类型", C::kCategory},          {"产品类型", C::kProduct},            {"服务产品", C::kProduct},
    {"代收金额", C::kCodAmount},         {"cod", C::kCodAmount},               {"订单号", C::kReference},
    {"客户订单号", C::kReference},       {"物品名称", C::kDescription},        {"寄件日期", C::kShipDate},
    {"weight", C::kWeightKg},
}};

const ImportColumnSpec& SpecOf(ImportColumn column) { return kColumns[static_cast<std::size_t>(column)]; }
static_assert(kColumns[static_cast<std::size_t>(C::kNotes)].column == C::kNotes, "kColumns is in enum order");

// Trims ASCII and ideographic spaces and NBSP (cells pasted from web pages and Word).
std::string_view TrimSpaces(std::string_view s) {
  constexpr std::string_view kIdeographic = "\u3000", kNbsp = "\u00a0";
  while (true) {
    if (s.starts_with(' ') || s.starts_with('\t')) s.remove_prefix(1);
    else if (s.starts_with(kIdeographic)) s.remove_prefix(kIdeographic.size());
    else if (s.starts_with(kNbsp)) s.remove_prefix(kNbsp.size());
    else if (s.ends_with(' ') || s.ends_with('\t')) s.remove_suffix(1);
    else if (s.ends_with(kIdeographic)) s.remove_suffix(kIdeographic.size());
    else if (s.ends_with(kNbsp)) s.remove_suffix(kNbsp.size());
    else return s;
  }
}

// ---- Divisions ---------------------------------------------------------------------------------

// The suffixes a name is also written without, longest first: "新疆维吾尔自治区" → "新疆".
constexpr std::array<std::string_view, 16> kSuffixes = {
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "地区", "街道",
    "省", "市", "区", "县", "盟", "镇", "乡"};

std::string_view ShortName(std::string_view name) {
  for (std::string_view suffix : kSuffixes) {
    if (name.ends_with(suffix) && text::CodePointCount(name.substr(0, name.size() - suffix.size())) >= 2)
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// Names (full and short) → index, within one parent. The full names go in first, so a short name
// never hides another division's full name.
struct NameIndex {
  std::unordered_map<std::string_view, uint32_t> by_name;
  void Add(std::string_view name, uint32_t index, bool full) {
    by_name.emplace(full ? name : ShortName(name), index);
  }
  std::optional<uint32_t> Find(std::string_view name) const {
    auto it = by_name.find(name);
    if (it == by_name.end()) it = by_name.find(ShortName(name));
    if (it == by_name.end()) return std::nullopt;
    return it->second;
  }
};

struct DivisionIndex {
  NameIndex provinces;
  std::vector<NameIndex> cities_of;     // per province
  std::vector<NameIndex> districts_of;  // per city
};

const DivisionIndex& Divisions() {
  static const DivisionIndex* const index = [] {
    auto* d = new DivisionIndex;
    const auto provinces = geo::Provinces();
    const auto cities = geo::Cities();
    const auto districts = geo::Districts();
    d->cities_of.resize(provinces.size());
    d->districts_of.resize(cities.size());
    for (bool full : {true, false}) {
      for (uint32_t p = 0; p < provinces.size(); ++p) d->provinces.Add(provinces[p].name, p, full);
      for (uint32_t c = 0; c < cities.size(); ++c) d->cities_of[cities[c].province].Add(cities[c].name, c, full);
      for (uint32_t k = 0; k < districts.size(); ++k)
        d->districts_of[districts[k].city].Add(districts[k].name, k, full);
    }
    return d;
  }();
  return *index;
}

// ---- Values ------------------------------------------------------------------------------------

// A non-negative decimal with at most `scale` decimals, as an integer in 1/10^scale units: "1.5" at
// scale 3 → 1500. Full-width digits are read; anything else (signs, exponents, separators) is not.
std::optional<int64_t> ParseScaled(std::string_view raw, int scale) {
  const std::string s = text::NormalizeForSearch(raw);
  if (s.empty()) return std::nullopt;
  int64_t value = 0;
  int decimals = -1;
  for (char c : s) {
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals >= 0 && ++decimals > scale) {
      if (c != '0') return std::nullopt;  // "1.50000" is fine, "1.2345" kg is not grams
      --decimals;
      continue;
    }
    if (value > (INT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (s == ".") return std::nullopt;
  for (int d = std::max(decimals, 0); d < scale; ++d) {
    if (value > INT64_MAX / 10) return std::nullopt;
    value *= 10;
  }
  return value;
}

std::string_view StripAny(std::string_view s, std::initializer_list<std::string_view> prefixes,
                          std::initializer_list<std::string_view> suffixes) {
  for (std::string_view p : prefixes)
    if (s.starts_with(p)) s.remove_prefix(p.size());
  for (std::string_view x : suffixes)
    if (s.ends_with(x)) s.remove_suffix(x.size());
  return TrimSpaces(s);
}

std::optional<Money> ParseYuan(std::string_view raw) {
  auto fen = ParseScaled(StripAny(raw, {"¥", "￥", "RMB", "CNY"}, {"元"}), 2);
  if (!fen) return std::nullopt;
  return Money::Cny(*fen);
}

std::optional<pricing::Dimensions> ParseDimensions(std::string_view raw) {
  // 30x20x10, 30*20*10, 30×20×10, 30X20X10, 30/20/10
  std::string s = text::NormalizeForSearch(raw);  // lower-cases X, makes ＊ *
  for (std::string_view sep : {"×", "*", "/", "x"}) {
    for (std::size_t at; (at = s.find(sep)) != std::string::npos;) s.replace(at, sep.size(), ",");
  }
  std::array<int64_t, 3> sides{};
  std::size_t n = 0, start = 0;
  while (true) {
    const std::size_t comma = s.find(',', start);
    const std::string_view part = TrimSpaces(std::string_view(s).substr(start, comma - start));
    auto v = ParseScaled(part, 0);
    if (!v || n == 3) return std::nullopt;
    sides[n++] = *v;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (n != 3) return std::nullopt;
  return pricing::Dimensions{sides[0], sides[1], sides[2]};
}

std::optional<Date> ParseShipDate(std::string_view raw) {
  std::string s(TrimSpaces(raw));
  for (char& c : s)
    if (c == '/' || c == '.') c = '-';
  // 2026/12/3 as well as 2026-12-03.
  if (s.size() >= 8 && s.size() < 10 && s[4] == '-') {
    const std::size_t dash = s.find('-', 5);
    if (dash != std::string::npos) {
      std::string month = s.substr(5, dash - 5), day = s.substr(dash + 1);
      if (month.size() == 1) month = "0" + month;
      if (day.size() == 1) day = "0" + day;
      s = s.substr(0, 5) + month + "-" + day;
    }
  }
  if (auto d = pricing::ParseDate(s)) return d;
  // Excel keeps a date as the days since 1899-12-30.
  if (auto serial = ParseScaled(s, 0); serial && *serial > 30'000 && *serial < 80'000)
    return Date{std::chrono::sys_days{std::chrono::year{1899} / 12 / 30} + std::chrono::days{*serial}};
  return std::nullopt;
}

std::optional<std::string> CategoryCode(std::string_view raw) {
  const std::string value = text::NormalizeForSearch(raw);
  for (const GoodsCategory& c : kGoodsCategories)
    if (value == c.code || value == c.name_zh || value == text::NormalizeForSearch(c.name_en))
      return std::string(c.code);
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"普通", "general"}, {"普货", "general"}, {"易碎", "fragile"},   {"电池", "battery"},
      {"带电", "battery"}, {"生鲜食品", "fresh"}, {"贵重", "valuables"}, {"文件资料", "documents"}};
  for (const auto& [alias, code] : kAliases)
    if (value == alias) return std::string(code);
  return std::nullopt;
}

std::optional<std::string> ProductCode(std::string_view raw) {
  const std::string value = text::NormalizeForSearch(raw);
  for (const pricing::ServiceProduct& p : pricing::StandardProducts())
    if (value == p.code || value == p.name_zh || value == text::NormalizeForSearch(p.name_en)) return p.code;
  // Another product's code (an admin may add products): the quote checks it exists.
  if (!value.empty() && value.size() <= 40 && value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") ==
                                                  std::string::npos)
    return value;
  return std::nullopt;
}

// Value-added services: 保价 签单返还 包装 代收货款, separated by ; ； , ， 、 | or spaces.
struct ServiceFlags {
  bool insured = false, signed_receipt = false, packaging = false, cod = false;
};
std::optional<ServiceFlags> ParseServices(std::string_view raw) {
  std::string s = text::NormalizeForSearch(raw);  // full-width ；， → ;,
  for (std::string_view sep : {"、", ";", "|", " "}) {
    for (std::size_t at; (at = s.find(sep)) != std::string::npos;) s.replace(at, sep.size(), ",");
  }
  ServiceFlags flags;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    const std::string_view word = std::string_view(s).substr(start, comma - start);
    start = comma + 1;
    if (word.empty()) continue;
    if (word == "保价" || word == "insured") flags.insured = true;
    else if (word == "签单返还" || word == "签回单" || word == "回单" || word == "signed_receipt") flags.signed_receipt = true;
    else if (word == "包装" || word == "packaging") flags.packaging = true;
    else if (word == "代收货款" || word == "代收" || word == "cod") flags.cod = true;
    else return std::nullopt;
  }
  return flags;
}

std::string Message(std::size_t row, ImportColumn column, std::string_view what) {
  const ImportColumnSpec& spec = SpecOf(column);
  return fmt::format("Row {}: {} ({}) {}", row, spec.key, spec.header, what);
}

}  // namespace

std::span<const ImportColumnSpec> OrderImportColumns() { return kColumns; }

std::optional<ImportColumn> ParseOrderImportHeader(std::string_view header) {
  const std::string value = text::NormalizeForSearch(header);
  if (value.empty()) return std::nullopt;
  for (const ImportColumnSpec& spec : kColumns) {
    if (value == spec.key || value == text::NormalizeForSearch(spec.header) ||
        value == text::NormalizeForSearch(spec.english))
      return spec.column;
  }
  for (const auto& [alias, column] : kHeaderAliases)
    if (value == text::NormalizeForSearch(alias)) return column;
  return std::nullopt;
}

std::string OrderImportTemplateCsv() {
  std::string out(csv::kUtf8Bom);
  std::vector<std::string> header;
  for (const ImportColumnSpec& spec : kColumns) header.emplace_back(spec.header);
  csv::AppendRow(out, header);
  csv::AppendRow(out, {"张三", "13812341234", "广东省", "深圳市", "南山区", "科技园路88号", "李四", "13987654321",
                       "上海市", "上海市", "浦东新区", "世纪大道100号8楼", "1", "2.5", "30x20x10", "500", "普通货物",
                       "标准快递", "保价", "", "SO-2026-0001", "手机配件", "", ""});
  return out;
}

Result<std::vector<csv::Record>> ReadOrderFile(std::string_view bytes, FileFormat format, text::Encoding encoding,
                                               text::Encoding* encoding_used) {
  if (bytes.empty()) return InvalidField("file", "required", "The file is empty.");
  std::vector<csv::Record> records;
  if (format == FileFormat::kXlsx || xlsx::LooksLikeXlsx(bytes)) {
    auto sheet = xlsx::ReadFirstSheet(bytes);
    if (!sheet) return std::move(sheet).error();
    records = *std::move(sheet);
  } else {
    auto decoded = text::DecodeToUtf8(bytes, encoding);
    if (!decoded) return std::move(decoded).error();
    if (encoding_used) *encoding_used = decoded->encoding_used;
    auto read = csv::Read(decoded->text);
    if (!read) return std::move(read).error();
    records = *std::move(read);
  }
  if (records.empty()) return InvalidField("file", "required", "The file is empty: the first row must name the columns.");
  if (records.size() - 1 > kMaxImportRows)
    return InvalidField("file", "too_large",
                        fmt::format("The file has {} rows; one import takes at most {}: split the file.",
                                    records.size() - 1, kMaxImportRows));
  return records;
}

std::variant<std::string, DivisionMiss> ResolveDivision(std::string_view province_raw, std::string_view city_raw,
                                                        std::string_view district_raw) {
  const std::string_view province_name = TrimSpaces(province_raw), city_name = TrimSpaces(city_raw),
                         district_name = TrimSpaces(district_raw);
  const DivisionIndex& index = Divisions();
  if (province_name.empty()) return DivisionMiss{"province", "required"};
  const std::optional<uint32_t> p = index.provinces.Find(province_name);
  if (!p) return DivisionMiss{"province", "unknown_division"};
  const geo::Province& province = geo::Provinces()[*p];

  // A municipality's districts are found under any of its cities; its city may be left out.
  std::vector<uint32_t> cities;
  if (province.municipality &&
      (city_name.empty() || city_name == "市辖区" || index.provinces.Find(city_name) == p)) {
    for (uint32_t c = province.first_city; c < province.first_city + province.city_count; ++c) cities.push_back(c);
  } else {
    if (city_name.empty()) return DivisionMiss{"city", "required"};
    const std::optional<uint32_t> c = index.cities_of[*p].Find(city_name);
    if (!c) return DivisionMiss{"city", "unknown_division"};
    cities.push_back(*c);
  }
  const auto all_cities = geo::Cities();
  if (cities.size() == 1 && all_cities[cities[0]].district_count == 0)
    return std::string(all_cities[cities[0]].code);  // a city without districts or towns: the city is the address
  if (district_name.empty()) return DivisionMiss{"district", "required"};
  for (uint32_t c : cities)
    if (auto d = index.districts_of[c].Find(district_name)) return std::string(geo::Districts()[*d].code);
  return DivisionMiss{"district", "unknown_division"};
}

std::string ColumnOfOrderField(std::string_view path) {
  static constexpr std::pair<std::string_view, ImportColumn> kFields[] = {
      {"shipper.name", C::kShipperName},       {"shipper.phone", C::kShipperPhone},
      {"shipper.division", C::kShipperDistrict}, {"shipper.address", C::kShipperAddress},
      {"consignee.name", C::kConsigneeName},   {"consignee.phone", C::kConsigneePhone},
      {"consignee.division", C::kConsigneeDistrict}, {"consignee.address", C::kConsigneeAddress},
      {"goods.pieces", C::kPieces},            {"goods.weight_grams", C::kWeightKg},
      {"goods.dimensions_cm", C::kDimensionsCm}, {"goods.declared_value", C::kDeclaredValue},
      {"goods.category", C::kCategory},        {"goods.description", C::kDescription},
      {"product", C::kProduct},                {"services.cod_amount", C::kCodAmount},
      {"services", C::kServices},              {"reference", C::kReference},
      {"notes", C::kNotes},                    {"ship_date", C::kShipDate},
  };
  for (const auto& [prefix, column] : kFields)
    if (path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '.')) return std::string(SpecOf(column).key);
  return std::string(path);
}

Result<ParsedImport> ParseOrderRows(const std::vector<csv::Record>& records) {
  if (records.empty()) return InvalidField("file", "required", "The file is empty: the first row must name the columns.");
  const csv::Record& header = records.front();
  std::vector<std::optional<ImportColumn>> columns;
  std::array<std::optional<std::size_t>, kColumns.size()> at{};  // where each column is in the file
  FieldErrors header_errors;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view raw = TrimSpaces(header.fields[i]);
    const std::optional<ImportColumn> column = ParseOrderImportHeader(raw);
    columns.push_back(column);
    if (!column) {
      // A nameless column with nothing in it (a trailing comma) is no column.
      if (raw.empty()) continue;
      header_errors.Add("columns", "invalid_enum",
                        fmt::format("Row {}: column {} \"{}\" is not an order column; see the template's columns.",
                                    header.line, i + 1, text::TruncateCodePoints(raw, 40)));
      continue;
    }
    auto& slot = at[static_cast<std::size_t>(*column)];
    if (slot)
      header_errors.Add("columns", "duplicate",
                        fmt::format("Row {}: column {} ({}) is given twice.", header.line, SpecOf(*column).key,
                                    SpecOf(*column).header));
    slot = i;
  }
  for (const ImportColumnSpec& spec : kColumns)
    if (spec.required && !at[static_cast<std::size_t>(spec.column)])
      header_errors.Add("columns", "required",
                        fmt::format("Row {}: the column {} ({}) is missing.", header.line, spec.header, spec.key));
  if (!header_errors.empty()) return std::move(header_errors).ToError();

  ParsedImport parsed;
  parsed.orders.reserve(records.size() - 1);
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& record = records[r];
    const std::size_t row = record.line;
    bool blank = true;
    for (const std::string& f : record.fields) blank = blank && TrimSpaces(f).empty();
    if (blank) continue;  // ",,,,," lines that spreadsheets leave at the end
    ++parsed.rows;
    // A nameless trailing column in the header counts: rows written by the same program have it too.
    if (record.fields.size() != header.fields.size()) {
      parsed.errors.push_back({row, "", "column_count",
                               fmt::format("Row {}: {} fields, but the header has {} columns.", row,
                                           record.fields.size(), header.fields.size())});
      continue;
    }
    std::vector<ImportRowError> errors;
    auto cell = [&](ImportColumn c) -> std::string_view {
      const auto& i = at[static_cast<std::size_t>(c)];
      return i ? TrimSpaces(csv::UnescapeCell(record.fields[*i])) : std::string_view();
    };
    auto fail = [&](ImportColumn c, std::string reason, std::string_view what) {
      errors.push_back({row, std::string(SpecOf(c).key), std::move(reason), Message(row, c, what)});
    };
    auto has_error = [&](std::string_view column) {
      for (const ImportRowError& e : errors)
        if (e.field == column) return true;
      return false;
    };

    OrderDraft d;
    auto party = [&](Party& p, ImportColumn name, ImportColumn phone, ImportColumn province, ImportColumn city,
                     ImportColumn district, ImportColumn address) {
      p.name = cell(name);
      p.phone = cell(phone);
      p.address = cell(address);
      auto division = ResolveDivision(cell(province), cell(city), cell(district));
      if (auto* code = std::get_if<std::string>(&division)) {
        p.division = std::move(*code);
        return;
      }
      const DivisionMiss& miss = std::get<DivisionMiss>(division);
      const ImportColumn column = miss.level == "province" ? province : miss.level == "city" ? city : district;
      if (miss.reason == "required") fail(column, "required", "is required");
      else if (miss.level == "province") fail(column, "unknown_division", "names no province of China");
      else fail(column, "unknown_division", fmt::format("names no {} of the {} given", miss.level,
                                                        miss.level == "city" ? "province" : "province and city"));
    };
    party(d.shipper, C::kShipperName, C::kShipperPhone, C::kShipperProvince, C::kShipperCity, C::kShipperDistrict,
          C::kShipperAddress);
    party(d.consignee, C::kConsigneeName, C::kConsigneePhone, C::kConsigneeProvince, C::kConsigneeCity,
          C::kConsigneeDistrict, C::kConsigneeAddress);

    if (std::string_view v = cell(C::kPieces); !v.empty()) {
      auto pieces = ParseScaled(v, 0);
      if (!pieces || *pieces > kMaxPieces) fail(C::kPieces, "invalid_format", "is a whole number of pieces, 1 to 9999");
      else d.goods.pieces = static_cast<int>(*pieces);
    }
    if (std::string_view v = cell(C::kWeightKg); v.empty()) {
      fail(C::kWeightKg, "required", "is required: the weight in kg");
    } else if (auto grams = ParseScaled(StripAny(v, {}, {"kg", "KG", "Kg", "公斤", "千克"}), 3); !grams) {
      fail(C::kWeightKg, "invalid_format", "is a weight in kg with at most three decimals (2.5)");
    } else {
      d.goods.weight_grams = *grams;
    }
    if (std::string_view v = cell(C::kDimensionsCm); !v.empty()) {
      d.goods.dimensions_cm = ParseDimensions(v);
      if (!d.goods.dimensions_cm) fail(C::kDimensionsCm, "invalid_format", "is length x width x height in whole cm (30x20x10)");
    }
    if (std::string_view v = cell(C::kDeclaredValue); !v.empty()) {
      d.goods.declared_value = ParseYuan(v);
      if (!d.goods.declared_value) fail(C::kDeclaredValue, "invalid_format", "is an amount in yuan (500 or 99.50)");
    }
    if (std::string_view v = cell(C::kCategory); !v.empty()) {
      if (auto code = CategoryCode(v)) d.goods.category = *code;
      else fail(C::kCategory, "invalid_enum", "is one of 普通货物 文件 易碎品 液体 带电池 生鲜 贵重物品");
    }
    if (std::string_view v = cell(C::kProduct); !v.empty()) {
      if (auto code = ProductCode(v)) d.product = *code;
      else fail(C::kProduct, "invalid_enum", "is a service product: 标准快递 (standard), 特快 (express), 重货 (heavy)");
    }
    ServiceFlags services;
    if (std::string_view v = cell(C::kServices); !v.empty()) {
      if (auto flags = ParseServices(v)) services = *flags;
      else fail(C::kServices, "invalid_enum", "lists 保价, 签单返还, 包装 or 代收货款, separated by 、 or ;");
    }
    d.services.insured = services.insured;
    d.services.signed_receipt = services.signed_receipt;
    d.services.packaging = services.packaging;
    if (std::string_view v = cell(C::kCodAmount); !v.empty()) {
      d.services.cod_amount = ParseYuan(v);
      if (!d.services.cod_amount) fail(C::kCodAmount, "invalid_format", "is an amount in yuan (128 or 99.50)");
    } else if (services.cod) {
      fail(C::kCodAmount, "required", "is required when the services name 代收货款");
    }
    d.reference = cell(C::kReference);
    d.goods.description = cell(C::kDescription);
    d.notes = cell(C::kNotes);
    if (std::string_view v = cell(C::kShipDate); !v.empty()) {
      d.ship_date = ParseShipDate(v);
      if (!d.ship_date) fail(C::kShipDate, "invalid_format", "is a date, YYYY-MM-DD");
    }

    // The draft's own rules, each named by its column; a column already found bad is not reported twice,
    // nor a division that could not be resolved.
    if (Status s = ValidateOrderDraft(d); !s) {
      for (const FieldError& f : s.error().fields) {
        const std::string column = ColumnOfOrderField(f.field);
        const bool party_division = f.field == "shipper.division" || f.field == "consignee.division";
        if (has_error(column)) continue;
        if (party_division) {
          const std::string_view side = f.field.substr(0, f.field.find('.'));
          if (has_error(std::string(side) + "_province") || has_error(std::string(side) + "_city")) continue;
        }
        errors.push_back({row, column, f.reason, fmt::format("Row {}: {}", row, f.message)});
      }
    }
    if (errors.empty()) {
      parsed.orders.push_back(ImportedOrder{row, std::move(d)});
    } else {
      for (ImportRowError& e : errors) parsed.errors.push_back(std::move(e));
    }
  }
  return parsed;
}

std::optional<ImportMode> ParseImportMode(std::string_view word) {
  if (word == "all_or_nothing") return ImportMode::kAllOrNothing;
  if (word == "valid_rows") return ImportMode::kValidRows;
  return std::nullopt;
}

std::string_view ImportModeName(ImportMode mode) {
  return mode == ImportMode::kAllOrNothing ? "all_or_nothing" : "valid_rows";
}

}  // namespace consign::orders
