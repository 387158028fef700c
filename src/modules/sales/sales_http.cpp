#include "modules/sales/sales_http.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "modules/audit/access.hpp"
#include "modules/audit/reveal_reason.hpp"
#include "modules/customers/customer.hpp"
#include "modules/sales/access.hpp"
#include "modules/sales/sales_json.hpp"
#include "modules/sales/sales_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::sales {

namespace json = boost::json;

namespace {

using http::Fail;

constexpr size_t kMaxTextChars = 2000;

// {"amount_minor": 12345, "currency": "CNY"}; nullopt when absent or null.
std::optional<Money> ReadMoney(http::JsonFields& fields, std::string_view name) {
  const json::object* obj = fields.OptObject(name);
  if (!obj) return std::nullopt;
  http::JsonFields money(*obj, fields.Path(name));
  Money m = Money::Cny(money.Int("amount_minor"));
  const std::string currency = money.OptString("currency", 3).value_or("CNY");
  if (auto parsed = ParseCurrency(currency, money.Path("currency"))) m.currency = *parsed;
  else money.Add("currency", "invalid_format", "currency is an ISO-4217 code");
  if (Status s = money.Finish(); !s) fields.Merge(s.error());
  return m;
}

// Reads the lead's fields into `lead`. `partial` (PATCH): only the fields present change.
void ReadLeadFields(http::JsonFields& f, Lead& lead, bool partial) {
  auto wanted = [&](std::string_view name) { return !partial || f.IsPresent(name); };
  if (wanted("source")) lead.source = f.Enum("source", kLeadSourceNames);
  if (wanted("company")) lead.company = f.String("company", kMaxCompanyChars);
  if (wanted("credit_code")) lead.credit_code = f.OptString("credit_code", 18).value_or("");
  if (wanted("industry")) lead.industry = f.OptEnum("industry", customers::kIndustries).value_or("other");
  if (wanted("region_code")) lead.region_code = f.OptString("region_code", 6).value_or("");
  if (wanted("stated_needs")) lead.stated_needs = f.OptMultilineString("stated_needs", kMaxNeedsChars).value_or("");
  if (wanted("underlying_needs"))
    lead.underlying_needs = f.OptMultilineString("underlying_needs", kMaxNeedsChars).value_or("");
  if (wanted("monthly_volume")) lead.monthly_volume = f.OptInt("monthly_volume");
  if (wanted("monthly_spend")) lead.monthly_spend = ReadMoney(f, "monthly_spend");
  if (wanted("contacts")) {
    lead.contacts.clear();
    if (const json::array* contacts = f.OptArray("contacts")) {
      for (size_t i = 0; i < contacts->size(); ++i) {
        if (!(*contacts)[i].is_object()) {
          f.Add(http::FieldPath("contacts", i), "invalid_type", "a contact is an object");
          continue;
        }
        http::JsonFields c((*contacts)[i].as_object(), http::FieldPath("contacts", i));
        LeadContact contact;
        contact.name = c.String("name", kMaxShortChars);
        contact.title = c.OptString("title", kMaxShortChars).value_or("");
        contact.phone = c.OptString("phone", 40).value_or("");
        contact.email = c.OptString("email", 254).value_or("");
        if (Status s = c.Finish(); !s) f.Merge(s.error());
        lead.contacts.push_back(std::move(contact));
      }
    }
  }
  if (wanted("competitor")) {
    lead.competitor = {};
    if (const json::object* competitor = f.OptObject("competitor")) {
      http::JsonFields c(*competitor, f.Path("competitor"));
      lead.competitor.name = c.OptString("name", kMaxCompanyChars).value_or("");
      lead.competitor.strengths = c.OptMultilineString("strengths", kMaxTextChars).value_or("");
      lead.competitor.weaknesses = c.OptMultilineString("weaknesses", kMaxTextChars).value_or("");
      lead.competitor.value_added_services = c.OptMultilineString("value_added_services", kMaxTextChars).value_or("");
      if (Status s = c.Finish(); !s) f.Merge(s.error());
    }
  }
}

std::optional<int64_t> PathId(const http::Request& request) { return http::ParsePositiveInt(request.PathParam("id")); }

// A lead as every read shows it: contacts masked for every role (DOMAIN.md §12); one value is
// revealed on purpose through POST /api/v1/leads/{id}/reveal.
json::object MaskedLeadJson(Lead lead) {
  MaskContacts(lead);
  json::object o = LeadJson(lead);
  o["masked"] = true;
  return o;
}

http::Response LeadResponse(int status, const Result<Lead>& lead, const http::Request& request, http::Context& ctx) {
  if (!lead) return Fail(lead.error(), request, ctx);
  return http::JsonResponse(status, MaskedLeadJson(*lead));
}

http::Response OpportunityResponse(const Result<Opportunity>& o, const http::Request& request, http::Context& ctx) {
  if (!o) return Fail(o.error(), request, ctx);
  return http::JsonResponse(200, OpportunityJson(*o));
}

// --- leads ---------------------------------------------------------------------------------------

http::Response ListLeadsRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  LeadQuery query;
  query.limit = page->limit;
  query.after_id = page->cursor;
  if (auto status = request.Query("status"); status && !status->empty()) {
    query.status = ParseLeadStatus(*status);
    if (!query.status)
      return Fail(InvalidField("status", "invalid_enum", "status must be one of: open, qualified, disqualified, converted"),
                  request, ctx);
  }
  if (auto source = request.Query("source"); source && !source->empty()) {
    if (!FindLeadSource(*source)) return Fail(InvalidField("source", "invalid_enum", "unknown lead source"), request, ctx);
    query.source = std::string(*source);
  }
  if (auto owner = request.Query("owner_id"); owner && !owner->empty()) {
    if (*owner == "none") query.unassigned = true;
    else if (auto id = http::ParsePositiveInt(*owner)) query.owner_id = *id;
    else return Fail(InvalidField("owner_id", "invalid_format", "owner_id is a user id or none"), request, ctx);
  }
  if (auto q = request.Query("q")) query.q = std::string(*q);
  bool mine = false;
  if (auto scope = request.Query("scope"); scope && !scope->empty()) {
    if (*scope != "mine" && *scope != "all")
      return Fail(InvalidField("scope", "invalid_enum", "scope must be one of: mine, all"), request, ctx);
    mine = *scope == "mine";
  }
  auto leads = FindLeads(ctx, std::move(query), mine);
  if (!leads) return Fail(leads.error(), request, ctx);
  json::array items;
  for (const Lead& lead : leads->items) items.push_back(MaskedLeadJson(lead));
  return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                              {"next_cursor", leads->next_cursor ? json::value(std::to_string(*leads->next_cursor))
                                                                                 : json::value(nullptr)}});
}

