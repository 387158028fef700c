#include "modules/customers/customer_export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "modules/customers/customer_import.hpp"

namespace consign::customers {
namespace {

// Removes the temporary file however the export ends.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "consign-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

SheetRow ExportHeader() {
  SheetRow header;
  for (const ImportColumnSpec& spec : ImportColumns()) header.emplace_back(spec.header);
  return header;
}

Result<std::vector<ImportColumn>> ParseExportColumns(std::string_view list) {
  std::vector<ImportColumn> columns;
  FieldErrors errors;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view key = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (key.empty()) continue;
    const std::optional<ImportColumn> column = ImportColumnOfKey(key);
    if (!column) {
      std::string known;
      for (const ImportColumnSpec& spec : ImportColumns()) known += (known.empty() ? "" : ", ") + std::string(spec.key);
      errors.Add("columns", "invalid_enum", "columns are some of: " + known);
    } else if (std::find(columns.begin(), columns.end(), *column) != columns.end()) {
      errors.Add("columns", "duplicate", "column " + std::string(key) + " is given twice");
    } else {
      columns.push_back(*column);
    }
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return columns;
}

namespace {

std::vector<ImportColumn> ColumnsOf(const ExportLayout& layout) {
  if (!layout.columns.empty()) return layout.columns;
  std::vector<ImportColumn> all;
  for (const ImportColumnSpec& spec : ImportColumns()) all.push_back(spec.column);
  return all;
}

std::string ClassificationOf(const Customer& c, std::string_view key) {
  for (size_t i = 0; i < kClassificationKeys.size(); ++i)
    if (kClassificationKeys[i].name == key) return c.classification[i];
  return {};
}

std::string Cell(const Customer& c, ImportColumn column, Language lang) {
  const bool zh = lang == Language::kZh;
  const Contact contact = c.contacts.empty() ? Contact{} : c.contacts.front();
  const Address address = c.addresses.empty() ? Address{} : c.addresses.front();
  switch (column) {
    case ImportColumn::kCode: return c.code;
    case ImportColumn::kCreditCode: return c.credit_code;
    case ImportColumn::kName: return c.name;
    case ImportColumn::kKind: return zh ? std::string(KindLabel(c.kind)) : c.kind;
    case ImportColumn::kIndustry: return zh ? std::string(IndustryLabel(c.industry)) : c.industry;
    case ImportColumn::kProvince: return address.province;
    case ImportColumn::kCity: return address.city;
    case ImportColumn::kDistrict: return address.district;
    case ImportColumn::kStreet: return address.street;
    case ImportColumn::kContactName: return contact.name;
    case ImportColumn::kContactRole:
      if (contact.name.empty() && contact.phone.empty()) return "";
      return zh ? std::string(ContactRoleLabel(contact.role)) : contact.role;
    case ImportColumn::kPhone: return contact.phone;
    case ImportColumn::kEmail: return contact.email;
    case ImportColumn::kTags: {
      std::string tags;
      for (const std::string& t : c.tags) tags += (tags.empty() ? "" : (zh ? "；" : ";")) + t;
      return tags;
    }
    case ImportColumn::kValueClass:
    case ImportColumn::kTier:
    case ImportColumn::kRelationshipType:
    case ImportColumn::kRelationshipDepth:
    case ImportColumn::kMaturity:
    case ImportColumn::kMarketingType:
    case ImportColumn::kMarket:
    case ImportColumn::kLifecycleStage:
    case ImportColumn::kDevelopmentStage: {
      const std::string_view key = SpecOf(column).key;
      const std::string word = ClassificationOf(c, key);
      if (word.empty() || !zh) return word;
      return std::string(ClassificationLabel(key, word));
    }
  }
  return "";
}

}  // namespace

SheetRow ExportHeader(const ExportLayout& layout) {
  SheetRow header;
  for (ImportColumn column : ColumnsOf(layout))
    header.emplace_back(layout.lang == Language::kZh ? SpecOf(column).header : SpecOf(column).key);
  return header;
}

SheetRow ExportRow(const Customer& c, const ExportLayout& layout) {
  SheetRow row;
  for (ImportColumn column : ColumnsOf(layout)) row.push_back(Cell(c, column, layout.lang));
  return row;
}

std::string ExportCsv(const std::vector<SheetRow>& rows) {
  std::string out(csv::kUtf8Bom);
  csv::AppendRow(out, ExportHeader());
  for (const SheetRow& row : rows) csv::AppendRow(out, row);
  return out;
}

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "xlsx") return ExportFormat::kXlsx;
  return std::nullopt;
}

