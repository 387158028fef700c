#include "modules/tracking/tracking_service.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

#include "core/text.hpp"
#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/notify/notify_service.hpp"
#include "modules/orders/access.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/waybill.hpp"
#include "modules/tracking/code_mapping.hpp"
#include "modules/tracking/exception_rules.hpp"
#include "modules/tracking/tracking_store.hpp"

namespace consign::tracking {

namespace {

namespace json = boost::json;

constexpr int kLaneSample = 500;       // the latest deliveries of a lane make its ETA
constexpr int kAttachPerCall = 1000;   // quarantined events looked at per call

std::string EventKey(const IncomingScan& in) {
  if (!in.event_id.empty()) return "id:" + in.event_id;
  return "sha:" + audit::Sha256Hex(in.waybill + "|" + in.raw_code + "|" + std::to_string(ToMicros(in.at)) + "|" +
                                   in.place_division + "|" + in.place_name);
}

// The event as stored, its texts moved out of what the carrier sent.
ScanEvent ToEvent(IncomingScan&& in, const CodeRule& rule) {
  ScanEvent e;
  e.waybill = std::move(in.waybill);
  e.event_id = std::move(in.event_id);
  e.raw_code = std::move(in.raw_code);
  e.status = rule.status;
  e.substatus = rule.substatus;
  e.party = rule.party;
  e.claim = rule.claim;
  e.reason = std::move(in.reason);
  e.at = in.at;
  e.utc_offset_minutes = in.utc_offset_minutes;
  e.place_division = std::move(in.place_division);
  e.place_name = std::move(in.place_name);
  e.source = in.source;
  e.signer = std::move(in.signer);
  e.photo_ref = std::move(in.photo_ref);
  return e;
}

// "events[12]": the name of an event's fields in the answer, without an allocation.
struct EventPath {
  explicit EventPath(size_t index) {
    const int n = std::snprintf(text, sizeof text, "events[%zu]", index);
    size = n < 0 ? 0 : static_cast<size_t>(n);
  }
  std::string_view view() const { return {text, size}; }
  std::string Field(std::string_view field) const { return std::string(view()) + "." + std::string(field); }
  char text[32];
  size_t size = 0;
};

// Whether the sorted, unique `ids` hold `id`.
bool Holds(const std::vector<int64_t>& ids, int64_t id) { return std::binary_search(ids.begin(), ids.end(), id); }

void SortUnique(std::vector<int64_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

std::string Province(const std::string& division) { return division.substr(0, 2); }

Lane LaneOf(const orders::Order& o) {
  return Lane{o.carrier_id.value_or(0), o.draft.product, Province(o.draft.shipper.division),
              Province(o.draft.consignee.division)};
}

std::optional<Eta> EtaFor(db::Transaction& tx, const orders::Order& o, const ShipmentState& s, Instant now) {
  if (IsTerminal(s.status) && !s.delivered_at) return std::nullopt;
  if (s.delivered_at) return Eta{*s.delivered_at, *s.delivered_at, EtaBasis::kDelivered, Confidence::kHigh};
  const std::vector<double> hours = o.carrier_id ? LaneHours(tx, LaneOf(o), kLaneSample) : std::vector<double>{};
  const EtaInput in{s.status, s.picked_up_at.value_or(o.created_at), s.out_for_delivery_at, s.delivered_at,
                    o.promised_hours, hours};
  return EstimateDelivery(in, now);
}

// "2026-12-03 18:40" in the zone the time was written in (UTC+8 for almost every scan in China).
std::string LocalTime(Instant at, int offset_minutes) {
  const auto local = std::chrono::floor<std::chrono::minutes>(at + std::chrono::minutes(offset_minutes));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{local - day};
  char out[24];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return out;
}
constexpr int kChinaOffsetMinutes = 480;

// What a customer may hear of a scan: the stages and a failed attempt; a claim is no news.
std::optional<notify::Topic> TopicOf(const ScanEvent& e) {
  if (e.claim) return std::nullopt;
  if (e.status == ShipmentStatus::kDelivered) return notify::Topic::kDelivered;
  if (e.status == ShipmentStatus::kOutForDelivery) return notify::Topic::kOutForDelivery;
  if (e.status == ShipmentStatus::kFailedAttempt) return notify::Topic::kFailedAttempt;
  if (Progress(e.status, e.substatus) == 10) return notify::Topic::kPickedUp;
  return std::nullopt;
}

// The notice of a scan, with the template variables in both languages. A stage is told once per
// order; each failed attempt once (its own ref).
notify::Notice ScanNotice(int64_t account_id, int64_t order_id, notify::Topic topic, const ScanEvent& e,
                          Instant promised_at) {
  notify::Notice n;
  n.account_id = account_id;
  n.topic = topic;
  n.order_id = order_id;
  n.ref = "order:" + std::to_string(order_id);
  if (topic == notify::Topic::kFailedAttempt) n.ref += "@" + std::to_string(ToMicros(e.at));
  n.occurred_at = e.at;
  const std::string waybill = orders::FormatWaybill(order_id);
  const std::string time = LocalTime(e.at, e.utc_offset_minutes), eta = LocalTime(promised_at, kChinaOffsetMinutes);
  n.zh = {{"waybill", waybill}, {"status", std::string(StatusLabelZh(e.status))}, {"place", e.place_name},
          {"time", time}, {"eta", eta}, {"exception", e.reason}};
  n.en = {{"waybill", waybill}, {"status", std::string(StatusLabelEn(e.status))}, {"place", e.place_name},
          {"time", time}, {"eta", eta}, {"exception", e.reason}};
  return n;
}

notify::Notice ExceptionNotice(const orders::Order& o, int64_t exception_id, const Finding& f, const ShipmentState& s,
                               Instant now) {
  notify::Notice n;
  n.account_id = o.customer_id.value();
  n.topic = notify::Topic::kException;
  n.order_id = o.id.value();
  n.ref = "exception:" + std::to_string(exception_id);
  n.occurred_at = now;
  const std::string waybill = orders::FormatWaybill(o.id.value());
  const std::string time = LocalTime(now, kChinaOffsetMinutes), eta = LocalTime(o.promised_at, kChinaOffsetMinutes);
  n.zh = {{"waybill", waybill}, {"status", std::string(StatusLabelZh(s.status))}, {"place", s.last_place_name},
          {"time", time}, {"eta", eta}, {"exception", f.detail_zh}};
  n.en = {{"waybill", waybill}, {"status", std::string(StatusLabelEn(s.status))}, {"place", s.last_place_name},
          {"time", time}, {"eta", eta}, {"exception", f.detail_en}};
  return n;
}

// How many of the journey's expected stages a scan has shown (scorecard.hpp: pickup, the origin hub's
// arrival and departure, the destination hub, out for delivery, delivery).
int StagesSeen(const std::vector<ScanEvent>& events) {
  constexpr int kStages[kExpectedStages] = {10, 20, 30, 40, 50, 60};
  bool seen[kExpectedStages] = {};
  for (const ScanEvent& e : events) {
    if (e.claim) continue;
    const int p = Progress(e.status, e.substatus);
    for (int i = 0; i < kExpectedStages; ++i) seen[i] = seen[i] || p == kStages[i];
  }
  int n = 0;
  for (bool s : seen) n += s ? 1 : 0;
  return n;
}

// An event that can raise an exception by itself, or settle one: evaluated as it arrives.
bool Urgent(const ScanEvent& e) {
  return e.claim || e.status == ShipmentStatus::kException || e.status == ShipmentStatus::kFailedAttempt ||
         e.status == ShipmentStatus::kDelivered || e.status == ShipmentStatus::kReturned;
}

// Brings one order's shipment row up to date with all its events, raises what the rules find (each
// kind once per order) and sets when it must be looked at again. Returns the exceptions raised now.
int Refresh(db::Transaction& tx, const orders::Order& o, Instant now, const ExceptionThresholds& thresholds) {
  const std::vector<ScanEvent> events = EventsOf(tx, o.id.value());
  const ShipmentState state = Derive(events);
  if (state.delivered_at && state.picked_up_at && o.carrier_id) {
    const double hours = std::chrono::duration<double, std::ratio<3600>>(*state.delivered_at - *state.picked_up_at).count();
    AddTransitSample(tx, o.id.value(), LaneOf(o), hours, *state.delivered_at);
  }
  ShipmentRow row;
  row.order_id = o.id.value();
  row.carrier_id = o.carrier_id.value_or(0);
  row.state = state;
  row.eta = EtaFor(tx, o, state, now);
  const Shipment shipment{o.created_at, o.promised_at, events, state, row.eta};
  int raised = 0;
  std::vector<notify::Notice> notices;  // the customer told in the same transaction (the outbox)
  for (const Finding& f : Evaluate(shipment, thresholds, now)) {
    if (const std::optional<int64_t> id = RaiseException(tx, row.order_id, row.carrier_id, o.customer_id.value(), f, now)) {
      ++raised;
      notices.push_back(ExceptionNotice(o, *id, f, state, now));
    }
    row.contradicted = row.contradicted || f.kind == ExceptionKind::kContradicted;
  }
  notify::Queue(tx, notices, now);
  row.promised_at = o.promised_at;
  row.lane = Province(o.draft.shipper.division) + "→" + Province(o.draft.consignee.division);
  row.scan_stages = StagesSeen(events);
  if (raised > 0 && !o.has_exception) orders::MarkException(tx, o.id, true);
  row.next_check_at = NextCheck(shipment, thresholds, now);
  row.updated_at = now;
  SaveShipment(tx, row);
  return raised;
}

// Each exception's "customer told" from the notify module's outbox.
void WithTold(db::Transaction& tx, std::vector<ExceptionRow>& rows) {
  std::vector<std::string> refs;
  for (const ExceptionRow& e : rows) refs.push_back("exception:" + std::to_string(e.id));
  std::map<std::string, notify::Told> told;
  for (notify::Told& t : notify::ToldAbout(tx, refs)) told.emplace(t.ref, std::move(t));
  for (ExceptionRow& e : rows)
    if (auto t = told.find("exception:" + std::to_string(e.id)); t != told.end()) {
      e.told = std::string(notify::MessageStatusCode(t->second.status));
      e.told_at = t->second.sent_at;
    }
}

TrackingView ViewOf(db::Transaction& tx, const orders::Order& o, Instant now) {
  TrackingView v;
  v.order_id = o.id.value();
  v.waybill = orders::FormatWaybill(o.id.value());
  v.carrier_id = o.carrier_id;
  v.promised_at = o.promised_at;
  const std::vector<ScanEvent> events = EventsOf(tx, o.id.value());
  v.state = Derive(events);
  v.timeline = InEventOrder(events);
  // A signer's name is personal data: masked on every read (DOMAIN.md §12).
  for (ScanEvent& e : v.timeline) e.waybill = v.waybill, e.signer = text::MaskName(e.signer);
  // The ETA computed when the shipment's state was last brought up to date (after its scans, or by the
  // checker when due — at most a minute behind); computed here only for a shipment never refreshed.
  if (!IsTerminal(v.state.status)) {
    v.eta = StoredEta(tx, o.id.value());
    if (!v.eta) {
      v.eta = EtaFor(tx, o, v.state, now);
      v.eta_of_now = true;
    }
  }
  return v;
}

}  // namespace

Result<IngestReport> IngestScans(Scope& scope, carriers::CarrierId carrier, std::vector<IncomingScan> scans) {
  if (scans.empty()) return InvalidField("events", "required", "send at least one event");
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  const Instant now = scope.now();
  // The carrier's own table, else the default: one query per call, never one per event.
  const CodeMapping own(CodeRulesOf(tx, carrier.value()));
  const CodeMapping& mapping = own.rules().empty() ? DefaultMapping() : own;
  IngestReport report;
  report.received = static_cast<int64_t>(scans.size());
  auto reject = [&](size_t index, std::string field, std::string reason, std::string message) {
    report.rejected.push_back({index, std::move(field), std::move(reason), std::move(message)});
  };

  // 1. Map and check each event; the good ones wait for their orders. Each event's texts are moved
  // along (IncomingScan → ScanEvent → StoredEvent), never copied.
  std::vector<StoredEvent> rows;
  std::vector<size_t> row_index;  // each row's place in the request
  rows.reserve(scans.size());
  row_index.reserve(scans.size());
  for (IncomingScan& in : scans) {
    const EventPath at(in.index);
    const CodeRule* rule = mapping.Find(in.raw_code);
    if (!rule) {
      reject(in.index, at.Field("code"), "unknown_code", "code " + in.raw_code + " is not in this carrier's code table");
      continue;
    }
    std::string key = EventKey(in);
    const size_t index = in.index;
    ScanEvent event = ToEvent(std::move(in), *rule);
    if (Status valid = ValidateScan(event, now, at.view()); !valid) {
      for (const FieldError& f : valid.error().fields) reject(index, f.field, f.reason, f.message);
      continue;
    }
    const int64_t serial = *orders::ParseWaybill(event.waybill);
    rows.push_back(StoredEvent{carrier.value(), std::move(key), serial, std::nullopt, "", std::move(event), now});
    row_index.push_back(index);
  }

  // 2. Their orders, in one query (a few on SQLite), sorted by id to be looked up.
  std::vector<int64_t> serials;
  serials.reserve(rows.size());
  for (const StoredEvent& e : rows) serials.push_back(e.serial);
  SortUnique(serials);
  std::vector<orders::ScanTarget> targets = orders::ScanTargets(tx, serials);
  std::sort(targets.begin(), targets.end(),
            [](const orders::ScanTarget& a, const orders::ScanTarget& b) { return a.id < b.id; });
  auto target_of = [&](int64_t id) -> const orders::ScanTarget* {
    const auto it = std::lower_bound(targets.begin(), targets.end(), id,
                                     [](const orders::ScanTarget& t, int64_t v) { return t.id < v; });
    return it != targets.end() && it->id == id ? &*it : nullptr;
  };

  // 3. Stored once each: on their order, in quarantine, or refused for another carrier's order — all the
  // batch's in a few statements (InsertEvents), in the batch's order. The refused are dropped in place.
  std::vector<const orders::ScanTarget*> row_target;  // null: quarantined
  row_target.reserve(rows.size());
  size_t kept = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    StoredEvent& e = rows[i];
    const orders::ScanTarget* target = target_of(e.serial);
    if (target && target->carrier_id != carrier.value()) {
      reject(row_index[i], EventPath(row_index[i]).Field("waybill"), "not_your_waybill",
             "this waybill is not allocated to your carrier");
      continue;
    }
    if (target)
      e.order_id = e.serial;
    else
      e.quarantine = "waiting";
    if (kept != i) rows[kept] = std::move(e);
    row_target.push_back(target);
    ++kept;
  }
  rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(kept), rows.end());
  const std::vector<bool> stored = InsertEvents(tx, rows);
  std::vector<int64_t> touched, urgent, picked_up;
  std::vector<notify::Notice> notices;  // stages the customers may hear of, queued with the events
  for (size_t i = 0; i < rows.size(); ++i) {
    const StoredEvent& e = rows[i];
    if (!stored[i]) {
      ++report.duplicates;
      continue;
    }
    if (!row_target[i]) {
      ++report.quarantined;
      continue;
    }
    ++report.stored;
    if (const std::optional<notify::Topic> topic = TopicOf(e.event))
      notices.push_back(ScanNotice(row_target[i]->customer_id, e.serial, *topic, e.event, row_target[i]->promised_at));
    touched.push_back(e.serial);
    if (Urgent(e.event)) urgent.push_back(e.serial);
    if (!e.event.claim && Progress(e.event.status, e.event.substatus) >= 10 &&
        row_target[i]->status == orders::OrderStatus::kAllocated)
      picked_up.push_back(e.serial);
  }

