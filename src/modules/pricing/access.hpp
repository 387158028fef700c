#pragma once
// The pricing module's part of the permission matrix (see auth/access.hpp for how tables merge).
// access_expected.csv beside this file holds the same rows written out by hand. The record rule — a
// portal user quotes for its own account only, staff for the accounts the customers module lets them
// read — lives in pricing_service.cpp.
#include "core/permission.hpp"

namespace consign::pricing {

inline constexpr Permission kQuote{"quotes", "create"};
inline constexpr Permission kProductsRead{"service_products", "read"};
// 价目表: the cards that price one's own shipments (a portal user's own account only).
inline constexpr Permission kPriceListRead{"price_list", "read"};
inline constexpr Permission kRateCardsRead{"rate_cards", "read"};
inline constexpr Permission kRateCardsWrite{"rate_cards", "write"};  // create, edit drafts, activate, end
// Drafts of a customer's agreement card (协议价): whoever drafts the customer's contract prices it; the
// contract's approval approves the prices, and the card is activated and ended with the contract
// (ActivateForContract, EndForContract), never on its own.
inline constexpr Permission kAgreementCardsWrite{"agreement_cards", "write"};
inline constexpr Permission kZoneMatrixRead{"zone_matrix", "read"};
inline constexpr Permission kZoneMatrixWrite{"zone_matrix", "write"};

inline constexpr RoleSet kStaff{Role::kAdmin, Role::kManager, Role::kSales, Role::kAgent, Role::kDispatcher,
                                Role::kFinance};

// clang-format off
inline constexpr AccessRule kAccess[] = {
    {kQuote,           RoleSet::All()},
    {kProductsRead,    RoleSet::All()},
    {kPriceListRead,   RoleSet::All()},
    // Cards and the matrix are internal: a portal user sees its own prices through quotes and its
    // price list, never the company's tables.
    {kRateCardsRead,   kStaff},
    {kRateCardsWrite,  {Role::kAdmin, Role::kManager}},
    {kAgreementCardsWrite, {Role::kAdmin, Role::kManager, Role::kSales}},
    {kZoneMatrixRead,  kStaff},
    {kZoneMatrixWrite, {Role::kAdmin, Role::kManager}},
};
// clang-format on

}  // namespace consign::pricing
