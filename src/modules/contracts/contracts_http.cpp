#include "modules/contracts/contracts_http.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "modules/contracts/access.hpp"
#include "modules/contracts/contract_json.hpp"
#include "modules/contracts/contract_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::contracts {

namespace json = boost::json;

namespace {

using http::Fail;

json::object ApprovalJson(const StoredApproval& a) {
  return json::object{{"round", a.round},
                      {"step", ApproverName(a.step)},
                      {"decision", a.approved ? "approved" : "rejected"},
                      {"user_id", a.user_id.value()},
                      {"login", a.login},
                      {"reason", a.reason},
                      {"decided_at", FormatRfc3339(a.decided_at)}};
}

json::object SummaryJson(const StoredContract& c, TermsView view) {
  json::object o;
  o["id"] = c.id.value();
  o["number"] = c.number;
  o["customer_id"] = c.customer_id.value();
  o["state"] = StateName(c.state);
  o["version"] = c.current_version;
  o["effective_from"] = FormatDate(c.effective_from);
  o["start_date"] = FormatDate(c.terms.start_date);
  o["end_date"] = FormatDate(c.terms.end_date);
  json::array services;
  for (const std::string& s : c.terms.services) services.emplace_back(s);
  o["services"] = std::move(services);
  if (view == TermsView::kStaff) {
    o["owner_user_id"] = c.owner.value();
    o["revision"] = c.revision;
  }
  return o;
}

json::object DetailJson(const ContractDetail& d) {
  const TermsView view = d.customer_facing ? TermsView::kCustomerFacing : TermsView::kStaff;
  const StoredContract& c = d.contract;
  json::object o = SummaryJson(c, view);
  o["customer_name"] = d.customer_name;
  o["terms"] = TermsToJson(c.terms, view);
  if (view == TermsView::kStaff) {
    o["created_by"] = c.created_by.value();
    o["submitted_by"] = c.submitted_by ? json::value(c.submitted_by->value()) : json::value(nullptr);
    o["approval_round"] = c.approval_round;
    json::array required, approvals, reasons;
    for (Approver a : d.required) required.emplace_back(ApproverName(a));
    for (const StoredApproval& a : d.approvals) approvals.push_back(ApprovalJson(a));
    for (const std::string& r : c.rejection_reasons) reasons.emplace_back(r);
    o["required_approvals"] = std::move(required);
    o["approvals"] = std::move(approvals);
    o["rejection_reasons"] = std::move(reasons);
    o["renewed_from_id"] = c.renewed_from ? json::value(c.renewed_from->value()) : json::value(nullptr);
    o["renewal_id"] = c.renewed_by ? json::value(c.renewed_by->value()) : json::value(nullptr);
    o["created_at"] = FormatRfc3339(c.created_at);
    o["updated_at"] = FormatRfc3339(c.updated_at);
    if (d.pending) {
      json::array pending_required;
      for (Approver a : d.pending_required) pending_required.emplace_back(ApproverName(a));
      o["pending_amendment"] = json::object{{"version", d.pending->version},
                                            {"effective_from", FormatDate(d.pending->effective_from)},
                                            {"note", d.pending->note},
                                            {"proposed_by", d.pending->created_by.value()},
                                            {"required_approvals", std::move(pending_required)},
                                            {"terms", TermsToJson(d.pending->terms, TermsView::kStaff)}};
    } else {
      o["pending_amendment"] = nullptr;
    }
  }
  return o;
}

http::Response DetailResponse(int status, const ContractDetail& d) {
  http::Response r = http::JsonResponse(status, DetailJson(d));
  if (!d.customer_facing) r.Set("ETag", "\"" + std::to_string(d.contract.revision) + "\"");
  return r;
}

http::Response Answer(Result<ContractDetail> d, int status, const http::Request& request, http::Context& ctx) {
  if (!d) return Fail(d.error(), request, ctx);
  return DetailResponse(status, *d);
}

std::optional<ContractId> IdOf(const http::Request& request) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return std::nullopt;
  return ContractId{*id};
}