  // 4. Quarantined events whose order may have arrived since: ids only grow, so a serial at most the
  // newest order's with no order is one that will never exist (a rolled-back insert) and is refused.
  for (const StoredEvent& w : WaitingUpTo(tx, orders::NewestOrderId(tx), kAttachPerCall)) {
    const std::optional<orders::Order> order = orders::OrderForScans(tx, orders::OrderId{w.serial});
    if (!order || order->carrier_id != w.carrier_id) {
      Refuse(tx, w.carrier_id, w.event_key);
      continue;
    }
    Attach(tx, w.carrier_id, w.event_key, order->id.value());
    ++report.attached;
    if (const std::optional<notify::Topic> topic = TopicOf(w.event))
      notices.push_back(ScanNotice(order->customer_id.value(), w.serial, *topic, w.event, order->promised_at));
    touched.push_back(w.serial);
    urgent.push_back(w.serial);
    if (order->status == orders::OrderStatus::kAllocated) picked_up.push_back(w.serial);
  }
  SortUnique(touched);
  SortUnique(urgent);
  SortUnique(picked_up);

  const ExceptionThresholds thresholds = LoadThresholds(tx);
  // 5. The first scan makes an order picked up. Events that can raise an exception at once (damage,
  // loss, a failed attempt, a claim, a delivery) have their shipment evaluated now; the others mark it
  // due, and the checker brings its stored state and ETA up to date within a minute — reads derive the
  // status from the events themselves, so they are current either way.
  orders::MarkPickedUp(tx, picked_up, now);
  std::vector<int64_t> due;
  for (int64_t id : touched) {
    if (!Holds(urgent, id)) {
      due.push_back(id);
      continue;
    }
    if (const std::optional<orders::Order> order = orders::OrderForScans(tx, orders::OrderId{id}))
      report.exceptions_raised += Refresh(tx, *order, now, thresholds);
  }
  MarkDue(tx, due, carrier.value(), now);
  notify::Queue(tx, notices, now);
  return report;
}

