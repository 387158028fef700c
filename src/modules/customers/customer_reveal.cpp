#include "modules/customers/customer_reveal.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/customers/customer_store.hpp"

namespace consign::customers {

namespace {

// What the audit trail keeps of a reveal: which value and why, never the value itself.
std::string RevealSnapshot(const RevealTarget& target, const audit::StatedReason& reason) {
  boost::json::object o{{"field", RevealFieldName(target.field)}};
  if (target.contact_id) o["contact_id"] = target.contact_id->value();
  if (target.address_id) o["address_id"] = target.address_id->value();
  o["reason"] = audit::ReasonCode(reason.reason);
  if (!reason.text.empty()) o["reason_text"] = reason.text;
  return boost::json::serialize(o);
}

}  // namespace

Result<std::string> Reveal(Scope& scope, int64_t id, const RevealTarget& target, const audit::StatedReason& reason,
                           std::chrono::seconds* retry_after) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  CONSIGN_TRY(Require(who, audit::kPiiView));
  audit::AuditEntry entry;
  entry.at = scope.now();
  entry.actor = who;
  entry.action = std::string(audit::action::kPiiReveal);
  entry.entity = "customer";
  entry.entity_id = std::to_string(id);
  entry.after_json = RevealSnapshot(target, reason);
  entry.request_id = scope.request_id();
  CONSIGN_TRY(audit::CountReveal(scope.database(), entry, retry_after));

  std::optional<Customer> c = LoadCustomer(scope.tx(), id);
  if (!c || !InScope(who, *c)) return NotFound("Customer");
  Result<std::string> value = RevealedValue(*c, target);
  if (!value) return value;
  CONSIGN_TRY(audit::AuditLog{}.Record(scope.tx(), entry));
  return value;
}

Result<std::vector<audit::AuditEntryView>> AccessLog(Scope& scope, int64_t id, int limit,
                                                     std::optional<int64_t> before_id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kRead));
  CONSIGN_TRY(Require(who, kAccessLog));
  std::optional<Customer> c = LoadCustomer(scope.tx(), id);
  if (!c || !InScope(who, *c)) return NotFound("Customer");
  return audit::ListActionsFor(scope.tx(), "customer", std::to_string(id),
                               {std::string(audit::action::kPiiReveal), std::string(audit::action::kPiiRevealRefused)},
                               limit, before_id);
}

}  // namespace consign::customers
