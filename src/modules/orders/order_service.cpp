#include "modules/orders/order_service.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/access.hpp"
#include "modules/carriers/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/contracts/contract_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/batch_allocation.hpp"
#include "modules/orders/order_json.hpp"
#include "modules/pricing/pricing_service.hpp"

namespace consign::orders {

namespace json = boost::json;

Date ChinaToday(Instant now) {
  return Date{std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8))};
}

namespace {

bool IsPortal(const Principal& who) { return who.role == Role::kPortal; }

Status Audit(Scope& scope, std::string action, const Order& order, const json::object* before) {
  const json::object after = AuditJson(order);
  return audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::move(action), "order",
                                    std::to_string(order.id.value()),
                                    before ? std::optional<std::string>(json::serialize(*before)) : std::nullopt,
                                    json::serialize(after), scope.request_id()});
}

// The quote names the shipment's fields; the order names its own.
Error InOrderTerms(Error e) {
  static const std::map<std::string, std::string, std::less<>> kFields = {
      {"origin", "shipper.division"},
      {"destination", "consignee.division"},
      {"weight_grams", "goods.weight_grams"},
      {"dimensions_cm", "goods.dimensions_cm"},
      {"declared_value", "goods.declared_value"},
      {"cod_amount", "services.cod_amount"}};
  for (FieldError& f : e.fields) {
    for (const auto& [from, to] : kFields) {
      if (f.field == from || f.field.starts_with(from + ".")) {
        f.field = to + f.field.substr(from.size());
        break;
      }
    }
  }
  return e;
}

// The record rule for one order: a portal user's own account; staff, an account they may read.
Status CheckVisible(Scope& scope, const Order& order) {
  const Principal& who = scope.principal();
  if (IsPortal(who)) {
    if (!who.customer_id || *who.customer_id != order.customer_id) return NotFound("Order");
    return Ok();
  }
  if (Status s = customers::CheckReadable(scope, order.customer_id.value()); !s) return NotFound("Order");
  return Ok();
}

Result<Order> LoadVisible(Scope& scope, OrderId id) {
  std::optional<Order> order = LoadOrder(scope.tx(), id);
  if (!order) return NotFound("Order");
  CONSIGN_TRY(CheckVisible(scope, *order));
  return *std::move(order);
}

// The order's terms from the contract in force on its ship date (none: the defaults).
OrderTerms TermsFrom(const std::optional<contracts::StoredContract>& contract, std::string_view product,
                     std::string_view zone) {
  OrderTerms terms;
  if (!contract) return terms;
  const contracts::Terms& t = contract->terms;
  terms.cod_allowed = t.cod.has_value();
  terms.declared_value_limit = t.declared_value_limit;
  for (const contracts::TransitPromise& p : t.transit_promises)
    if (p.product == product && p.zone == zone) terms.promised_hours = p.hours;
  return terms;
}

const carriers::Carrier* FindCarrier(const std::vector<carriers::Carrier>& all, int64_t id) {
  for (const carriers::Carrier& c : all)
    if (c.id.value() == id) return &c;
  return nullptr;
}

// Chooses the order's carrier and takes its capacity. A carrier that filled up since the load was read
// (a concurrent create took the last place) is marked full and the choice runs again, so the next
// candidate takes the order.
void AllocateOne(Scope& scope, Order& order, const AllocationSettings& settings) {
  db::Transaction& tx = scope.tx();
  const std::vector<carriers::Carrier> all = carriers::CarriersForAllocation(tx);
  std::vector<Candidate> candidates = CandidatesFor(order, all, LoadOn(tx, order.ship_date));
  const OrderNeed need{order.draft.goods.weight_grams, order.promised_hours};
  AllocationDecision decision;
  for (size_t attempt = 0; attempt <= candidates.size(); ++attempt) {
    decision = Allocate(need, candidates, settings.weights, settings.thresholds);
    if (!decision.carrier_id) break;
    const carriers::Carrier* chosen = FindCarrier(all, *decision.carrier_id);
    if (chosen && TakeCapacity(tx, order.ship_date, chosen->id.value(), order.draft.goods.weight_grams,
                               chosen->daily_capacity_orders, chosen->daily_capacity_grams))
      break;
    for (Candidate& c : candidates)
      if (c.carrier_id == *decision.carrier_id) c.orders_left = 0;
  }
  order.carrier_id = decision.carrier_id;
  order.carrier_cost.reset();
  for (const CandidateScore& c : decision.candidates)
    if (decision.carrier_id && c.carrier_id == *decision.carrier_id) order.carrier_cost = c.cost;
  order.status = decision.carrier_id ? OrderStatus::kAllocated : OrderStatus::kPending;
  order.allocation_mode = decision.carrier_id ? AllocationMode::kAuto : AllocationMode::kNone;
  order.override_reason.clear();
  order.allocation_json = DecisionJson(decision, order.allocation_mode, "", scope.now());
}