int64_t InsertHistoricScans(db::Transaction& tx, const std::vector<HistoricScans>& shipments, Instant now) {
  int64_t raised = 0;
  const ExceptionThresholds thresholds = LoadThresholds(tx);
  for (const HistoricScans& h : shipments) {
    const std::optional<orders::Order> order = orders::OrderForScans(tx, orders::OrderId{h.order_id});
    auto store = [&](const ScanEvent& e) {
      InsertEvent(tx, StoredEvent{h.carrier_id, "demo:" + std::to_string(h.order_id) + ":" + e.event_id, h.order_id,
                                  h.order_id, "", e, e.at});
    };
    // A delivered parcel is first seen as it was an hour after its pickup, so that the ETA made while it
    // was under way is kept and the scorecard can measure how right it was; then with all its events.
    const std::vector<ScanEvent> events = InEventOrder(h.events);
    const auto pickup = std::find_if(events.begin(), events.end(), [](const ScanEvent& e) {
      return !e.claim && Progress(e.status, e.substatus) >= 10;
    });
    const bool delivered = std::any_of(events.begin(), events.end(),
                                       [](const ScanEvent& e) { return e.status == ShipmentStatus::kDelivered; });
    const Instant seen = pickup == events.end() ? now : pickup->at + std::chrono::hours(1);
    auto rest = events.begin();
    if (order && delivered && seen < now) {
      for (; rest != events.end() && rest->at <= seen; ++rest) store(*rest);
      raised += Refresh(tx, *order, seen, thresholds);
    }
    for (; rest != events.end(); ++rest) store(*rest);
    if (order) raised += Refresh(tx, *order, now, thresholds);
    // A parcel whose last scan is a fortnight old is history: what went wrong with it was dealt with
    // then, and the dispatcher's queue holds only what is still to be done.
    if (order && !events.empty() && events.back().at < now - std::chrono::hours(24 * 14) &&
        ResolveOpenExceptions(tx, h.order_id, "已处理（历史数据）", events.back().at + std::chrono::hours(24)) > 0)
      orders::MarkException(tx, orders::OrderId{h.order_id}, false);
  }
  return raised;
}

