#pragma once
// CSV as RFC 4180 writes it and as spreadsheets in China produce it: quoted fields may hold
// commas, doubled quotes and line breaks; records end in CRLF or LF; a UTF-8 byte-order mark at the
// start is skipped. Pure, thread-safe.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace consign::csv {

// One record and the physical line (1-based) where it starts, so a report can say "line 7" even when
// earlier records held line breaks inside quotes.
struct Record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// Reads every record of `text` (UTF-8). Empty lines are skipped (spreadsheets leave them at the end).
// Fields are returned as written: no trimming, no type guessing.
// Errors (kInvalidArgument, field "file"; the message names the line):
//   reason "unterminated_quote"  a quoted field runs to the end of the text;
//   reason "invalid_format"      characters after a closing quote other than a separator or line end.
[[nodiscard]] Result<std::vector<Record>> Read(std::string_view text);

// A cell as a CSV field: quoted when it holds a comma, quote, CR or LF or starts or ends with a
// space; and, because the file will be opened in a spreadsheet, a cell starting with = + - @ (or a
// tab or CR, which some spreadsheets skip before such a character) gets a leading ' so it is shown
// as text and never run as a formula (CWE-1236).
std::string FormatCell(std::string_view cell);

// The inverse of FormatCell's guard, for a file of ours coming back (a failed-rows file fixed and
// imported again): a read cell that starts with ' followed by = + - @ tab or CR loses the '.
std::string_view UnescapeCell(std::string_view cell);

// Appends one record, cells formatted as FormatCell does, ending in CRLF (RFC 4180).
void AppendRow(std::string& out, const std::vector<std::string>& cells);

// The UTF-8 byte-order mark, which Excel needs to open a UTF-8 CSV as UTF-8 rather than GBK.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace consign::csv