void ReleaseCarrier(db::Transaction& tx, const Order& order) {
  if (order.carrier_id) ReleaseCapacity(tx, order.ship_date, *order.carrier_id, order.draft.goods.weight_grams);
}

Result<CreateResult> Replay(const Order& earlier, const std::string& request_hash) {
  if (earlier.request_hash != request_hash)
    return Conflict("Idempotency-Key", "idempotency_key_reused",
                    "this Idempotency-Key was used for another order; use a new key for a new order");
  return CreateResult{earlier, true};
}

}  // namespace

std::vector<Candidate> CandidatesFor(const Order& order, const std::vector<carriers::Carrier>& all,
                                     const std::vector<CarrierLoad>& load) {
  std::vector<Candidate> out;
  out.reserve(all.size());
  for (const carriers::Carrier& c : all) {
    Candidate k;
    k.carrier_id = c.id.value();
    k.name = c.name_zh;
    k.active = c.status == carriers::CarrierStatus::kActive;
    k.suspended_reason = c.suspended_reason;
    k.covers_origin = carriers::Covers(c, order.draft.shipper.division);
    k.covers_destination = carriers::Covers(c, order.draft.consignee.division);
    k.carries_product = carriers::CarriesProduct(c, order.draft.product);
    int64_t used_orders = 0, used_grams = 0;
    for (const CarrierLoad& l : load)
      if (l.carrier_id == k.carrier_id) used_orders = l.orders, used_grams = l.grams;
    k.orders_left = std::max<int64_t>(0, c.daily_capacity_orders - used_orders);
    k.grams_left = std::max<int64_t>(0, c.daily_capacity_grams - used_grams);
    k.cost = carriers::CostOf(c, order.draft.product, order.zone, order.chargeable_grams);
    k.transit_hours = carriers::TransitHours(c, order.draft.product, order.zone);
    // The carrier's measured figures once it has enough shipments in the last 30 days (the tracking
    // module's scorecard), else what it declared.
    const carriers::Performance& p =
        c.measured && c.measured_shipments >= kMinMeasuredShipments ? *c.measured : c.declared;
    k.on_time_bp = p.on_time_bp;
    k.damage_bp = p.damage_bp;
    k.scan_bp = p.scan_completeness_bp;
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<Result<Order>> PriceDrafts(Scope& scope, std::vector<OrderDraft> drafts) {
  std::vector<Result<Order>> out;
  out.reserve(drafts.size());
  if (drafts.empty()) return out;
  std::vector<pricing::QuoteInput> inputs;
  inputs.reserve(drafts.size());
  std::map<std::chrono::year_month, int64_t> last_month_volume;
  for (const OrderDraft& draft : drafts) {
    pricing::QuoteInput& in = inputs.emplace_back();
    in.product_code = draft.product;
    in.date = draft.ship_date;
    pricing::QuoteRequest& q = in.request;
    q.origin = draft.shipper.division;
    q.destination = draft.consignee.division;
    q.weight_grams = draft.goods.weight_grams;
    q.dimensions_cm = draft.goods.dimensions_cm;
    q.declared_value = draft.goods.declared_value;
    q.insured = draft.services.insured;
    q.cod = draft.services.cod_amount.has_value();
    q.cod_amount = draft.services.cod_amount;
    q.signed_receipt = draft.services.signed_receipt;
    q.packaging = draft.services.packaging;
    // Last month's orders choose the card's discount tier (上月发件量): read once per ship month.
    const std::chrono::year_month month{draft.ship_date->year(), draft.ship_date->month()};
    auto volume = last_month_volume.find(month);
    if (volume == last_month_volume.end())
      volume = last_month_volume.emplace(month, OrdersLastMonth(scope.tx(), *draft.customer_id, *draft.ship_date)).first;
    q.monthly_shipments = volume->second;
  }
  auto quotes = pricing::QuoteShipments(scope, drafts.front().customer_id, std::move(inputs));
  if (!quotes) {
    for (size_t i = 0; i < drafts.size(); ++i) out.push_back(InOrderTerms(quotes.error()));
    return out;
  }
  std::map<Date, std::optional<contracts::StoredContract>> contract_on;  // each ship date's, read once
  for (size_t i = 0; i < drafts.size(); ++i) {
    OrderDraft& draft = drafts[i];
    Result<pricing::QuoteAnswer>& quote = (*quotes)[i];
    if (!quote) {
      out.push_back(InOrderTerms(std::move(quote).error()));
      continue;
    }
    Order order;
    order.customer_id = *draft.customer_id;
    order.ship_date = *draft.ship_date;
    order.zone = std::string(pricing::ZoneCode(quote->quote.zone));
    auto contract = contract_on.find(order.ship_date);
    if (contract == contract_on.end())
      contract = contract_on.emplace(order.ship_date,
                                     contracts::ContractInForce(scope.tx(), order.customer_id, order.ship_date)).first;
    const OrderTerms terms = TermsFrom(contract->second, draft.product, order.zone);
    if (Status s = CheckAgainstTerms(draft, terms); !s) {
      out.push_back(s.error());
      continue;
    }
    order.status = OrderStatus::kPending;
    order.draft = std::move(draft);
    order.chargeable_grams = quote->quote.chargeable_grams;
    order.price = quote->quote.total;
    for (const pricing::QuoteLine& l : quote->quote.lines)
      order.price_lines.push_back(PriceLine{l.code, l.label_zh, l.label_en, l.amount, l.rule_zh, l.rule_en});
    order.rate_card_id = quote->card.id.value();
    if (contract->second) order.contract_id = contract->second->id.value();
    order.promised_hours = terms.promised_hours.value_or(DefaultPromisedHours(order.draft.product, order.zone));
    order.promised_at = scope.now() + std::chrono::hours(order.promised_hours);
    out.push_back(std::move(order));
  }
  return out;
}

Result<Order> PriceDraft(Scope& scope, OrderDraft draft) {
  std::vector<OrderDraft> one;
  one.push_back(std::move(draft));
  return std::move(PriceDrafts(scope, std::move(one)).front());
}

Result<CreateResult> CreateOrder(Scope& scope, OrderDraft draft, OrderSource source,
                                 const std::optional<std::string>& idempotency_key) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kCreate));
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  if (IsPortal(who)) {
    if (!who.customer_id) return Forbidden("This portal user belongs to no account.");
    draft.customer_id = *who.customer_id;
    source = OrderSource::kPortal;
  }
  if (!draft.customer_id) return InvalidField("customer_id", "required", "customer_id is required");
  CONSIGN_TRY(ValidateOrderDraft(draft));
  Normalize(draft);
  if (!draft.ship_date) draft.ship_date = ChinaToday(scope.now());

  const std::string request_hash = audit::Sha256Hex(DraftCanonicalJson(draft));
  if (idempotency_key) {
    if (std::optional<Order> earlier = FindByIdempotencyKey(tx, who.user_id, *idempotency_key))
      return Replay(*earlier, request_hash);
  }

  auto priced = PriceDraft(scope, std::move(draft));
  if (!priced) return std::move(priced).error();
  Order order = *std::move(priced);
  order.source = source;
  order.allocation_json = "{}";
  order.idempotency_key = idempotency_key;
  order.request_hash = request_hash;
  order.created_by = who.user_id;
  order.created_at = order.updated_at = scope.now();

  std::optional<OrderId> id = InsertOrder(tx, order);
  if (!id) {
    // A concurrent create under the same key committed first: this is its retry.
    std::optional<Order> earlier = FindByIdempotencyKey(tx, who.user_id, *idempotency_key);
    if (!earlier) return Internal("orders: an idempotency key taken by no order");
    return Replay(*earlier, request_hash);
  }
  order.id = *id;
  CountMonthlyOrders(tx, order.customer_id, order.ship_date, +1);
  AllocateOne(scope, order, LoadSettings(tx));
  UpdateOrder(tx, order);
  CONSIGN_TRY(Audit(scope, "order.create", order, nullptr));
  return CreateResult{std::move(order), false};
}

