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

// One price line as the quote made it.
struct PriceLine {
  std::string code;
  std::string label_zh;
  std::string label_en;
  Money amount;
  std::string rule_zh;
  std::string rule_en;
};

// An order as stored: the draft, its price, its promise and its allocation.
struct Order {
  OrderId id;
  CustomerId customer_id;
  OrderStatus status = OrderStatus::kPending;
  OrderSource source = OrderSource::kConsole;
  OrderDraft draft;  // customer_id and ship_date filled
  Date ship_date{};
  // The price (the quote's, from the card in force: the customer's agreement card or the published one).
  std::string zone;
  int64_t chargeable_grams = 0;
  Money price;
  std::vector<PriceLine> price_lines;
  int64_t rate_card_id = 0;
  std::optional<int64_t> contract_id;
  int promised_hours = 0;
  Instant promised_at{};
  // The allocation.
  std::optional<int64_t> carrier_id;
  std::optional<Money> carrier_cost;
  AllocationMode allocation_mode = AllocationMode::kNone;
  std::string allocation_json;  // the decision explained (order_json.cpp AllocationJson), "{}" before any
  std::string override_reason;
  std::string cancel_reason;
  std::optional<std::string> idempotency_key;
  std::string request_hash;
  UserId created_by;
  Instant created_at{};
  Instant updated_at{};
  int revision = 1;
};

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
  std::optional<Date> from, to;         // ship dates, inclusive
  bool queue = false;                   // the dispatcher's queue: pending, or allocated by override
  std::optional<std::string> waybill_or_reference;
  std::optional<int64_t> cursor;        // ids below (newest first)
  int limit = 50;                       // reads limit + 1
};
std::vector<Order> ListOrders(db::Transaction& tx, const OrderFilter& filter);
// Pending orders shipping on `day`, oldest first, at most `limit`.
std::vector<Order> PendingOn(db::Transaction& tx, Date day, int limit);

// Capacity used by each carrier on a day.
struct CarrierLoad {
  int64_t carrier_id = 0;
  int64_t orders = 0;
  int64_t grams = 0;
};
std::vector<CarrierLoad> LoadOn(db::Transaction& tx, Date day);
// Takes one order of `grams` from the carrier's capacity on `day` if it still fits within
// `capacity_orders` and `capacity_grams`; false (nothing changed) when it does not.
bool TakeCapacity(db::Transaction& tx, Date day, int64_t carrier_id, int64_t grams, int64_t capacity_orders,
                  int64_t capacity_grams);
void ReleaseCapacity(db::Transaction& tx, Date day, int64_t carrier_id, int64_t grams);

struct AllocationSettings {
  AllocationWeights weights;
  AllocationThresholds thresholds;
};
AllocationSettings LoadSettings(db::Transaction& tx);
void SaveSettings(db::Transaction& tx, const AllocationSettings& settings, UserId by, Instant at);

std::string FormatDay(Date day);  // "2026-12-02"

}  // namespace consign::orders
