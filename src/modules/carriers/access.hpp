#pragma once
// The carriers module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. Carriers are internal:
// their rates are our costs, so portal users never see them, and sales (who quote customers, not
// carriers) neither. Contacts' phones are personal data: shown only to holders of audit::kPiiView.
#include "core/permission.hpp"

namespace consign::carriers {

inline constexpr Permission kRead{"carriers", "read"};      // list and read carriers, their terms and contacts
inline constexpr Permission kManage{"carriers", "manage"};  // create, edit, suspend, resume
inline constexpr Permission kKeys{"carriers", "keys"};      // list, create and revoke a carrier's API keys

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kRead,   {Role::kAdmin, Role::kManager, Role::kAgent, Role::kDispatcher, Role::kFinance}},
    {kManage, {Role::kAdmin, Role::kManager}},
    {kKeys,   {Role::kAdmin}},
};
// clang-format on

}  // namespace consign::carriers