boost::json::object ThresholdsJson(const ExceptionThresholds& t) {
  json::object o;
  for (const HourThreshold& h : kHourThresholds) o[h.name] = (t.*h.field).count();
  o[kLateGraceField] = t.late_grace.count();
  return o;
}

ExceptionThresholds LoadThresholds(db::Transaction& tx) {
  ExceptionThresholds t;
  const std::optional<std::string> stored = LoadThresholdsJson(tx);
  if (!stored) return t;
  const json::object o = json::parse(*stored).as_object();
  for (const HourThreshold& h : kHourThresholds)
    if (const json::value* v = o.if_contains(h.name); v && v->is_int64()) t.*h.field = std::chrono::hours(v->as_int64());
  if (const json::value* v = o.if_contains(kLateGraceField); v && v->is_int64())
    t.late_grace = std::chrono::minutes(v->as_int64());
  return t;
}

Result<ExceptionThresholds> GetThresholds(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), orders::kDispatch));
  return LoadThresholds(scope.tx());
}

Result<ExceptionThresholds> SetThresholds(Scope& scope, const ExceptionThresholds& thresholds) {
  CONSIGN_TRY(Require(scope.principal(), orders::kSettings));
  CONSIGN_TRY(ValidateThresholds(thresholds));
  scope.write_tx();
  const ExceptionThresholds before = LoadThresholds(scope.tx());
  const std::string after = json::serialize(ThresholdsJson(thresholds));
  SaveThresholdsJson(scope.tx(), after, scope.principal().user_id.value(), scope.now());
  CONSIGN_TRY(audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), "tracking.thresholds", "tracking_settings", "1",
                                    json::serialize(ThresholdsJson(before)), after, scope.request_id()}));
  return thresholds;
}

