#include "modules/customers/customer_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.hpp"

namespace consign::customers {
namespace {

constexpr std::array<ImportColumnSpec, 15> kColumns = {{
    {ImportColumn::kCode, "code", "客户编码"},
    {ImportColumn::kName, "name", "客户名称"},
    {ImportColumn::kKind, "kind", "类型"},
    {ImportColumn::kIndustry, "industry", "行业"},
    {ImportColumn::kProvince, "province", "省"},
    {ImportColumn::kCity, "city", "市"},
    {ImportColumn::kDistrict, "district", "区"},
    {ImportColumn::kStreet, "street", "详细地址"},
    {ImportColumn::kContactName, "contact_name", "联系人"},
    {ImportColumn::kContactRole, "contact_role", "联系人角色"},
    {ImportColumn::kPhone, "phone", "电话"},
    {ImportColumn::kEmail, "email", "邮箱"},
    {ImportColumn::kValueClass, "value_class", "价值分类"},
    {ImportColumn::kTier, "tier", "客户层级"},
    {ImportColumn::kTags, "tags", "标签"},
}};

// Other headers people write for the same columns (Excel sheets exported from other systems).
constexpr std::array<std::pair<std::string_view, ImportColumn>, 16> kHeaderAliases = {{
    {"编码", ImportColumn::kCode},          {"客户代码", ImportColumn::kCode},
    {"名称", ImportColumn::kName},          {"客户类型", ImportColumn::kKind},
    {"省份", ImportColumn::kProvince},      {"城市", ImportColumn::kCity},
    {"区县", ImportColumn::kDistrict},      {"地址", ImportColumn::kStreet},
    {"联系人姓名", ImportColumn::kContactName}, {"角色", ImportColumn::kContactRole},
    {"手机", ImportColumn::kPhone},         {"联系电话", ImportColumn::kPhone},
    {"电子邮箱", ImportColumn::kEmail},     {"abc分类", ImportColumn::kValueClass},
    {"层级", ImportColumn::kTier},          {"mobile", ImportColumn::kPhone},
}};

struct Label {
  std::string_view label;
  std::string_view word;
};

// The first label of each word is the one the export writes.
constexpr std::array<Label, 4> kKindLabels = {{
    {"组织", "organization"}, {"个人", "individual"}, {"企业", "organization"}, {"公司", "organization"},
}};
constexpr std::array<Label, 24> kIndustryLabels = {{
    {"医药", "pharma"},           {"IT/通信", "it_telecom"},  {"电子", "electronics"},
    {"服装", "apparel"},          {"广告", "advertising"},    {"电商", "ecommerce"},
    {"制造", "manufacturing"},    {"零售", "retail"},         {"食品", "food"},
    {"其他", "other"},            {"制药", "pharma"},         {"医药行业", "pharma"},
    {"IT", "it_telecom"},         {"通信", "it_telecom"},     {"电信", "it_telecom"},
    {"信息技术", "it_telecom"},   {"IT电信", "it_telecom"},   {"电子产品", "electronics"},
    {"服饰", "apparel"},          {"电子商务", "ecommerce"},  {"制造业", "manufacturing"},
    {"零售业", "retail"},         {"食品饮料", "food"},       {"其它", "other"},
}};
constexpr std::array<Label, 9> kContactRoleLabels = {{
    {"决策者", "decision_maker"}, {"助理", "assistant"}, {"运营", "operations"}, {"财务", "finance"},
    {"其他", "other"},            {"决策人", "decision_maker"}, {"秘书", "assistant"},
    {"操作", "operations"},       {"其它", "other"},
}};
constexpr std::array<Label, 6> kTierLabels = {{
    {"高端", "high_end"}, {"中端", "mid"}, {"大众", "mass"}, {"中档", "mid"}, {"高端客户", "high_end"},
    {"大众客户", "mass"},
}};

std::string Trim(std::string_view s) {
  // Trims ASCII and ideographic spaces (Excel users paste from Word and web pages).
  std::u32string cps = text::DecodeUtf8(s);
  auto space = [](char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0; };
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && space(cps[b])) ++b;
  while (e > b && space(cps[e - 1])) --e;
  return text::EncodeUtf8(std::u32string_view(cps).substr(b, e - b));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

template <std::size_t N>
std::optional<std::string_view> WordFor(const std::array<Label, N>& labels, std::string_view raw,
                                        std::span<const std::string_view> words) {
  const std::string value = Lower(text::NormalizeForSearch(raw));
  for (std::string_view word : words) {
    if (value == word) return word;
  }
  for (const Label& label : labels) {
    if (value == Lower(label.label)) return label.word;
  }
  return std::nullopt;
}

template <std::size_t N>
std::string_view LabelFor(const std::array<Label, N>& labels, std::string_view word) {
  for (const Label& label : labels) {
    if (label.word == word) return label.label;
  }
  return word;
}

constexpr std::array<std::string_view, 2> kKindWords = {"individual", "organization"};
constexpr std::array<std::string_view, 10> kIndustryWords = {
    "pharma", "it_telecom", "electronics", "apparel", "advertising",
    "ecommerce", "manufacturing", "retail", "food", "other"};
constexpr std::array<std::string_view, 5> kContactRoleWords = {"decision_maker", "assistant", "operations",
                                                               "finance", "other"};
constexpr std::array<std::string_view, 3> kTierWords = {"high_end", "mid", "mass"};

std::vector<std::string> SplitTags(std::string_view raw) {
  // Tags are separated by ; ； , ， 、 or |, never by spaces ("大 客户" is one tag).
  std::vector<std::string> tags;
  std::u32string current;
  auto flush = [&] {
    std::string tag = Trim(text::EncodeUtf8(current));
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    current.clear();
  };
  for (char32_t c : text::DecodeUtf8(raw)) {
    if (c == U';' || c == U'；' || c == U',' || c == U'，' || c == U'、' || c == U'|') flush();
    else current.push_back(c);
  }
  flush();
  return tags;
}

std::string AllowedLabels(std::span<const std::string_view> words, std::string_view (*label)(std::string_view)) {
  std::string out;
  for (std::string_view word : words) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", word, label(word));
  }
  return out;
}

}  // namespace

