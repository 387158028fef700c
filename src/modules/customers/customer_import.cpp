#include "modules/customers/customer_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.hpp"
#include "modules/customers/customer.hpp"

namespace consign::customers {
namespace {

constexpr std::array<ImportColumnSpec, 23> kColumns = {{
    {ImportColumn::kCode, "code", "客户编码", "Code"},
    {ImportColumn::kName, "name", "客户名称", "Name"},
    {ImportColumn::kKind, "kind", "类型", "Kind"},
    {ImportColumn::kIndustry, "industry", "行业", "Industry"},
    {ImportColumn::kProvince, "province", "省", "Province"},
    {ImportColumn::kCity, "city", "市", "City"},
    {ImportColumn::kDistrict, "district", "区", "District"},
    {ImportColumn::kStreet, "street", "详细地址", "Street address"},
    {ImportColumn::kContactName, "contact_name", "联系人", "Contact"},
    {ImportColumn::kContactRole, "contact_role", "联系人角色", "Contact role"},
    {ImportColumn::kPhone, "phone", "电话", "Phone"},
    {ImportColumn::kEmail, "email", "邮箱", "E-mail"},
    {ImportColumn::kValueClass, "value_class", "价值分类", "ABC value class"},
    {ImportColumn::kTier, "tier", "客户层级", "Tier"},
    {ImportColumn::kTags, "tags", "标签", "Tags"},
    {ImportColumn::kRelationshipType, "relationship_type", "关系类型", "Relationship type"},
    {ImportColumn::kRelationshipDepth, "relationship_depth", "关系深度", "Relationship depth"},
    {ImportColumn::kMaturity, "maturity", "成熟度", "Maturity"},
    {ImportColumn::kMarketingType, "marketing_type", "营销类型", "Marketing type"},
    {ImportColumn::kMarket, "market", "细分市场", "Market"},
    {ImportColumn::kLifecycleStage, "lifecycle_stage", "生命周期阶段", "Lifecycle stage"},
    {ImportColumn::kDevelopmentStage, "development_stage", "发展阶段", "Development stage"},
    {ImportColumn::kCreditCode, "credit_code", "统一社会信用代码", "Credit code"},
}};

// Other headers people write for the same columns (Excel sheets exported from other systems).
constexpr std::array<std::pair<std::string_view, ImportColumn>, 18> kHeaderAliases = {{
    {"编码", ImportColumn::kCode},          {"客户代码", ImportColumn::kCode},
    {"名称", ImportColumn::kName},          {"客户类型", ImportColumn::kKind},
    {"省份", ImportColumn::kProvince},      {"城市", ImportColumn::kCity},
    {"区县", ImportColumn::kDistrict},      {"地址", ImportColumn::kStreet},
    {"联系人姓名", ImportColumn::kContactName}, {"角色", ImportColumn::kContactRole},
    {"手机", ImportColumn::kPhone},         {"联系电话", ImportColumn::kPhone},
    {"电子邮箱", ImportColumn::kEmail},     {"abc分类", ImportColumn::kValueClass},
    {"层级", ImportColumn::kTier},          {"mobile", ImportColumn::kPhone},
    {"信用代码", ImportColumn::kCreditCode}, {"社会信用代码", ImportColumn::kCreditCode},
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

// Chinese labels of the other seven classifications (DOMAIN.md §1), the first of each word the one
// the export writes.
struct ClassificationLabelOf {
  std::string_view key, word, label;
};
constexpr std::array<ClassificationLabelOf, 30> kClassificationLabels = {{
    {"relationship_type", "transactional", "交易型"}, {"relationship_type", "contractual", "合同型"},
    {"relationship_type", "alliance", "联盟型"},
    {"relationship_depth", "short_term", "短期交易型"}, {"relationship_depth", "long_term", "长期交易型"},
    {"relationship_depth", "strategic", "战略合作伙伴型"},
    {"maturity", "potential", "潜在客户"}, {"maturity", "actual", "现实客户"},
    {"marketing_type", "economy", "经济型"}, {"marketing_type", "ethical", "道德型"},
    {"marketing_type", "personalized", "个性化"}, {"marketing_type", "convenience", "方便型"},
    {"market", "leather", "皮革"}, {"market", "fragile", "易碎品"}, {"market", "electronics", "电子产品"},
    {"market", "industrial", "工业产品"}, {"market", "cbd", "中央商务区"}, {"market", "general", "综合"},
    {"lifecycle_stage", "potential", "潜在期"}, {"lifecycle_stage", "growth", "成长期"},
    {"lifecycle_stage", "mature", "成熟期"}, {"lifecycle_stage", "decline", "衰退期"},
    {"lifecycle_stage", "terminated", "终止期"},
    {"development_stage", "potential", "潜在客户"}, {"development_stage", "new", "新客户"},
    {"development_stage", "satisfied", "满意客户"}, {"development_stage", "loyal", "忠诚客户"},
    {"market", "cbd", "CBD"}, {"market", "cbd", "中央商务区（CBD）"}, {"relationship_depth", "strategic", "战略合作"},
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
    if (value == spec.key || value == spec.header || value == Lower(spec.english)) return spec.column;
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
                       "高端", "VIP;月结", "合同型", "长期交易型", "现实客户", "方便型", "电子产品", "成长期",
                       "满意客户", "91440300MA5F00001A"});
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

std::optional<ImportColumn> ImportColumnOfKey(std::string_view key) {
  for (const ImportColumnSpec& spec : kColumns)
    if (spec.key == key) return spec.column;
  return std::nullopt;
}

std::vector<HeaderColumn> AnalyzeHeader(const csv::Record& header, const ImportColumnMapping& mapping) {
  std::vector<HeaderColumn> out;
  for (const std::string& raw : header.fields) {
    HeaderColumn h{Trim(raw), std::nullopt, false};
    const auto chosen = std::find_if(mapping.begin(), mapping.end(), [&](const auto& m) { return m.first == h.header; });
    if (chosen != mapping.end()) {
      h.column = chosen->second;
      h.ignored = !chosen->second;
    } else {
      h.column = ParseImportHeader(raw);
      // The last column of our own failed-rows file (FailedRowsCsv): it comes back with the fixed rows.
      h.ignored = !h.column && (h.header == "错误" || Lower(h.header) == "errors");
    }
    out.push_back(std::move(h));
  }
  return out;
}

std::string_view ClassificationLabel(std::string_view key, std::string_view word) {
  if (key == "tier") return TierLabel(word);
  for (const ClassificationLabelOf& l : kClassificationLabels)
    if (l.key == key && l.word == word) return l.label;
  return word;
}

std::optional<std::string_view> ClassificationWord(std::string_view key, std::string_view label) {
  if (key == "value_class") return ValueClassWord(label);
  if (key == "tier") return TierWord(label);
  const std::string value = Lower(text::NormalizeForSearch(label));
  for (const ClassificationKey& k : kClassificationKeys) {
    if (k.name != key) continue;
    for (std::string_view word : k.values)
      if (value == word) return word;
  }
  for (const ClassificationLabelOf& l : kClassificationLabels)
    if (l.key == key && value == Lower(text::NormalizeForSearch(l.label))) return l.word;
  return std::nullopt;
}

Result<ImportMapping> MapImport(const std::vector<csv::Record>& records, const ImportColumnMapping& user_mapping) {
  if (records.empty()) {
    return InvalidField("file", "required", "The file is empty: the first line must name the columns.");
  }
  const csv::Record& header = records.front();
  ImportMapping mapping;
  mapping.headers = AnalyzeHeader(header, user_mapping);
  std::vector<std::optional<ImportColumn>> columns;  // nullopt: a column the mapping leaves out
  FieldErrors header_errors;
  for (const HeaderColumn& h : mapping.headers) {
    if (h.ignored) {
      columns.push_back(std::nullopt);
      continue;
    }
    if (!h.column) {
      std::string known;
      for (const ImportColumnSpec& spec : kColumns) known += fmt::format("{}{}/{}", known.empty() ? "" : ", ", spec.header, spec.key);
      header_errors.Add("columns", "invalid_enum",
                        fmt::format("Line {}: unknown column \"{}\"; the columns are {}.", header.line,
                                    text::TruncateCodePoints(h.header, 40), known));
      continue;
    }
    if (std::find(columns.begin(), columns.end(), h.column) != columns.end()) {
      header_errors.Add("columns", "duplicate",
                        fmt::format("Line {}: column {} is given twice.", header.line, SpecOf(*h.column).key));
    }
    columns.push_back(h.column);
  }
  if (header_errors.empty() && std::find(columns.begin(), columns.end(), ImportColumn::kName) == columns.end()) {
    header_errors.Add("columns", "required", fmt::format("Line {}: the name column (客户名称) is required.", header.line));
  }
  if (!header_errors.empty()) return std::move(header_errors).ToError();

  mapping.total_rows = records.size() - 1;
  std::unordered_map<std::string, std::size_t> code_lines;         // code → first line
  std::unordered_map<std::string, std::size_t> credit_code_lines;  // credit code → first line
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
    // One of the seven classifications without a field of their own in ImportedCustomer.
    auto classification = [&](ImportColumn column, const std::string& value) {
      const std::string_view key = SpecOf(column).key;
      std::string allowed;
      for (const ClassificationKey& k : kClassificationKeys)
        if (k.name == key)
          for (std::string_view word : k.values)
            allowed += fmt::format("{}{} ({})", allowed.empty() ? "" : ", ", word, ClassificationLabel(key, word));
      std::string word = enum_value(column, value, ClassificationWord(key, value), allowed);
      if (!word.empty()) row.classifications.emplace_back(key, std::move(word));
    };
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (!columns[c]) continue;
      const ImportColumn column = *columns[c];
      // A cell of ours coming back (a failed-rows file) may carry the formula guard: `'+86 138…`.
      const std::string value = Trim(csv::UnescapeCell(record.fields[c]));
      switch (column) {
        case ImportColumn::kCode: row.code = value; break;
        case ImportColumn::kName: row.name = value; break;
        case ImportColumn::kKind:
          row.kind = enum_value(column, value, KindWord(value), AllowedLabels(kKindWords, KindLabel));
          break;
        case ImportColumn::kIndustry:
          row.industry = enum_value(column, value, IndustryWord(value), AllowedLabels(kIndustryWords, IndustryLabel));
          break;
        case ImportColumn::kProvince: row.province = value; break;
        case ImportColumn::kCity: row.city = value; break;
        case ImportColumn::kDistrict: row.district = value; break;
        case ImportColumn::kStreet: row.street = value; break;
        case ImportColumn::kContactName: row.contact_name = value; break;
        case ImportColumn::kContactRole:
          row.contact_role = enum_value(column, value, ContactRoleWord(value),
                                        AllowedLabels(kContactRoleWords, ContactRoleLabel));
          break;
        case ImportColumn::kPhone: row.phone = value; break;
        case ImportColumn::kEmail: row.email = value; break;
        case ImportColumn::kValueClass:
          row.value_class = enum_value(column, value, ValueClassWord(value), "A, B, C");
          break;
        case ImportColumn::kTier:
          row.tier = enum_value(column, value, TierWord(value), AllowedLabels(kTierWords, TierLabel));
          break;
        case ImportColumn::kTags: row.tags = SplitTags(value); break;
        case ImportColumn::kRelationshipType:
        case ImportColumn::kRelationshipDepth:
        case ImportColumn::kMaturity:
        case ImportColumn::kMarketingType:
        case ImportColumn::kMarket:
        case ImportColumn::kLifecycleStage:
        case ImportColumn::kDevelopmentStage: classification(column, value); break;
        case ImportColumn::kCreditCode:
          row.credit_code = value;
          for (char& ch : row.credit_code)
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
          break;
      }
    }
    if (!row.credit_code.empty()) {
      const auto [it, first] = credit_code_lines.emplace(row.credit_code, record.line);
      if (!first)
        row_errors.push_back({record.line, "credit_code", "duplicate",
                              fmt::format("Line {}: credit code {} is already on line {}.", record.line,
                                          text::TruncateCodePoints(row.credit_code, 40), it->second)});
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
      mapping.bad_rows.push_back(std::move(row));
    }
  }
  return mapping;
}

Language LanguageOf(std::string_view accept_language) {
  const std::string value = Lower(Trim(accept_language));
  return value.starts_with("en") ? Language::kEn : Language::kZh;
}

std::optional<Language> RequestLanguage(std::optional<std::string_view> lang_param, std::string_view accept_language) {
  if (!lang_param || lang_param->empty()) return LanguageOf(accept_language);
  if (*lang_param == "zh") return Language::kZh;
  if (*lang_param == "en") return Language::kEn;
  return std::nullopt;
}

std::string FieldLabel(std::string_view key, Language lang) {
  for (const ImportColumnSpec& spec : kColumns)
    if (spec.key == key) return std::string(lang == Language::kZh ? spec.header : spec.english);
  if (key.empty()) return lang == Language::kZh ? "整行" : "Row";
  if (key == "columns") return lang == Language::kZh ? "表头" : "Header";
  return std::string(key);
}

std::string ReasonText(std::string_view reason, Language lang) {
  struct Text {
    std::string_view reason, zh, en;
  };
  static constexpr std::array<Text, 11> kTexts = {{
      {"required", "必填", "is required"},
      {"too_long", "太长", "is too long"},
      {"invalid_characters", "含有控制字符或换行", "holds a control character or a line break"},
      {"invalid_phone", "不是有效的手机或座机号码", "is not a valid mobile or landline number"},
      {"invalid_email", "不是有效的邮箱地址", "is not a valid e-mail address"},
      {"invalid_format", "格式不正确", "has the wrong format"},
      {"invalid_enum", "不是可选的值", "is not one of the allowed values"},
      {"duplicate", "重复（文件中已有或系统中已存在）", "is a duplicate (earlier in the file or already stored)"},
      {"column_count", "字段数与表头不一致", "has another number of fields than the header"},
      {"masked_value", "含有掩码字符 *", "holds the mask character *"},
      {"invalid", "无效", "is invalid"},
  }};
  for (const Text& t : kTexts)
    if (t.reason == reason) return std::string(lang == Language::kZh ? t.zh : t.en);
  return std::string(reason);
}

std::string FailedRowsCsv(const std::vector<csv::Record>& records, const std::vector<HeaderColumn>& headers,
                          const std::vector<ImportRowError>& errors, Language lang) {
  std::string out(csv::kUtf8Bom);
  std::vector<std::string> row;
  for (const ImportColumnSpec& spec : kColumns) row.emplace_back(lang == Language::kZh ? spec.header : spec.key);
  row.emplace_back(lang == Language::kZh ? "错误" : "errors");
  csv::AppendRow(out, row);
  // Where each template column is in the file (nullopt: not in it).
  std::vector<std::optional<std::size_t>> at;
  for (const ImportColumnSpec& spec : kColumns) {
    std::optional<std::size_t> index;
    for (std::size_t c = 0; c < headers.size() && !index; ++c)
      if (!headers[c].ignored && headers[c].column == spec.column) index = c;
    at.push_back(index);
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& record = records[r];
    std::string problems;
    for (const ImportRowError& e : errors) {
      if (e.line != record.line) continue;
      if (!problems.empty()) problems += lang == Language::kZh ? "；" : "; ";
      problems += FieldLabel(e.field, lang) + (lang == Language::kZh ? "：" : ": ") + ReasonText(e.reason, lang);
    }
    if (problems.empty()) continue;
    row.clear();
    for (const std::optional<std::size_t>& index : at)
      row.push_back(index && *index < record.fields.size() ? record.fields[*index] : std::string());
    row.push_back(std::move(problems));
    csv::AppendRow(out, row);
  }
  return out;
}

}  // namespace consign::customers
