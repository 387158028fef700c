#pragma once
// Use cases for orders. Each takes a Scope, checks its permission (access.hpp) itself and applies the
// record rules: a portal user's orders are its own account's, whatever it sends; staff reach the
// orders of accounts the customers module lets them read (elsewhere: 404). Every change is audited in
// its transaction (entity "order"; consignee and shipper names, phones and addresses are left out of
// the trail). REQUIRES for the changing use cases: a write scope.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/reveal_reason.hpp"
#include "modules/carriers/carrier.hpp"
#include "modules/orders/allocation.hpp"
#include "modules/orders/order.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/orders/order_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::orders {

struct CreateResult {
  Order order;
  bool replayed = false;  // an earlier create under the same Idempotency-Key, answered again
};

// Checks the draft (ValidateOrderDraft), prices it from the customer's card in force (the pricing
// module's QuoteShipment: the agreement card, else the published one), checks it against the contract
// in force (COD, declared-value limit), takes its promise (the contract's transit promise for the
// product and zone, else the product's default), stores it and allocates it (Allocate over every
// carrier, capacity taken in the same transaction). An order no carrier can take stays pending, in the
// dispatcher's queue. With an idempotency key: a retry answers the first create (replayed); the same
// key with another body is kConflict naming Idempotency-Key (idempotency_key_reused). Field errors name
// the order's fields (consignee.division, goods.weight_grams, services.cod_amount ...).
Result<CreateResult> CreateOrder(Scope& scope, OrderDraft draft, OrderSource source,
                                 const std::optional<std::string>& idempotency_key);

// The order a checked draft makes, priced and promised but not stored: the quote (pricing module:
// the customer's card in force on the ship date), the contract's terms (CheckAgainstTerms), the
// promise. Field errors name the order's fields as CreateOrder's do. For CreateOrder and the import.
// REQUIRES: ValidateOrderDraft(draft) passed, Normalize(draft) ran, customer_id and ship_date set,
// the customer readable by the scope's principal, a transaction open.
Result<Order> PriceDraft(Scope& scope, OrderDraft draft);
// PriceDraft for many drafts of one customer (an import): the same answer for each, with the pricing
// reference, each (product, day)'s card and each day's contract read once (pricing::QuoteShipments).
// REQUIRES: as PriceDraft's, and every draft's customer_id the same.
std::vector<Result<Order>> PriceDrafts(Scope& scope, std::vector<OrderDraft> drafts);

// The order (404 outside the record rule).
Result<Order> GetOrder(Scope& scope, OrderId id);

// The order's audit trail (entity "order"), newest first, at most 200 entries, snapshots masked
// (audit::MaskSnapshot). Staff only (kForbidden for a portal user: the trail names our people); 404
// outside the record rule, as GetOrder.
Result<std::vector<audit::AuditEntryView>> OrderHistory(Scope& scope, OrderId id);

struct OrderPage {
  std::vector<Order> items;
  std::optional<int64_t> next_cursor;
};
// Newest first. A portal user's list is its account's; a salesperson names one account (customer_id,
// required for that role); filter.queue needs orders.dispatch.
Result<OrderPage> ListOrdersFor(Scope& scope, OrderFilter filter);

// Cancels a pending or allocated order (its carrier's capacity is given back); kInvalidState
// (not_cancellable) once picked up or already cancelled. reason: optional free text.
Result<Order> CancelOrder(Scope& scope, OrderId id, std::string reason);

// A dispatcher gives the order to `carrier_id` with a reason (required): any active carrier with
// capacity left that day, whatever the scores said; the decision keeps the candidates and records the
// override. kInvalidArgument naming carrier_id (not_found, suspended, full) or reason (required).
Result<Order> OverrideCarrier(Scope& scope, OrderId id, int64_t carrier_id, std::string reason);

// Runs the allocation again for one order (a queued order once a carrier has room, say).
Result<Order> Reallocate(Scope& scope, OrderId id);

struct BatchReport {
  Date day{};
  int64_t orders = 0;     // pending orders of the day considered
  int64_t allocated = 0;
  int64_t queued = 0;     // left for the dispatcher
  Money total_cost;       // our cost of the allocated orders
  double lp_cost_fen = 0; // the linear program's bound for the same orders
};
// Allocates every pending order shipping on `day` (today in China when empty) at once, at the least
// total cost under the carriers' capacities (batch_allocation.hpp). orders.dispatch.
Result<BatchReport> AllocateDay(Scope& scope, std::optional<Date> day);