std::span<const ImportColumnSpec> ImportColumns() { return kColumns; }

const ImportColumnSpec& SpecOf(ImportColumn column) {
  for (const ImportColumnSpec& spec : kColumns) {
    if (spec.column == column) return spec;
  }
  return kColumns[0];  // unreachable: every enumerator has a spec
}

std::optional<ImportColumn> ParseImportHeader(std::string_view header) {
  const std::string value = Lower(Trim(header));
  for (const ImportColumnSpec& spec : kColumns) {
    if (value == spec.key || value == spec.header) return spec.column;
  }
  for (const auto& [alias, column] : kHeaderAliases) {
    if (value == alias) return column;
  }
  return std::nullopt;
}

std::string ImportTemplateCsv() {
  std::string out(csv::kUtf8Bom);
  std::vector<std::string> header;
  for (const ImportColumnSpec& spec : kColumns) header.emplace_back(spec.header);
  csv::AppendRow(out, header);
  csv::AppendRow(out, {"C0000001", "深圳市顺达电子有限公司", "组织", "电子", "广东省", "深圳市", "南山区",
                       "科技园路88号3栋1201室", "张三", "决策者", "13812341234", "zhang.san@example.com", "A",
                       "高端", "VIP;月结"});
  return out;
}

std::optional<std::string_view> KindWord(std::string_view label) { return WordFor(kKindLabels, label, kKindWords); }
std::optional<std::string_view> IndustryWord(std::string_view label) {
  return WordFor(kIndustryLabels, label, kIndustryWords);
}
std::optional<std::string_view> ContactRoleWord(std::string_view label) {
  return WordFor(kContactRoleLabels, label, kContactRoleWords);
}
std::optional<std::string_view> TierWord(std::string_view label) { return WordFor(kTierLabels, label, kTierWords); }
std::optional<std::string_view> ValueClassWord(std::string_view label) {
  std::string value = text::NormalizeForSearch(label);  // full-width Ａ → a
  if (value.ends_with("类")) value.resize(value.size() - std::string_view("类").size());  // "A类"
  if (value == "a") return "A";
  if (value == "b") return "B";
  if (value == "c") return "C";
  return std::nullopt;
}

std::string_view KindLabel(std::string_view word) { return LabelFor(kKindLabels, word); }
std::string_view IndustryLabel(std::string_view word) { return LabelFor(kIndustryLabels, word); }
std::string_view ContactRoleLabel(std::string_view word) { return LabelFor(kContactRoleLabels, word); }
std::string_view TierLabel(std::string_view word) { return LabelFor(kTierLabels, word); }

std::optional<ImportMode> ParseImportMode(std::string_view word) {
  if (word == "all_or_nothing") return ImportMode::kAllOrNothing;
  if (word == "valid_only") return ImportMode::kValidOnly;
  return std::nullopt;
}

std::string_view ImportModeName(ImportMode mode) {
  return mode == ImportMode::kAllOrNothing ? "all_or_nothing" : "valid_only";
}

ImportDecision DecideImport(ImportMode mode, bool dry_run, std::size_t good_rows, std::size_t bad_rows) {
  ImportDecision decision;
  decision.rejected = mode == ImportMode::kAllOrNothing && bad_rows > 0;
  decision.write = !dry_run && !decision.rejected && good_rows > 0;
  return decision;
}