boost::json::object CodeRuleJson(const CodeRule& rule) {
  return json::object{{"raw_code", rule.raw_code},
                      {"status", StatusCode(rule.status)},
                      {"substatus", rule.substatus},
                      {"party", PartyCode(rule.party)},
                      {"claim", rule.claim}};
}

namespace {

std::string CodeRulesText(const std::vector<CodeRule>& rules) {
  json::array out;
  for (const CodeRule& r : rules) out.push_back(CodeRuleJson(r));
  return json::serialize(out);
}

}  // namespace

Result<ScanCodeTable> GetScanCodes(Scope& scope, carriers::CarrierId carrier) {
  CONSIGN_TRY(Require(scope.principal(), carriers::kRead));
  CONSIGN_TRY(carriers::GetCarrier(scope, carrier));  // 404 for an unknown carrier
  return ScanCodeTable{CodeMapping(CodeRulesOf(scope.tx(), carrier.value())).rules(),
                       CodeTableRevision(scope.tx(), carrier.value())};
}

Result<ScanCodeTable> SetScanCodes(Scope& scope, carriers::CarrierId carrier, std::optional<int> expected_revision,
                                   std::vector<CodeRule> rules) {
  CONSIGN_TRY(Require(scope.principal(), carriers::kManage));
  CONSIGN_TRY(carriers::GetCarrier(scope, carrier));
  if (!expected_revision)
    return Error{ErrorCode::kPreconditionRequired, "Send If-Match with the scan code table's ETag to change it.", {},
                 {{"If-Match", "required", "If-Match is required"}}};
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  const int revision = CodeTableRevision(tx, carrier.value());
  const Error stale{ErrorCode::kPreconditionFailed, "Someone else changed this scan code table; reload and try again.",
                    {}, {{"If-Match", "stale", "the table's revision is " + std::to_string(revision)}}};
  if (*expected_revision != revision) return stale;
  CONSIGN_TRY(ValidateMapping(rules));
  const std::vector<CodeRule> before = CodeMapping(CodeRulesOf(tx, carrier.value())).rules();
  ScanCodeTable after{CodeMapping(std::move(rules)).rules(), revision + 1};
  if (!ReplaceCodeRules(tx, carrier.value(), revision, after.own, scope.principal().user_id.value(), scope.now()))
    return stale;
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{scope.now(), scope.principal(), "tracking.scan_codes", "carrier",
                            std::to_string(carrier.value()), CodeRulesText(before), CodeRulesText(after.own),
                            scope.request_id()}));
  return after;
}

