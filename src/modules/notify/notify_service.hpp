#pragma once
// Use cases of notify, and its public face for other modules.
//
// Other modules (tracking) call Queue inside the transaction of the change that caused the notice: the
// messages and the jobs that send them commit with it or not at all (the outbox), and the unique key
// (account, topic, ref, channel) makes a retried change queue nothing twice. A job per message
// (kDeliverJob) sends it outside any transaction, then records the attempt; a failure is tried again
// after RetryDelay, up to kMaxAttempts, then the message is dead and shown as such in the delivery log.
// A crash between a send and its record sends that one message again: e-mails keep their Message-ID
// and webhooks their X-Consign-Delivery id, so a receiver can tell.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/notify/delivery.hpp"
#include "modules/notify/notice.hpp"
#include "modules/notify/notify_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::notify {

inline constexpr std::string_view kDeliverJob = "notify.deliver";

// Something a customer may hear about. `zh` and `en` are the template variables in each language.
struct Notice {
  int64_t account_id = 0;
  Topic topic = Topic::kDelivered;
  std::string ref;                  // what it is about: "order:12" for a stage, "exception:5"
  std::optional<int64_t> order_id;  // for the delivery log's filter and the stage order
  Instant occurred_at{};
  Vars zh, en;
};

// Queues the messages the notices' accounts chose, rendered from the templates in their language, with
// a delivery job each, in `tx`. Stages already overtaken for an order (StillNews) are skipped. Returns
// the messages queued. Cheap when nobody chose anything: one query for the batch's accounts.
int Queue(db::Transaction& tx, std::span<const Notice> notices, Instant now);

// Where the public tracking page is (configuration public_origin): each message's {{track_url}} is
// <origin>/track/<waybill>. Set once at start, before any Queue; without it the link is relative.
void SetPublicOrigin(std::string origin);

// What customers were told about each ref (the exception queue's "customer told" column).
std::vector<Told> ToldAbout(db::Transaction& tx, const std::vector<std::string>& refs);

// --- use cases ---------------------------------------------------------------------------------
// An account's preferences: staff with notify.read (and the customers' record rules), or a portal
// user for their own account. Personal data (the e-mail address and phone) comes masked; the secret
// never comes back (has_secret).
Result<Preferences> GetPreferences(Scope& scope, int64_t account_id);
// Replaces them (notify.manage for staff; a portal user for their own account) when `revision` is the
// stored one (StaleVersion otherwise). A masked e-mail or phone equal to the stored value's mask keeps
// it. A new webhook URL gets a new secret; `rotate_secret` makes one too. Audited. Returns the saved
// preferences and, when one was made, the new secret — shown this once.
struct Saved {
  Preferences preferences;
  std::optional<std::string> new_secret;
};
Result<Saved> SetPreferences(Scope& scope, Preferences p, int64_t revision, bool rotate_secret);
// What the API shows: destinations masked, no secret.
Preferences Masked(Preferences p);

// Every template, edited or built-in (notify.templates).
Result<std::vector<Template>> ListTemplates(Scope& scope);
// Saves an admin's text (ValidateTemplate), or with `reset` goes back to the built-in one. Audited.
Result<Template> SetTemplate(Scope& scope, Template t, bool reset);
// The template rendered with sample values, for the editor's preview.
Rendered Preview(const Template& t);

// The delivery log: staff with notify.read see every account they may read; a portal user sees their
// own account's. Destinations masked.
struct LogEntry {
  Message message;
  std::vector<Attempt> attempts;  // filled by GetMessage only
};
Result<std::vector<Message>> ListLog(Scope& scope, MessageFilter filter);
Result<LogEntry> GetMessage(Scope& scope, int64_t id);
// Sends a failed or dead message again (notify.manage): queued with a new job. Audited.
Result<Message> Retry(Scope& scope, int64_t id);

// The job: one attempt at message `id`. Reads and writes in short transactions of its own, never
// holding one while it talks to a server.
struct DeliverySettings {
  SenderSettings sender;
  std::chrono::seconds retry_base{30};
};
void Deliver(db::Database& database, const Clock& clock, const DeliverySettings& settings, int64_t id);

}  // namespace consign::notify
