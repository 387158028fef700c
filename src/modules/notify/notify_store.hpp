#pragma once
// The notify module's tables: notify_preferences (an account's choices), notify_templates (an
// admin's edits of the built-in texts), notify_messages (the outbox: one row per message, rendered
// when queued, unique per account, topic, ref and channel) and notify_attempts (the delivery log).
#include <optional>
#include <string>
#include <vector>

#include "modules/notify/notice.hpp"
#include "platform/db/database.hpp"

namespace consign::notify {

std::vector<db::Migration> Migrations();

std::optional<Preferences> LoadPreferences(db::Transaction& tx, int64_t account_id);
// The preferences of those of `accounts` that chose something (a destination and a topic).
std::vector<Preferences> PreferencesOf(db::Transaction& tx, const std::vector<int64_t>& accounts);
void SavePreferences(db::Transaction& tx, const Preferences& p, int64_t user_id);

std::optional<Template> LoadTemplate(db::Transaction& tx, Topic topic, Channel channel, Language language);
std::vector<Template> EditedTemplates(db::Transaction& tx);
void SaveTemplate(db::Transaction& tx, const Template& t, int64_t user_id, Instant now);
void DeleteTemplate(db::Transaction& tx, Topic topic, Channel channel, Language language);

enum class MessageStatus { kQueued, kSent, kFailed, kDead };  // failed: will be tried again; dead: given up
std::string_view MessageStatusCode(MessageStatus s);
std::optional<MessageStatus> ParseMessageStatus(std::string_view code);

struct Message {
  int64_t id = 0;
  int64_t account_id = 0;
  Topic topic = Topic::kDelivered;
  std::string ref;  // "order:12", "exception:5"
  std::optional<int64_t> order_id;
  Channel channel = Channel::kEmail;
  std::string destination;  // unmasked: for the sender only
  Language language = Language::kZh;
  std::string subject, body;
  MessageStatus status = MessageStatus::kQueued;
  int attempts = 0;
  Instant created_at{};
  std::optional<Instant> sent_at;
  std::string last_error;
};

// Inserts unless the (account, topic, ref, channel) message exists; its id, or none when it did.
std::optional<int64_t> InsertMessage(db::Transaction& tx, const Message& m);
void SetMessageBody(db::Transaction& tx, int64_t id, std::string_view body);  // the webhook's JSON names its id
std::optional<Message> LoadMessage(db::Transaction& tx, int64_t id);
// The highest Rank told (or queued) to the order's account so far, 0 when none.
int ToldRank(db::Transaction& tx, int64_t order_id);

struct Attempt {
  int attempt = 0;
  Instant at{};
  bool ok = false;
  std::string detail;  // the server's answer or the error
  int64_t millis = 0;
};
// Records an attempt and the message's new status; returns false when the message was already sent
// (another node delivered it first: the attempt is still logged).
bool RecordAttempt(db::Transaction& tx, int64_t message_id, const Attempt& a, MessageStatus status);
void Requeue(db::Transaction& tx, int64_t message_id);
std::vector<Attempt> AttemptsOf(db::Transaction& tx, int64_t message_id);

struct MessageFilter {
  std::optional<int64_t> account_id;
  std::optional<int64_t> order_id;
  std::optional<MessageStatus> status;
  std::optional<Channel> channel;
  std::optional<Topic> topic;
  std::optional<int64_t> before_id;  // the cursor: newest first
  int limit = 50;
};
std::vector<Message> ListMessages(db::Transaction& tx, const MessageFilter& f);

// For each ref, the best state of its messages: sent if any was sent, else queued, failed or dead.
struct Told {
  std::string ref;
  MessageStatus status = MessageStatus::kQueued;
  std::optional<Instant> sent_at;
  std::vector<Channel> channels;
};
std::vector<Told> ToldOf(db::Transaction& tx, const std::vector<std::string>& refs);

}  // namespace consign::notify
