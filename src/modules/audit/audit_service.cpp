#include "modules/audit/audit_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <system_error>

#include "core/text.hpp"
#include "modules/audit/access.hpp"

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
                                              std::optional<int64_t> before_id, GroupAppender& views) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto entries = List(scope.tx(), entity, entity_id, limit, before_id);
  if (!entries) return entries;
  if (!Holds(scope.principal(), kPiiView)) {
    for (AuditEntryView& e : *entries) {
      if (e.before_json) e.before_json = MaskSnapshot(*e.before_json);
      if (e.after_json) e.after_json = MaskSnapshot(*e.after_json);
    }
    return entries;
  }
  // Any snapshot shown whole counts as a view of personal data: cheaper than masking each one only
  // to compare, and an over-cautious entry costs nothing.
  bool shows_snapshots = false;
  for (const AuditEntryView& e : *entries) shows_snapshots = shows_snapshots || e.before_json || e.after_json;
  if (shows_snapshots) {
    AuditEntry view;
    view.at = scope.now();
    view.actor = scope.principal();
    view.action = std::string(action::kPiiView);
    view.entity = "audit";
    view.entity_id = entity ? std::string(*entity) + (entity_id ? ":" + std::string(*entity_id) : "") : "*";
    view.request_id = scope.request_id();
    CONSIGN_TRY(views.Append(std::move(view)));
  }
  return entries;
}

}  // namespace consign::audit
