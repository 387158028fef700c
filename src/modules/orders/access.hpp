#pragma once
// The orders module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. The record rules live
// in order_service.cpp: a portal user sees and changes only its own account's orders; staff see the
// orders of the accounts the customers module lets them read (customers::CheckReadable), and a
// salesperson lists one account's orders at a time.
#include "core/permission.hpp"

namespace consign::orders {

inline constexpr Permission kRead{"orders", "read"};
inline constexpr Permission kCreate{"orders", "create"};  // one by one, through the API or a file
inline constexpr Permission kCancel{"orders", "cancel"};
// The dispatcher's work: the queue, overriding a carrier with a reason, allocating a day at once.
inline constexpr Permission kDispatch{"orders", "dispatch"};
inline constexpr Permission kSettings{"orders", "settings"};  // the allocation weights and thresholds
// An order's trail: staff only, since it names our people (a portal user sees its order, not who did what).
inline constexpr Permission kHistory{"orders", "history"};

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kRead,     RoleSet::All()},
    {kCreate,   {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kPortal}},
    {kCancel,   {Role::kAdmin, Role::kManager, Role::kAgent, Role::kDispatcher, Role::kPortal}},
    {kDispatch, {Role::kAdmin, Role::kManager, Role::kDispatcher}},
    {kSettings, {Role::kAdmin}},
    {kHistory,  {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kFinance}},
};
// clang-format on

}  // namespace consign::orders
