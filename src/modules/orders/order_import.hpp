#pragma once
// Order import from CSV or .xlsx (批量导入订单), pure: the columns a file may have (Chinese headers,
// English aliases), reading the upload (GBK/GB18030 or UTF-8 CSV, or the first sheet of a workbook),
// turning each row into an OrderDraft — province, city and district names resolved to division codes
// through the geo module — and the report of every bad row. The service (order_import_service.hpp)
// prices, checks against the contract, writes and allocates.
//
// A file is one header row and one order per row, up to kMaxImportRows rows. Columns may come in
// any order; the shipper's and consignee's name, phone, province, city, district (in 东莞市 and
// 中山市 the town), address and the weight are required.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/result.hpp"
#include "modules/orders/order.hpp"

namespace consign::orders {

inline constexpr std::size_t kMaxImportRows = 100'000;

enum class ImportColumn {
  kShipperName, kShipperPhone, kShipperProvince, kShipperCity, kShipperDistrict, kShipperAddress,
  kConsigneeName, kConsigneePhone, kConsigneeProvince, kConsigneeCity, kConsigneeDistrict, kConsigneeAddress,
  kPieces, kWeightKg, kDimensionsCm, kDeclaredValue, kCategory, kProduct, kServices, kCodAmount, kReference,
  kDescription, kShipDate, kNotes,
};

struct ImportColumnSpec {
  ImportColumn column;
  std::string_view key;     // the report's field name and English header: "consignee_phone"
  std::string_view header;  // the template's Chinese header: "收件人电话"
  std::string_view english; // English label: "Consignee phone"
  bool required;            // the column must be in the file
};

// Every column, in template order.
std::span<const ImportColumnSpec> OrderImportColumns();
// The column a header names (Chinese, key, English label or a common alias; case and spaces
// ignored), or nullopt.
std::optional<ImportColumn> ParseOrderImportHeader(std::string_view header);

// The template: UTF-8 BOM (so Excel reads it as UTF-8, not GBK), the Chinese header row, one example.
std::string OrderImportTemplateCsv();

enum class FileFormat { kCsv, kXlsx };
// The upload as rows: an .xlsx (recognised by its zip signature, whatever `format` says) is read from
// its first sheet; anything else is decoded (`encoding`: auto tells UTF-8 from GB18030) and read as
// CSV. `encoding_used` is set for CSV. Errors (kInvalidArgument, field "file"): bad_encoding (the
// line and byte of the first undecodable byte), unterminated_quote, invalid_format, required (an
// empty file), too_large (more than kMaxImportRows rows).
[[nodiscard]] Result<std::vector<csv::Record>> ReadOrderFile(std::string_view bytes, FileFormat format,
                                                             text::Encoding encoding,
                                                             text::Encoding* encoding_used = nullptr);

// One bad row: `row` is the file's line (CSV) or row number (Excel), 1 for the header; `field` the
// column key, empty for the whole row.
struct ImportRowError {
  std::size_t row = 0;
  std::string field;
  std::string reason;   // column_count, required, unknown_division, invalid_phone, invalid_format, ...
  std::string message;  // English, naming the row and the column; never quotes personal data
  friend bool operator==(const ImportRowError&, const ImportRowError&) = default;
};

struct ImportedOrder {
  std::size_t row = 0;
  OrderDraft draft;  // customer_id left empty: the service sets it
};

struct ParsedImport {
  std::size_t rows = 0;                // data rows in the file
  std::vector<ImportedOrder> orders;   // rows that passed every check here, in file order
  std::vector<ImportRowError> errors;  // every error of every other row, in row order
};

// Maps the records (records[0] is the header) to drafts and checks each with ValidateOrderDraft.
// Errors (kInvalidArgument, field "columns", nothing mapped): no header, an unknown column
// (invalid_enum), a column twice (duplicate), a required column missing (required). Row errors: a
// field count other than the header's (column_count, field empty), a value that cannot be read
// (invalid_format: a weight, a number, dimensions, a date, money), a name that is no division
// (unknown_division, naming the province, city or district column) and what ValidateOrderDraft
// finds, named by its column (consignee.phone → consignee_phone, goods.weight_grams → weight_kg).
// Every error of a row is reported, not only the first.
[[nodiscard]] Result<ParsedImport> ParseOrderRows(const std::vector<csv::Record>& records);

// The column an order field path belongs to ("consignee.division" → "consignee_district",
// "goods.dimensions_cm.length" → "dimensions_cm", "services.cod_amount" → "cod_amount"); the path
// itself when no column holds it.
std::string ColumnOfOrderField(std::string_view path);

// The division code of a province, city and district named as people write them: the full name
// ("广东省", "深圳市", "南山区") or without its suffix ("广东", "深圳", "南山"). A municipality's city may
// be empty, its own name or 市辖区; in cities without districts (东莞市, 中山市) the district column holds
// the town or street (长安镇, 东城街道: 9-digit codes). The error's
// field is "province", "city" or "district" (reason required or unknown_division).
struct DivisionMiss {
  std::string_view level;  // "province", "city", "district"
  std::string reason;
};
std::variant<std::string, DivisionMiss> ResolveDivision(std::string_view province, std::string_view city,
                                                        std::string_view district);

enum class ImportMode {
  kAllOrNothing,  // any bad row: nothing is written (422 with the report)
  kValidRows,     // the good rows are written, the bad ones reported
};
std::optional<ImportMode> ParseImportMode(std::string_view word);  // "all_or_nothing" | "valid_rows"
std::string_view ImportModeName(ImportMode mode);

}  // namespace consign::orders