Result<Order> GetOrder(Scope& scope, OrderId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  return LoadVisible(scope, id);
}

Result<std::vector<audit::AuditEntryView>> OrderHistory(Scope& scope, OrderId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  CONSIGN_TRY(Require(scope.principal(), kHistory));  // staff only: the trail names our people
  auto order = LoadVisible(scope, id);
  if (!order) return std::move(order).error();
  auto entries = audit::ListFor(scope.tx(), "order", std::to_string(id.value()), 200);
  if (!entries) return std::move(entries).error();
  for (audit::AuditEntryView& e : *entries) {
    if (e.before_json) e.before_json = audit::MaskSnapshot(*e.before_json);
    if (e.after_json) e.after_json = audit::MaskSnapshot(*e.after_json);
  }
  return entries;
}

Result<OrderPage> ListOrdersFor(Scope& scope, OrderFilter filter) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  if (filter.queue) CONSIGN_TRY(Require(who, kDispatch));
  filter.limit = std::clamp(filter.limit, 1, 200);
  if (IsPortal(who)) {
    if (!who.customer_id) return OrderPage{};
    filter.customer_id = *who.customer_id;
  } else if (filter.customer_id) {
    if (Status s = customers::CheckReadable(scope, filter.customer_id->value()); !s)
      return InvalidField("customer_id", "not_found", "no account with this id that you may see");
  } else if (who.role == Role::kSales) {
    return InvalidField("customer_id", "required", "choose an account: a salesperson lists one account's orders");
  }
  OrderPage page;
  page.items = ListOrders(scope.tx(), filter);
  if (static_cast<int>(page.items.size()) > filter.limit) {
    page.items.resize(static_cast<size_t>(filter.limit));
    page.next_cursor = page.items.back().id.value();
  }
  return page;
}

