#pragma once
// The notify module's part of the permission matrix (auth/access.hpp merges the tables);
// access_expected.csv beside this file holds the same rows written out by hand. Record rules — a portal
// user, their own account; staff, the accounts they may read — live in notify_service.cpp.
#include "core/permission.hpp"

namespace consign::notify {

inline constexpr Permission kRead{"notify", "read"};            // an account's preferences and delivery log
inline constexpr Permission kManage{"notify", "manage"};        // change an account's preferences
inline constexpr Permission kRetry{"notify", "retry"};          // send a failed notification again
inline constexpr Permission kTemplates{"notify", "templates"};  // edit the texts customers receive

inline constexpr AccessRule kAccess[] = {
    // clang-format off
    {kRead,      {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher, Role::kPortal}},
    {kManage,    {Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kPortal}},
    {kRetry,     {Role::kAdmin, Role::kManager, Role::kAgent, Role::kDispatcher}},
    {kTemplates, {Role::kAdmin}},
    // clang-format on
};

}  // namespace consign::notify