// The terms fields of a body, read onto the terms a use case hands over. `fields` also reads the
// request's own fields first (customer_id, effective_from ...); Finish() refuses anything unknown.
TermsEdit EditFrom(const json::object& body, std::vector<std::string_view> own_fields) {
  return [&body, own_fields](Terms& terms) -> Status {
    http::JsonFields fields(body);
    for (std::string_view f : own_fields) (void)fields.IsPresent(f);
    ReadTerms(fields, terms);
    return fields.Finish();
  };
}

http::Response ListRoute(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  ContractFilter filter;
  filter.limit = page->limit;
  filter.cursor = page->cursor;
  if (auto raw = request.Query("customer_id")) {
    auto id = http::ParsePositiveInt(*raw);
    if (!id) return Fail(InvalidField("customer_id", "invalid_format", "customer_id is an account id"), request, ctx);
    filter.customer_id = CustomerId{*id};
  }
  if (auto raw = request.Query("state")) {
    filter.state = ParseState(*raw);
    if (!filter.state)
      return Fail(InvalidField("state", "invalid_enum",
                               "state must be one of: draft, in_approval, approved, active, expiring, renewed, ended"),
                  request, ctx);
  }
  auto rows = contracts::List(ctx, filter);
  if (!rows) return Fail(rows.error(), request, ctx);
  const TermsView view = Holds(ctx.principal(), kInternal) ? TermsView::kStaff : TermsView::kCustomerFacing;
  return http::PageResponse(*rows, filter.limit, [](const StoredContract& c) { return c.id.value(); },
                            [view](const StoredContract& c) { return SummaryJson(c, view); });
}

http::Response CreateRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto customer = http::ReadInt(*body, "customer_id", 1);
  if (!customer) return Fail(customer.error(), request, ctx);
  std::optional<Date> start;
  if (http::IsPresent(*body, "start_date")) {
    auto text = http::ReadString(*body, "start_date", 10);
    if (!text) return Fail(text.error(), request, ctx);
    start = ParseDate(*text);
    if (!start) return Fail(InvalidField("start_date", "invalid_format", "start_date must be YYYY-MM-DD"), request, ctx);
  }
  auto created = contracts::Create(ctx, CustomerId{*customer}, start, EditFrom(*body, {"customer_id"}));
  if (!created) return Fail(created.error(), request, ctx);
  http::Response r = DetailResponse(201, *created);
  r.Set("Location", "/api/v1/contracts/" + std::to_string(created->contract.id.value()));
  return r;
}

http::Response Show(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  return Answer(contracts::Get(ctx, *id), 200, request, ctx);
}

http::Response Edit(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto expected = http::ExpectedVersion(request, "contract");
  if (!expected) return Fail(expected.error(), request, ctx);
  // The shared reader caps a version at INT32_MAX: a contract's revision is an int.
  const std::optional<int> revision =
      *expected ? std::optional<int>(static_cast<int>(**expected)) : std::nullopt;
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  return Answer(EditDraft(ctx, *id, revision, EditFrom(*body, {})), 200, request, ctx);
}

// {"product": "standard"} with If-Match: the draft gets its agreement card, a copy of the published one.
http::Response AttachRateCardRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto expected = http::ExpectedVersion(request, "contract");
  if (!expected) return Fail(expected.error(), request, ctx);
  const std::optional<int> revision =
      *expected ? std::optional<int>(static_cast<int>(**expected)) : std::nullopt;
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  const std::string product = fields.String("product", 40);
  if (Status read = fields.Finish(); !read) return Fail(read.error(), request, ctx);
  return Answer(AttachRateCard(ctx, *id, revision, product), 200, request, ctx);
}

template <Result<ContractDetail> (*Action)(Scope&, ContractId)>
http::Response Act(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  return Answer(Action(ctx, *id), 200, request, ctx);
}

http::Response RejectRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  std::vector<std::string> reasons = fields.StringArray("reasons", 20, 500);
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  return Answer(Reject(ctx, *id, std::move(reasons)), 200, request, ctx);
}