Result<Order> CancelOrder(Scope& scope, OrderId id, std::string reason) {
  CONSIGN_TRY(Require(scope.principal(), kCancel));
  scope.write_tx();
  auto order = LoadVisible(scope, id);
  if (!order) return std::move(order).error();
  if (!CanCancel(order->status))
    return MakeError(ErrorCode::kInvalidState, order->status == OrderStatus::kCancelled
                                                   ? "The order is already cancelled."
                                                   : "The order has been picked up and can no longer be cancelled.");
  const json::object before = AuditJson(*order);
  ReleaseCarrier(scope.tx(), *order);
  CountMonthlyOrders(scope.tx(), order->customer_id, order->ship_date, -1);
  order->status = OrderStatus::kCancelled;
  order->cancel_reason = std::move(reason);
  order->updated_at = scope.now();
  UpdateOrder(scope.tx(), *order);
  ++order->revision;
  CONSIGN_TRY(Audit(scope, "order.cancel", *order, &before));
  return order;
}

Result<Order> OverrideCarrier(Scope& scope, OrderId id, int64_t carrier_id, std::string reason) {
  CONSIGN_TRY(Require(scope.principal(), kDispatch));
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return InvalidField("reason", "required", "say why the dispatcher's choice overrides the allocation");
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  auto order = LoadVisible(scope, id);
  if (!order) return std::move(order).error();
  if (!CanAllocate(order->status))
    return MakeError(ErrorCode::kInvalidState, "Only a pending or allocated order can be given to a carrier.");
  const std::vector<carriers::Carrier> all = carriers::CarriersForAllocation(tx);
  const carriers::Carrier* carrier = FindCarrier(all, carrier_id);
  if (!carrier) return InvalidField("carrier_id", "not_found", "no carrier with this id");
  if (carrier->status != carriers::CarrierStatus::kActive)
    return InvalidField("carrier_id", "suspended", "the carrier is suspended: " + carrier->suspended_reason);
  if (order->carrier_id == carrier_id)
    return InvalidField("carrier_id", "unchanged", "the order is already with this carrier");
  const json::object before = AuditJson(*order);
  ReleaseCarrier(tx, *order);
  if (!TakeCapacity(tx, order->ship_date, carrier_id, order->draft.goods.weight_grams, carrier->daily_capacity_orders,
                    carrier->daily_capacity_grams))
    return InvalidField("carrier_id", "full", "the carrier has no capacity left that day");

  // The explanation keeps the candidates as they stand now, with the dispatcher's choice first.
  const AllocationSettings settings = LoadSettings(tx);
  AllocationDecision decision =
      Allocate(OrderNeed{order->draft.goods.weight_grams, order->promised_hours},
               CandidatesFor(*order, all, LoadOn(tx, order->ship_date)), settings.weights, settings.thresholds);
  decision.carrier_id = carrier_id;
  std::stable_partition(decision.candidates.begin(), decision.candidates.end(),
                        [&](const CandidateScore& c) { return c.carrier_id == carrier_id; });
  decision.summary_zh = "调度改派 " + carrier->name_zh + "：" + reason;
  decision.summary_en = "Dispatcher gave it to " + carrier->name_en + ": " + reason;
  order->carrier_id = carrier_id;
  order->carrier_cost = carriers::CostOf(*carrier, order->draft.product, order->zone, order->chargeable_grams);
  order->status = OrderStatus::kAllocated;
  order->allocation_mode = AllocationMode::kOverride;
  order->override_reason = reason;
  order->allocation_json = DecisionJson(decision, AllocationMode::kOverride, reason, scope.now());
  order->updated_at = scope.now();
  UpdateOrder(tx, *order);
  ++order->revision;
  CONSIGN_TRY(Audit(scope, "order.override", *order, &before));
  return order;
}

