#include "modules/sales/sales_json.hpp"

#include <boost/json/array.hpp>

namespace consign::sales {

namespace json = boost::json;

namespace {

json::value IdOrNull(const auto& id) { return id ? json::value(id->value()) : json::value(nullptr); }
json::value TimeOrNull(const std::optional<Instant>& t) { return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr); }

}  // namespace

json::object MoneyJson(const Money& m) {
  return json::object{{"amount_minor", m.minor}, {"currency", std::string(m.currency.view())}};
}

json::object LeadJson(const Lead& lead) {
  json::object o;
  o["id"] = lead.id.value();
  o["source"] = lead.source;
  const LeadSource* source = FindLeadSource(lead.source);
  o["source_label"] = json::object{{"zh", source ? source->zh : ""}, {"en", source ? source->en : ""}};
  o["company"] = lead.company;
  o["credit_code"] = lead.credit_code;
  o["industry"] = lead.industry;
  o["region_code"] = lead.region_code;
  json::array contacts;
  for (const LeadContact& c : lead.contacts)
    contacts.push_back(json::object{{"name", c.name}, {"title", c.title}, {"phone", c.phone}, {"email", c.email}});
  o["contacts"] = std::move(contacts);
  o["stated_needs"] = lead.stated_needs;
  o["underlying_needs"] = lead.underlying_needs;
  o["monthly_volume"] = lead.monthly_volume ? json::value(*lead.monthly_volume) : json::value(nullptr);
  o["monthly_spend"] = lead.monthly_spend ? json::value(MoneyJson(*lead.monthly_spend)) : json::value(nullptr);
  o["competitor"] = json::object{{"name", lead.competitor.name},
                                 {"strengths", lead.competitor.strengths},
                                 {"weaknesses", lead.competitor.weaknesses},
                                 {"value_added_services", lead.competitor.value_added_services}};
  o["owner_id"] = IdOrNull(lead.owner_id);
  o["team_id"] = IdOrNull(lead.team_id);
  o["status"] = std::string(LeadStatusName(lead.status));
  json::object checks;
  for (size_t i = 0; i < kConditionNames.size(); ++i) {
    const auto& check = lead.qualification.checks[i];
    if (!check) {
      checks[kConditionNames[i]] = nullptr;
      continue;
    }
    checks[kConditionNames[i]] = json::object{{"met", check->met},
                                              {"checked_by", check->checked_by.value()},
                                              {"checked_at", FormatRfc3339(check->checked_at)},
                                              {"evidence", check->evidence}};
  }
  const Qualification& q = lead.qualification;
  json::object review;
  if (q.qualified) {
    review["decision"] = *q.qualified ? "qualified" : "disqualified";
    review["reviewed_by"] = IdOrNull(q.reviewed_by);
    review["reviewed_at"] = TimeOrNull(q.reviewed_at);
    review["reason"] = q.review_reason;
  }
  o["qualification"] = json::object{{"checks", std::move(checks)},
                                    {"review", q.qualified ? json::value(std::move(review)) : json::value(nullptr)}};
  if (lead.ratings) {
    json::object ratings;
    for (size_t i = 0; i < kCriteria.size(); ++i) ratings[kCriteria[i]] = (*lead.ratings)[i];
    o["evaluation"] = json::object{{"ratings", std::move(ratings)}, {"score", lead.score.value_or(0)}};
  } else {
    o["evaluation"] = nullptr;
  }
  json::array duplicates;
  for (const DuplicateMatch& d : lead.duplicates) {
    const std::string link = (d.kind == "lead" ? "/api/v1/leads/" : "/api/v1/customers/") + std::to_string(d.id);
    json::object m{{"kind", d.kind}, {"id", d.id}, {"match", d.match}, {"link", link}};
    if (!d.name.empty()) m["name"] = d.name;
    duplicates.push_back(std::move(m));
  }
  o["duplicate"] = !lead.duplicates.empty();
  o["duplicates"] = std::move(duplicates);
  o["account_id"] = IdOrNull(lead.account_id);
  o["opportunity_id"] = lead.opportunity_id ? json::value(*lead.opportunity_id) : json::value(nullptr);
  o["created_at"] = FormatRfc3339(lead.created_at);
  o["updated_at"] = FormatRfc3339(lead.updated_at);
  return o;
}

json::object OpportunityJson(const Opportunity& opp) {
  json::object o;
  o["id"] = opp.id.value();
  o["name"] = opp.name;
  o["account_id"] = opp.account_id.value();
  o["lead_id"] = IdOrNull(opp.lead_id);
  o["owner_id"] = IdOrNull(opp.owner_id);
  o["team_id"] = IdOrNull(opp.team_id);
  o["stage"] = std::string(StageName(opp.stage));
  const StageInfo& info = kStages[static_cast<size_t>(opp.stage)];
  o["stage_label"] = json::object{{"zh", info.zh}, {"en", info.en}};
  o["outcome"] = std::string(OutcomeName(opp.outcome));
  o["probability"] = opp.probability;
  o["monthly_volume"] = opp.monthly_volume ? json::value(*opp.monthly_volume) : json::value(nullptr);
  o["monthly_revenue"] = opp.monthly_revenue ? json::value(MoneyJson(*opp.monthly_revenue)) : json::value(nullptr);
  o["lost_reason"] = opp.lost_reason.empty() ? json::value(nullptr) : json::value(opp.lost_reason);
  o["lost_note"] = opp.lost_note;
  o["closed_at"] = TimeOrNull(opp.closed_at);
  o["created_at"] = FormatRfc3339(opp.created_at);
  o["updated_at"] = FormatRfc3339(opp.updated_at);
  return o;
}

}  // namespace consign::sales
