#pragma once
// The orders module's tables and their SQL (both dialects side by side): orders, the capacity each
// carrier has used each day (order_carrier_load, changed in the same transaction as the order, so a
// carrier is never given more than its capacity even by concurrent creates), and the allocation
// settings. Used by order_service.cpp only.
#include <optional>
#include <string>
#include <vector>

#include "modules/orders/allocation.hpp"
#include "modules/orders/order.hpp"
#include "platform/db/database.hpp"

namespace consign::orders {

std::vector<db::Migration> Migrations();

// Inserts the order; none when the creator already has an order under the same idempotency key (the
// unique index decides, so two concurrent retries insert once: the second waits for the first and
// then finds its row).
std::optional<OrderId> InsertOrder(db::Transaction& tx, const Order& order);
std::optional<Order> FindByIdempotencyKey(db::Transaction& tx, UserId creator, std::string_view key);
std::optional<Order> LoadOrder(db::Transaction& tx, OrderId id);
// Writes status, allocation, cancellation and updated_at; bumps revision. False when the row is gone.
bool UpdateOrder(db::Transaction& tx, const Order& order);

struct OrderFilter {
  std::optional<OrderStatus> status;
  std::optional<CustomerId> customer_id;
  std::optional<int64_t> carrier_id;
  std::optional<std::string> province;  // of the origin or the destination
  std::optional<bool> exception;        // with (true) or without (false) an open exception  // of the origin or the destination
  std::optional<Date> from, to;         // ship dates, inclusive
  bool queue = false;                   // the dispatcher's queue: pending, or allocated by override
  std::optional<std::string> waybill_or_reference;
  std::optional<int64_t> cursor;        // ids below (newest first)
  int limit = 50;                       // reads limit + 1
};
std::vector<Order> ListOrders(db::Transaction& tx, const OrderFilter& filter);
// Orders by id after `after_id`, oldest first: the tracking module follows new orders with it.
std::vector<Order> OrdersAfter(db::Transaction& tx, int64_t after_id, int limit);
// The same, only orders made since `since` and not cancelled (the tracking checker's new orders).
std::vector<Order> LiveOrdersAfter(db::Transaction& tx, int64_t after_id, Instant since, int limit);
void SetExceptionFlag(db::Transaction& tx, OrderId id, bool open);
// Pending orders shipping on `day`, oldest first, at most `limit`.
std::vector<Order> PendingOn(db::Transaction& tx, Date day, int limit);

// Capacity used by each carrier on a day.
struct CarrierLoad {
  int64_t carrier_id = 0;
  int64_t orders = 0;
  int64_t grams = 0;
};
std::vector<CarrierLoad> LoadOn(db::Transaction& tx, Date day);
// Takes `orders` orders weighing `grams` in all from the carrier's capacity on `day` if they still fit
// within `capacity_orders` and `capacity_grams`; false (nothing changed) when they do not.
bool TakeCapacity(db::Transaction& tx, Date day, int64_t carrier_id, int64_t grams, int64_t capacity_orders,
                  int64_t capacity_grams, int64_t orders = 1);
void ReleaseCapacity(db::Transaction& tx, Date day, int64_t carrier_id, int64_t grams);

// The account's orders in the month of `ship_date` change by `delta` (+1 taken, −1 cancelled).
void CountMonthlyOrders(db::Transaction& tx, CustomerId customer, Date ship_date, int64_t delta);
// The account's orders in the calendar month before `ship_date`'s: the discount tier's volume.
int64_t OrdersLastMonth(db::Transaction& tx, CustomerId customer, Date ship_date);

struct AllocationSettings {
  AllocationWeights weights;
  AllocationThresholds thresholds;
};
AllocationSettings LoadSettings(db::Transaction& tx);
void SaveSettings(db::Transaction& tx, const AllocationSettings& settings, UserId by, Instant at);

// One import of a file (order_import_service): who, for which account, its idempotency key and the
// report it answered (JSON, no personal data), so that a retry answers the same report.
struct ImportRun {
  int64_t id = 0;
  CustomerId customer_id;
  UserId created_by;
  std::optional<std::string> idempotency_key;
  std::string request_hash;
  std::string mode;
  int64_t rows = 0, created = 0, rejected = 0;
  std::string report_json;
  Instant created_at{};
};
// Inserts the run; none when its creator already has a run under the same key (a unique index decides:
// a concurrent retry waits for the first and then finds its row).
std::optional<int64_t> InsertImportRun(db::Transaction& tx, const ImportRun& run);
// Writes the counts and the report of run.id.
void FinishImportRun(db::Transaction& tx, const ImportRun& run);
std::optional<ImportRun> FindImportRun(db::Transaction& tx, UserId creator, std::string_view key);

std::string FormatDay(Date day);  // "2026-12-02"

}  // namespace consign::orders