Result<Order> Reallocate(Scope& scope, OrderId id) {
  CONSIGN_TRY(Require(scope.principal(), kDispatch));
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  auto order = LoadVisible(scope, id);
  if (!order) return std::move(order).error();
  if (!CanAllocate(order->status))
    return MakeError(ErrorCode::kInvalidState, "Only a pending or allocated order can be allocated.");
  const json::object before = AuditJson(*order);
  ReleaseCarrier(tx, *order);
  AllocateOne(scope, *order, LoadSettings(tx));
  order->updated_at = scope.now();
  UpdateOrder(tx, *order);
  ++order->revision;
  CONSIGN_TRY(Audit(scope, "order.allocate", *order, &before));
  return order;
}

BatchReport AllocateBatchOn(Scope& scope, Date day, std::vector<Order>& orders) {
  db::Transaction& tx = scope.tx();
  const std::vector<carriers::Carrier> all = carriers::CarriersForAllocation(tx);
  const std::vector<CarrierLoad> load = LoadOn(tx, day);
  const AllocationSettings settings = LoadSettings(tx);

  // The batch decides cost under capacity; what the single-order rule excludes (suspended, no
  // coverage, no product, no rate, failing) is excluded here too.
  BatchProblem problem;
  for (const carriers::Carrier& c : all) {
    int64_t used_orders = 0, used_grams = 0;
    for (const CarrierLoad& l : load)
      if (l.carrier_id == c.id.value()) used_orders = l.orders, used_grams = l.grams;
    problem.carriers.push_back(BatchCarrier{std::max<int64_t>(0, c.daily_capacity_orders - used_orders),
                                            std::max<int64_t>(0, c.daily_capacity_grams - used_grams)});
  }
  std::vector<AllocationDecision> decisions;
  decisions.reserve(orders.size());
  problem.orders.reserve(orders.size());
  for (const Order& o : orders) {
    std::vector<Candidate> candidates = CandidatesFor(o, all, {});
    AllocationDecision d = Allocate(OrderNeed{o.draft.goods.weight_grams, o.promised_hours}, candidates,
                                    settings.weights, settings.thresholds);
    BatchOrder b;
    b.grams = o.draft.goods.weight_grams;
    b.cost_fen.assign(all.size(), kNoCarrier);
    for (const CandidateScore& c : d.candidates) {
      if (c.excluded != Exclusion::kNone || !c.cost) continue;
      for (size_t j = 0; j < all.size(); ++j)
        if (all[j].id.value() == c.carrier_id) b.cost_fen[j] = c.cost->minor;
    }
    problem.orders.push_back(std::move(b));
    decisions.push_back(std::move(d));
  }
  const BatchSolution solution = AllocateBatch(problem);

  BatchReport report;
  report.day = day;
  report.orders = static_cast<int64_t>(orders.size());
  report.lp_cost_fen = solution.lp_cost_fen;
  // Each carrier's share is taken at once, one statement per carrier. A share that no longer fits (a
  // concurrent create took places since the load was read, on PostgreSQL) is taken order by order, and
  // what does not fit stays pending.
  std::vector<std::vector<size_t>> share(all.size());
  for (size_t i = 0; i < orders.size(); ++i)
    if (const int j = solution.carrier_of[i]; j >= 0) share[static_cast<size_t>(j)].push_back(i);
  std::vector<bool> taken(orders.size(), false);
  for (size_t j = 0; j < all.size(); ++j) {
    if (share[j].empty()) continue;
    const carriers::Carrier& c = all[j];
    int64_t grams = 0;
    for (size_t i : share[j]) grams += orders[i].draft.goods.weight_grams;
    if (TakeCapacity(tx, day, c.id.value(), grams, c.daily_capacity_orders, c.daily_capacity_grams,
                     static_cast<int64_t>(share[j].size()))) {
      for (size_t i : share[j]) taken[i] = true;
      continue;
    }
    for (size_t i : share[j])
      taken[i] = TakeCapacity(tx, day, c.id.value(), orders[i].draft.goods.weight_grams, c.daily_capacity_orders,
                              c.daily_capacity_grams);
  }
  int64_t total = 0;
  for (size_t i = 0; i < orders.size(); ++i) {
    Order& o = orders[i];
    if (!taken[i]) {
      ++report.queued;
      continue;
    }
    const int j = solution.carrier_of[i];
    const carriers::Carrier& c = all[static_cast<size_t>(j)];
    AllocationDecision& d = decisions[i];
    d.carrier_id = c.id.value();
    // The chosen first, the others in their order (a rotation: no temporary buffer per order).
    if (auto chosen = std::find_if(d.candidates.begin(), d.candidates.end(),
                                   [&](const CandidateScore& s) { return s.carrier_id == c.id.value(); });
        chosen != d.candidates.end())
      std::rotate(d.candidates.begin(), chosen, chosen + 1);
    d.summary_zh = "整批分单：" + c.name_zh + "（当日总成本最低的分配）";
    d.summary_en = "Batch allocation: " + c.name_en + " (the day's least total cost)";
    o.carrier_id = c.id.value();
    o.carrier_cost = Money::Cny(problem.orders[i].cost_fen[static_cast<size_t>(j)]);
    total += o.carrier_cost->minor;
    o.status = OrderStatus::kAllocated;
    o.allocation_mode = AllocationMode::kBatch;
    o.allocation_json = DecisionJson(d, AllocationMode::kBatch, "", scope.now());
    o.updated_at = scope.now();
    ++report.allocated;
  }
  report.total_cost = Money::Cny(total);
  return report;
}

