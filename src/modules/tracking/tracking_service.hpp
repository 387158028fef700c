#pragma once
// Use cases of tracking. Scans come from carriers, authenticated by their own API keys (the carriers
// module's CarrierOfApiKey) rather than by a user's role: IngestScans takes the carrier the key
// belongs to, and a carrier may report only on its own orders. Reads take a user's Scope and the
// orders module's record rules (orders::GetOrder). The public page reads through PublicTracking,
// which gives no personal data.
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "modules/carriers/carrier.hpp"
#include "modules/customers/brand_service.hpp"
#include "modules/orders/order.hpp"
#include "modules/tracking/code_mapping.hpp"
#include "modules/tracking/eta.hpp"
#include "modules/tracking/route.hpp"
#include "modules/tracking/scan.hpp"
#include "modules/tracking/shipment_state.hpp"
#include "modules/tracking/scorecard.hpp"
#include "modules/tracking/tracking_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::tracking {

inline constexpr size_t kMaxScansPerBatch = 5000;

// One event as a carrier sends it: its raw code, not yet our status.
struct IncomingScan {
  size_t index = 0;       // its place in the request, for the answer
  std::string waybill;
  std::string event_id;   // optional: without one, the event's content is its identity
  std::string raw_code;
  Instant at;
  int utc_offset_minutes = 480;
  std::string place_division;
  std::string place_name;
  std::string reason;
  Source source = Source::kPush;
  std::string signer;
  std::string photo_ref;
};

struct RejectedScan {
  size_t index = 0;
  std::string field;   // "events[3].raw_code"
  std::string reason;  // unknown_code, invalid_waybill, in_future, not_your_waybill, …
  std::string message;
};

struct IngestReport {
  int64_t received = 0;
  int64_t stored = 0;       // new events on known orders
  int64_t duplicates = 0;   // sent before: stored once
  int64_t quarantined = 0;  // for waybills with no order yet: kept, attached when the order exists
  int64_t attached = 0;     // earlier quarantined events that found their order in this call
  int64_t exceptions_raised = 0;
  std::vector<RejectedScan> rejected;
};

// Checks each event (ValidateScan after the carrier's code is mapped by its own table, or by
// DefaultMapping() when it has none — read once per call), stores the good ones once each, quarantines those for unknown waybills,
// refuses those for another carrier's orders, attaches quarantined events whose order has arrived, and
// brings each touched shipment's state, ETA and next check up to date — all in the scope's write
// transaction, so the answer comes once the events are durable. Rejections name the event by its
// `index` ("events[index].code"). kInvalidArgument naming "events" for an empty batch; one bad event
// never refuses the others.
Result<IngestReport> IngestScans(Scope& scope, carriers::CarrierId carrier, std::vector<IncomingScan> scans);

struct TrackingView {
  int64_t order_id = 0;
  std::string waybill;
  std::optional<int64_t> carrier_id;
  ShipmentState state;
  std::optional<Eta> eta;  // none once delivered, returned or cancelled
  Instant promised_at;
  std::vector<ScanEvent> timeline;  // in event order
  std::vector<ExceptionRow> exceptions;  // the order's, newest first (not on the public page)
  bool eta_of_now = false;  // the ETA was computed for this moment (none stored yet): an answer not to keep
};

// The order's tracking for a user who may read the order (orders.read and its record rules).
Result<TrackingView> GetTracking(Scope& scope, orders::OrderId id);

// What the public page shows: the tracking (photos left out), the cities on the way (route.hpp), the
// destination's city (the consignee's division as a city; never the address), and the brand of the
// order's customer account (customers::PublicBrandOf: colour and logo, nothing else of the account).
struct PublicView {
  TrackingView tracking;
  std::vector<RouteStop> route;
  std::optional<RouteStop> destination;
  std::optional<customers::PublicBrand> brand;
};

// For the public page (no login): the same view for a waybill number; the timeline keeps places and
// statuses, never signers' names. kInvalidArgument naming waybill (invalid_waybill) when the check
// digit is wrong; kNotFound when no order has that number.
Result<PublicView> PublicTracking(Scope& scope, std::string_view waybill);

// What the public page for a waybill is made of, read afresh (three indexed rows): the order, its
// events and shipment, its account's brand. The public page's answer is kept against it
// (db/stamped_cache.hpp); the same errors as PublicTracking.
struct PublicPageStamp {
  orders::OrderStamp order;
  ShipmentStamp shipment;
  std::optional<customers::PublicBrand> brand;
  bool operator==(const PublicPageStamp&) const = default;
};
struct PublicStamp {
  int64_t order_id = 0;
  PublicPageStamp made_of;
};
Result<PublicStamp> PublicStampOf(Scope& scope, std::string_view waybill);

// For `consign demo` only: events already made right (no mapping, no checks, no report), stored once
// each, and each order's state, ETA and exceptions brought up to date as of `now`. Returns the
// exceptions raised.
struct HistoricScans {
  int64_t order_id = 0;
  int64_t carrier_id = 0;
  std::vector<ScanEvent> events;  // event_id set: unique within the order
};
int64_t InsertHistoricScans(db::Transaction& tx, const std::vector<HistoricScans>& shipments, Instant now);