http::Response RenewRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto renewal = Renew(ctx, *id);
  if (!renewal) return Fail(renewal.error(), request, ctx);
  http::Response r = DetailResponse(201, *renewal);
  r.Set("Location", "/api/v1/contracts/" + std::to_string(renewal->contract.id.value()));
  return r;
}

http::Response AmendRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto from_text = http::ReadString(*body, "effective_from", 10);
  if (!from_text) return Fail(from_text.error(), request, ctx);
  auto from = ParseDate(*from_text);
  if (!from) return Fail(InvalidField("effective_from", "invalid_format", "effective_from must be YYYY-MM-DD"), request, ctx);
  auto note = http::OptString(*body, "note", 500);
  if (!note) return Fail(note.error(), request, ctx);
  auto amended = Amend(ctx, *id, *from, note->value_or(""), EditFrom(*body, {"effective_from", "note"}));
  if (!amended) return Fail(amended.error(), request, ctx);
  http::Response r = DetailResponse(201, *amended);
  if (amended->pending)
    r.Set("Location", "/api/v1/contracts/" + std::to_string(id->value()) + "/versions/" +
                          std::to_string(amended->pending->version));
  return r;
}

json::object VersionJson(const StoredVersion& v) {
  return json::object{{"version", v.version},
                      {"status", VersionStatusName(v.status)},
                      {"effective_from", FormatDate(v.effective_from)},
                      {"note", v.note},
                      {"created_by", v.created_by.value()},
                      {"created_at", FormatRfc3339(v.created_at)},
                      {"terms", TermsToJson(v.terms, TermsView::kStaff)}};
}

http::Response VersionsRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto versions = Versions(ctx, *id);
  if (!versions) return Fail(versions.error(), request, ctx);
  json::array items;
  for (const StoredVersion& v : *versions) items.push_back(VersionJson(v));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response VersionRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  auto number = http::ParsePositiveInt(request.PathParam("version"));
  if (!id || !number) return Fail(NotFound("Contract version"), request, ctx);
  auto versions = Versions(ctx, *id);
  if (!versions) return Fail(versions.error(), request, ctx);
  for (const StoredVersion& v : *versions)
    if (v.version == *number) return http::JsonResponse(200, VersionJson(v));
  return Fail(NotFound("Contract version"), request, ctx);
}

http::Response PrintRoute(const http::Request& request, http::Context& ctx) {
  auto id = IdOf(request);
  if (!id) return Fail(NotFound("Contract"), request, ctx);
  auto html = Print(ctx, *id);
  if (!html) return Fail(html.error(), request, ctx);
  http::Response r = http::Response::Text(200, *std::move(html), "text/html; charset=utf-8");
  r.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  return r;
}

http::Response InboxRoute(const http::Request& request, http::Context& ctx) {
  auto inbox = InboxFor(ctx);
  if (!inbox) return Fail(inbox.error(), request, ctx);
  json::array approvals, notices;
  for (const InboxItem& item : inbox->approvals) {
    json::object o = SummaryJson(item.contract, TermsView::kStaff);
    o["customer_name"] = item.customer_name;
    o["step"] = ApproverName(item.step);
    o["amendment_version"] = item.amendment_version ? json::value(*item.amendment_version) : json::value(nullptr);
    o["annual_value"] = MoneyToJson(item.contract.terms.annual_value);
    json::array diffs;
    for (const Difference& d : item.differences)
      diffs.push_back(json::object{{"field", d.field}, {"standard", d.standard}, {"proposed", d.proposed}});
    o["differences"] = std::move(diffs);
    approvals.push_back(std::move(o));
  }
  for (const Notice& n : inbox->notices)
    notices.push_back(json::object{{"id", n.id},
                                   {"contract_id", n.contract_id.value()},
                                   {"kind", n.kind},
                                   {"about", n.about},
                                   {"message", n.message},
                                   {"created_at", FormatRfc3339(n.created_at)}});
  return http::JsonResponse(200, json::object{{"approvals", std::move(approvals)}, {"notices", std::move(notices)}});
}