Result<BatchReport> AllocateDay(Scope& scope, std::optional<Date> day_in) {
  CONSIGN_TRY(Require(scope.principal(), kDispatch));
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  const Date day = day_in.value_or(ChinaToday(scope.now()));
  constexpr int kMaxBatch = 200'000;
  std::vector<Order> pending = PendingOn(tx, day, kMaxBatch);
  const BatchReport report = AllocateBatchOn(scope, day, pending);
  for (const Order& o : pending)
    if (o.status == OrderStatus::kAllocated) UpdateOrder(tx, o);
  const int64_t total = report.total_cost.minor;
  const json::object summary{{"day", FormatDay(day)},          {"orders", report.orders},
                             {"allocated", report.allocated}, {"queued", report.queued},
                             {"total_cost_fen", total},       {"lp_cost_fen", report.lp_cost_fen}};
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{scope.now(), scope.principal(), "order.allocate_day", "order_day", FormatDay(day),
                            std::nullopt, json::serialize(summary), scope.request_id()}));
  return report;
}

Result<std::vector<CarrierLoad>> CarrierLoadOn(Scope& scope, std::optional<Date> day) {
  // Capacity use is carrier data: whoever reads carriers reads it (not the portal, not sales).
  CONSIGN_TRY(Require(scope.principal(), carriers::kRead));
  return LoadOn(scope.tx(), day.value_or(ChinaToday(scope.now())));
}