http::Response CreateLeadRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Lead lead;
  ReadLeadFields(fields, lead, /*partial=*/false);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto key = http::IdempotencyKey(request);
  if (!key) return Fail(key.error(), request, ctx);
  auto created = CreateLead(ctx, std::move(lead), *key);
  if (!created) return Fail(created.error(), request, ctx);
  http::Response response = http::JsonResponse(201, MaskedLeadJson(*created));
  response.Set("Location", "/api/v1/leads/" + std::to_string(created->id.value()));
  return response;
}

http::Response GetLeadRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  return LeadResponse(200, GetLead(ctx, LeadId{*id}), request, ctx);
}

http::Response PatchLeadRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto before = LoadLeadForEdit(ctx, LeadId{*id});
  if (!before) return Fail(before.error(), request, ctx);
  http::JsonFields fields(*body);
  Lead changed = *before;
  ReadLeadFields(fields, changed, /*partial=*/true);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return LeadResponse(200, SaveLead(ctx, *before, std::move(changed)), request, ctx);
}

http::Response AssignLeadRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string mode = fields.Enum("mode", {"user", "round_robin", "region"});
  Assignment assignment;
  if (auto owner = fields.OptInt("owner_id", 1)) assignment.owner_id = UserId{*owner};
  if (auto team = fields.OptInt("team_id", 1)) assignment.team_id = TeamId{*team};
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  assignment.mode = mode == "user"          ? Assignment::Mode::kUser
                    : mode == "round_robin" ? Assignment::Mode::kRoundRobin
                                            : Assignment::Mode::kRegion;
  return LeadResponse(200, AssignLead(ctx, LeadId{*id}, assignment), request, ctx);
}

