#pragma once
// Use cases of customer information management. The route has already checked the permission
// matrix; here live the record rules (auth::ScopeFor: sales see their own and their team's
// accounts, a portal user only its own — others answer 404 so ids do not leak), masking of personal
// data for roles without pii.view, optimistic versions, idempotent creates and the audit trail.
// Nothing here commits: the request pipeline does.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "modules/customers/customer.hpp"
#include "modules/customers/customer_store.hpp"
#include "platform/http/router.hpp"

namespace consign::customers {

// Whether the caller may see personal data unmasked (role holds pii.view, and an API key's scopes allow it).
bool MaySeePersonalData(const Principal& who);

// What every new account gets before it is stored, whether created one by one or imported: the
// creator as owner when a sales rep makes it, the creator's team, the industry's requirement
// template, status active, version 1.
void PrepareNew(Customer& draft, const Principal& who, Instant now);
// The audit entry of a created account. REQUIRES: a write transaction.
[[nodiscard]] Status AuditCreate(http::Context& ctx, const Customer& created);

// REQUIRES for Create/Patch/Archive/Restore: a write request (ctx.tx() opens a write transaction).
Result<Customer> Create(http::Context& ctx, Customer draft, const std::optional<std::string>& idempotency_key);
// Masked unless MaySeePersonalData; an unmasked read is answered only once its "pii.view" audit
// entry is committed — through `views` (shared commits), or inside the request's write transaction
// when it has one or `views` is null.
Result<Customer> Get(http::Context& ctx, int64_t id, audit::GroupAppender* views);
// The stored account for an edit (unmasked, locked for update), inside the caller's scope.
Result<Customer> LoadForEdit(http::Context& ctx, int64_t id);
// Saves `changed` (from LoadForEdit + ApplyJson) when the stored version is `expected_version`.
Result<Customer> Save(http::Context& ctx, const Customer& before, Customer changed, int64_t expected_version);
Result<Customer> SetStatus(http::Context& ctx, int64_t id, std::string_view status, std::optional<int64_t> expected_version);
// Adds the caller's record rule (auth::ScopeFor) to a list query.
void RestrictToScope(ListQuery& query, const Principal& who);
// REQUIRES: filters already validated. Applies the caller's record rule. Items are masked unless allowed.
Result<ListPage> List(http::Context& ctx, ListQuery query);
// The audit trail of one account, newest first; a view with pii.view is itself audited, as Get.
Result<std::vector<audit::AuditEntryView>> History(http::Context& ctx, int64_t id, audit::GroupAppender* views);

std::optional<OwnerView> OwnerOf(db::Transaction& tx, const Customer& c);

}  // namespace consign::customers
