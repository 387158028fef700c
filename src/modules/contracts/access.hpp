#pragma once
// The contracts module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. The record rules —
// staff see the contracts of the accounts the customers module lets them see, a portal user only its
// own account's contracts in force, and only their customer-facing terms — live in
// contract_service.cpp.
#include "core/permission.hpp"

namespace consign::contracts {

inline constexpr Permission kRead{"contracts", "read"};
inline constexpr Permission kCreate{"contracts", "create"};    // draft from a template
inline constexpr Permission kUpdate{"contracts", "update"};    // edit a draft, submit it
inline constexpr Permission kApprove{"contracts", "approve"};  // decide one approval step, see the inbox
inline constexpr Permission kActivate{"contracts", "activate"};  // signed: approved → active
// Proposes a new version of a contract in force; it is approved as a contract is.
inline constexpr Permission kAmend{"contracts", "amend"};
inline constexpr Permission kEnd{"contracts", "end"};          // renew or end
// Internal: approvals, versions, internal notes, the annual value. Staff only.
inline constexpr Permission kInternal{"contracts", "internal"};
inline constexpr Permission kRules{"contracts", "rules"};      // read and set the approval rules

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kRead,     RoleSet::All()},
    {kCreate,   {Role::kAdmin, Role::kManager, Role::kSales}},
    {kUpdate,   {Role::kAdmin, Role::kManager, Role::kSales}},
    {kApprove,  {Role::kManager, Role::kFinance}},
    {kActivate, {Role::kAdmin, Role::kManager, Role::kSales}},
    {kAmend,    {Role::kAdmin, Role::kManager, Role::kSales}},
    {kEnd,      {Role::kAdmin, Role::kManager, Role::kSales}},
    {kInternal, {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kFinance}},
    {kRules,    {Role::kAdmin}},
};
// clang-format on

}  // namespace consign::contracts