int MeasureCarriers(db::Transaction& tx, Instant now) {
  const Instant since = now - std::chrono::hours(24 * 30);
  int measured = 0;
  for (int64_t carrier : CarriersWithShipmentsSince(tx, since)) {
    const Figures f = FiguresOf(OutcomesOf(tx, carrier, since));
    if (f.delivered == 0) continue;
    carriers::SetMeasuredPerformance(tx, carriers::CarrierId{carrier},
                                     carriers::Performance{f.on_time_bp, f.damage_bp, f.scan_completeness_bp},
                                     f.shipments, now);
    ++measured;
  }
  return measured;
}

Result<Scorecard> CarrierScorecard(Scope& scope, carriers::CarrierId carrier, int days) {
  CONSIGN_TRY(Require(scope.principal(), carriers::kRead));
  if (days < 1 || days > 365) return InvalidField("days", "out_of_range", "days is 1 to 365");
  CONSIGN_TRY(carriers::GetCarrier(scope, carrier));  // 404 for an unknown carrier
  return ScoreOf(OutcomesOf(scope.tx(), carrier.value(), scope.now() - std::chrono::hours(24 * days)));
}

Result<CheckReport> CheckDue(Scope& scope, int limit) {
  scope.write_tx();
  db::Transaction& tx = scope.tx();
  const Instant now = scope.now();
  const ExceptionThresholds thresholds = LoadThresholds(tx);
  CheckReport report;
  // New orders first get their row (not picked up yet: a check due when the pickup is late), so that an
  // order no carrier ever scans is an exception too.
  // Orders older than the loss threshold are history (a demo's two years, an import of old orders):
  // every time rule would have fired long ago. The query leaves them out, and cancelled ones; once
  // caught up, the watch moves to the newest order of this transaction.
  int64_t watched = WatchedUpTo(tx);
  const int64_t newest = orders::NewestOrderId(tx);
  const std::vector<orders::Order> fresh =
      orders::LiveOrdersForScansAfter(tx, watched, now - thresholds.lost_after, limit);
  report.more = static_cast<int>(fresh.size()) == limit;
  if (!report.more) watched = std::max(watched, newest);
  for (const orders::Order& o : fresh) {
    if (report.more) watched = o.id.value();
    if (HasShipment(tx, o.id.value())) continue;
    report.raised += Refresh(tx, o, now, thresholds);
    ++report.watched;
  }
  const std::vector<int64_t> due = DueShipments(tx, now, limit);
  report.more = report.more || static_cast<int>(due.size()) == limit;
  for (int64_t id : due) {
    const std::optional<orders::Order> order = orders::OrderForScans(tx, orders::OrderId{id});
    if (!order) continue;
    report.raised += Refresh(tx, *order, now, thresholds);
    ++report.checked;
  }
  NoteCheckerRun(tx, now, watched);
  if (ClaimScoring(tx, now, std::chrono::hours(1))) report.carriers_measured = MeasureCarriers(tx, now);
  return report;
}

