#pragma once
// Use cases for contracts. Each takes a Scope, checks its permission (access.hpp) itself and applies
// the record rules: staff see contracts of the accounts the customers module lets them see (a
// salesperson: their own and their team's accounts', and contracts they own or drafted; their list
// holds those they own or drafted and those of accounts that were their team's when drafted); a portal user sees only its own
// account's contracts in force (active, expiring), customer-facing terms only, and no approvals. A
// contract outside the rules answers 404. Every change is audited in its transaction (entity
// "contract"). REQUIRES for the changing use cases: a write scope.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/contracts/contract.hpp"
#include "modules/contracts/contract_store.hpp"
#include "platform/db/database.hpp"
#include "platform/scope/scope.hpp"

namespace consign::contracts {

inline constexpr std::string_view kExpiryWarningJob = "contracts.expiry_warning";
inline constexpr std::string_view kExpiryEndJob = "contracts.expiry_end";

// Applies a request's changes to terms (the handler reads the JSON body); an error names the field.
using TermsEdit = std::function<Status(Terms&)>;

// A contract with what its readers may be shown.
struct ContractDetail {
  StoredContract contract;
  std::string customer_name;
  bool customer_facing = false;           // a portal user's view: no approvals, internal terms left out
  std::vector<Approver> required;         // staff only
  std::vector<StoredApproval> approvals;  // staff only, every round
  std::optional<StoredVersion> pending;   // staff only: an amendment awaiting approval
  std::vector<Approver> pending_required;  // who must approve it
};

// Drafts a contract for `customer` from its industry's template (DraftFromTemplate) starting on
// `start` (default: the first day of next month, Asia/Shanghai), then applies `edit`. The owner is the
// account's owner, or the drafter when it has none.
Result<ContractDetail> Create(Scope& scope, CustomerId customer, std::optional<Date> start, const TermsEdit& edit);
Result<ContractDetail> Get(Scope& scope, ContractId id);
Result<std::vector<StoredContract>> List(Scope& scope, ContractFilter filter);
// Edits a draft in place. kInvalidState (field "state") for any other state: a contract that was
// submitted is amended, never edited. kPreconditionRequired without `expected_revision`,
// kPreconditionFailed when it is not the stored revision.
Result<ContractDetail> EditDraft(Scope& scope, ContractId id, std::optional<int> expected_revision,
                                 const TermsEdit& edit);
// draft → in_approval: the terms must validate and overlap no contract in force (kConflict, field
// "services", naming the other contract).
// Prices a draft with an agreement card (协议价): pricing::CreateAgreementDraft copies the product's
// published card for this contract and customer, and the draft's terms name it (rate_card_id). The
// console then edits the card's prices (PUT /api/v1/rate-cards/{id}); the contract's approval approves
// them; activation activates the card for the contract's dates, ending the contract ends it, a renewal
// gets a draft copy. kConflict (rate_card_id, already_priced) when the draft names a card already; as
// EditDraft for the state and If-Match; the pricing module's errors (product unknown, …) as they are.
Result<ContractDetail> AttachRateCard(Scope& scope, ContractId id, std::optional<int> expected_revision,
                                      std::string_view product_code);
Result<ContractDetail> Submit(Scope& scope, ContractId id);
// One approval step, decided by the caller's role (manager or finance), of a contract in approval or
// of a contract's pending amendment. The last required approval makes the contract approved (the
// amendment: the current version); a rejection (with reasons) sends the contract back to draft (the
// amendment: rejected, the contract stays as it was). kForbidden for the contract's owner or the
// submitter of what is decided (self_approval).
Result<ContractDetail> Approve(Scope& scope, ContractId id);
Result<ContractDetail> Reject(Scope& scope, ContractId id, std::vector<std::string> reasons);
// approved → active (signed). Checks the overlap again and queues the expiry warning.
// SEAM(pricing): the contract's rate card (terms.rate_card_id) is to be activated with the contract and
// ended with it; the pricing module does not exist on this branch, the lead wires it at merge.
Result<ContractDetail> Activate(Scope& scope, ContractId id);
// Proposes a new version of a contract in force (approved, active, expiring), effective from
// `effective_from` (not before the current version's date, not after the new end date). It goes
// through approval as a contract does (RequiredApprovers of the new terms) and becomes the current
// version when approved; meanwhile the contract stays in force on its current terms. Every version
// stays readable. kInvalidState for a contract not in force; kConflict (field "pending_version") while
// another amendment awaits approval.
Result<ContractDetail> Amend(Scope& scope, ContractId id, Date effective_from, std::string note, const TermsEdit& edit);
// Every version, oldest first. Staff only (kNotFound for a portal user).
Result<std::vector<StoredVersion>> Versions(Scope& scope, ContractId id);
// active|expiring → renewed, and a new draft for the next period (same terms and length); returns the
// new draft.
Result<ContractDetail> Renew(Scope& scope, ContractId id);
Result<ContractDetail> End(Scope& scope, ContractId id);

struct InboxItem {
  StoredContract contract;
  std::string customer_name;
  Approver step;  // the caller's step
  std::optional<int> amendment_version;  // when what awaits is an amendment
  std::vector<Difference> differences;
};
struct Inbox {
  std::vector<InboxItem> approvals;  // what awaits the caller's decision
  std::vector<Notice> notices;       // what the contracts told the caller (expiry warnings)
};
Result<Inbox> InboxFor(Scope& scope);

Result<ApprovalRules> GetRules(Scope& scope);
Result<ApprovalRules> SetRules(Scope& scope, const ApprovalRules& rules);

// The print view: the customer-facing terms as an HTML page in Chinese with the signature block.
Result<std::string> Print(Scope& scope, ContractId id);

// The expiry-warning job for one contract, idempotent: an active contract whose warning day (end date
// less expiry_warning_days, in Asia/Shanghai) has come becomes expiring and its owner gets one notice
// (contract_notices is unique per contract and end date); a contract not yet due is queued again for
// its day; anything else is left alone.
[[nodiscard]] Status RunExpiryWarning(db::Database& database, const Clock& clock, ContractId id);

// The job of the day after a contract's end date (Asia/Shanghai), idempotent. A contract still in
// force (active or expiring) whose terms say auto_renewal renews itself for the same length, as its
// print view promises (期满双方无异议的，自动续期一个同等期限): a new contract with the same terms,
// active at once — the clause was approved with the contract — with a copy of its agreement card
// active for the new dates; should another contract of the account for one of its services be in force
// by then, it ends instead. Without auto_renewal it ends, and its card with it. Either way the owner
// gets one notice. A contract whose end moved later is queued again for its new day; one renewed or
// ended meanwhile is left alone.
[[nodiscard]] Status RunExpiryEnd(db::Database& database, const Clock& clock, ContractId id);

// For another module's use case that has checked its own permission (the orders module pricing and
// checking an order): the terms of `customer`'s contract in force (active or expiring) on `date` —
// the one whose dates hold the day, the latest start first; none without one. Not for showing: it
// carries internal terms.
std::optional<StoredContract> ContractInForce(db::Transaction& tx, CustomerId customer, Date date);

}  // namespace consign::contracts