http::Response CheckRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto condition = ParseCondition(request.PathParam("condition"));
  if (!condition) return Fail(NotFound("Qualification condition"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const bool met = fields.Bool("met");
  std::string evidence = fields.OptMultilineString("evidence", kMaxTextChars).value_or("");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return LeadResponse(200, RecordCheck(ctx, LeadId{*id}, *condition, met, std::move(evidence)), request, ctx);
}

http::Response EvaluationRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Ratings ratings{};
  const json::object* given = fields.OptObject("ratings");
  if (!given) fields.Add("ratings", "required", "ratings of the five criteria, 0–5 each");
  else {
    http::JsonFields r(*given, "ratings");
    for (size_t i = 0; i < kCriteria.size(); ++i) ratings[i] = r.Int(kCriteria[i], 0, kMaxRating);
    if (Status s = r.Finish(); !s) fields.Merge(s.error());
  }
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return LeadResponse(200, Evaluate(ctx, LeadId{*id}, ratings), request, ctx);
}

http::Response ReviewRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string decision = fields.Enum("decision", {"qualified", "disqualified"});
  std::string reason = fields.OptMultilineString("reason", kMaxTextChars).value_or("");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return LeadResponse(200, Review(ctx, LeadId{*id}, decision == "qualified", std::move(reason)), request, ctx);
}

http::Response ConvertRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  ConvertRequest convert;
  if (!request.body.empty()) {
    auto body = http::ParseJsonBody(request);
    if (!body) return Fail(body.error(), request, ctx);
    http::JsonFields fields(*body);
    convert.opportunity_name = fields.OptString("opportunity_name", kMaxOpportunityNameChars).value_or("");
    convert.monthly_volume = fields.OptInt("monthly_volume");
    convert.monthly_revenue = ReadMoney(fields, "monthly_revenue");
    if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  }
  auto done = Convert(ctx, LeadId{*id}, std::move(convert));
  if (!done) return Fail(done.error(), request, ctx);
  return http::JsonResponse(201, json::object{{"lead", MaskedLeadJson(done->lead)},
                                              {"account_id", done->account.id},
                                              {"account", json::object{{"id", done->account.id},
                                                                       {"code", done->account.code},
                                                                       {"name", done->account.name}}},
                                              {"opportunity", OpportunityJson(done->opportunity)}});
}

// {"field": "contact.phone", "contact_index": 0, "reason": "callback", "reason_text": "…"}
http::Response RevealRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Lead"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields in(*body);
  const std::string field = in.Enum("field", kContactFieldNames);
  const int64_t index = in.Int("contact_index", 0, static_cast<int64_t>(kMaxContacts) - 1);
  const std::optional<std::string> reason = in.OptString("reason", 40);
  const std::optional<std::string> reason_text = in.OptString("reason_text", audit::kMaxReasonText);
  auto stated = audit::ParseReason(reason, reason_text);
  if (!stated) in.Merge(stated.error());
  if (Status read = in.Finish(); !read) return Fail(read.error(), request, ctx);
  const auto which = static_cast<ContactField>(
      std::ranges::find(kContactFieldNames, field) - kContactFieldNames.begin());
  std::chrono::seconds retry_after{0};
  auto value = RevealContact(ctx, LeadId{*id}, static_cast<size_t>(index), which, *stated, &retry_after);
  if (!value) {
    http::Response r = Fail(value.error(), request, ctx);
    if (value.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  http::Response r = http::JsonResponse(200, json::object{{"field", field}, {"contact_index", index}, {"value", *value}});
  r.Set("Cache-Control", "no-store");
  return r;
}

// --- opportunities -------------------------------------------------------------------------------

http::Response ListOpportunitiesRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  OpportunityQuery query;
  query.limit = page->limit;
  query.after_id = page->cursor;
  if (auto stage = request.Query("stage"); stage && !stage->empty()) {
    query.stage = ParseStage(*stage);
    if (!query.stage) return Fail(InvalidField("stage", "invalid_enum", "unknown pipeline stage"), request, ctx);
  }
  if (auto outcome = request.Query("outcome"); outcome && !outcome->empty()) {
    query.outcome = ParseOutcome(*outcome);
    if (!query.outcome)
      return Fail(InvalidField("outcome", "invalid_enum", "outcome must be one of: open, won, lost"), request, ctx);
  }
  if (auto owner = request.Query("owner_id"); owner && !owner->empty()) {
    query.owner_id = http::ParsePositiveInt(*owner);
    if (!query.owner_id) return Fail(InvalidField("owner_id", "invalid_format", "owner_id is a user id"), request, ctx);
  }
  if (auto account = request.Query("account_id"); account && !account->empty()) {
    query.account_id = http::ParsePositiveInt(*account);
    if (!query.account_id)
      return Fail(InvalidField("account_id", "invalid_format", "account_id is an account id"), request, ctx);
  }
  bool mine = false;
  if (auto scope = request.Query("scope"); scope && !scope->empty()) {
    if (*scope != "mine" && *scope != "all")
      return Fail(InvalidField("scope", "invalid_enum", "scope must be one of: mine, all"), request, ctx);
    mine = *scope == "mine";
  }
  auto found = FindOpportunities(ctx, std::move(query), mine);
  if (!found) return Fail(found.error(), request, ctx);
  json::array items;
  for (const Opportunity& o : found->items) items.push_back(OpportunityJson(o));
  return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                              {"next_cursor", found->next_cursor ? json::value(std::to_string(*found->next_cursor))
                                                                                 : json::value(nullptr)}});
}

