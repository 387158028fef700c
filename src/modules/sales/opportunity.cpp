#include "modules/sales/opportunity.hpp"

namespace consign::sales {

Status ValidateOpportunity(const Opportunity& o) {
  FieldErrors errors;
  if (o.name.find_first_not_of(" \t") == std::string::npos) errors.Add("name", "required", "name is required");
  if (o.monthly_volume && *o.monthly_volume < 0)
    errors.Add("monthly_volume", "out_of_range", "monthly_volume cannot be negative");
  if (o.monthly_revenue) {
    if (o.monthly_revenue->minor < 0)
      errors.Add("monthly_revenue.amount_minor", "out_of_range", "monthly_revenue cannot be negative");
    if (!(o.monthly_revenue->currency == kCny))
      errors.Add("monthly_revenue.currency", "invalid_enum", "monthly_revenue is in CNY");
  }
  if (o.probability < 0 || o.probability > 100)
    errors.Add("probability", "out_of_range", "probability is a percentage from 0 to 100");
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

}  // namespace consign::sales