Result<ExceptionPage> ListOpenExceptions(Scope& scope, ExceptionFilter filter) {
  CONSIGN_TRY(Require(scope.principal(), orders::kDispatch));
  filter.limit = std::clamp(filter.limit, 1, 200);
  ExceptionPage page;
  page.items = ListExceptions(scope.tx(), filter);
  if (static_cast<int>(page.items.size()) > filter.limit) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  WithTold(scope.tx(), page.items);
  return page;
}

Result<ExceptionPage> ListAccountExceptions(Scope& scope, std::optional<int64_t> account_id, ExceptionFilter filter) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, orders::kRead));
  if (who.role == Role::kPortal) {
    if (!who.customer_id) return Forbidden("This portal user belongs to no account.");
    account_id = who.customer_id->value();
  } else {
    if (!account_id) return InvalidField("account_id", "required", "name the account: account_id");
    if (Status s = customers::CheckReadable(scope, *account_id); !s) return NotFound("Account");
  }
  filter.customer_id = *account_id;
  filter.carrier_id.reset();  // the carrier is the company's business, not a filter the customer has
  filter.limit = std::clamp(filter.limit, 1, 200);
  ExceptionPage page;
  page.items = ListExceptions(scope.tx(), filter);
  if (static_cast<int>(page.items.size()) > filter.limit) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  WithTold(scope.tx(), page.items);
  return page;
}

