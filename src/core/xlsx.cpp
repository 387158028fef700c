#include "core/xlsx.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <optional>
#include <string>

namespace consign::xlsx {
namespace {

Error Invalid(std::string message) { return InvalidField("file", "invalid_format", std::move(message)); }

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// One part of the package, uncompressed; nullopt when the archive has no such part.
Result<std::optional<std::string>> ReadPart(zip_t* archive, const char* name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive, name, 0, &st) != 0) return std::optional<std::string>();
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes)
    return InvalidField("file", "too_large", fmt::format("The workbook's part {} is too large.", name));
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(archive, name, 0), zip_fclose);
  if (!file) return Invalid(fmt::format("The workbook's part {} cannot be read.", name));
  std::string out(static_cast<std::size_t>(st.size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    const zip_int64_t n = zip_fread(file.get(), out.data() + done, out.size() - done);
    if (n <= 0) return Invalid(fmt::format("The workbook's part {} is damaged.", name));
    done += static_cast<std::size_t>(n);
  }
  return std::optional<std::string>(std::move(out));
}

// The local name of an element: "x:sheet" → "sheet" (some writers prefix the SpreadsheetML namespace).
std::string_view Local(const XML_Char* name) {
  std::string_view s(name);
  if (const auto colon = s.rfind(':'); colon != std::string_view::npos) s.remove_prefix(colon + 1);
  return s;
}

const XML_Char* Attribute(const XML_Char** attrs, std::string_view wanted) {
  for (int i = 0; attrs[i]; i += 2)
    if (Local(attrs[i]) == wanted) return attrs[i + 1];
  return nullptr;
}

// Runs expat over `xml` with a handler object that has Start(name, attrs), End(name), Text(s, n).
template <class Handler>
Status ParseXml(std::string_view xml, Handler& handler, std::string_view part) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"), XML_ParserFree);
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(
      parser.get(),
      [](void* h, const XML_Char* name, const XML_Char** attrs) { static_cast<Handler*>(h)->Start(Local(name), attrs); },
      [](void* h, const XML_Char* name) { static_cast<Handler*>(h)->End(Local(name)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* h, const XML_Char* s, int n) {
    static_cast<Handler*>(h)->Text(std::string_view(s, static_cast<std::size_t>(n)));
  });
  // A DOCTYPE has no place in SpreadsheetML: refusing it rules out entity expansion ("billion laughs").
  XML_SetStartDoctypeDeclHandler(parser.get(), [](void* h, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<Handler*>(h)->doctype = true;
  });
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < xml.size() || at == 0; at += kChunk) {
    const std::string_view chunk = xml.substr(at, kChunk);
    const bool last = at + kChunk >= xml.size();
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), last) != XML_STATUS_OK || handler.doctype)
      return Invalid(fmt::format("The workbook's part {} is not well-formed XML (line {}).", part,
                                 XML_GetCurrentLineNumber(parser.get())));
    if (handler.failure) return *handler.failure;
    if (last) break;
  }
  return Ok();
}

struct HandlerBase {
  bool doctype = false;
  std::optional<Error> failure;
};

// xl/sharedStrings.xml: <si> holds <t> directly or runs <r><t>; phonetic hints (<rPh>) are not text.
struct SharedStrings : HandlerBase {
  std::vector<std::string> strings;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;
  void Start(std::string_view name, const XML_Char**) {
    if (name == "si") in_si = true, strings.emplace_back();
    else if (name == "rPh") ++in_phonetic;
    else if (name == "t" && in_si && in_phonetic == 0) in_t = true;
  }
  void End(std::string_view name) {
    if (name == "si") in_si = false;
    else if (name == "rPh") --in_phonetic;
    else if (name == "t") in_t = false;
  }
  void Text(std::string_view s) {
    if (in_t) strings.back().append(s);
  }
};

// xl/workbook.xml: the first <sheet>'s relationship id.
struct Workbook : HandlerBase {
  std::optional<std::string> first_sheet_rel;
  void Start(std::string_view name, const XML_Char** attrs) {
    if (name == "sheet" && !first_sheet_rel)
      if (const XML_Char* id = Attribute(attrs, "id")) first_sheet_rel = id;
  }
  void End(std::string_view) {}
  void Text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: the target of one relationship.
struct Relationships : HandlerBase {
  std::string wanted;
  std::optional<std::string> target;
  void Start(std::string_view name, const XML_Char** attrs) {
    if (name != "Relationship") return;
    const XML_Char* id = Attribute(attrs, "Id");
    const XML_Char* to = Attribute(attrs, "Target");
    if (id && to && wanted == id) target = to;
  }
  void End(std::string_view) {}
  void Text(std::string_view) {}
};

// "BC12" → column index 54 (0-based); nullopt for what is no cell reference.
std::optional<std::size_t> ColumnOf(std::string_view ref) {
  std::size_t column = 0, letters = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;  // XFD is Excel's last column
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

std::optional<std::size_t> RowOf(std::string_view ref) {
  std::size_t row = 0;
  bool digits = false;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') continue;
    if (c < '0' || c > '9' || row > 10'000'000) return std::nullopt;
    row = row * 10 + static_cast<std::size_t>(c - '0');
    digits = true;
  }
  return digits ? std::optional<std::size_t>(row) : std::nullopt;
}

// xl/worksheets/sheetN.xml: <row r="2"><c r="A2" t="s"><v>3</v></c> ... <c t="inlineStr"><is><t>…</t></is></c>.
struct Sheet : HandlerBase {
  const std::vector<std::string>* shared = nullptr;
  std::vector<csv::Record> records;
  std::size_t cells = 0;
  std::size_t next_row = 1;      // rows without r are numbered on from the last
  std::size_t next_column = 0;   // cells without r follow the last
  std::string type;              // the cell's t: s, inlineStr, str, b, e, n (absent: n)
  std::string value;
  bool in_value = false, in_inline = false, in_cell = false;
  int in_phonetic = 0;