json::object RulesJson(const ApprovalRules& r) {
  return json::object{{"manager_threshold", MoneyToJson(r.manager_threshold)},
                      {"standard_compensation_cap", MoneyToJson(r.standard_compensation_cap)},
                      {"standard_account_period_days", r.standard_account_period_days},
                      {"cod_needs_finance", r.cod_needs_finance},
                      {"expiry_warning_days", r.expiry_warning_days}};
}

http::Response GetRulesRoute(const http::Request& request, http::Context& ctx) {
  auto rules = GetRules(ctx);
  if (!rules) return Fail(rules.error(), request, ctx);
  return http::JsonResponse(200, RulesJson(*rules));
}

Money ReadAmount(http::JsonFields& fields, std::string_view field) {
  const json::object* obj = fields.OptObject(field);
  if (!obj) {
    if (fields.ok()) fields.Add(fields.Path(field), "required", std::string(field) + " is an amount {amount_minor, currency}");
    return Money{};
  }
  http::JsonFields sub(*obj, fields.Path(field));
  const int64_t minor = sub.Int("amount_minor");
  (void)sub.OptEnum("currency", {"CNY"});  // rules are in CNY; another code is invalid_enum
  if (Status s = sub.Finish(); !s) fields.Merge(s.error());
  return Money::Cny(minor);
}

http::Response PutRulesRoute(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields fields(*body);
  ApprovalRules rules;
  rules.manager_threshold = ReadAmount(fields, "manager_threshold");
  rules.standard_compensation_cap = ReadAmount(fields, "standard_compensation_cap");
  rules.standard_account_period_days = static_cast<int>(fields.Int("standard_account_period_days", 0, 365));
  rules.cod_needs_finance = fields.Bool("cod_needs_finance");
  rules.expiry_warning_days = static_cast<int>(fields.Int("expiry_warning_days", 1, 365));
  if (Status s = fields.Finish(); !s) return Fail(s.error(), request, ctx);
  auto saved = SetRules(ctx, rules);
  if (!saved) return Fail(saved.error(), request, ctx);
  return http::JsonResponse(200, RulesJson(*saved));
}

}  // namespace

void RegisterRoutes(http::Router& router) {
  router.Get("/api/v1/contracts", http::Requires(kRead), ListRoute);
  router.Post("/api/v1/contracts", http::Requires(kCreate), CreateRoute);
  router.Get("/api/v1/contracts/{id}", http::Requires(kRead), Show);
  router.Patch("/api/v1/contracts/{id}", http::Requires(kUpdate), Edit);
  router.Post("/api/v1/contracts/{id}/rate-card", http::Requires(kUpdate), AttachRateCardRoute);
  router.Post("/api/v1/contracts/{id}/submit", http::Requires(kUpdate), Act<Submit>);
  router.Post("/api/v1/contracts/{id}/approve", http::Requires(kApprove), Act<Approve>);
  router.Post("/api/v1/contracts/{id}/reject", http::Requires(kApprove), RejectRoute);
  router.Post("/api/v1/contracts/{id}/activate", http::Requires(kActivate), Act<Activate>);
  router.Post("/api/v1/contracts/{id}/amendments", http::Requires(kAmend), AmendRoute);
  router.Get("/api/v1/contracts/{id}/versions", http::Requires(kInternal), VersionsRoute);
  router.Get("/api/v1/contracts/{id}/versions/{version}", http::Requires(kInternal), VersionRoute);
  router.Post("/api/v1/contracts/{id}/renew", http::Requires(kEnd), RenewRoute);
  router.Post("/api/v1/contracts/{id}/end", http::Requires(kEnd), Act<End>);
  router.Get("/api/v1/contracts/{id}/print", http::Requires(kRead), PrintRoute);
  router.Get("/api/v1/contract-inbox", http::Requires(kInternal), InboxRoute);
  router.Get("/api/v1/contract-approval-rules", http::Requires(kRules), GetRulesRoute);
  router.Put("/api/v1/contract-approval-rules", http::Requires(kRules), PutRulesRoute);
}

}  // namespace consign::contracts
