#include "modules/customers/customer_import_service.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "core/csv.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"

namespace consign::customers {

namespace {

size_t IndexOfClassification(std::string_view key) {
  for (size_t i = 0; i < kClassificationKeys.size(); ++i)
    if (kClassificationKeys[i].name == key) return i;
  return kClassificationKeys.size();
}

Customer ToCustomer(const ImportedCustomer& row) {
  Customer c;
  c.code = row.code;
  c.credit_code = row.credit_code;
  c.name = row.name;
  if (!row.kind.empty()) c.kind = row.kind;
  if (!row.industry.empty()) c.industry = row.industry;
  if (!row.province.empty() || !row.city.empty() || !row.district.empty() || !row.street.empty()) {
    Address a;
    a.kind = "pickup";
    a.province = row.province;
    a.city = row.city;
    a.district = row.district;
    a.street = row.street;
    a.is_default = true;
    c.addresses.push_back(std::move(a));
  }
  if (!row.contact_name.empty() || !row.phone.empty() || !row.email.empty()) {
    Contact k;
    k.name = row.contact_name;
    if (!row.contact_role.empty()) k.role = row.contact_role;
    k.phone = row.phone;
    k.email = row.email;
    k.is_primary = true;
    c.contacts.push_back(std::move(k));
  }
  c.classification[IndexOfClassification("value_class")] = row.value_class;
  c.classification[IndexOfClassification("tier")] = row.tier;
  for (const auto& [key, word] : row.classifications) c.classification[IndexOfClassification(key)] = word;
  c.tags = row.tags;
  return c;
}

// The row's value errors as the report words them: the column, never the value (it may be personal data).
void AddValueErrors(const ImportedCustomer& row, const Error& error, std::vector<ImportRowError>& into) {
  if (error.fields.empty()) {
    into.push_back({row.line, "", "invalid", fmt::format("Line {}: {}", row.line, error.public_message)});
    return;
  }
  for (const FieldError& f : error.fields) {
    const std::string column = ColumnOfField(f.field);
    into.push_back({row.line, column, f.reason, fmt::format("Line {}: {}: {}", row.line, column, f.message)});
  }
}

// A file read and checked: its records, the report (nothing written yet) and the accounts that
// passed every check, ready to insert.
struct CheckedFile {
  std::vector<csv::Record> records;
  ImportReport report;
  std::vector<Customer> good;
  std::size_t bad_lines = 0;
};

Result<CheckedFile> Check(Scope& scope, const ImportRequest& request) {
  CONSIGN_TRY(Require(scope.principal(), kImport));
  if (request.bytes.empty()) return InvalidField("file", "required", "the file is empty");
  auto decoded = text::DecodeToUtf8(request.bytes, request.encoding);
  if (!decoded) return std::move(decoded).error();
  auto records = csv::Read(decoded->text);
  if (!records) return std::move(records).error();

  CheckedFile checked;
  checked.records = *std::move(records);
  ImportReport& report = checked.report;
  report.mode = request.mode;
  report.encoding = decoded->encoding_used;
  report.dry_run = request.dry_run;
  auto mapping = MapImport(checked.records, request.mapping);
  if (!mapping) {
    // A check-only run answers what it found in the header, so the user can map the columns.
    const bool header_problem = !checked.records.empty() && mapping.error().field() == "columns";
    if (!request.dry_run || !header_problem) return std::move(mapping).error();
    report.headers = AnalyzeHeader(checked.records.front(), request.mapping);
    report.total_rows = checked.records.size() - 1;
    for (const FieldError& f : mapping.error().fields)
      report.errors.push_back({checked.records.front().line, f.field, f.reason, f.message});
    report.rejected = true;
    return checked;
  }
  report.headers = std::move(mapping->headers);
  report.total_rows = mapping->total_rows;
  report.errors = std::move(mapping->errors);

  db::Transaction& tx = scope.tx();
  const Principal& who = scope.principal();
  const Instant now = scope.clock().Now();
  std::vector<std::string> codes;
  for (const ImportedCustomer& row : mapping->rows)
    if (!row.code.empty()) codes.push_back(row.code);
  for (const ImportedCustomer& row : mapping->bad_rows)
    if (!row.code.empty()) codes.push_back(row.code);
  const std::set<std::string> taken = TakenCodes(tx, codes);
  std::vector<std::string> credit_codes;
  for (const auto* rows : {&mapping->rows, &mapping->bad_rows})
    for (const ImportedCustomer& row : *rows)
      if (!row.credit_code.empty()) credit_codes.push_back(row.credit_code);
  const std::set<std::string> taken_credit_codes = TakenCreditCodes(tx, credit_codes);
  // Every row that could be read is checked in full, the ones already known bad too, so that the
  // report lists every error of a row at once rather than the next one after each fix.
  auto check_row = [&](const ImportedCustomer& row) {
    Customer c = ToCustomer(row);
    bool ok = true;
    if (Status s = Validate(c); !s) {
      AddValueErrors(row, s.error(), report.errors);
      ok = false;
    }
    if (!c.code.empty() && taken.count(c.code)) {
      report.errors.push_back({row.line, "code", "duplicate",
                               fmt::format("Line {}: another customer already has code {}.", row.line, c.code)});
      ok = false;
    }
    if (!c.credit_code.empty() && taken_credit_codes.count(c.credit_code)) {
      report.errors.push_back(
          {row.line, "credit_code", "duplicate",
           fmt::format("Line {}: another account already has credit code {}.", row.line, c.credit_code)});
      ok = false;
    }
    return ok ? std::optional<Customer>(std::move(c)) : std::nullopt;
  };
  for (const ImportedCustomer& row : mapping->bad_rows) (void)check_row(row);
  checked.good.reserve(mapping->rows.size());
  for (const ImportedCustomer& row : mapping->rows) {
    std::optional<Customer> c = check_row(row);
    if (!c) continue;
    PrepareNew(*c, who, now);
    checked.good.push_back(*std::move(c));
  }
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.line < b.line; });
  report.valid = checked.good.size();
  std::set<std::size_t> bad_lines;
  for (const ImportRowError& e : report.errors) bad_lines.insert(e.line);
  checked.bad_lines = bad_lines.size();
  return checked;
}

