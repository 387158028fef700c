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

}  // namespace

Result<ImportReport> Import(Scope& scope, const ImportRequest& request) {
  CONSIGN_TRY(Require(scope.principal(), kImport));
  if (request.bytes.empty()) return InvalidField("file", "required", "the file is empty");
  auto decoded = text::DecodeToUtf8(request.bytes, request.encoding);
  if (!decoded) return std::move(decoded).error();
  auto records = csv::Read(decoded->text);
  if (!records) return std::move(records).error();
  auto mapping = MapImport(*records);
  if (!mapping) return std::move(mapping).error();

  ImportReport report;
  report.mode = request.mode;
  report.encoding = decoded->encoding_used;
  report.dry_run = request.dry_run;
  report.total_rows = mapping->total_rows;
  report.errors = std::move(mapping->errors);

  db::Transaction& tx = scope.tx();
  const Principal& who = scope.principal();
  const Instant now = scope.clock().Now();
  std::vector<std::string> codes;
  for (const ImportedCustomer& row : mapping->rows)
    if (!row.code.empty()) codes.push_back(row.code);
  const std::set<std::string> taken = TakenCodes(tx, codes);
  std::vector<Customer> good;
  good.reserve(mapping->rows.size());
  for (const ImportedCustomer& row : mapping->rows) {
    Customer c = ToCustomer(row);
    if (Status s = Validate(c); !s) {
      AddValueErrors(row, s.error(), report.errors);
      continue;
    }
    if (!c.code.empty() && taken.count(c.code)) {
      report.errors.push_back({row.line, "code", "duplicate",
                               fmt::format("Line {}: another customer already has code {}.", row.line, c.code)});
      continue;
    }
    PrepareNew(c, who, now);
    good.push_back(std::move(c));
  }
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.line < b.line; });
  report.valid = good.size();

  std::set<std::size_t> bad_lines;
  for (const ImportRowError& e : report.errors) bad_lines.insert(e.line);
  const ImportDecision decision = DecideImport(request.mode, request.dry_run, good.size(), bad_lines.size());
  report.rejected = decision.rejected;
  if (decision.write && !good.empty()) {
    InsertCustomers(tx, good);
    for (const Customer& c : good) CONSIGN_TRY(AuditCreate(scope, c));
    report.imported = good.size();
    report.committed = true;
  }
  return report;
}

}  // namespace consign::customers
