#include "core/csv.hpp"

#include <fmt/format.h>

namespace consign::csv {

Result<std::vector<Record>> Read(std::string_view text) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

  std::vector<Record> records;
  std::size_t line = 1;  // physical line of the cursor
  std::size_t i = 0;
  const std::size_t n = text.size();

  auto at_line_end = [&](std::size_t k) { return k < n && (text[k] == '\n' || text[k] == '\r'); };
  // Consumes one line end (CRLF, LF or a lone CR) at `i`.
  auto skip_line_end = [&]() {
    if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
    ++i;
    ++line;
  };

  while (i < n) {
    if (at_line_end(i)) {  // an empty line
      skip_line_end();
      continue;
    }
    Record record;
    record.line = line;
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        const std::size_t quote_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
          field.push_back(c);
          ++i;
        }
        if (!closed) {
          return InvalidField("file", "unterminated_quote",
                              fmt::format("Line {}: a quoted field is never closed.", quote_line));
        }
        if (i < n && text[i] != ',' && !at_line_end(i)) {
          return InvalidField("file", "invalid_format",
                              fmt::format("Line {}: text after a closing quote.", line));
        }
      } else {
        while (i < n && text[i] != ',' && !at_line_end(i)) field.push_back(text[i++]);
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;  // line end or end of text
    }
    if (i < n) skip_line_end();
    records.push_back(std::move(record));
  }
  return records;
}

namespace {
// The first characters that make a spreadsheet read a cell as a formula.
bool StartsFormula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos;
}
}  // namespace

std::string_view UnescapeCell(std::string_view cell) {
  return cell.size() >= 2 && cell[0] == '\'' && StartsFormula(cell.substr(1)) ? cell.substr(1) : cell;
}

std::string FormatCell(std::string_view cell) {
  std::string value;
  if (StartsFormula(cell)) value.push_back('\'');
  value.append(cell);
  const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string::npos ||
                            (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k > 0) out.push_back(',');
    out += FormatCell(cells[k]);
  }
  out += "\r\n";
}

}  // namespace consign::csv