http::Response CreateOpportunityRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Opportunity o;
  o.name = fields.String("name", kMaxOpportunityNameChars);
  o.account_id = CustomerId{fields.Int("account_id", 1)};
  if (auto stage = fields.OptEnum("stage", kStageNames)) o.stage = ParseStage(*stage).value_or(Stage::kProspecting);
  o.probability = fields.OptInt("probability").value_or(DefaultProbability(o.stage));
  o.monthly_volume = fields.OptInt("monthly_volume");
  o.monthly_revenue = ReadMoney(fields, "monthly_revenue");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto key = http::IdempotencyKey(request);
  if (!key) return Fail(key.error(), request, ctx);
  auto created = CreateOpportunity(ctx, std::move(o), *key);
  if (!created) return Fail(created.error(), request, ctx);
  http::Response response = http::JsonResponse(201, OpportunityJson(*created));
  response.Set("Location", "/api/v1/opportunities/" + std::to_string(created->id.value()));
  return response;
}

http::Response GetOpportunityRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Opportunity"), request, ctx);
  return OpportunityResponse(GetOpportunity(ctx, OpportunityId{*id}), request, ctx);
}

http::Response PatchOpportunityRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Opportunity"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto before = LoadOpportunityForEdit(ctx, OpportunityId{*id});
  if (!before) return Fail(before.error(), request, ctx);
  http::JsonFields fields(*body);
  Opportunity changed = *before;
  if (fields.IsPresent("name")) changed.name = fields.String("name", kMaxOpportunityNameChars);
  if (fields.IsPresent("probability")) changed.probability = fields.Int("probability");
  if (fields.IsPresent("monthly_volume")) changed.monthly_volume = fields.OptInt("monthly_volume");
  if (fields.IsPresent("monthly_revenue")) changed.monthly_revenue = ReadMoney(fields, "monthly_revenue");
  // The stage has its own route, which the pipeline's rules guard.
  if (fields.IsPresent("stage"))
    fields.Add("stage", "read_only", "change the stage with POST /api/v1/opportunities/{id}/stage");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return OpportunityResponse(SaveOpportunity(ctx, *before, std::move(changed)), request, ctx);
}

http::Response StageRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Opportunity"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string stage = fields.Enum("stage", kStageNames);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return OpportunityResponse(ChangeStage(ctx, OpportunityId{*id}, *ParseStage(stage)), request, ctx);
}

http::Response WonRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Opportunity"), request, ctx);
  auto won = WinAndDraftContract(ctx, OpportunityId{*id});
  if (!won) return Fail(won.error(), request, ctx);
  return http::JsonResponse(200, json::object{{"opportunity", OpportunityJson(won->opportunity)},
                                              {"account_id", won->opportunity.account_id.value()},
                                              {"contract_id", won->contract_id}});
}

http::Response LostRoute(const http::Request& request, http::Context& ctx) {
  auto id = PathId(request);
  if (!id) return Fail(NotFound("Opportunity"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  std::string reason = fields.OptString("reason", 20).value_or("");
  std::string note = fields.OptMultilineString("note", kMaxTextChars).value_or("");
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return OpportunityResponse(MarkLost(ctx, OpportunityId{*id}, std::move(reason), std::move(note)), request, ctx);
}

// --- settings ------------------------------------------------------------------------------------

json::object WeightsJson(const Weights& w) {
  json::object weights;
  for (size_t i = 0; i < kCriteria.size(); ++i) weights[kCriteria[i]] = w[i];
  return json::object{{"weights", std::move(weights)}};
}

http::Response GetWeightsRoute(const http::Request& request, http::Context& ctx) {
  auto w = GetWeights(ctx);
  if (!w) return Fail(w.error(), request, ctx);
  return http::JsonResponse(200, WeightsJson(*w));
}

http::Response PutWeightsRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  Weights weights{};
  const json::object* given = fields.OptObject("weights");
  if (!given) fields.Add("weights", "required", "weights of the five criteria, in percent, summing to 100");
  else {
    http::JsonFields w(*given, "weights");
    for (size_t i = 0; i < kCriteria.size(); ++i) weights[i] = w.Int(kCriteria[i]);
    if (Status s = w.Finish(); !s) fields.Merge(s.error());
  }
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetWeights(ctx, weights);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, WeightsJson(*saved));
}

