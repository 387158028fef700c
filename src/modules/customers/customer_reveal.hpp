#pragma once
// Revealing one masked value of one account, on purpose and with a reason (DOMAIN.md §12, PIPL's
// minimum-necessary rule): every ordinary read is masked for every role; a user whose role holds
// pii.view (an API key only when its scopes allow it too) asks for one field of one account inside
// its record rule, states why, and the reveal is written to the audit trail before the value is
// answered. Reveals are counted per user (audit::CountReveal): over the limit they are refused and
// recorded as refused; reaching it raises an alert for admins. The account's access log lists them.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/reveal_reason.hpp"
#include "modules/customers/reveal.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

// The stored value `target` names in account `id`. Errors: kForbidden without customers.read and
// pii.view; kTooManyRequests (*retry_after set) over the user's reveal limit, counted before the
// account is looked at, so the answer says nothing about the account; kNotFound outside the record
// rule; kInvalidArgument for a contact or address that is not the account's (RevealedValue).
// The pii.reveal entry (field, ids, reason; never the value) is written in the scope's transaction,
// which the caller commits before answering.
// REQUIRES: a write scope whose transaction is not open yet (the count commits in its own first).
[[nodiscard]] Result<std::string> Reveal(Scope& scope, int64_t id, const RevealTarget& target,
                                         const audit::StatedReason& reason, std::chrono::seconds* retry_after);

// The reveals of account `id` (pii.reveal and pii.reveal.refused entries), newest first, at most
// `limit` (1..500), with id < before_id. Errors: kForbidden without customers.read and
// customers.access_log; kNotFound outside the record rule.
[[nodiscard]] Result<std::vector<audit::AuditEntryView>> AccessLog(Scope& scope, int64_t id, int limit,
                                                                   std::optional<int64_t> before_id);

}  // namespace consign::customers
