#pragma once
// The print view of a contract (合同打印): a self-contained HTML page in Chinese a customer can read
// and sign — the parties, the customer-facing terms, the special clauses and the signature block.
// Nothing internal (the annual value, internal notes, approvals). Every value is HTML-escaped. Pure.
#include <string>
#include <string_view>

#include "modules/contracts/contract.hpp"

namespace consign::contracts {

// & < > " ' escaped for text and attribute values.
std::string EscapeHtml(std::string_view text);
// 9900 bp → "99.00%"; 10 → "0.10%".
std::string BasisPointsAsPercent(int basis_points);

std::string RenderPrint(std::string_view number, std::string_view customer_name, int version, const Terms& terms);

}  // namespace consign::contracts
