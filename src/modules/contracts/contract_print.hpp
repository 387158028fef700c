#pragma once
// The print view of a contract (合同打印): a self-contained HTML page in Chinese a customer can read
// and sign — the parties, the customer-facing terms, the special clauses and the signature block.
// Nothing internal (the annual value, internal notes, approvals). Every value is HTML-escaped. Pure.
#include <map>
#include <string>
#include <string_view>

#include "modules/contracts/contract.hpp"

namespace consign::contracts {

// & < > " ' escaped for text and attribute values.
std::string EscapeHtml(std::string_view text);
// 9900 bp → "99.00%"; 10 → "0.10%".
std::string BasisPointsAsPercent(int basis_points);

// `product_names` gives the Chinese name of each service product code a transit promise names
// (standard → 标准快递); a code it lacks is printed as it is.
std::string RenderPrint(std::string_view number, std::string_view customer_name, int version, const Terms& terms,
                        const std::map<std::string, std::string, std::less<>>& product_names = {});

}  // namespace consign::contracts