Result<Party> RevealParty(Scope& scope, OrderId id, std::string_view party, const audit::StatedReason& reason,
                          std::chrono::seconds* retry_after) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  CONSIGN_TRY(Require(who, audit::kPiiView));
  if (party != "shipper" && party != "consignee")
    return InvalidField("party", "invalid_enum", "party is shipper or consignee");
  json::object what{{"party", party}, {"reason", audit::ReasonCode(reason.reason)}};
  if (!reason.text.empty()) what["reason_text"] = reason.text;
  audit::AuditEntry entry{scope.now(), who, std::string(audit::action::kPiiReveal), "order",
                          std::to_string(id.value()), std::nullopt, json::serialize(what), scope.request_id()};
  CONSIGN_TRY(audit::CountReveal(scope.database(), entry, retry_after));
  auto order = LoadVisible(scope, id);
  if (!order) return std::move(order).error();
  CONSIGN_TRY(audit::AuditLog{}.Record(scope.tx(), entry));
  return party == "shipper" ? order->draft.shipper : order->draft.consignee;
}

Result<AllocationSettings> GetAllocationSettings(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kDispatch));
  return LoadSettings(scope.tx());
}

Result<AllocationSettings> SetAllocationSettings(Scope& scope, AllocationSettings settings) {
  CONSIGN_TRY(Require(scope.principal(), kSettings));
  CONSIGN_TRY(ValidateAllocationSettings(settings.weights, settings.thresholds));
  scope.write_tx();
  SaveSettings(scope.tx(), settings, scope.principal().user_id, scope.now());
  const json::object after{{"cost_bp", settings.weights.cost_bp},
                           {"transit_bp", settings.weights.transit_bp},
                           {"on_time_bp", settings.weights.on_time_bp},
                           {"damage_bp", settings.weights.damage_bp},
                           {"scan_bp", settings.weights.scan_bp},
                           {"min_on_time_bp", settings.thresholds.min_on_time_bp},
                           {"max_damage_bp", settings.thresholds.max_damage_bp},
                           {"min_scan_bp", settings.thresholds.min_scan_bp}};
  CONSIGN_TRY(audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), "order.allocation_settings",
                                    "allocation_settings", "1", std::nullopt, json::serialize(after),
                                    scope.request_id()}));
  return settings;
}

std::optional<Order> OrderForScans(db::Transaction& tx, OrderId id) { return LoadOrder(tx, id); }

std::vector<Order> OrdersForScansAfter(db::Transaction& tx, int64_t after_id, int limit) {
  return OrdersAfter(tx, after_id, limit);
}

std::vector<Order> LiveOrdersForScansAfter(db::Transaction& tx, int64_t after_id, Instant since, int limit) {
  return LiveOrdersAfter(tx, after_id, since, limit);
}

