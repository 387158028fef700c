// The export routes: parse → StartExport / GetExport / ExportFile → map the Result.
#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "modules/customers/access.hpp"
#include "modules/customers/customer_bulk.hpp"
#include "modules/customers/customer_export_service.hpp"
#include "modules/customers/customers_http.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

using http::Fail;

std::string StatusUrl(int64_t id) { return "/api/v1/customers/exports/" + std::to_string(id); }

json::object ExportJson(const ExportRecord& r) {
  json::object o{{"id", r.id},
                 {"status", ExportStatusName(r.status)},
                 {"format", ExportFormatName(r.format)},
                 {"unmasked", r.unmasked},
                 {"total_rows", r.total_rows},
                 {"rows_written", r.rows_written},
                 {"created_at", FormatRfc3339(r.created_at)},
                 {"expires_at", FormatRfc3339(r.expires_at)},
                 {"status_url", StatusUrl(r.id)}};
  o["download_url"] = r.status == ExportStatus::kDone && r.background ? json::value(StatusUrl(r.id) + "/file")
                                                                     : json::value(nullptr);
  return o;
}

std::string AttachmentName(ExportFormat format) {
  return "attachment; filename=\"customers." + std::string(ExportFormatName(format)) + "\"";
}

http::Response ExportHandler(const http::Request& request, http::Context& ctx, const CursorKey& cursor_key,
                             const ExportSettings& settings, jobs::JobRunner& runner) {
  ExportRequest in;
  FieldErrors errors;
  if (auto v = request.Query("format"); v && !v->empty()) {
    if (auto format = ParseExportFormat(*v)) in.format = *format;
    else errors.Add("format", "invalid_enum", "format must be one of: csv, xlsx");
  }
  if (auto v = request.Query("unmasked"); v && !v->empty()) {
    if (*v == "true" || *v == "1") in.unmasked = true;
    else if (*v == "false" || *v == "0") in.unmasked = false;
    else errors.Add("unmasked", "invalid_type", "unmasked must be true or false");
  }
  if (auto v = request.Query("columns"); v && !v->empty()) {
    if (auto columns = ParseExportColumns(*v)) in.layout.columns = *std::move(columns);
    else for (const FieldError& e : columns.error().fields) errors.Add(e.field, e.reason, e.message);
  }
  if (auto lang = RequestLanguage(request.Query("lang"), request.Header("accept-language").value_or("")))
    in.layout.lang = *lang;
  else
    errors.Add("lang", "invalid_enum", "lang must be one of: zh, en");
  // The selection of a list (ids=4,9,12): at most 500, as a bulk action. The other filters still
  // apply (status=active by default), and so does the record rule.
  std::optional<std::vector<int64_t>> selection;
  if (auto v = request.Query("ids"); v && !v->empty()) {
    std::vector<int64_t> ids;
    std::string_view list = *v;
    bool ok = true;
    while (ok && !list.empty()) {
      const size_t comma = list.find(',');
      auto id = http::ParsePositiveInt(list.substr(0, comma));
      ok = id.has_value();
      if (id) ids.push_back(*id);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    if (!ok) errors.Add("ids", "invalid_format", "ids is a comma-separated list of customer ids");
    else if (ids.size() > kMaxBulkIds) errors.Add("ids", "too_long", "at most 500 ids");
    else selection = std::move(ids);
  }
  if (!errors.empty()) return Fail(std::move(errors).ToError(), request, ctx);
  in.reason = request.Query("reason");
  in.reason_text = request.Query("reason_text");
  auto q = ParseListQuery(request, cursor_key);
  if (!q) return Fail(q.error(), request, ctx);
  in.query = *std::move(q);
  in.query.ids = std::move(selection);
  std::chrono::seconds retry_after{0};
  auto started = StartExport(ctx, std::move(in), settings, &retry_after);
  if (!started) {
    http::Response r = Fail(started.error(), request, ctx);
    if (started.error().code == ErrorCode::kTooManyRequests) r.Set("Retry-After", std::to_string(retry_after.count()));
    return r;
  }
  const ExportRecord& record = started->record;
  if (record.background) {
    runner.Poke();  // its job was queued just now
    http::Response r = http::JsonResponse(202, ExportJson(record));
    r.Set("Location", StatusUrl(record.id));
    return r;
  }
  http::Response r =
      http::Response::Text(200, std::move(started->file), std::string(ExportContentType(record.format)));
  r.Set("Content-Disposition", AttachmentName(record.format));
  r.Set("X-Export-Rows", std::to_string(record.rows_written));
  return r;
}

http::Response StatusHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Export"), request, ctx);
  auto record = GetExport(ctx, *id);
  if (!record) return Fail(record.error(), request, ctx);
  return http::JsonResponse(200, ExportJson(*record));
}

http::Response FileHandler(const http::Request& request, http::Context& ctx, const ExportSettings& settings) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Export"), request, ctx);
  auto download = ExportFile(ctx, *id, settings);
  if (!download) return Fail(download.error(), request, ctx);
  // The response body is a string: the file is read whole (at most export_max_rows rows).
  std::ifstream in(download->path, std::ios::binary);
  if (!in) return Fail(MakeError(ErrorCode::kInvalidState, "This export's file is gone; export again."), request, ctx);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r = http::Response::Text(200, bytes.str(), std::string(ExportContentType(download->format)));
  r.Set("Content-Disposition", AttachmentName(download->format));
  return r;
}

}  // namespace

void RegisterExportRoutes(http::Router& router, const CursorKey& cursor_key, const ExportSettings& settings,
                          jobs::JobRunner& runner) {
  router.Get("/api/v1/customers/export", http::Requires(kExport),
             [&cursor_key, &settings, &runner](const http::Request& r, http::Context& c) {
               return ExportHandler(r, c, cursor_key, settings, runner);
             });
  router.Get("/api/v1/customers/exports/{id}", http::Requires(kExport), StatusHandler);
  router.Get("/api/v1/customers/exports/{id}/file", http::Requires(kExport),
             [&settings](const http::Request& r, http::Context& c) { return FileHandler(r, c, settings); });
}

}  // namespace consign::customers
