#pragma once
// Contract terms as JSON: one format for the API and for the stored versions (contract_versions.
// terms_json), so a version reads back exactly as it was written. Money is {"amount_minor", "currency"}.
#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "modules/contracts/contract.hpp"
#include "platform/http/json.hpp"

namespace consign::contracts {

// Which terms a reader is shown. kCustomerFacing (a portal user, the print view) leaves out what is
// internal: the annual value and the internal notes.
enum class TermsView { kStaff, kCustomerFacing };

boost::json::object TermsToJson(const Terms& terms, TermsView view);
boost::json::object MoneyToJson(Money money);

// Overwrites the terms each field of `fields` holds (absent fields keep their value; "cod": null
// removes COD, "rate_card_id": null the rate card). Type errors are collected in `fields` under their
// paths; ranges and enums are ValidateTerms' job.
void ReadTerms(http::JsonFields& fields, Terms& terms);

// The stored form back. kInternal when the text is not what TermsToJson wrote.
[[nodiscard]] Result<Terms> TermsFromStoredJson(std::string_view text);

}  // namespace consign::contracts
