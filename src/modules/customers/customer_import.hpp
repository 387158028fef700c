#pragma once
// Customer import from CSV (客户导入), pure: the columns a file may have (Chinese or English headers),
// the mapping of each record to the fields of one account, and the report of bad rows. The service
// (customer_import_service) decodes the upload, checks codes against the database and writes.
//
// A file is one header row and one account per record. Columns may come in any order and any
// subset, but `name` is required; a header matches case-insensitively after trimming, in Chinese
// or English ("客户名称" or "name"). Enumerated values accept the API word or its Chinese label
// ("个人" or "individual", "电子" or "electronics", "高端" or "high_end").
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/result.hpp"

namespace consign::customers {

enum class ImportColumn {
  kCode, kName, kKind, kIndustry, kProvince, kCity, kDistrict, kStreet,
  kContactName, kContactRole, kPhone, kEmail, kValueClass, kTier, kTags,
  // The other seven classifications (customer.hpp kClassificationKeys), after the first columns so a
  // file made for the shorter template still reads the same.
  kRelationshipType, kRelationshipDepth, kMaturity, kMarketingType, kMarket, kLifecycleStage, kDevelopmentStage,
  kCreditCode,  // 统一社会信用代码, last for the same reason
};

struct ImportColumnSpec {
  ImportColumn column;
  std::string_view key;     // English header and the report's field name: "contact_name"
  std::string_view header;  // Chinese header: "联系人"
  std::string_view english; // English label: "Contact"
};

// Every column, in template order.
std::span<const ImportColumnSpec> ImportColumns();
const ImportColumnSpec& SpecOf(ImportColumn column);
// The column a header names, or nullopt.
std::optional<ImportColumn> ParseImportHeader(std::string_view header);

// The template file: UTF-8 BOM (so Excel shows Chinese), the Chinese header row, one example row.
std::string ImportTemplateCsv();

// One account as the file gives it, values trimmed and enum labels already turned into API words.
// Empty strings are absent values.
struct ImportedCustomer {
  std::size_t line = 0;
  std::string code, name, kind, industry, province, city, district, street;
  std::string credit_code;  // letters upper-cased (Excel keeps what was typed)
  std::string contact_name, contact_role, phone, email, value_class, tier;
  std::vector<std::string> tags;
  // The other seven classifications by their key ("market" → "cbd"); value_class and tier are above.
  std::vector<std::pair<std::string_view, std::string>> classifications;
};

// One bad row (or the header, line 1): `field` is the column key ("phone"), empty for the whole row.
struct ImportRowError {
  std::size_t line = 0;
  std::string field;
  std::string reason;   // api-contract.md reason words: column_count, invalid_enum, duplicate, ...
  std::string message;  // English, for programs; never quotes personal data
  friend bool operator==(const ImportRowError&, const ImportRowError&) = default;
};

// Column mapping chosen by the user when the file's headers are not the template's: a header (as
// written in the file, trimmed) → the column it holds, or nullopt to leave that column out.
using ImportColumnMapping = std::vector<std::pair<std::string, std::optional<ImportColumn>>>;
// The column a key names ("phone"), for a mapping's values.
std::optional<ImportColumn> ImportColumnOfKey(std::string_view key);

// How one header of the file was read: the column it maps to (nullopt: unknown, or `ignored` by the
// mapping).
struct HeaderColumn {
  std::string header;
  std::optional<ImportColumn> column;
  bool ignored = false;
};
// Reads a header row: the mapping first (an exact trimmed match), then ParseImportHeader.
std::vector<HeaderColumn> AnalyzeHeader(const csv::Record& header, const ImportColumnMapping& mapping = {});

struct ImportMapping {
  std::vector<HeaderColumn> headers;   // the file's header row as read
  std::vector<ImportedCustomer> rows;  // the rows that mapped, in file order
  // The rows with a field count that fits but a bad value (an unknown enum label: that field is left
  // empty; a repeated code): mapped anyway, so the service can find every other error of the row too.
  std::vector<ImportedCustomer> bad_rows;
  std::vector<ImportRowError> errors;  // the rows that did not, in line order
  std::size_t total_rows = 0;          // data records in the file
};

// Maps the records of a file (records[0] is the header), with the user's column mapping if any.
// Errors (kInvalidArgument, nothing mapped): no header, an unknown column (reason invalid_enum,
// field "columns"), a column given twice (duplicate), no name column (required).
// Row errors: a record whose field count differs from the header's (column_count), an enum value
// that is neither a word nor a label (invalid_enum), a code repeated within the file (duplicate,
// on every occurrence after the first). Checks of the values themselves (lengths, phone, e-mail)
// belong to the customers module's validation, which the service runs on each row.
// A column the mapping leaves out is skipped (its cells are not read).
[[nodiscard]] Result<ImportMapping> MapImport(const std::vector<csv::Record>& records,
                                              const ImportColumnMapping& mapping = {});

// The language of what the server words for people (the failed-rows file): Accept-Language zh or en.
enum class Language { kZh, kEn };
// "en…" first in Accept-Language → kEn; anything else (zh, none) → kZh, the company's language.
Language LanguageOf(std::string_view accept_language);
// The language a request asks for: its `lang` query value (zh or en) when given — a console's chosen
// language may not be its browser's — else its Accept-Language. nullopt for another `lang` value.
std::optional<Language> RequestLanguage(std::optional<std::string_view> lang_param, std::string_view accept_language);
// A column's label in `lang`: "电话" / "Phone"; the key for a field that is no column.
std::string FieldLabel(std::string_view key, Language lang);
// A reason code as a sentence in `lang`: "invalid_phone" → "不是有效的手机或座机号码" / "is not a
// valid mobile or landline number"; the code itself for one it does not know.
std::string ReasonText(std::string_view reason, Language lang);

// The file of failed rows to fix and import again: UTF-8 BOM, the template's columns in template
// order (Chinese headers for kZh, keys for kEn — both import again) and one more, `errors` (错误), that
// says every problem of the row in `lang` ("电话：不是有效的手机或座机号码；…"). Values are the
// file's own cells as written (the user's own upload, sent back to that user only), taken through
// `headers` (AnalyzeHeader of the same file); rows in line order, only those `errors` names.
std::string FailedRowsCsv(const std::vector<csv::Record>& records, const std::vector<HeaderColumn>& headers,
                          const std::vector<ImportRowError>& errors, Language lang);

// The label of a classification value in Chinese ("cbd" → "中央商务区"), the word itself when unknown;
// and the word for a label or word ("中央商务区" or "cbd" → "cbd"). `key` is a kClassificationKeys name.
std::string_view ClassificationLabel(std::string_view key, std::string_view word);
std::optional<std::string_view> ClassificationWord(std::string_view key, std::string_view label);

enum class ImportMode {
  kAllOrNothing,  // any bad row: nothing is written, 422 with the full report
  kValidOnly,     // the good rows are written in one transaction, the bad ones reported
};
std::optional<ImportMode> ParseImportMode(std::string_view word);  // "all_or_nothing" | "valid_only"
std::string_view ImportModeName(ImportMode mode);

// What the service does with a checked file: write the good rows or not, and the HTTP status.
struct ImportDecision {
  bool write = false;  // write the good rows (never on a dry run)
  bool rejected = false;  // all_or_nothing with a bad row: answer 422
};
ImportDecision DecideImport(ImportMode mode, bool dry_run, std::size_t good_rows, std::size_t bad_rows);

// The column a customers validation field path belongs to ("contacts[0].phone" → "phone",
// "addresses[0].city" → "city", "name" → "name"); the path itself when no column holds it.
std::string ColumnOfField(std::string_view field_path);

// The API word for a Chinese or English enum label, or nullopt. Exposed for tests and the export.
std::optional<std::string_view> KindWord(std::string_view label);
std::optional<std::string_view> IndustryWord(std::string_view label);
std::optional<std::string_view> ContactRoleWord(std::string_view label);
std::optional<std::string_view> ValueClassWord(std::string_view label);
std::optional<std::string_view> TierWord(std::string_view label);
// Chinese labels for the export (the words themselves when unknown).
std::string_view KindLabel(std::string_view word);
std::string_view IndustryLabel(std::string_view word);
std::string_view ContactRoleLabel(std::string_view word);
std::string_view TierLabel(std::string_view word);

}  // namespace consign::customers
