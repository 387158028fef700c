#include "modules/customers/customers_http.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "modules/customers/access.hpp"
#include "modules/customers/brand_service.hpp"
#include "modules/customers/customer_import_service.hpp"
#include "modules/customers/customer_json.hpp"
#include "modules/customers/customer_service.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "core/text.hpp"
#include "platform/http/problem.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

using http::Fail;

http::Response CustomerResponse(int status, const Customer& c, http::Context& ctx) {
  // A portal user gets the customer-facing view, without the version it has no use for (no writes).
  if (ViewFor(ctx.principal()) == AccountView::kCustomerFacing)
    return http::JsonResponse(status, ToCustomerFacingJson(c));
  http::Response r = http::Response::Json(status, ToJsonText(c));
  r.Set("ETag", "\"" + std::to_string(c.version) + "\"");
  return r;
}

}  // namespace

// The filters of GET /api/v1/customers (and of the export, which takes the same ones).
Result<ListQuery> ParseListQuery(const http::Request& request, const CursorKey& cursor_key) {
  ListQuery q;
  FieldErrors errors;
  auto invalid_enum = [&](std::string_view name, std::span<const std::string_view> allowed) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    errors.Add(std::string(name), "invalid_enum", std::string(name) + " must be one of: " + list);
  };
  auto text = [&](std::string_view name, size_t max, std::string& into) {
    if (auto v = request.Query(name)) {
      if (v->size() > max) errors.Add(std::string(name), "too_long", std::string(name) + " is too long");
      else into = std::string(*v);
    }
  };
  auto one_of = [&](std::string_view name, std::span<const std::string_view> allowed, std::string& into) {
    if (auto v = request.Query(name); v && !v->empty()) {
      if (!IsOneOf(*v, allowed)) {
        invalid_enum(name, allowed);
      } else {
        into = std::string(*v);
      }
    }
  };
  auto number = [&](std::string_view name, std::optional<int64_t>& into) {
    if (auto v = request.Query(name); v && !v->empty()) {
      if (auto n = http::ParsePositiveInt(*v)) into = *n;
      else errors.Add(std::string(name), "invalid_type", std::string(name) + " must be a positive whole number");
    }
  };
  text("q", 100, q.q);
  text("tag", 30, q.tag);
  text("province", 30, q.province);
  text("city", 30, q.city);
  std::string cursor;
  text("cursor", 600, cursor);
  one_of("kind", kKinds, q.kind);
  one_of("industry", kIndustries, q.industry);
  for (size_t i = 0; i < kClassificationKeys.size(); ++i)
    one_of(kClassificationKeys[i].name, kClassificationKeys[i].values, q.classification[i]);
  if (auto v = request.Query("status"); v && !v->empty()) {
    static constexpr std::array<std::string_view, 3> kStatusFilter = {"active", "archived", "all"};
    if (*v == "all") q.status.reset();
    else if (auto status = ParseStatus(*v)) q.status = *status;
    else invalid_enum("status", kStatusFilter);
  }
  if (auto v = request.Query("sort"); v && !v->empty()) {
    if (auto sort = ParseSort(*v)) q.sort = *sort;
    else invalid_enum("sort", kSorts);
  }
  if (!cursor.empty()) {
    // A cursor this API did not make, or made for another order, is refused: answering the first
    // page instead would look like a successful next page.
    auto after = DecodeCursor(cursor, cursor_key);
    if (!after) {
      for (const FieldError& e : after.error().fields) errors.Add(e.field, e.reason, e.message);
    } else if (after->sort != OrderOf(q)) {
      errors.Add("cursor", "invalid_format", "cursor belongs to another sort or search; start again without it");
    } else {
      q.after = *std::move(after);
    }
  }
  number("owner_id", q.owner_id);
  number("team_id", q.team_id);
  if (auto v = request.Query("scope"); v && !v->empty()) {
    if (auto tab = ParseTab(*v)) q.tab = *tab;
    else invalid_enum("scope", kTabs);
  }
  auto instant = [&](std::string_view name, std::optional<Instant>& into) {
    if (auto v = request.Query(name); v && !v->empty()) {
      if (auto t = ParseRfc3339(*v)) into = *t;
      else errors.Add(std::string(name), "invalid_format", std::string(name) + " must be an RFC 3339 time, e.g. 2026-11-01T00:00:00+08:00");
    }
  };
  instant("created_from", q.created_from);
  instant("updated_before", q.updated_before);
  if (auto v = request.Query("limit")) {
    auto n = http::ParsePositiveInt(*v);
    if (!n || *n > 200) errors.Add("limit", "out_of_range", "limit must be a whole number from 1 to 200");
    else q.limit = static_cast<int>(*n);
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return q;
}