  void Fail(Error e) {
    if (!failure) failure = std::move(e);
  }
  void Start(std::string_view name, const XML_Char** attrs) {
    if (name == "row") {
      const XML_Char* r = Attribute(attrs, "r");
      std::optional<std::size_t> row = r ? RowOf(r) : std::optional<std::size_t>(next_row);
      if (!row) return Fail(Invalid("The worksheet has a row without a valid number."));
      records.push_back(csv::Record{*row, {}});
      next_row = *row + 1;
      next_column = 0;
    } else if (name == "c") {
      if (records.empty()) return Fail(Invalid("The worksheet has a cell outside a row."));
      if (++cells > kMaxCells) return Fail(InvalidField("file", "too_large", "The worksheet has too many cells."));
      const XML_Char* r = Attribute(attrs, "r");
      std::optional<std::size_t> column = r ? ColumnOf(r) : std::optional<std::size_t>(next_column);
      if (!column) return Fail(Invalid("The worksheet has a cell without a valid reference."));
      next_column = *column + 1;
      const XML_Char* t = Attribute(attrs, "t");
      type = t ? t : "n";
      value.clear();
      in_cell = true;
      std::vector<std::string>& fields = records.back().fields;
      if (fields.size() <= *column) fields.resize(*column + 1);
    } else if (name == "v" && in_cell) {
      in_value = true;
    } else if (name == "is" && in_cell) {
      in_inline = true;
    } else if (name == "rPh") {
      ++in_phonetic;
    } else if (name == "t" && in_inline && in_phonetic == 0) {
      in_value = true;
    }
  }
  void End(std::string_view name) {
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "is") {
      in_inline = false;
    } else if (name == "rPh") {
      --in_phonetic;
    } else if (name == "c" && in_cell) {
      in_cell = false;
      std::string cell;
      if (type == "s") {
        std::size_t index = 0;
        bool ok = !value.empty();
        for (char ch : value) {
          if (ch < '0' || ch > '9' || index > shared->size()) ok = false;
          else index = index * 10 + static_cast<std::size_t>(ch - '0');
        }
        if (!ok || index >= shared->size())
          return Fail(Invalid(fmt::format("Row {}: a cell names a shared string the workbook does not have.",
                                          records.back().line)));
        cell = (*shared)[index];
      } else if (type == "b") {
        cell = value == "1" ? "TRUE" : "FALSE";
      } else {
        cell = std::move(value);  // n, str, inlineStr, e: the text as written
      }
      records.back().fields[next_column - 1] = std::move(cell);
      value.clear();
    }
  }
  void Text(std::string_view s) {
    if (in_value) value.append(s);
  }
};

// A relationship target is relative to xl/ unless it starts with '/'.
std::string PartName(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<std::vector<csv::Record>> ReadFirstSheet(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return Invalid("The file cannot be read as a workbook.");
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    return Invalid("The file is not an .xlsx workbook (it is no zip archive); save it as .xlsx or CSV.");
  }

  // The first sheet in the workbook's order; sheet1.xml when the workbook does not say.
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  auto workbook_xml = ReadPart(archive.get(), "xl/workbook.xml");
  if (!workbook_xml) return std::move(workbook_xml).error();
  if (!*workbook_xml) return Invalid("The file is a zip archive but no Excel workbook (no xl/workbook.xml).");
  Workbook workbook;
  CONSIGN_TRY(ParseXml(**workbook_xml, workbook, "xl/workbook.xml"));
  if (workbook.first_sheet_rel) {
    auto rels_xml = ReadPart(archive.get(), "xl/_rels/workbook.xml.rels");
    if (!rels_xml) return std::move(rels_xml).error();
    if (*rels_xml) {
      Relationships rels;
      rels.wanted = *workbook.first_sheet_rel;
      CONSIGN_TRY(ParseXml(**rels_xml, rels, "xl/_rels/workbook.xml.rels"));
      if (rels.target) sheet_part = PartName(*rels.target);
    }
  }

  SharedStrings shared;
  auto shared_xml = ReadPart(archive.get(), "xl/sharedStrings.xml");
  if (!shared_xml) return std::move(shared_xml).error();
  if (*shared_xml) CONSIGN_TRY(ParseXml(**shared_xml, shared, "xl/sharedStrings.xml"));

  auto sheet_xml = ReadPart(archive.get(), sheet_part.c_str());
  if (!sheet_xml) return std::move(sheet_xml).error();
  if (!*sheet_xml) return Invalid(fmt::format("The workbook has no worksheet {}.", sheet_part));
  Sheet sheet;
  sheet.shared = &shared.strings;
  CONSIGN_TRY(ParseXml(**sheet_xml, sheet, sheet_part));

  std::vector<csv::Record> records;
  records.reserve(sheet.records.size());
  for (csv::Record& r : sheet.records) {
    bool empty = true;
    for (const std::string& f : r.fields) empty = empty && f.empty();
    if (!empty) records.push_back(std::move(r));
  }
  // Styled empty cells (<c r="K2" s="3"/>) are no data: trailing ones are dropped before the rows
  // are brought to the header's width.
  for (csv::Record& r : records)
    while (!r.fields.empty() && r.fields.back().empty()) r.fields.pop_back();
  if (!records.empty()) {
    const std::size_t width = records.front().fields.size();
    for (csv::Record& r : records)
      if (r.fields.size() < width) r.fields.resize(width);
  }
  return records;
}

}  // namespace consign::xlsx
