#pragma once
// Customer export files (客户导出): the sheet's columns are the import columns (customer_import.hpp),
// so an exported file imports again; enum values are written as their Chinese labels.
//   CSV:  UTF-8 with a byte-order mark, so Excel in China opens it as UTF-8 rather than GBK; cells
//         guarded against formula injection (csv::FormatCell).
//   XLSX: libxlsxwriter, which writes only to files: a private temporary file, read back and removed.
// Exports of any size are written row by row through a SheetWriter onto a file, so no export holds
// all its rows in memory. The limits an export obeys (DecideExport) are pure and live here too.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/customers/customer.hpp"
#include "modules/customers/customer_import.hpp"

namespace consign::customers {

using SheetRow = std::vector<std::string>;

// The header row: the Chinese column headers of the import template (every column).
SheetRow ExportHeader();

// What a user chose for an export's sheet: its columns (the import template's, every classification
// among them) and language. Chinese (the default): the template's Chinese headers and enum values as
// their Chinese labels; English: the column keys as headers and enum values as their API words (codes).
// Both import again.
struct ExportLayout {
  std::vector<ImportColumn> columns;  // empty: every column, in template order
  Language lang = Language::kZh;
};
// "code,name,value_class" → those columns in that order; empty → every column. kInvalidArgument
// naming "columns": an unknown key (invalid_enum), one given twice (duplicate).
[[nodiscard]] Result<std::vector<ImportColumn>> ParseExportColumns(std::string_view list);
SheetRow ExportHeader(const ExportLayout& layout);
// One account as a row of `layout`: its primary (first) contact and first address; personal data as
// `c` holds it (the caller masks).
SheetRow ExportRow(const Customer& c, const ExportLayout& layout);

// BOM + header + rows, CRLF line ends.
std::string ExportCsv(const std::vector<SheetRow>& rows);

// An .xlsx workbook with one sheet "客户" holding the header (bold, frozen) and the rows, every
// cell a string (a phone or code must never become a number and lose its leading zero).
// kInternal when the temporary file cannot be written or read (a broken disk, not the client).
[[nodiscard]] Result<std::string> ExportXlsx(const std::vector<SheetRow>& rows);

enum class ExportFormat { kCsv, kXlsx };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);  // "csv", "xlsx"
std::string_view ExportFormatName(ExportFormat format);
std::string_view ExportContentType(ExportFormat format);

// Writes one export file row by row: the header when opened, then Add() per row, then Close(). The
// CSV goes out through a buffered stream; the XLSX through libxlsxwriter in constant-memory mode.
// Not thread-safe. Destroying an unclosed writer leaves a partial file the caller removes.
class SheetWriter {
 public:
  // kInternal when the file cannot be created (a broken disk or directory, not the client).
  [[nodiscard]] static Result<std::unique_ptr<SheetWriter>> Open(ExportFormat format, const std::filesystem::path& file,
                                                                  const SheetRow& header = ExportHeader());
  virtual ~SheetWriter() = default;
  virtual void Add(const SheetRow& row) = 0;
  // Flushes and closes the file. kInternal when a write failed.
  [[nodiscard]] virtual Status Close() = 0;
};

// What becomes of an export request, decided before a row is read (DecideExport).
struct ExportLimits {
  int64_t async_rows = 10000;  // more rows than this: a background job with a download link
  int64_t max_rows = 1000000;  // more than this: refused, narrow the filters
  int per_hour = 20;           // exports one user may start in any hour
};
struct ExportHistory {
  bool running = false;                  // the user has an export still running
  int started_last_hour = 0;             // exports the user started in the last hour
  std::optional<Instant> oldest_in_hour; // the first of those
};
struct ExportDecision {
  enum class Kind { kNow, kBackground, kTooMany, kTooLarge };
  Kind kind = Kind::kNow;
  std::chrono::seconds retry_after{0};  // kTooMany: when the user may ask again
};
// kTooMany while another export of the user runs (retry in 10 s) or when per_hour were started in the
// last hour (retry when the oldest of them is an hour old); then kTooLarge above max_rows; then
// kBackground above async_rows; else kNow.
ExportDecision DecideExport(int64_t rows, const ExportHistory& history, const ExportLimits& limits, Instant now);

inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8";
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace consign::customers
