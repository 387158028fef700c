#pragma once
// The activities module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. The record rules —
// a subject's activities and referrals go with the subject's own rule (subjects.hpp), a next step is
// completed by its owner or a manager (MayComplete) — live in the services.
#include "core/permission.hpp"
#include "core/principal.hpp"

namespace consign::activities {

// Activities on accounts, leads and opportunities: reading a subject's timeline and "my day".
inline constexpr Permission kRead{"activities", "read"};
// Recording an activity.
inline constexpr Permission kCreate{"activities", "create"};
// Completing a next step (one's own; a manager or admin anyone's).
inline constexpr Permission kUpdate{"activities", "update"};
// Referrals: who referred an account, and the referrer's reward.
inline constexpr Permission kReferralsRead{"referrals", "read"};
inline constexpr Permission kReferralsCreate{"referrals", "create"};
inline constexpr Permission kReferralsDelete{"referrals", "delete"};

// clang-format off
// The staff who work with customers. Dispatchers see orders, not sales work; finance reads referrals
// (rewards cost money) but records none. Portal users see nothing of either: they are the company's
// notes about the customer.
inline constexpr AccessRule kAccess[] = {
    {kRead,             {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kCreate,           {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kUpdate,           {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent}},
    {kReferralsRead,    {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kFinance}},
    {kReferralsCreate,  {Role::kAdmin, Role::kManager, Role::kSales}},
    {kReferralsDelete,  {Role::kAdmin, Role::kManager}},
};
// clang-format on

// Whether `who` may act on any user's activities (complete their next steps, record activities in
// their name): admins and managers. Others only on their own.
constexpr bool ActsForOthers(Role role) { return role == Role::kAdmin || role == Role::kManager; }

}  // namespace consign::activities
