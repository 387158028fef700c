#include "modules/orders/order_import_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/order_store.hpp"

namespace consign::orders {

namespace json = boost::json;

namespace {

json::object ReportJson(const OrderImportReport& r) {
  json::array errors;
  errors.reserve(r.errors.size());
  for (const ImportRowError& e : r.errors)
    errors.push_back(json::object{{"row", e.row}, {"field", e.field}, {"reason", e.reason}, {"message", e.message}});
  return json::object{{"rows", r.rows},         {"created", r.created},  {"rejected", r.rejected},
                      {"allocated", r.allocated}, {"all_rejected", r.all_rejected}, {"errors", std::move(errors)}};
}

OrderImportReport ReportFrom(const ImportRun& run) {
  OrderImportReport r;
  r.import_id = run.id;
  r.mode = ParseImportMode(run.mode).value_or(ImportMode::kAllOrNothing);
  const json::object o = json::parse(run.report_json).as_object();
  r.rows = o.at("rows").as_int64();
  r.created = o.at("created").as_int64();
  r.rejected = o.at("rejected").as_int64();
  r.allocated = o.at("allocated").as_int64();
  r.all_rejected = o.at("all_rejected").as_bool();
  for (const json::value& v : o.at("errors").as_array()) {
    const json::object& e = v.as_object();
    r.errors.push_back(ImportRowError{static_cast<std::size_t>(e.at("row").as_int64()),
                                      std::string(e.at("field").as_string()), std::string(e.at("reason").as_string()),
                                      std::string(e.at("message").as_string())});
  }
  r.replayed = true;
  return r;
}

// Ids as [first, last] ranges: an import's orders are mostly consecutive ids.
json::array IdRanges(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  json::array ranges;
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
    ranges.push_back(json::array{ids[i], ids[j]});
    i = j + 1;
  }
  return ranges;
}

Result<OrderImportReport> Replay(const ImportRun& earlier, const std::string& request_hash) {
  if (earlier.request_hash != request_hash)
    return Conflict("Idempotency-Key", "idempotency_key_reused",
                    "this Idempotency-Key was used for another import; use a new key for a new file");
  return ReportFrom(earlier);
}

// The account the orders are for: a portal user's own, whatever is sent; staff name one they may read.
Result<CustomerId> AccountOf(Scope& scope, const std::optional<CustomerId>& asked) {
  const Principal& who = scope.principal();
  if (who.role == Role::kPortal) {
    if (!who.customer_id) return Forbidden("This portal user belongs to no account.");
    return *who.customer_id;
  }
  if (!asked) return InvalidField("customer_id", "required", "customer_id is required: the account the orders are for");
  if (Status s = customers::CheckReadable(scope, asked->value()); !s)
    return InvalidField("customer_id", "not_found", "no account with this id that you may see");
  return *asked;
}

std::string RequestHash(const OrderImportRequest& request, CustomerId customer) {
  std::string material = fmt::format("{}\n{}\n{}\n", ImportModeName(request.mode), customer.value(),
                                     text::EncodingName(request.encoding));
  material.append(request.bytes);
  return audit::Sha256Hex(material);
}

}  // namespace

