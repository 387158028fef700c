#pragma once
// Orders (订单): one shipment a customer hands us — who sends it, who receives it, what it is, how it
// is to travel and what extra services it needs — and its life until it is picked up. Pure: links
// consign_core (and the geo and pricing domains for divisions and dimensions) only. The tracking
// issue adds the states after picked_up.
//
//        ┌──────── allocate / override ────────┐
//   pending (待分配) ─────────────────────────▶ allocated (已分配) ── picked up ──▶ picked_up (已揽收)
//      │  ▲            reallocated, overridden   │   ▲ │
//      │  └──────── carrier released ───────────┘   └─┘ override (another carrier)
//      └────────── cancel ──▶ cancelled (已取消) ◀── cancel ──┘
//
// An order is cancelled until it is picked up; a cancelled order is never cancelled again (409).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"
#include "modules/pricing/quote.hpp"

namespace consign::orders {

using OrderId = StrongId<class OrderIdTag>;
using Date = std::chrono::year_month_day;

enum class OrderStatus { kPending, kAllocated, kPickedUp, kCancelled };
std::string_view OrderStatusCode(OrderStatus s);  // "pending", "allocated", "picked_up", "cancelled"
std::string_view OrderStatusNameZh(OrderStatus s);  // 待分配 已分配 已揽收 已取消
std::optional<OrderStatus> ParseOrderStatus(std::string_view code);

// What the public tracking page's kept answer stands on of an order (db/stamped_cache.hpp): its
// revision, raised by every change of the order, its status and account, and when it was made (an id
// used again is another order).
struct OrderStamp {
  int64_t revision = 0;
  OrderStatus status = OrderStatus::kPending;
  int64_t customer_id = 0;
  Instant created_at{};
  bool operator==(const OrderStamp&) const = default;
};
bool CanCancel(OrderStatus s);     // pending, allocated
bool CanAllocate(OrderStatus s);   // pending, allocated (an override or a reallocation)

enum class OrderSource { kConsole, kPortal, kApi, kImport };
std::string_view OrderSourceCode(OrderSource s);  // "console", "portal", "api", "import"
std::optional<OrderSource> ParseOrderSource(std::string_view code);

// How the carrier came to be chosen.
enum class AllocationMode { kNone, kAuto, kBatch, kOverride };
std::string_view AllocationModeCode(AllocationMode m);  // "none", "auto", "batch", "override"
std::optional<AllocationMode> ParseAllocationMode(std::string_view code);

// Goods categories (货物类别) with the handling each needs.
struct GoodsCategory {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
};
inline constexpr std::array<GoodsCategory, 7> kGoodsCategories = {{
    {"general", "普通货物", "General goods"},
    {"documents", "文件", "Documents"},
    {"fragile", "易碎品", "Fragile"},
    {"liquid", "液体", "Liquid"},
    {"battery", "带电池", "Contains batteries"},
    {"fresh", "生鲜", "Fresh food"},
    {"valuables", "贵重物品", "Valuables"},
}};
const GoodsCategory* FindGoodsCategory(std::string_view code);

// A sender or a receiver. name, phone and address are personal data: masked for whoever has not
// revealed them (order_json.cpp).
struct Party {
  std::string name;
  std::string phone;     // canonical (core/text.hpp NormalizePhone) once validated
  std::string division;  // GB/T 2260 district ("440305"); 东莞, 中山 and the like: their town or street (9 digits)
  std::string address;   // street, building, room
  friend bool operator==(const Party&, const Party&) = default;
};

struct Goods {
  int pieces = 1;
  int64_t weight_grams = 0;
  std::optional<pricing::Dimensions> dimensions_cm;  // of the whole shipment
  std::string category = "general";
  std::string description;  // 品名
  std::optional<Money> declared_value;
  friend bool operator==(const Goods&, const Goods&) = default;
};

// Value-added services (增值服务).
struct Services {
  bool insured = false;                // 保价: needs a declared value
  std::optional<Money> cod_amount;     // 代收货款: only where the customer's contract allows COD
  bool signed_receipt = false;         // 签单返还
  bool packaging = false;              // 包装
  friend bool operator==(const Services&, const Services&) = default;
};

// What a customer asks for: the order as sent, before it is priced and allocated.
struct OrderDraft {
  std::optional<CustomerId> customer_id;  // portal users: their own account, whatever is sent
  std::string product = "standard";       // a pricing service product code
  Party shipper;
  Party consignee;
  Goods goods;
  Services services;
  std::optional<Date> ship_date;  // the day it is handed over; today in China when empty
  std::string reference;          // the customer's own order number
  std::string notes;
  friend bool operator==(const OrderDraft&, const OrderDraft&) = default;
};

inline constexpr size_t kMaxNameChars = 50;
inline constexpr size_t kMaxAddressChars = 200;
inline constexpr size_t kMaxDescriptionChars = 100;
inline constexpr size_t kMaxReferenceChars = 64;
inline constexpr size_t kMaxNotesChars = 500;
inline constexpr int kMaxPieces = 9999;
inline constexpr int64_t kMaxWeightGrams = 30'000'000;  // 30 t: a full truck; beyond it is no parcel
// Nothing is denser than osmium (22.6 g/cm³): a shipment heavier than its box filled with it is a typo.
inline constexpr int64_t kMaxGramsPerCm3 = 23;
// Without a contract that says otherwise, the highest declared value one shipment may carry.
inline constexpr Money kDefaultDeclaredValueLimit = Money{2'000'000, kCny};  // ¥20,000

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
  bool has_exception = false;  // an open exception (异常), kept by the tracking module
};

// Every mistake of the draft at once, each naming its field ("consignee.phone", "goods.weight_grams",
// "services.cod_amount"): kInvalidArgument with reasons required / invalid_phone / unknown_division /
// not_a_district / out_of_range / invalid_enum / too_long / invalid_characters / currency /
// impossible. What needs the customer's contract (COD allowed, the declared-value limit) is checked by
// CheckAgainstTerms.
[[nodiscard]] Status ValidateOrderDraft(const OrderDraft& draft);
// Normalises what ValidateOrderDraft accepts: phones to their canonical form, names and addresses
// trimmed. REQUIRES: ValidateOrderDraft(draft) passed.
void Normalize(OrderDraft& draft);

// What the customer's contract in force allows, for CheckAgainstTerms.
struct OrderTerms {
  bool cod_allowed = false;
  Money declared_value_limit = kDefaultDeclaredValueLimit;
  std::optional<int> promised_hours;  // the contract's transit promise for the product and zone
};
// services.cod_amount on a contract without COD (not_allowed); goods.declared_value over the limit
// (over_limit); insured without a declared value (required).
[[nodiscard]] Status CheckAgainstTerms(const OrderDraft& draft, const OrderTerms& terms);

// The default promise of a product to a zone when the contract names none, in hours.
int DefaultPromisedHours(std::string_view product, std::string_view zone);

}  // namespace consign::orders
