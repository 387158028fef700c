#pragma once
// Orders as JSON: what the API answers and what the allocation decision is stored as. Personal data
// (names, phones, street addresses of shipper and consignee) is masked unless `reveal` — the reveal
// flow of audit/ decides that, never a list.
#include <boost/json/object.hpp>
#include <string>

#include "modules/orders/allocation.hpp"
#include "modules/orders/order_store.hpp"

namespace consign::orders {

// The decision with every candidate, its scores and reasons, and how it was made (mode, the
// dispatcher's reason for an override): stored in orders.allocation_json and answered as is.
std::string DecisionJson(const AllocationDecision& decision, AllocationMode mode, std::string_view override_reason,
                         Instant at);

boost::json::object OrderJson(const Order& order, bool reveal);
// The fields of an order list row: no price lines, no allocation explanation.
boost::json::object OrderSummaryJson(const Order& order);
// The draft as the idempotency hash and the audit trail see it: one fixed shape, no personal data
// beyond what the hash needs (the hash is of this text; the trail gets AuditJson).
std::string DraftCanonicalJson(const OrderDraft& draft);
boost::json::object AuditJson(const Order& order);

}  // namespace consign::orders
