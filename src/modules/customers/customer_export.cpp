#include "modules/customers/customer_export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

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

std::string ExportCsv(const std::vector<SheetRow>& rows) {
  std::string out(csv::kUtf8Bom);
  csv::AppendRow(out, ExportHeader());
  for (const SheetRow& row : rows) csv::AppendRow(out, row);
  return out;
}

Result<std::string> ExportXlsx(const std::vector<SheetRow>& rows) {
  TempFile file;
  if (file.path().empty()) return Internal("export: cannot create a temporary file");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows stream to disk: a 1,000,000-row export stays small in memory
  options.tmpdir = nullptr;
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) return Internal("export: libxlsxwriter cannot open " + file.path());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "客户");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  const SheetRow header = ExportHeader();
  for (std::size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 32 : 14, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t r = 1;
  for (const SheetRow& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      // Strings only: XLSX has no formula injection through write_string, and "0755..." stays text.
      if (!row[c].empty()) worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
    }
    ++r;
  }
  if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
    return Internal(std::string("export: libxlsxwriter: ") + lxw_strerror(error));
  }
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return Internal("export: cannot read back " + file.path());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace consign::customers