// The batch rule of AllocateDay over `orders` (all shipping on `day`, stored or not yet): the least
// total cost under the capacity the carriers have left that day. Each allocated order gets its
// carrier, cost, status allocated, mode batch and the decision explained, and its capacity is taken
// in the scope's transaction; the others are left as they are (pending, for the dispatcher). Writes
// no order and checks no permission: for this module's use cases (AllocateDay, the import).
BatchReport AllocateBatchOn(Scope& scope, Date day, std::vector<Order>& orders);

// Capacity used by each carrier on `day` (today in China when empty). orders.read, staff only.
Result<std::vector<CarrierLoad>> CarrierLoadOn(Scope& scope, std::optional<Date> day);

// The shipper's or the consignee's name, phone and address unmasked, on purpose and with a reason
// (pii.view; counted against the user's reveal limit like every reveal; the pii.reveal entry — which
// party, why, never the values — is written in the scope's transaction). REQUIRES: a write scope whose
// transaction is not open yet.
Result<Party> RevealParty(Scope& scope, OrderId id, std::string_view party, const audit::StatedReason& reason,
                          std::chrono::seconds* retry_after);

Result<AllocationSettings> GetAllocationSettings(Scope& scope);
Result<AllocationSettings> SetAllocationSettings(Scope& scope, AllocationSettings settings);

Date ChinaToday(Instant now);

// Every carrier as `order` sees it on its ship date: coverage, product, rate, transit time, declared
// performance, and the capacity left given `load` (what each carrier has used that day; empty: none).
// Shipments in 30 days from which a carrier's measured performance replaces its declared one in
// allocation (the tracking module measures it).
inline constexpr int64_t kMinMeasuredShipments = 50;
std::vector<Candidate> CandidatesFor(const Order& order, const std::vector<carriers::Carrier>& carriers,
                                     const std::vector<CarrierLoad>& load);

// For the tracking module, whose callers are carriers authenticated by their own keys, not users:
// the order a waybill's scans belong to (none when there is no such order yet), the newest order's id
// (a quarantined scan's order may have arrived when its serial is at most this), and the carrier's
// first scan: an allocated order becomes picked up (已揽收) and can no longer be cancelled.
std::optional<Order> OrderForScans(db::Transaction& tx, OrderId id);
// What a batch of scans needs of its orders: each existing order's carrier and status, in no particular order.
// One query on PostgreSQL; on SQLite a few, each of a fixed number of ids (256, 64, 16, 4, 1).
struct ScanTarget {
  int64_t id = 0;
  std::optional<int64_t> carrier_id;
  OrderStatus status = OrderStatus::kPending;
  int64_t customer_id = 0;  // whom the notifications of its scans are for
  Instant promised_at{};
};
std::vector<ScanTarget> ScanTargets(db::Transaction& tx, const std::vector<int64_t>& ids);
// What the public tracking page's kept answer stands on of an order (OrderStamp, order.hpp): one row
// of one table; nullopt when there is no such order.
std::optional<OrderStamp> OrderStampOf(db::Transaction& tx, OrderId id);
// Orders after `after_id`, oldest first, whatever their age (the demo gives each its scans).
std::vector<Order> OrdersForScansAfter(db::Transaction& tx, int64_t after_id, int limit);
// The same, only the orders made since `since` that are not cancelled: the tracking checker starts
// watching each (an order not picked up in time is an exception too), and skips history
// (two years of a demo, an import of old orders) in the query instead of reading each order.
std::vector<Order> LiveOrdersForScansAfter(db::Transaction& tx, int64_t after_id, Instant since, int limit);
int64_t NewestOrderId(db::Transaction& tx);
void MarkPickedUp(db::Transaction& tx, const std::vector<int64_t>& ids, Instant at);
// Whether the order has an open exception (异常): the list's exception filter. The tracking module
// sets it when it raises one and clears it when the last open one is resolved.
void MarkException(db::Transaction& tx, OrderId id, bool open);

// An order already priced and decided elsewhere — the demo's history, a benchmark's load — with the
// decision that chose its carrier.
struct HistoricOrder {
  Order order;
  AllocationDecision decision;
};
// Writes them as they are (ids given by the database, no idempotency key, no capacity taken, no audit
// entries: nobody took these orders through the service). For `consign demo` and the benchmarks only.
void InsertHistoric(db::Transaction& tx, std::vector<HistoricOrder>& orders);

}  // namespace consign::orders