std::string ColumnOfField(std::string_view path) {
  // Drop a list prefix: contacts[0].phone → phone, addresses[0].street → street.
  std::string_view leaf = path;
  const bool contact = path.starts_with("contacts");
  if (const auto dot = path.rfind('.'); dot != std::string_view::npos) leaf = path.substr(dot + 1);
  if (contact && leaf == "name") return "contact_name";
  if (contact && leaf == "role") return "contact_role";
  if (path.starts_with("classification.")) return std::string(leaf);
  for (const ImportColumnSpec& spec : kColumns) {
    if (leaf == spec.key) return std::string(spec.key);
  }
  return std::string(path);
}

Result<ImportMapping> MapImport(const std::vector<csv::Record>& records) {
  if (records.empty()) {
    return InvalidField("file", "required", "The file is empty: the first line must name the columns.");
  }
  const csv::Record& header = records.front();
  std::vector<ImportColumn> columns;
  FieldErrors header_errors;
  for (const std::string& raw : header.fields) {
    const auto column = ParseImportHeader(raw);
    if (!column) {
      std::string known;
      for (const ImportColumnSpec& spec : kColumns) known += fmt::format("{}{}/{}", known.empty() ? "" : ", ", spec.header, spec.key);
      header_errors.Add("columns", "invalid_enum",
                        fmt::format("Line {}: unknown column \"{}\"; the columns are {}.", header.line,
                                    text::TruncateCodePoints(Trim(raw), 40), known));
      continue;
    }
    if (std::find(columns.begin(), columns.end(), *column) != columns.end()) {
      header_errors.Add("columns", "duplicate",
                        fmt::format("Line {}: column {} is given twice.", header.line, SpecOf(*column).key));
    }
    columns.push_back(*column);
  }
  if (header_errors.empty() && std::find(columns.begin(), columns.end(), ImportColumn::kName) == columns.end()) {
    header_errors.Add("columns", "required", fmt::format("Line {}: the name column (客户名称) is required.", header.line));
  }
  if (!header_errors.empty()) return std::move(header_errors).ToError();

  ImportMapping mapping;
  mapping.total_rows = records.size() - 1;
  std::unordered_map<std::string, std::size_t> code_lines;  // code → first line
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& record = records[r];
    if (record.fields.size() != columns.size()) {
      mapping.errors.push_back({record.line, "", "column_count",
                                fmt::format("Line {}: {} fields, but the header has {} columns.", record.line,
                                            record.fields.size(), columns.size())});
      continue;
    }
    ImportedCustomer row;
    row.line = record.line;
    std::vector<ImportRowError> row_errors;
    auto enum_value = [&](ImportColumn column, std::string_view raw,
                          std::optional<std::string_view> word, std::string allowed) -> std::string {
      if (raw.empty()) return {};
      if (!word) {
        row_errors.push_back({record.line, std::string(SpecOf(column).key), "invalid_enum",
                              fmt::format("Line {}: {} must be one of {}.", record.line, SpecOf(column).key, allowed)});
        return {};
      }
      return std::string(*word);
    };
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string value = Trim(record.fields[c]);
      switch (columns[c]) {
        case ImportColumn::kCode: row.code = value; break;
        case ImportColumn::kName: row.name = value; break;
        case ImportColumn::kKind:
          row.kind = enum_value(columns[c], value, KindWord(value), AllowedLabels(kKindWords, KindLabel));
          break;
        case ImportColumn::kIndustry:
          row.industry = enum_value(columns[c], value, IndustryWord(value), AllowedLabels(kIndustryWords, IndustryLabel));
          break;
        case ImportColumn::kProvince: row.province = value; break;
        case ImportColumn::kCity: row.city = value; break;
        case ImportColumn::kDistrict: row.district = value; break;
        case ImportColumn::kStreet: row.street = value; break;
        case ImportColumn::kContactName: row.contact_name = value; break;
        case ImportColumn::kContactRole:
          row.contact_role = enum_value(columns[c], value, ContactRoleWord(value),
                                        AllowedLabels(kContactRoleWords, ContactRoleLabel));
          break;
        case ImportColumn::kPhone: row.phone = value; break;
        case ImportColumn::kEmail: row.email = value; break;
        case ImportColumn::kValueClass:
          row.value_class = enum_value(columns[c], value, ValueClassWord(value), "A, B, C");
          break;
        case ImportColumn::kTier:
          row.tier = enum_value(columns[c], value, TierWord(value), AllowedLabels(kTierWords, TierLabel));
          break;
        case ImportColumn::kTags: row.tags = SplitTags(value); break;
      }
    }
    if (!row.code.empty()) {
      const auto [it, first] = code_lines.emplace(row.code, record.line);
      if (!first) {
        row_errors.push_back({record.line, "code", "duplicate",
                              fmt::format("Line {}: code {} is already on line {}.", record.line,
                                          text::TruncateCodePoints(row.code, 40), it->second)});
      }
    }
    if (row_errors.empty()) {
      mapping.rows.push_back(std::move(row));
    } else {
      for (auto& e : row_errors) mapping.errors.push_back(std::move(e));
    }
  }
  return mapping;
}

}  // namespace consign::customers
