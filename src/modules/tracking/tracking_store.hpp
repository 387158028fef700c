#pragma once
// The tracking module's tables and their SQL (both dialects side by side). Used by tracking_service.cpp.
//   tracking_events     every scan and claim, once: unique per (carrier, event key). An event for a
//                       waybill with no order yet waits in it (quarantine 'waiting', order_id NULL) and
//                       attaches itself when the order exists; one for another carrier's order after
//                       all is 'refused'.
//   tracking_shipments  each order's state derived from its events, with its ETA and the next moment
//                       a check is due (the exception checks read it by that index).
//   tracking_transit    the hours from pickup to delivery of delivered shipments, per carrier,
//                       product and province lane: the ETA's sample.
//   tracking_code_rules each carrier's own scan code table (none: DefaultMapping()), with its
//                       revision in tracking_code_tables.
#include <optional>
#include <string>
#include <vector>

#include "core/strong_id.hpp"
#include "modules/tracking/code_mapping.hpp"
#include "modules/tracking/eta.hpp"
#include "modules/tracking/exception_rules.hpp"
#include "modules/tracking/scorecard.hpp"
#include "modules/tracking/scan.hpp"
#include "modules/tracking/shipment_state.hpp"
#include "platform/db/database.hpp"

namespace consign::tracking {

std::vector<db::Migration> Migrations();

struct StoredEvent {
  int64_t carrier_id = 0;
  std::string event_key;
  int64_t serial = 0;                // the waybill's serial: the order's id once it exists
  std::optional<int64_t> order_id;   // none while quarantined
  std::string quarantine;            // "", "waiting" or "refused"
  ScanEvent event;
  Instant received_at;
};

// Stores the event unless the carrier sent one with the same key before: false then (a duplicate).
bool InsertEvent(db::Transaction& tx, const StoredEvent& e);
// The same for a batch, in its order, by a few multi-row statements (SQLite) or one (PostgreSQL):
// stored[i] is false for a duplicate — sent before, or earlier in the same batch under the same key.
std::vector<bool> InsertEvents(db::Transaction& tx, const std::vector<StoredEvent>& events);
// The order's events (not quarantined), in no particular order.
std::vector<ScanEvent> EventsOf(db::Transaction& tx, int64_t order_id);
// Quarantined events whose serial is at most `newest_order`, oldest first, at most `limit`.
std::vector<StoredEvent> WaitingUpTo(db::Transaction& tx, int64_t newest_order, int limit);
void Attach(db::Transaction& tx, int64_t carrier_id, const std::string& event_key, int64_t order_id);
void Refuse(db::Transaction& tx, int64_t carrier_id, const std::string& event_key);
int64_t WaitingCount(db::Transaction& tx, int64_t carrier_id);

struct ShipmentRow {
  int64_t order_id = 0;
  int64_t carrier_id = 0;
  ShipmentState state;
  std::optional<Eta> eta;
  std::optional<Instant> next_check_at;
  Instant updated_at;
  Instant promised_at;
  std::string lane;        // "44→31"
  int scan_stages = 0;     // of kExpectedStages (scorecard.hpp)
  bool contradicted = false;
};
void SaveShipment(db::Transaction& tx, const ShipmentRow& row);

// The carrier's shipments picked up since `since`, as its scorecard counts them.
std::vector<ShipmentOutcome> OutcomesOf(db::Transaction& tx, int64_t carrier_id, Instant since);
std::vector<int64_t> CarriersWithShipmentsSince(db::Transaction& tx, Instant since);
// True for the one caller that may measure the carriers now (at most once per `every`).
bool ClaimScoring(db::Transaction& tx, Instant now, std::chrono::seconds every);

// The exception thresholds an admin set (as JSON, tracking_http's form), if any.
std::optional<std::string> LoadThresholdsJson(db::Transaction& tx);
void SaveThresholdsJson(db::Transaction& tx, const std::string& json, int64_t by, Instant at);

// The carrier's own scan code table, in no particular order (CodeMapping sorts it); empty when it has
// none. One query: the ingest reads it once per call.
std::vector<CodeRule> CodeRulesOf(db::Transaction& tx, int64_t carrier_id);
// The table's revision, its ETag: 1 for a carrier whose table was never set; each replacement adds one.
int CodeTableRevision(db::Transaction& tx, int64_t carrier_id);
// Replaces the carrier's whole table (empty: back to the default) if its revision is still
// `expected_revision`, which then becomes one more; false, with nothing changed, when it is not.
// REQUIRES: ValidateMapping(rules), raw codes trimmed (CodeMapping's rules).
bool ReplaceCodeRules(db::Transaction& tx, int64_t carrier_id, int expected_revision, const std::vector<CodeRule>& rules,
                      int64_t by, Instant at);

// The ETA last computed for the order (when its state was brought up to date), if any.
std::optional<Eta> StoredEta(db::Transaction& tx, int64_t order_id);
// What the public page's kept answer stands on of this module's tables, in one query: the order's
// events (how many and the newest row: events are never deleted or changed but for a quarantined one
// attaching, which adds to the count) and its shipment row's stored ETA and last write.
struct ShipmentStamp {
  int64_t events = 0;
  int64_t last_event = 0;
  std::optional<Instant> eta_p50, eta_p90, updated_at;
  std::string eta_basis, eta_confidence;
  bool operator==(const ShipmentStamp&) const = default;
};
ShipmentStamp ShipmentStampOf(db::Transaction& tx, int64_t order_id);

// The shipment's state is due to be brought up to date now (new events arrived for it).
void MarkDue(db::Transaction& tx, const std::vector<int64_t>& order_ids, int64_t carrier_id, Instant now);

struct Lane {
  int64_t carrier_id = 0;
  std::string product;
  std::string origin_province;
  std::string destination_province;
};
// The lane's latest `limit` transit times in hours, ascending.
std::vector<double> LaneHours(db::Transaction& tx, const Lane& lane, int limit);
// Once per order: the first delivery of an order adds its sample (a second delivery scan does not).
void AddTransitSample(db::Transaction& tx, int64_t order_id, const Lane& lane, double hours, Instant delivered_at);

// Raises the finding for the order unless one of its kind was raised before (open or resolved):
// its id, or none then. Each exception is raised once. `customer_id` is the order's account.
std::optional<int64_t> RaiseException(db::Transaction& tx, int64_t order_id, int64_t carrier_id, int64_t customer_id,
                                      const Finding& f, Instant now);

struct ExceptionRow {
  int64_t id = 0;
  int64_t order_id = 0;
  int64_t carrier_id = 0;
  Finding finding;
  Instant raised_at;
  std::string state;    // open, resolved
  std::string outcome;  // the dispatcher's words when resolved
  std::optional<int64_t> resolved_by;
  std::optional<Instant> resolved_at;
  // Whether the customer was told (the notify module's outbox): "sent", "queued", "failed", "dead";
  // empty when the account chose not to hear of exceptions. Filled by the service.
  std::string told;
  std::optional<Instant> told_at;
};
struct ExceptionFilter {
  std::optional<std::string> state;
  std::optional<std::string> kind;
  std::optional<int64_t> carrier_id;
  std::optional<int64_t> order_id;
  std::optional<int64_t> customer_id;  // the order's account (exceptions raised since migration 4)
  std::optional<int64_t> cursor;  // ids below it
  int limit = 50;
};
// Newest first; one more than the limit when there is a next page.
std::vector<ExceptionRow> ListExceptions(db::Transaction& tx, const ExceptionFilter& filter);
std::optional<int64_t> OrderOfException(db::Transaction& tx, int64_t id);
int64_t OpenExceptions(db::Transaction& tx, int64_t order_id);
// false when there is no such open exception.
// Resolves what is still open of an order's exceptions, by no one (the demo's past parcels); how many.
int64_t ResolveOpenExceptions(db::Transaction& tx, int64_t order_id, const std::string& outcome, Instant at);
bool ResolveException(db::Transaction& tx, int64_t id, const std::string& outcome, int64_t by, Instant at);

// Orders whose next check is due by `now`, the most overdue first: what the checker reads by the
// index on next_check_at, whatever the number of open shipments.
std::vector<int64_t> DueShipments(db::Transaction& tx, Instant now, int limit);
// The checker's chain: true for the one caller that may start it — the first ever, or any once the
// chain has not run for `stale` (its job died). Marks it as run now.
bool ClaimChecker(db::Transaction& tx, Instant now, std::chrono::seconds stale);
// The checker ran at `now` and has watched every order up to `watched_up_to` (by id).
void NoteCheckerRun(db::Transaction& tx, Instant now, int64_t watched_up_to);
int64_t WatchedUpTo(db::Transaction& tx);
bool HasShipment(db::Transaction& tx, int64_t order_id);

}  // namespace consign::tracking