namespace {

// Page-number mode reads at most this deep into a list (page × limit): an OFFSET makes the database
// walk every row before it, so deep pages would let anyone load the server. Past it, filters narrow
// the list, or cursors walk it.
constexpr int64_t kMaxOffsetRows = 10'000;

// `page` (1-based, with `limit`) and `with_total` of GET /api/v1/customers. Page mode answers the
// total always; cursor mode only when asked (COUNT over a million SQLite rows measured ~200 ms of CPU,
// too much to pay on every next page).
struct Paging {
  std::optional<int64_t> page;
  bool with_total = false;
};

Result<Paging> ParsePaging(const http::Request& request, const ListQuery& q) {
  Paging paging;
  if (auto v = request.Query("page"); v && !v->empty()) {
    auto n = http::ParsePositiveInt(*v);
    if (!n) return InvalidField("page", "invalid_type", "page must be a whole number from 1");
    if (q.after) return InvalidField("page", "conflicts_with_cursor", "send page or cursor, not both");
    if (*n > kMaxOffsetRows / q.limit)
      return InvalidField("page", "too_deep",
                          "pages reach " + std::to_string(kMaxOffsetRows) + " rows deep at most (page " +
                              std::to_string(kMaxOffsetRows / q.limit) + " at this limit); narrow the list with filters or a search, or walk it with cursors");
    paging.page = *n;
    paging.with_total = true;
  }
  if (auto v = request.Query("with_total"); v && !v->empty()) {
    if (*v == "true" || *v == "1") paging.with_total = true;
    else if (*v == "false" || *v == "0") paging.with_total = paging.page.has_value();
    else return InvalidField("with_total", "invalid_type", "with_total must be true or false");
  }
  return paging;
}

http::Response ListHandler(const http::Request& request, http::Context& ctx, const CursorKey& cursor_key) {
  auto q = ParseListQuery(request, cursor_key);
  if (!q) return Fail(q.error(), request, ctx);
  auto paging = ParsePaging(request, *q);
  if (!paging) return Fail(paging.error(), request, ctx);
  if (paging->page) q->offset = (*paging->page - 1) * q->limit;
  const int limit = q->limit;
  auto page = List(ctx, *std::move(q), paging->with_total);
  if (!page) return Fail(page.error(), request, ctx);
  json::array items;
  const bool customer_facing = ViewFor(ctx.principal()) == AccountView::kCustomerFacing;
  for (const Customer& c : page->items)
    items.push_back(customer_facing ? ToCustomerFacingSummaryJson(c) : ToSummaryJson(c));
  json::object body{{"items", std::move(items)}};
  if (paging->page) {
    // Page mode: the next page is page + 1; no cursor, so the two modes never mix.
    body["next_cursor"] = nullptr;
    body["page"] = *paging->page;
    body["limit"] = limit;
  } else {
    body["next_cursor"] = page->next ? json::value(EncodeCursor(*page->next, cursor_key)) : json::value(nullptr);
  }
  if (page->total) body["total"] = *page->total;
  return http::JsonResponse(200, std::move(body));
}

// GET /api/v1/customers/stats. Every bucket carries the list filters (query parameters of GET
// /api/v1/customers) that list exactly its accounts, or null when no filter can (accounts not
// classified on the key, the provinces summed as "other").
http::Response StatsHandler(const http::Request& request, http::Context& ctx) {
  ListQuery base;
  FieldErrors errors;
  json::object base_filter;  // what every bucket's filter starts from: the status and tab asked for
  if (auto v = request.Query("status"); v && !v->empty()) {
    if (*v == "all") base.status.reset();
    else if (auto status = ParseStatus(*v)) base.status = *status;
    else errors.Add("status", "invalid_enum", "status must be one of: active, archived, all");
    if (*v != "active") base_filter["status"] = *v;
  }
  if (auto v = request.Query("scope"); v && !v->empty()) {
    if (auto tab = ParseTab(*v)) base.tab = *tab;
    else errors.Add("scope", "invalid_enum", "scope must be one of: all, mine, team");
    if (*v != "all") base_filter["scope"] = *v;
  }
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  auto stats = Stats(ctx, base);
  if (!stats) return Fail(stats.error(), request, ctx);

  auto with = [&](std::initializer_list<std::pair<std::string_view, json::value>> extra) {
    json::object filter = base_filter;
    for (const auto& [key, value] : extra) filter[key] = value;
    return filter;
  };
  json::object by;
  for (const Breakdown& b : stats->breakdowns) {
    json::array buckets;
    for (const ValueCount& v : b.values) {
      if (v.value.empty()) buckets.push_back(json::object{{"key", nullptr}, {"count", v.count}, {"filter", nullptr}});
      else buckets.push_back(json::object{{"key", v.value}, {"count", v.count}, {"filter", with({{b.column, json::value(v.value)}})}});
    }
    if (b.other > 0) buckets.push_back(json::object{{"key", "other"}, {"count", b.other}, {"filter", nullptr}});
    by[b.column] = std::move(buckets);
  }
  const std::string since = FormatRfc3339(stats->month_start);
  const std::string before = FormatRfc3339(stats->stale_before);
  json::object body{
      {"total", json::object{{"count", stats->total}, {"filter", base_filter}}},
      {"by", std::move(by)},
      {"new_this_month", json::object{{"count", stats->new_this_month}, {"since", since},
                                      {"filter", with({{"created_from", json::value(since)}})}}},
      {"mine", json::object{{"count", stats->mine}, {"filter", with({{"scope", "mine"}})}}},
      {"due", json::object{{"kind", "not_updated_90_days"}, {"count", stats->mine_stale}, {"before", before},
                           {"filter", with({{"scope", "mine"}, {"updated_before", json::value(before)}})}}},
  };
  return http::JsonResponse(200, std::move(body));
}

http::Response CreateHandler(const http::Request& request, http::Context& ctx) {
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  Customer draft;
  if (Status s = ApplyJson(*body, draft, /*is_create=*/true); !s) return Fail(s.error(), request, ctx);
  auto key = http::IdempotencyKey(request);
  if (!key) return Fail(key.error(), request, ctx);
  auto created = Create(ctx, std::move(draft), *key);
  if (!created) return Fail(created.error(), request, ctx);
  http::Response r = CustomerResponse(201, *created, ctx);
  r.Set("Location", "/api/v1/customers/" + std::to_string(created->id));
  return r;
}

// The account read with its brand. Both views are one JSON object: its closing brace makes room for
// one more member (the staff view is written straight to text, ToJsonText, not rebuilt here). An
// answer made of what the account is now is served as it was kept (answer_cache.hpp).
http::Response GetHandler(const http::Request& request, http::Context& ctx, AnswerCache& cache) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto stamp = AnswerStampOf(ctx, *id);
  if (!stamp) return Fail(stamp.error(), request, ctx);
  const AccountView view = ViewFor(ctx.principal());
  if (std::optional<std::string> kept = cache.Find(AnswerKey(*id, view), *stamp)) {
    http::Response r = http::Response::Json(200, *std::move(kept));
    if (view == AccountView::kStaff) r.Set("ETag", "\"" + std::to_string(stamp->version) + "\"");
    return r;
  }
  auto c = Get(ctx, *id);
  if (!c) return Fail(c.error(), request, ctx);
  http::Response r = CustomerResponse(200, *c, ctx);
  r.body.pop_back();
  r.body += ",\"brand\":" + json::serialize(BrandJson(stamp->brand)) + "}";
  // Kept with what this answer was made of: the account as Get read it, the brand as read above.
  cache.Keep(AnswerKey(*id, view), AnswerStamp{c->version, c->created_at, c->owner, stamp->brand}, r.body);
  return r;
}

