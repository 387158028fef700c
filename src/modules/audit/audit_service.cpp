#include "modules/audit/audit_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <system_error>

#include "core/text.hpp"
#include "modules/audit/access.hpp"
#include "modules/audit/audit_store.hpp"
#include "modules/audit/reveal_limit.hpp"

namespace consign::audit {

namespace json = boost::json;

namespace {

void MaskString(json::value& v, std::string (*mask)(std::string_view)) {
  if (v.is_string() && !v.as_string().empty()) v = mask(std::string_view(v.as_string()));
}

std::string MaskBirthday(std::string_view date) {
  // "1985-03-08" → "****-03-08": the year is what identifies; the day is kept for greetings.
  return date.size() > 4 ? "****" + std::string(date.substr(4)) : std::string("****");
}

void MaskValue(json::value& v, bool in_contacts) {
  if (v.is_array()) {
    for (json::value& item : v.as_array()) MaskValue(item, in_contacts);
    return;
  }
  if (!v.is_object()) return;
  json::object& o = v.as_object();
  const json::value* kind = o.if_contains("kind");
  const bool individual = kind && kind->is_string() && kind->as_string() == "individual";
  for (auto& [key, field] : o) {
    if (key == "phone") MaskString(field, text::MaskPhone);
    else if (key == "email") MaskString(field, text::MaskEmail);
    else if (key == "street") MaskString(field, text::MaskStreet);
    else if (key == "birthday") MaskString(field, MaskBirthday);
    else if (key == "name" && (in_contacts || individual)) MaskString(field, text::MaskName);
    else MaskValue(field, key == "contacts");
  }
}

}  // namespace

std::string MaskSnapshot(std::string_view json_text) {
  std::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec) return text::MaskName(json_text);
  MaskValue(v, false);
  return json::serialize(v);
}

Result<std::vector<AuditEntryView>> ListTrail(Scope& scope, std::optional<std::string_view> entity,
                                              std::optional<std::string_view> entity_id, int limit,
                                              std::optional<int64_t> before_id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto entries = List(scope.tx(), entity, entity_id, limit, before_id);
  if (!entries) return entries;
  for (AuditEntryView& e : *entries) {
    if (e.before_json) e.before_json = MaskSnapshot(*e.before_json);
    if (e.after_json) e.after_json = MaskSnapshot(*e.after_json);
  }
  return entries;
}

Status CountReveal(db::Database& database, const AuditEntry& attempt, std::chrono::seconds* retry_after) {
  const UserId user = attempt.actor.user_id;
  auto tx = database.Begin(db::TxMode::kWrite);
  const RevealWindow counted = AddAttempt(store::LockRevealWindow(*tx, user), attempt.at);
  store::SaveRevealWindow(*tx, user, counted);
  if (!Allowed(counted)) {
    AuditEntry refused = attempt;
    refused.action = std::string(action::kPiiRevealRefused);
    CONSIGN_TRY(AuditLog{}.Record(*tx, refused));
    tx->Commit();
    if (retry_after) *retry_after = RetryAfter(counted, attempt.at);
    return Error{ErrorCode::kTooManyRequests,
                 "You have revealed " + std::to_string(kRevealLimit) + " values in " +
                     std::to_string(kRevealWindow.count() / 60) + " minutes; wait before revealing more.",
                 {},
                 {}};
  }
  if (ReachesLimit(counted)) {
    json::object detail{{"reveals", counted.count}, {"window_seconds", kRevealWindow.count()}};
    store::InsertAlert(*tx, Alert{0, attempt.at, std::string(kRevealBurst), user.value(), attempt.actor.login,
                                  json::serialize(detail)});
  }
  tx->Commit();
  return Ok();
}

Result<std::vector<Alert>> ListAlerts(Scope& scope, int limit, std::optional<int64_t> before_id) {
  CONSIGN_TRY(Require(scope.principal(), kAlertsRead));
  if (limit < 1 || limit > 500) return InvalidField("limit", "out_of_range", "limit must be between 1 and 500");
  return store::ReadAlerts(scope.tx(), limit, before_id);
}

}  // namespace consign::audit
