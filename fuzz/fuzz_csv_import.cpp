// Customer import uploads, the whole pure path the import service runs before the database:
// text::DecodeToUtf8 (auto, UTF-8 and GB18030/GBK), csv::Read, customers::MapImport; and the export
// side's csv::FormatCell read back by csv::Read.
// The first byte picks the encoding the client claimed and feeds FormatCell; the rest is the file.
// Invariants: decoded text is valid UTF-8 in a named encoding; records re-written as RFC 4180 read
// back the same; record lines rise; the mapping accounts for every data record in line order;
// a formatted cell reads back as itself, or with a leading ' when a spreadsheet would run it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/text.hpp"
#include "fuzz/fuzz_check.hpp"
#include "modules/customers/customer_import.hpp"

namespace {

namespace csv = consign::csv;
namespace text = consign::text;

// Every field quoted: the plainest RFC 4180 writer, independent of FormatCell's spreadsheet guard.
std::string WriteQuoted(const std::vector<csv::Record>& records) {
  std::string out;
  for (const csv::Record& r : records) {
    for (size_t k = 0; k < r.fields.size(); ++k) {
      if (k > 0) out += ',';
      out += '"';
      for (char c : r.fields[k]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

void CheckCsv(std::string_view utf8) {
  auto records = csv::Read(utf8);
  if (!records) {
    const consign::Error& e = records.error();
    FUZZ_CHECK(e.fields.size() == 1 && e.fields[0].field == "file");
    FUZZ_CHECK(e.fields[0].reason == "unterminated_quote" || e.fields[0].reason == "invalid_format");
    return;
  }
  size_t last_line = 0;
  for (const csv::Record& r : *records) {
    FUZZ_CHECK(r.line > last_line && !r.fields.empty());
    last_line = r.line;
  }
  auto again = csv::Read(WriteQuoted(*records));
  FUZZ_CHECK(again && again->size() == records->size());
  for (size_t i = 0; i < records->size(); ++i) FUZZ_CHECK((*again)[i].fields == (*records)[i].fields);

  auto mapping = consign::customers::MapImport(*records);
  if (!mapping) {
    FUZZ_CHECK(mapping.error().code == consign::ErrorCode::kInvalidArgument);
    return;
  }
  FUZZ_CHECK(!records->empty() && mapping->total_rows == records->size() - 1);
  FUZZ_CHECK(mapping->rows.size() <= mapping->total_rows);
  size_t previous = 0;
  for (const auto& row : mapping->rows) {
    FUZZ_CHECK(row.line > previous && row.line > (*records)[0].line);
    previous = row.line;
  }
  previous = 0;
  for (const auto& error : mapping->errors) {
    FUZZ_CHECK(error.line >= previous && !error.reason.empty());
    previous = error.line;
  }
}

void CheckFormatCell(std::string_view cell) {
  // As the export writes it: the file's BOM, then the cell (which may itself start with a BOM).
  const std::string formatted = csv::FormatCell(cell);
  auto read = csv::Read(std::string(csv::kUtf8Bom) + formatted + "\r\n");
  FUZZ_CHECK(read.has_value());
  if (formatted.empty()) {
    FUZZ_CHECK(read->empty());
    return;
  }
  const bool guarded = !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                                         cell[0] == '\t' || cell[0] == '\r');
  FUZZ_CHECK(read->size() == 1 && (*read)[0].fields.size() == 1);
  FUZZ_CHECK((*read)[0].fields[0] == (guarded ? "'" + std::string(cell) : std::string(cell)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr text::Encoding kClaims[] = {text::Encoding::kAuto, text::Encoding::kUtf8, text::Encoding::kGb18030};
  const text::Encoding claimed = kClaims[data[0] % 3];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  auto decoded = text::DecodeToUtf8(bytes, claimed);
  if (decoded) {
    FUZZ_CHECK(decoded->encoding_used != text::Encoding::kAuto);
    FUZZ_CHECK(claimed == text::Encoding::kAuto || decoded->encoding_used == claimed);
    FUZZ_CHECK(text::IsValidUtf8(decoded->text));
    if (decoded->encoding_used == text::Encoding::kUtf8)
      FUZZ_CHECK(decoded->text == (bytes.starts_with(csv::kUtf8Bom) ? bytes.substr(csv::kUtf8Bom.size()) : bytes));
    CheckCsv(decoded->text);
  } else {
    const consign::Error& e = decoded.error();
    FUZZ_CHECK(e.fields.size() == 1 && e.fields[0].field == "file" && e.fields[0].reason == "bad_encoding");
    // Valid UTF-8 fails only when claimed to be GB18030, or as UTF-16 (a BOM that is valid UTF-8 too).
    if (claimed != text::Encoding::kGb18030)
      FUZZ_CHECK(!text::IsValidUtf8(bytes) || bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"));
  }
  // The export side: one cell, as valid UTF-8 (cells come from the database).
  if (text::IsValidUtf8(bytes) && bytes.size() <= 256) CheckFormatCell(bytes);
  return 0;
}
