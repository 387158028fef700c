#pragma once
// The cells of an Excel workbook (.xlsx: a zip of SpreadsheetML, ECMA-376), read in memory with libzip
// and expat, for imports. Only what an upload needs: the first worksheet (in the workbook's order),
// its shared strings, inline strings, formula results and numbers as written in the file. Pure, no
// file I/O, thread-safe.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/result.hpp"

namespace consign::xlsx {

// True when `bytes` starts like a zip archive ("PK\3\4"): an .xlsx rather than a CSV.
bool LooksLikeXlsx(std::string_view bytes);

// Limits against zip bombs: the uncompressed size of the parts read, and the cells of the sheet.
inline constexpr std::size_t kMaxPartBytes = 512u * 1024 * 1024;
inline constexpr std::size_t kMaxCells = 5'000'000;

// The first worksheet's rows as records, `line` being the row number Excel shows (1-based). Empty
// rows are skipped, as csv::Read skips empty lines. A cell missing from the file (Excel leaves out
// empty cells) is an empty field; trailing empty cells are dropped and then every record is brought
// to as many fields as the first record (the header), so a row whose last cells are empty is not
// short, and one with a value past the header's last column is longer. Numbers are the text the file holds
// ("13812341234", "1.5"); booleans "TRUE"/"FALSE"; errors (#N/A) their text.
// Errors (kInvalidArgument, field "file"): reason "invalid_format" for what is no workbook (not a zip,
// no worksheet, malformed XML — the message names the part), "too_large" past the limits above.
[[nodiscard]] Result<std::vector<csv::Record>> ReadFirstSheet(std::string_view bytes);

}  // namespace consign::xlsx
