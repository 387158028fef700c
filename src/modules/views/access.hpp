#pragma once
// The saved views module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. The record rule — a
// view belongs to the user who saved it — lives in saved_view_service.cpp.
#include "core/permission.hpp"

namespace consign::views {

inline constexpr Permission kRead{"saved_views", "read"};
inline constexpr Permission kCreate{"saved_views", "create"};
inline constexpr Permission kDelete{"saved_views", "delete"};

// Everyone who uses a list may keep their own views of it.
inline constexpr AccessRule kAccess[] = {
    {kRead, RoleSet::All()},
    {kCreate, RoleSet::All()},
    {kDelete, RoleSet::All()},
};

}  // namespace consign::views
