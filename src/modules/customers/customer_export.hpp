#pragma once
// Customer export files (客户导出): the sheet's columns are the import columns (customer_import.hpp),
// so an exported file imports again; enum values are written as their Chinese labels.
//   CSV:  UTF-8 with a byte-order mark, so Excel in China opens it as UTF-8 rather than GBK; cells
//         guarded against formula injection (csv::FormatCell).
//   XLSX: libxlsxwriter, which writes only to files: a private temporary file, read back and removed.
#include <string>
#include <vector>

#include "core/result.hpp"

namespace consign::customers {

using SheetRow = std::vector<std::string>;

// The header row: the Chinese column headers of the import template.
SheetRow ExportHeader();

// BOM + header + rows, CRLF line ends.
std::string ExportCsv(const std::vector<SheetRow>& rows);

// An .xlsx workbook with one sheet "客户" holding the header (bold, frozen) and the rows, every
// cell a string (a phone or code must never become a number and lose its leading zero).
// kInternal when the temporary file cannot be written or read (a broken disk, not the client).
[[nodiscard]] Result<std::string> ExportXlsx(const std::vector<SheetRow>& rows);

inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8";
inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace consign::customers