http::Response PatchHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto expected = http::ExpectedVersion(request, "customer");
  if (!expected) return Fail(expected.error(), request, ctx);
  if (!*expected)
    return Fail(Error{ErrorCode::kPreconditionRequired, "Send If-Match with the customer's ETag to change it.", {},
                      {{"If-Match", "required", "If-Match is required"}}},
                request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  auto before = LoadForEdit(ctx, *id);
  if (!before) return Fail(before.error(), request, ctx);
  Customer changed = *before;
  MaskPersonalData(changed);  // what the client saw
  changed.masked = false;
  if (Status s = ApplyJson(*body, changed, /*is_create=*/false); !s) return Fail(s.error(), request, ctx);
  auto saved = Save(ctx, *before, std::move(changed), **expected);
  if (!saved) return Fail(saved.error(), request, ctx);
  return CustomerResponse(200, *saved, ctx);
}

http::Response StatusHandler(const http::Request& request, http::Context& ctx, StatusChange change) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto expected = http::ExpectedVersion(request, "customer");
  if (!expected) return Fail(expected.error(), request, ctx);
  auto c = SetStatus(ctx, *id, change, *expected);
  if (!c) return Fail(c.error(), request, ctx);
  return CustomerResponse(200, *c, ctx);
}

http::Response HistoryHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto entries = History(ctx, *id);
  if (!entries) return Fail(entries.error(), request, ctx);
  json::array items;
  for (const HistoryEntry& h : *entries) {
    const audit::AuditEntryView& e = h.entry;
    json::object o{{"id", e.id},
                   {"at", FormatRfc3339(e.at)},
                   {"actor", e.actor_login},
                   {"actor_name", h.actor_name},
                   {"action", e.action}};
    // Before/after come masked (History): what changed shows, the personal values do not.
    auto record = [&](const std::optional<std::string>& text) -> json::value {
      if (!text) return nullptr;
      return json::parse(*text);
    };
    o["before"] = record(e.before_json);
    o["after"] = record(e.after_json);
    json::array changes;
    for (const FieldChange& c : h.changes)
      changes.push_back(json::object{
          {"path", c.path}, {"change", c.change}, {"before", c.before}, {"after", c.after}, {"item", c.item}});
    o["changes"] = std::move(changes);
    items.push_back(std::move(o));
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

http::Response TemplatesHandler(const http::Request&, http::Context&) {
  json::array items;
  for (const Requirements& r : AllTemplates()) {
    json::object requirements = RequirementsToJson(r);  // a template names its industry "industry"
    items.push_back(json::object{
        {"industry", r.template_industry}, {"notes", r.notes}, {"flags", std::move(requirements["flags"])}});
  }
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

// The parameters of an import or of its failed-rows file: the CSV as the body, mode, dry_run,
// encoding, file_name (for the history) and mapping (JSON: {"file header": "column key" or null to
// leave the column out}).
Result<ImportRequest> ParseImportRequest(const http::Request& request) {
  const std::string_view type = request.Header("content-type").value_or("");
  if (type.starts_with("multipart/") || type.starts_with("application/json"))
    return MakeError(ErrorCode::kUnsupportedMediaType, "Send the CSV file itself as the body (Content-Type: text/csv).");
  ImportRequest in;
  in.bytes = request.body;
  FieldErrors errors;
  if (auto v = request.Query("mode"); v && !v->empty()) {
    if (auto mode = ParseImportMode(*v)) in.mode = *mode;
    else errors.Add("mode", "invalid_enum", "mode must be one of: all_or_nothing, valid_only");
  }
  if (auto v = request.Query("dry_run"); v && !v->empty()) {
    if (*v == "true" || *v == "1") in.dry_run = true;
    else if (*v == "false" || *v == "0") in.dry_run = false;
    else errors.Add("dry_run", "invalid_type", "dry_run must be true or false");
  }
  if (auto v = request.Query("encoding"); v && !v->empty()) {
    if (auto e = text::ParseEncoding(*v)) in.encoding = *e;
    else errors.Add("encoding", "invalid_enum", "encoding must be one of: auto, utf-8, gb18030");
  }
  if (auto v = request.Query("file_name"); v && !v->empty()) {
    if (text::HasUnsafeCharacters(*v, false))
      errors.Add("file_name", "invalid_characters", "file_name holds a control character or a bidirectional override");
    else in.file_name = text::TruncateBytes(*v, 200);  // a long name is only a label: kept shortened
  }
  if (auto v = request.Query("mapping"); v && !v->empty()) {
    boost::system::error_code ec;
    const json::value parsed = v->size() <= 8000 ? json::parse(*v, ec) : json::value(nullptr);
    if (ec || !parsed.is_object() || parsed.as_object().size() > 100) {
      errors.Add("mapping", "invalid_format", "mapping is a JSON object: {\"file header\": \"column key\" or null}");
    } else {
      for (const auto& [header, key] : parsed.as_object()) {
        if (key.is_null() || (key.is_string() && key.as_string().empty())) {
          in.mapping.emplace_back(std::string(header), std::nullopt);
        } else if (auto column = key.is_string() ? ImportColumnOfKey(key.as_string()) : std::nullopt) {
          in.mapping.emplace_back(std::string(header), column);
        } else {
          errors.Add("mapping", "invalid_enum", "a mapping's values are column keys (code, name, phone ...) or null");
          break;
        }
      }
    }
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return in;
}

http::Response ImportHandler(const http::Request& request, http::Context& ctx) {
  auto in = ParseImportRequest(request);
  if (!in) return Fail(in.error(), request, ctx);
  auto report = Import(ctx, *in);
  if (!report) return Fail(report.error(), request, ctx);
  json::array items;
  for (const ImportRowError& e : report->errors)
    items.push_back(json::object{{"line", e.line}, {"field", e.field}, {"reason", e.reason}, {"message", e.message}});
  std::set<std::size_t> bad_lines;
  for (const ImportRowError& e : report->errors)
    if (e.line > 1) bad_lines.insert(e.line);
  json::array headers;
  json::array unmapped;
  for (const HeaderColumn& h : report->headers) {
    headers.push_back(json::object{{"header", h.header},
                                   {"field", h.column ? json::value(SpecOf(*h.column).key) : json::value(nullptr)},
                                   {"ignored", h.ignored}});
    if (!h.column && !h.ignored) unmapped.emplace_back(h.header);
  }
  json::object body{{"mode", ImportModeName(report->mode)},
                    {"encoding", text::EncodingName(report->encoding)},
                    {"dry_run", report->dry_run},
                    {"total_rows", report->total_rows},
                    {"valid", report->valid},
                    {"imported", report->imported},
                    {"failed", bad_lines.size()},
                    {"committed", report->committed},
                    {"errors", std::move(items)},
                    {"headers", std::move(headers)},
                    {"unmapped_headers", std::move(unmapped)},
                    {"import_id", report->import_id ? json::value(*report->import_id) : json::value(nullptr)}};
  return http::JsonResponse(report->rejected ? 422 : 200, std::move(body));
}

http::Response FailedRowsHandler(const http::Request& request, http::Context& ctx) {
  auto in = ParseImportRequest(request);
  if (!in) return Fail(in.error(), request, ctx);
  auto lang = RequestLanguage(request.Query("lang"), request.Header("accept-language").value_or(""));
  if (!lang) return Fail(InvalidField("lang", "invalid_enum", "lang must be one of: zh, en"), request, ctx);
  auto file = FailedRows(ctx, *in, *lang);
  if (!file) return Fail(file.error(), request, ctx);
  http::Response r = http::Response::Text(200, *std::move(file), std::string(kCsvContentType));
  r.Set("Content-Disposition", "attachment; filename=\"customers-failed-rows.csv\"");
  return r;
}

http::Response ImportHistoryHandler(const http::Request& request, http::Context& ctx) {
  auto page = http::ParseIdPage(request);
  if (!page) return Fail(page.error(), request, ctx);
  auto runs = ImportHistory(ctx, page->limit, page->cursor);
  if (!runs) return Fail(runs.error(), request, ctx);
  return http::PageResponse(
      *runs, page->limit, [](const ImportRun& r) { return r.id; },
      [](const ImportRun& r) {
        return json::object{{"id", r.id},
                            {"user_id", r.user_id},
                            {"login", r.login},
                            {"created_at", FormatRfc3339(r.created_at)},
                            {"file_name", r.file_name},
                            {"mode", r.mode},
                            {"dry_run", r.dry_run},
                            {"encoding", r.encoding},
                            {"outcome", r.outcome},
                            {"total_rows", r.total_rows},
                            {"ok_rows", r.ok_rows},
                            {"failed_rows", r.failed_rows},
                            // The file is not kept (the user's own upload holds personal data): the
                            // failed rows come from POST …/imports/failed-rows with the same file.
                            {"failed_rows_url", nullptr}};
      });
}

http::Response ImportTemplateHandler(const http::Request&, http::Context&) {
  http::Response r = http::Response::Text(200, ImportTemplateCsv(), std::string(kCsvContentType));
  r.Set("Content-Disposition", "attachment; filename=\"customers-template.csv\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv");
  return r;
}

}  // namespace

void RegisterRoutes(http::Router& router, const CursorKey& cursor_key, AnswerCache& answers) {
  router.Get("/api/v1/customers", http::Requires(kRead), [&cursor_key](const http::Request& r, http::Context& c) {
    return ListHandler(r, c, cursor_key);
  });
  router.Post("/api/v1/customers", http::Requires(kCreate), CreateHandler);
  router.Get("/api/v1/customers/stats", http::Requires(kStats), StatsHandler);
  // The hottest read: an account by id is a few indexed reads, run where it was read.
  router.Get("/api/v1/customers/{id}", http::Requires(kRead), [&answers](const http::Request& r, http::Context& c) {
    return GetHandler(r, c, answers);
  }).runs = http::Runs::kInline;
  router.Patch("/api/v1/customers/{id}", http::Requires(kUpdate), PatchHandler);
  router.Post("/api/v1/customers/{id}/archive", http::Requires(kDelete),
              [](const http::Request& r, http::Context& c) { return StatusHandler(r, c, StatusChange::kArchive); });
  router.Post("/api/v1/customers/{id}/restore", http::Requires(kDelete),
              [](const http::Request& r, http::Context& c) { return StatusHandler(r, c, StatusChange::kRestore); });
  router.Get("/api/v1/customers/{id}/history", http::Requires(kHistory), HistoryHandler);
  router.Post("/api/v1/customers/imports", http::Requires(kImport), ImportHandler, http::BodySize::kLarge);
  router.Get("/api/v1/customers/imports", http::Requires(kImport), ImportHistoryHandler);
  router.Post("/api/v1/customers/imports/failed-rows", http::Requires(kImport), FailedRowsHandler,
              http::BodySize::kLarge);
  router.Get("/api/v1/customers/import-template.csv", http::Requires(kImport), ImportTemplateHandler);
  router.Get("/api/v1/industry-templates", http::Requires(kRead), TemplatesHandler);
}

}  // namespace consign::customers