Result<OrderImportReport> ImportOrders(Scope& scope, const OrderImportRequest& request) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kCreate));
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  auto customer = AccountOf(scope, request.customer_id);
  if (!customer) return std::move(customer).error();

  // 1. A retry answers the first run.
  const std::string request_hash = RequestHash(request, *customer);
  if (request.idempotency_key)
    if (std::optional<ImportRun> earlier = FindImportRun(tx, who.user_id, *request.idempotency_key))
      return Replay(*earlier, request_hash);

  // 2. The file, its rows, the checks of each row.
  OrderImportReport report;
  report.mode = request.mode;
  text::Encoding used = text::Encoding::kAuto;
  auto records = ReadOrderFile(request.bytes, request.format, request.encoding, &used);
  if (!records) return std::move(records).error();
  if (used != text::Encoding::kAuto) report.encoding = used;
  auto parsed = ParseOrderRows(*records);
  if (!parsed) return std::move(parsed).error();
  records->clear();
  report.rows = static_cast<int64_t>(parsed->rows);
  report.errors = std::move(parsed->errors);

  // 3. Price each good row and check it against the contract, all at once.
  const Date today = ChinaToday(scope.now());
  std::vector<OrderDraft> drafts;
  drafts.reserve(parsed->orders.size());
  for (ImportedOrder& row : parsed->orders) {
    OrderDraft& d = drafts.emplace_back(std::move(row.draft));
    d.customer_id = *customer;
    Normalize(d);
    if (!d.ship_date) d.ship_date = today;
  }
  std::vector<Result<Order>> priced = PriceDrafts(scope, std::move(drafts));
  std::vector<Order> good;
  good.reserve(priced.size());
  for (size_t i = 0; i < priced.size(); ++i) {
    const std::size_t row = parsed->orders[i].row;
    if (!priced[i]) {
      const Error& e = priced[i].error();
      if (e.fields.empty())
        report.errors.push_back({row, "", "invalid", fmt::format("Row {}: {}", row, e.public_message)});
      for (const FieldError& f : e.fields)
        report.errors.push_back({row, ColumnOfOrderField(f.field), f.reason, fmt::format("Row {}: {}", row, f.message)});
      continue;
    }
    Order& order = *priced[i];
    order.source = OrderSource::kImport;
    order.allocation_json = "{}";
    order.request_hash.clear();  // no Idempotency-Key of its own: the run's key covers the file
    order.created_by = who.user_id;
    order.created_at = order.updated_at = scope.now();
    good.push_back(std::move(order));
  }
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  std::set<std::size_t> bad_rows;
  for (const ImportRowError& e : report.errors) bad_rows.insert(e.row);
  report.rejected = static_cast<int64_t>(bad_rows.size());

  // 4. All or nothing: a bad row writes nothing (not even the run: its key stays free for the fixed file).
  if (request.mode == ImportMode::kAllOrNothing && report.rejected > 0) {
    report.all_rejected = true;
    return report;
  }

  ImportRun run;
  run.customer_id = *customer;
  run.created_by = who.user_id;
  run.idempotency_key = request.idempotency_key;
  run.request_hash = request_hash;
  run.mode = std::string(ImportModeName(request.mode));
  run.report_json = "{}";
  run.created_at = scope.now();
  std::optional<int64_t> run_id = InsertImportRun(tx, run);
  if (!run_id) {
    // A concurrent retry under the same key committed first: this is its retry.
    std::optional<ImportRun> earlier = FindImportRun(tx, who.user_id, *request.idempotency_key);
    if (!earlier) return Internal("orders: an import idempotency key taken by no run");
    return Replay(*earlier, request_hash);
  }
  run.id = *run_id;
  report.import_id = *run_id;

  // 5. Allocate each ship date's orders as one batch, then write them as decided.
  std::vector<int64_t> created_ids;
  created_ids.reserve(good.size());
  std::map<Date, std::vector<Order>> by_day;
  for (Order& o : good) by_day[o.ship_date].push_back(std::move(o));
  good.clear();
  for (auto& [day, orders] : by_day) {
    const BatchReport batch = AllocateBatchOn(scope, day, orders);
    report.allocated += batch.allocated;
    for (Order& o : orders) {
      std::optional<OrderId> id = InsertOrder(tx, o);
      if (!id) return Internal("orders: an imported order was not inserted");
      o.id = *id;
      created_ids.push_back(o.id.value());
      ++report.created;
    }
    // The account's monthly volume (its next month's discount tier) counts imported orders too.
    std::map<std::chrono::year_month, int64_t> per_month;
    for (const Order& o : orders) ++per_month[{o.ship_date.year(), o.ship_date.month()}];
    for (const auto& [month, count] : per_month) CountMonthlyOrders(tx, *customer, Date{month / std::chrono::day{1}}, count);
  }

  run.rows = report.rows;
  run.created = report.created;
  run.rejected = report.rejected;
  run.report_json = json::serialize(ReportJson(report));
  FinishImportRun(tx, run);
  const json::object summary{{"import_id", run.id},         {"customer_id", customer->value()},
                             {"mode", run.mode},            {"rows", report.rows},
                             {"created", report.created},   {"rejected", report.rejected},
                             {"allocated", report.allocated}, {"order_ids", IdRanges(std::move(created_ids))}};
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{scope.now(), who, "order.import", "order_import", std::to_string(run.id), std::nullopt,
                            json::serialize(summary), scope.request_id()}));
  return report;
}

}  // namespace consign::orders