int64_t NewestOrderId(db::Transaction& tx) {
  const db::Rows rows = tx.Query("SELECT max(id) FROM orders");
  return rows.empty() || rows[0].IsNull(0) ? 0 : rows[0].Int(0);
}

namespace {

constexpr const char* kScanTargetColumns = "SELECT id, carrier_id, status, customer_id, promised_at FROM orders WHERE ";

ScanTarget ReadScanTarget(const db::Row& r) {
  return {r.Int(0), r.OptInt(1), ParseOrderStatus(r.Text(2)).value_or(OrderStatus::kPending), r.Int(3), r.Time(4)};
}

// SQLite: "… WHERE id IN ($1, …, $n)" for `n` ids. A list bound as JSON (json_each) is parsed and put in
// a temporary table on every call — a tenth of a scan batch's CPU; a few fixed sizes keep each text
// prepared, as the events' multi-row INSERT does.
std::string ScanTargetsIn(size_t n) {
  std::string sql = std::string(kScanTargetColumns) + "id IN (";
  for (size_t i = 1; i <= n; ++i) sql += (i > 1 ? ", $" : "$") + std::to_string(i);
  return sql + ")";
}

}  // namespace

std::vector<ScanTarget> ScanTargets(db::Transaction& tx, const std::vector<int64_t>& ids) {
  std::vector<ScanTarget> out;
  if (ids.empty()) return out;
  out.reserve(ids.size());
  if (tx.dialect() == db::Dialect::kPostgres) {
    for (const db::Row& r : tx.Query(std::string(kScanTargetColumns) + "id = ANY($1)", {db::IntList(ids)}))
      out.push_back(ReadScanTarget(r));
    return out;
  }
  static const std::string kBySize[] = {ScanTargetsIn(256), ScanTargetsIn(64), ScanTargetsIn(16), ScanTargetsIn(4),
                                        ScanTargetsIn(1)};
  constexpr size_t kSizes[] = {256, 64, 16, 4, 1};
  std::vector<db::Param> params;
  size_t i = 0;
  for (size_t k = 0; k < std::size(kSizes); ++k) {
    while (ids.size() - i >= kSizes[k]) {
      params.assign(ids.begin() + static_cast<std::ptrdiff_t>(i), ids.begin() + static_cast<std::ptrdiff_t>(i + kSizes[k]));
      for (const db::Row& r : tx.Query(kBySize[k], params)) out.push_back(ReadScanTarget(r));
      i += kSizes[k];
    }
  }
  return out;
}

std::optional<OrderStamp> OrderStampOf(db::Transaction& tx, OrderId id) {
  const db::Rows rows =
      tx.Query("SELECT revision, status, customer_id, created_at FROM orders WHERE id = $1", {/* $1 */ id.value()});
  if (rows.empty()) return std::nullopt;
  return OrderStamp{rows[0].Int(0), ParseOrderStatus(rows[0].Text(1)).value_or(OrderStatus::kPending), rows[0].Int(2),
                    rows[0].Time(3)};
}

void MarkException(db::Transaction& tx, OrderId id, bool open) { SetExceptionFlag(tx, id, open); }

void MarkPickedUp(db::Transaction& tx, const std::vector<int64_t>& ids, Instant at) {
  if (ids.empty()) return;
  tx.Execute("UPDATE orders SET status = 'picked_up', updated_at = $2, revision = revision + 1 "
             "WHERE " + db::InList(tx.dialect(), "id", 1) + " AND status = 'allocated'",
             {db::IntList(ids), at});
}

void InsertHistoric(db::Transaction& tx, std::vector<HistoricOrder>& orders) {
  for (HistoricOrder& h : orders) {
    h.order.allocation_json = DecisionJson(h.decision, h.order.allocation_mode, "", h.order.created_at);
    if (std::optional<OrderId> id = InsertOrder(tx, h.order)) h.order.id = *id;
    if (h.order.status != OrderStatus::kCancelled) CountMonthlyOrders(tx, h.order.customer_id, h.order.ship_date, +1);
  }
}

}  // namespace consign::orders