json::object RulesJson(const std::vector<RegionRule>& rules) {
  json::array a;
  for (const RegionRule& r : rules)
    a.push_back(json::object{{"region_prefix", r.region_prefix},
                             {"owner_id", r.owner_id ? json::value(*r.owner_id) : json::value(nullptr)},
                             {"team_id", r.team_id ? json::value(*r.team_id) : json::value(nullptr)}});
  return json::object{{"rules", std::move(a)}};
}

http::Response GetRulesRoute(const http::Request& request, http::Context& ctx) {
  auto rules = GetRegionRules(ctx);
  if (!rules) return Fail(rules.error(), request, ctx);
  return http::JsonResponse(200, RulesJson(*rules));
}

http::Response PutRulesRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  std::vector<RegionRule> rules;
  const json::array* given = fields.OptArray("rules");
  if (!given) fields.Add("rules", "required", "rules is an array (empty to remove every rule)");
  else if (given->size() > 500) fields.Add("rules", "too_many", "at most 500 region rules");
  else {
    for (size_t i = 0; i < given->size(); ++i) {
      if (!(*given)[i].is_object()) {
        fields.Add(http::FieldPath("rules", i), "invalid_type", "a rule is an object");
        continue;
      }
      http::JsonFields r((*given)[i].as_object(), http::FieldPath("rules", i));
      RegionRule rule;
      rule.region_prefix = r.String("region_prefix", 6);
      rule.owner_id = r.OptInt("owner_id", 1);
      rule.team_id = r.OptInt("team_id", 1);
      if (Status s = r.Finish(); !s) fields.Merge(s.error());
      rules.push_back(std::move(rule));
    }
  }
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetRegionRules(ctx, rules);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, RulesJson(*saved));
}

// --- the pipeline report ---------------------------------------------------------------------------

json::object Label(std::string_view zh, std::string_view en) { return json::object{{"zh", zh}, {"en", en}}; }