ImportRun RunOf(Scope& scope, const ImportRequest& request, const CheckedFile& checked) {
  const ImportReport& report = checked.report;
  ImportRun run;
  run.user_id = scope.principal().user_id.value();
  run.login = scope.principal().login;
  run.created_at = scope.clock().Now();
  run.file_name = request.file_name;
  run.mode = std::string(ImportModeName(report.mode));
  run.dry_run = report.dry_run;
  run.encoding = std::string(text::EncodingName(report.encoding));
  run.outcome = report.rejected ? "rejected" : report.committed ? "imported" : "checked";
  run.total_rows = static_cast<int64_t>(report.total_rows);
  run.ok_rows = static_cast<int64_t>(report.committed ? report.imported : report.valid);
  run.failed_rows = static_cast<int64_t>(checked.bad_lines);
  run.request_id = scope.request_id();
  return run;
}

}  // namespace

Result<ImportReport> Import(Scope& scope, const ImportRequest& request) {
  auto checked = Check(scope, request);
  if (!checked) return std::move(checked).error();
  ImportReport& report = checked->report;
  if (!report.rejected) {
    const ImportDecision decision =
        DecideImport(request.mode, request.dry_run, checked->good.size(), checked->bad_lines);
    report.rejected = decision.rejected;
    if (decision.write && !checked->good.empty()) {
      InsertCustomers(scope.tx(), checked->good);
      for (const Customer& c : checked->good) CONSIGN_TRY(AuditCreate(scope, c));
      report.imported = checked->good.size();
      report.committed = true;
    }
  }
  const ImportRun run = RunOf(scope, request, *checked);
  if (!report.rejected) {
    report.import_id = InsertImportRun(scope.tx(), run);
  } else {
    // Nothing of the file was written: end the request's transaction now (the answer's 422 would
    // roll it back anyway) and keep the run in a short transaction of its own.
    scope.Finish(false);
    auto tx = scope.database().Background().Begin(db::TxMode::kWrite);
    report.import_id = InsertImportRun(*tx, run);
    tx->Commit();
  }
  return std::move(report);
}

Result<std::string> FailedRows(Scope& scope, const ImportRequest& request, Language lang) {
  ImportRequest check = request;
  check.dry_run = true;
  auto checked = Check(scope, check);
  if (!checked) return std::move(checked).error();
  return FailedRowsCsv(checked->records, checked->report.headers, checked->report.errors, lang);
}

Result<std::vector<ImportRun>> ImportHistory(Scope& scope, int limit, std::optional<int64_t> before_id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kImport));
  std::optional<int64_t> only;
  if (who.role != Role::kAdmin && who.role != Role::kManager) only = who.user_id.value();
  return ListImportRuns(scope.tx(), only, limit, before_id);
}

}  // namespace consign::customers