std::string_view ExportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv: return "csv";
    case ExportFormat::kXlsx: return "xlsx";
  }
  return "csv";
}

std::string_view ExportContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv: return kCsvContentType;
    case ExportFormat::kXlsx: return kXlsxContentType;
  }
  return kCsvContentType;
}

namespace {

class CsvWriter final : public SheetWriter {
 public:
  CsvWriter(const std::filesystem::path& file, const SheetRow& header) : out_(file, std::ios::binary | std::ios::trunc) {
    out_ << csv::kUtf8Bom;
    Add(header);
  }
  bool ok() const { return out_.good(); }
  void Add(const SheetRow& row) override {
    line_.clear();
    csv::AppendRow(line_, row);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }
  Status Close() override {
    out_.close();
    if (out_.fail()) return Internal("export: writing the CSV file failed");
    return Ok();
  }

 private:
  std::ofstream out_;
  std::string line_;  // reused: one row's text at a time
};

class XlsxWriter final : public SheetWriter {
 public:
  XlsxWriter(const std::filesystem::path& file, const SheetRow& header) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows stream to disk: a 1,000,000-row export stays small in memory
    options.tmpdir = nullptr;
    workbook_ = workbook_new_opt(file.c_str(), &options);
    if (workbook_ == nullptr) return;
    sheet_ = workbook_add_worksheet(workbook_, "客户");
    lxw_format* bold = workbook_add_format(workbook_);
    format_set_bold(bold);
    for (std::size_t c = 0; c < header.size(); ++c) {
      worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 32 : 14, nullptr);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }
  ~XlsxWriter() override {
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  bool ok() const { return workbook_ != nullptr; }
  void Add(const SheetRow& row) override {
    for (std::size_t c = 0; c < row.size(); ++c) {
      // Strings only: XLSX has no formula injection through write_string, and "0755..." stays text.
      if (!row[c].empty()) worksheet_write_string(sheet_, next_row_, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
    }
    ++next_row_;
  }
  Status Close() override {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR)
      return Internal(std::string("export: libxlsxwriter: ") + lxw_strerror(error));
    return Ok();
  }

 private:
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t next_row_ = 1;
};

}  // namespace

Result<std::unique_ptr<SheetWriter>> SheetWriter::Open(ExportFormat format, const std::filesystem::path& file,
                                                       const SheetRow& header) {
  if (format == ExportFormat::kCsv) {
    auto writer = std::make_unique<CsvWriter>(file, header);
    if (!writer->ok()) return Internal("export: cannot create " + file.string());
    return std::unique_ptr<SheetWriter>(std::move(writer));
  }
  auto writer = std::make_unique<XlsxWriter>(file, header);
  if (!writer->ok()) return Internal("export: libxlsxwriter cannot open " + file.string());
  return std::unique_ptr<SheetWriter>(std::move(writer));
}

Result<std::string> ExportXlsx(const std::vector<SheetRow>& rows) {
  TempFile file;
  if (file.path().empty()) return Internal("export: cannot create a temporary file");
  {
    auto writer = SheetWriter::Open(ExportFormat::kXlsx, file.path());
    if (!writer) return std::move(writer).error();
    for (const SheetRow& row : rows) (*writer)->Add(row);
    CONSIGN_TRY((*writer)->Close());
  }
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return Internal("export: cannot read back " + file.path());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

ExportDecision DecideExport(int64_t rows, const ExportHistory& history, const ExportLimits& limits, Instant now) {
  using std::chrono::seconds;
  if (history.running) return {ExportDecision::Kind::kTooMany, seconds(10)};
  if (history.started_last_hour >= limits.per_hour) {
    seconds wait(3600);
    if (history.oldest_in_hour) {
      wait = std::chrono::ceil<seconds>(*history.oldest_in_hour + std::chrono::hours(1) - now);
    }
    return {ExportDecision::Kind::kTooMany, std::max(wait, seconds(1))};
  }
  if (rows > limits.max_rows) return {ExportDecision::Kind::kTooLarge, seconds(0)};
  if (rows > limits.async_rows) return {ExportDecision::Kind::kBackground, seconds(0)};
  return {ExportDecision::Kind::kNow, seconds(0)};
}

}  // namespace consign::customers