json::value OptionalInt(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object ReportJson(const PipelineReport& report, const ReportFilter& filter) {
  json::array funnel;
  json::array forecast_stages;
  for (size_t s = 0; s < report.funnel.size(); ++s) {
    const FunnelStage& row = report.funnel[s];
    const StageInfo& info = kStages[s];
    funnel.push_back(json::object{{"stage", info.name},
                                  {"stage_label", Label(info.zh, info.en)},
                                  {"probability", info.probability},
                                  {"outcome", row.stage == Stage::kMaintenance ? "won" : "open"},
                                  {"count", row.count},
                                  {"revenue", MoneyJson(row.revenue)},
                                  {"weighted", MoneyJson(row.weighted)}});
    if (row.stage != Stage::kMaintenance)
      forecast_stages.push_back(json::object{{"stage", info.name},
                                             {"stage_label", Label(info.zh, info.en)},
                                             {"count", row.count},
                                             {"weighted", MoneyJson(row.weighted)}});
  }
  json::array sources;
  for (const SourceConversion& row : report.sources)
    sources.push_back(json::object{{"source", row.source->name},
                                   {"source_label", Label(row.source->zh, row.source->en)},
                                   {"leads", row.leads},
                                   {"qualified", row.qualified},
                                   {"converted", row.converted},
                                   {"won", row.won},
                                   {"qualified_rate_bp", OptionalInt(row.qualified_bp)},
                                   {"converted_rate_bp", OptionalInt(row.converted_bp)},
                                   {"won_rate_bp", OptionalInt(row.won_bp)}});
  json::array lost;
  for (size_t i = 0; i < kLostReasons.size(); ++i)
    lost.push_back(json::object{{"reason", kLostReasons[i]}, {"count", report.lost_by_reason[i]}});
  auto date = [](const std::optional<Date>& d) { return d ? json::value(FormatReportDate(*d)) : json::value(nullptr); };
  return json::object{
      {"filter", json::object{{"owner_id", OptionalInt(filter.owner_id)},
                              {"team_id", OptionalInt(filter.team_id)},
                              {"from", date(filter.from)},
                              {"to", date(filter.to)},
                              {"time_zone", kDefaultTimeZone}}},
      {"funnel", std::move(funnel)},
      {"sources", std::move(sources)},
      {"win_loss", json::object{{"won", report.won}, {"lost", report.lost}, {"lost_by_reason", std::move(lost)}}},
      {"forecast", json::object{{"by_stage", std::move(forecast_stages)},
                                {"open_count", report.open},
                                {"weighted_total", MoneyJson(report.weighted_total)},
                                {"won_count", report.won},
                                {"won_revenue", MoneyJson(report.won_revenue)}}},
      {"rounding", "half_even"}};
}

http::Response PipelineReportRoute(const http::Request& request, http::Context& ctx) {
  FieldErrors errors;
  ReportFilter filter;
  auto id = [&](std::string_view name, std::optional<int64_t>& into) {
    if (auto v = request.Query(name); v && !v->empty()) {
      into = http::ParsePositiveInt(*v);
      if (!into) errors.Add(std::string(name), "invalid_format", std::string(name) + " is an id");
    }
  };
  auto date = [&](std::string_view name, std::optional<Date>& into) {
    if (auto v = request.Query(name); v && !v->empty()) {
      into = ParseReportDate(*v);
      if (!into) errors.Add(std::string(name), "invalid_format", std::string(name) + " is a date, YYYY-MM-DD");
    }
  };
  id("owner_id", filter.owner_id);
  id("team_id", filter.team_id);
  date("from", filter.from);
  date("to", filter.to);
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  auto report = GetPipelineReport(ctx, filter);
  if (!report) return Fail(report.error(), request, ctx);
  return http::JsonResponse(200, ReportJson(*report, filter));
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/leads", http::Requires(kLeadsRead), ListLeadsRoute);
  router.Post("/api/v1/leads", http::Requires(kLeadsCreate), CreateLeadRoute);
  router.Get("/api/v1/leads/{id}", http::Requires(kLeadsRead), GetLeadRoute);
  router.Patch("/api/v1/leads/{id}", http::Requires(kLeadsUpdate), PatchLeadRoute);
  router.Post("/api/v1/leads/{id}/assign", http::Requires(kLeadsAssign), AssignLeadRoute);
  router.Put("/api/v1/leads/{id}/checks/{condition}", http::Requires(kLeadsUpdate), CheckRoute);
  router.Post("/api/v1/leads/{id}/evaluation", http::Requires(kLeadsUpdate), EvaluationRoute);
  router.Post("/api/v1/leads/{id}/review", http::Requires(kLeadsReview), ReviewRoute);
  router.Post("/api/v1/leads/{id}/convert", http::Requires(kLeadsConvert), ConvertRoute);
  router.Post("/api/v1/leads/{id}/reveal", http::Requires(audit::kPiiView), RevealRoute);
  router.Get("/api/v1/opportunities", http::Requires(kOpportunitiesRead), ListOpportunitiesRoute);
  router.Post("/api/v1/opportunities", http::Requires(kOpportunitiesCreate), CreateOpportunityRoute);
  router.Get("/api/v1/opportunities/{id}", http::Requires(kOpportunitiesRead), GetOpportunityRoute);
  router.Patch("/api/v1/opportunities/{id}", http::Requires(kOpportunitiesUpdate), PatchOpportunityRoute);
  router.Post("/api/v1/opportunities/{id}/stage", http::Requires(kOpportunitiesUpdate), StageRoute);
  router.Post("/api/v1/opportunities/{id}/won", http::Requires(kOpportunitiesUpdate), WonRoute);
  router.Post("/api/v1/opportunities/{id}/lost", http::Requires(kOpportunitiesUpdate), LostRoute);
  router.Get("/api/v1/sales/score-weights", http::Requires(kSalesSettingsRead), GetWeightsRoute);
  router.Put("/api/v1/sales/score-weights", http::Requires(kSalesSettingsUpdate), PutWeightsRoute);
  router.Get("/api/v1/sales/region-rules", http::Requires(kSalesSettingsRead), GetRulesRoute);
  router.Get("/api/v1/sales/pipeline-report", http::Requires(kOpportunitiesRead), PipelineReportRoute);
  router.Put("/api/v1/sales/region-rules", http::Requires(kSalesSettingsUpdate), PutRulesRoute);
}

}  // namespace consign::sales
