#pragma once
// The sales module's part of the permission matrix (see auth/access.hpp for how tables merge);
// access_expected.csv beside this file holds the same rows written out by hand. Portal users hold
// none of it: leads and the pipeline are internal. The record rule (sales see their own and their
// team's leads and opportunities, and the unassigned pool; managers and admins all) lives in
// sales_service.cpp.
#include "core/permission.hpp"

namespace consign::sales {

inline constexpr Permission kLeadsRead{"leads", "read"};
inline constexpr Permission kLeadsCreate{"leads", "create"};
inline constexpr Permission kLeadsUpdate{"leads", "update"};  // fields, condition checks, evaluation
inline constexpr Permission kLeadsAssign{"leads", "assign"};
inline constexpr Permission kLeadsReview{"leads", "review"};  // the 资质审查 decision
inline constexpr Permission kLeadsConvert{"leads", "convert"};
inline constexpr Permission kOpportunitiesRead{"opportunities", "read"};
inline constexpr Permission kOpportunitiesCreate{"opportunities", "create"};
inline constexpr Permission kOpportunitiesUpdate{"opportunities", "update"};  // fields, stage, won, lost
inline constexpr Permission kSalesSettingsRead{"sales_settings", "read"};
inline constexpr Permission kSalesSettingsUpdate{"sales_settings", "update"};  // score weights, region rules

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kLeadsRead,           {Role::kAdmin, Role::kManager, Role::kSales}},
    {kLeadsCreate,         {Role::kAdmin, Role::kManager, Role::kSales}},
    {kLeadsUpdate,         {Role::kAdmin, Role::kManager, Role::kSales}},
    // Handing leads out is the manager's; a salesperson's own new lead is theirs without this.
    {kLeadsAssign,         {Role::kAdmin, Role::kManager}},
    // The review decides on the salesperson's checks: someone else decides.
    {kLeadsReview,         {Role::kAdmin, Role::kManager}},
    {kLeadsConvert,        {Role::kAdmin, Role::kManager, Role::kSales}},
    {kOpportunitiesRead,   {Role::kAdmin, Role::kManager, Role::kSales}},
    {kOpportunitiesCreate, {Role::kAdmin, Role::kManager, Role::kSales}},
    {kOpportunitiesUpdate, {Role::kAdmin, Role::kManager, Role::kSales}},
    {kSalesSettingsRead,   {Role::kAdmin, Role::kManager, Role::kSales}},
    {kSalesSettingsUpdate, {Role::kAdmin}},
};
// clang-format on

}  // namespace consign::sales