// Each carrier's figures over the last 30 days (its scorecard's on-time, damage and scan completeness),
// handed to the carriers module for allocation (carriers::SetMeasuredPerformance). Run by the checker
// once an hour, and by the demo. Returns the carriers measured.
int MeasureCarriers(db::Transaction& tx, Instant now);

// A carrier's scorecard over the last `days` days (1–365): overall, per lane, per week. carriers.read.
Result<Scorecard> CarrierScorecard(Scope& scope, carriers::CarrierId carrier, int days);

// The exception rules' thresholds: the admin's (GET orders.dispatch, PUT orders.settings, audited),
// else the defaults of ExceptionThresholds. Checked by ValidateThresholds.
Result<ExceptionThresholds> GetThresholds(Scope& scope);
Result<ExceptionThresholds> SetThresholds(Scope& scope, const ExceptionThresholds& thresholds);
// Their JSON form: {"not_picked_up_hours": 24, …, "late_grace_minutes": 0} — the hour fields by this
// table, written, stored and read through it; late_grace_minutes apart.
struct HourThreshold {
  const char* name;
  std::chrono::hours ExceptionThresholds::*field;
};
inline constexpr HourThreshold kHourThresholds[] = {
    {"not_picked_up_hours", &ExceptionThresholds::not_picked_up},
    {"in_transit_hours", &ExceptionThresholds::in_transit},
    {"out_for_delivery_hours", &ExceptionThresholds::out_for_delivery},
    {"customs_hours", &ExceptionThresholds::customs},
    {"lost_after_hours", &ExceptionThresholds::lost_after},
    {"at_risk_margin_hours", &ExceptionThresholds::at_risk_margin},
    {"claim_tolerance_hours", &ExceptionThresholds::claim_tolerance},
};
inline constexpr const char* kLateGraceField = "late_grace_minutes";
boost::json::object ThresholdsJson(const ExceptionThresholds& t);
ExceptionThresholds LoadThresholds(db::Transaction& tx);

// A carrier's scan code table (码表, code_mapping.hpp): its own rules, or none — DefaultMapping() then
// maps its codes. Read with carriers.read, replaced with carriers.manage (audited, action
// "tracking.scan_codes", entity "carrier", the own rules before and after). A carrier that does not
// exist answers kNotFound.
struct ScanCodeTable {
  std::vector<CodeRule> own;  // sorted by raw code; empty: the default is in effect
  int revision = 1;           // the ETag: 1 until the table is first replaced
};
[[nodiscard]] Result<ScanCodeTable> GetScanCodes(Scope& scope, carriers::CarrierId carrier);
// Replaces the carrier's whole table by `rules` (raw codes trimmed); an empty list goes back to the
// default. ValidateMapping's errors (rules[i].raw_code, rules[i].substatus, rules too_many);
// kPreconditionRequired without `expected_revision`, kPreconditionFailed (If-Match, stale) when it is
// not the table's revision. Returns the table as stored.
[[nodiscard]] Result<ScanCodeTable> SetScanCodes(Scope& scope, carriers::CarrierId carrier,
                                                 std::optional<int> expected_revision, std::vector<CodeRule> rules);
// A rule's JSON form, the same in answers, bodies and the audit: {"raw_code": "ZX99", "status":
// "delivered", "substatus": "delivered.locker", "party": "none", "claim": false}.
boost::json::object CodeRuleJson(const CodeRule& rule);

// The exception checker (exception_rules.hpp): the shipments whose next check is due, at most `limit`,
// each evaluated again, what it finds raised once, its next check set. A system scope; run by the
// job kCheckJob every minute, claimed in the database so that one node runs it at a time.
inline constexpr std::string_view kCheckJob = "tracking.check_due";
struct CheckReport {
  int64_t watched = 0;  // new orders given their row
  int64_t checked = 0;
  int64_t raised = 0;
  bool more = false;  // a limit was reached: run again soon
  int carriers_measured = 0;
};
Result<CheckReport> CheckDue(Scope& scope, int limit);

// The dispatcher's exception queue (orders.dispatch), newest first.
struct ExceptionPage {
  std::vector<ExceptionRow> items;
  std::optional<int64_t> next_cursor;
};
Result<ExceptionPage> ListOpenExceptions(Scope& scope, ExceptionFilter filter);
// One account's exceptions, newest first (orders.read): a portal user's own account, whatever
// `account_id` says; staff name the account (required) and must be allowed to read it
// (customers::CheckReadable; an account they may not read is not found). `filter.customer_id` is set
// here. Exceptions raised before tracking migration 4 name no account and are not listed.
Result<ExceptionPage> ListAccountExceptions(Scope& scope, std::optional<int64_t> account_id, ExceptionFilter filter);
// Resolves an open exception with its outcome (required), audited. orders.dispatch.
Status ResolveExceptionAs(Scope& scope, int64_t id, std::string outcome);

}  // namespace consign::tracking