Status ResolveExceptionAs(Scope& scope, int64_t id, std::string outcome) {
  CONSIGN_TRY(Require(scope.principal(), orders::kDispatch));
  if (outcome.find_first_not_of(" \t") == std::string::npos)
    return InvalidField("outcome", "required", "say how the exception was resolved");
  scope.write_tx();
  const std::optional<int64_t> order_id = OrderOfException(scope.tx(), id);
  if (!order_id || !ResolveException(scope.tx(), id, outcome, scope.principal().user_id.value(), scope.now()))
    return NotFound("Open exception");
  if (OpenExceptions(scope.tx(), *order_id) == 0) orders::MarkException(scope.tx(), orders::OrderId{*order_id}, false);
  json::object after{{"state", "resolved"}, {"outcome", outcome}};
  return audit::AuditLog{}.Record(scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), "exception.resolve",
                                                                "tracking_exception", std::to_string(id), std::nullopt,
                                                                json::serialize(after), scope.request_id()});
}

Result<TrackingView> GetTracking(Scope& scope, orders::OrderId id) {
  auto order = orders::GetOrder(scope, id);
  if (!order) return std::move(order).error();
  TrackingView v = ViewOf(scope.tx(), *order, scope.now());
  ExceptionFilter filter;
  filter.order_id = order->id.value();
  v.exceptions = ListExceptions(scope.tx(), filter);
  WithTold(scope.tx(), v.exceptions);
  return v;
}

namespace {
Result<int64_t> WaybillSerial(std::string_view waybill) {
  const std::optional<int64_t> serial = orders::ParseWaybill(waybill);
  if (!serial)
    return InvalidField("waybill", "invalid_waybill",
                        "this is not a waybill number: CS, 12 digits and a check digit — please check it for a typo");
  return *serial;
}
}  // namespace

Result<PublicView> PublicTracking(Scope& scope, std::string_view waybill) {
  const Result<int64_t> serial = WaybillSerial(waybill);
  if (!serial) return serial.error();
  std::optional<orders::Order> order = orders::OrderForScans(scope.tx(), orders::OrderId{*serial});
  if (!order || order->status == orders::OrderStatus::kCancelled) return NotFound("Waybill");
  PublicView v;
  v.tracking = ViewOf(scope.tx(), *order, scope.now());
  for (ScanEvent& e : v.tracking.timeline) e.photo_ref.clear();
  v.route = RouteOf(v.tracking.timeline);
  v.destination = StopOf(order->draft.consignee.division);
  v.brand = customers::PublicBrandOf(scope.tx(), order->customer_id);
  return v;
}

Result<PublicStamp> PublicStampOf(Scope& scope, std::string_view waybill) {
  const Result<int64_t> serial = WaybillSerial(waybill);
  if (!serial) return serial.error();
  db::Transaction& tx = scope.tx();
  const std::optional<orders::OrderStamp> order = orders::OrderStampOf(tx, orders::OrderId{*serial});
  if (!order || order->status == orders::OrderStatus::kCancelled) return NotFound("Waybill");
  return PublicStamp{*serial, PublicPageStamp{*order, ShipmentStampOf(tx, *serial),
                                             customers::PublicBrandOf(tx, CustomerId{order->customer_id})}};
}

}  // namespace consign::tracking
