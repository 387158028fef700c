#include "modules/customers/customer_export_service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "modules/audit/audit_log.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_import.hpp"
#include "modules/customers/customer_service.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

// A running export that has made no progress for this long is taken for dead (its process was
// killed): it no longer blocks its user's next export.
constexpr std::chrono::seconds kStaleRunning{15 * 60};

void WaitWhileHeld(const ExportSettings& settings) {
  if (!settings.test_hold) return;
  std::error_code ignored;
  while (std::filesystem::exists(settings.dir / "hold", ignored))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

// Reads the accounts of `query` page by page in `tx` and writes each page as it comes. `progress`
// hears the rows written so far after every page.
int64_t WriteRows(db::Transaction& tx, ListQuery query, bool unmasked, const ExportLayout& layout, SheetWriter& writer,
                  const ExportSettings& settings, const std::function<void(int64_t)>& progress) {
  query.limit = settings.page_rows;
  query.after.reset();
  int64_t written = 0;
  for (;;) {
    ListPage page = ListCustomers(tx, query);
    for (Customer& c : page.items) {
      if (!unmasked) MaskPersonalData(c);
      writer.Add(ExportRow(c, layout));
      ++written;
    }
    if (progress) progress(written);
    WaitWhileHeld(settings);
    if (!page.next) break;
    query.after = std::move(page.next);
  }
  return written;
}

std::filesystem::path FileOf(const ExportSettings& settings, const ExportRecord& record, std::string_view suffix = "") {
  return settings.dir / fmt::format("customer-export-{}.{}{}", record.id, ExportFormatName(record.format), suffix);
}

// The export's audit entry; REQUIRES: a write transaction.
Status AuditExport(db::Transaction& tx, const ExportRecord& record, int64_t rows, Instant now) {
  audit::AuditEntry entry;
  entry.at = now;
  entry.actor.authenticated = true;
  entry.actor.user_id = UserId{record.user_id};
  entry.actor.login = record.login;
  entry.action = std::string(audit::action::kExport);
  entry.entity = "customer";
  entry.entity_id = "*";
  json::object after{{"export_id", record.id},
                     {"rows", rows},
                     {"unmasked", record.unmasked},
                     {"format", ExportFormatName(record.format)}};
  if (!record.reason.empty()) after["reason"] = record.reason;
  entry.after_json = json::serialize(after);
  entry.request_id = record.request_id;
  return audit::AuditLog{}.Record(tx, entry);
}

// Marks the export finished and audits it, in one short write transaction: the file is handed out
// only once both are committed.
Status Finish(db::Database& writes, const ExportRecord& record, int64_t rows, std::string_view file_name, Instant now) {
  auto tx = writes.Begin(db::TxMode::kWrite);
  FinishExport(*tx, record.id, ExportStatus::kDone, rows, file_name, now);
  CONSIGN_TRY(AuditExport(*tx, record, rows, now));
  if (record.background) jobs::Enqueue(*tx, kExpireExportJob, std::to_string(record.id), record.expires_at, 3);
  tx->Commit();
  return Ok();
}

void MarkFailed(db::Database& writes, const ExportRecord& record, Instant now) {
  auto tx = writes.Begin(db::TxMode::kWrite);
  FinishExport(*tx, record.id, ExportStatus::kFailed, record.rows_written, "", now);
  tx->Commit();
}

Result<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Internal("export: cannot read back " + file.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

std::string ExportQueryToJson(const ListQuery& q, const ExportLayout& layout) {
  json::array classification;
  for (const std::string& c : q.classification) classification.emplace_back(c);
  auto opt = [](const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); };
  json::object o{{"q", q.q},
                 {"kind", q.kind},
                 {"industry", q.industry},
                 {"tag", q.tag},
                 {"province", q.province},
                 {"city", q.city},
                 {"classification", std::move(classification)},
                 {"owner_id", opt(q.owner_id)},
                 {"team_id", opt(q.team_id)},
                 {"created_from", q.created_from ? json::value(FormatRfc3339(*q.created_from)) : json::value(nullptr)},
                 {"updated_before", q.updated_before ? json::value(FormatRfc3339(*q.updated_before)) : json::value(nullptr)},
                 {"status", q.status ? json::value(StatusName(*q.status)) : json::value(nullptr)},
                 {"personal_search", q.personal_search},
                 {"sort", SortName(q.sort)},
                 {"only_customer_id", opt(q.only_customer_id)},
                 {"owner_or_team_user", opt(q.owner_or_team_user)},
                 {"owner_or_team_team", opt(q.owner_or_team_team)},
                 {"none", q.none}};
  if (q.ids) {
    json::array ids;
    for (int64_t id : *q.ids) ids.emplace_back(id);
    o["ids"] = std::move(ids);
  }
  json::array columns;
  for (ImportColumn column : layout.columns) columns.emplace_back(SpecOf(column).key);
  o["columns"] = std::move(columns);
  o["lang"] = layout.lang == Language::kEn ? "en" : "zh";
  return json::serialize(o);
}

Result<ListQuery> ExportQueryFromJson(std::string_view text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return Internal("export: stored query is not a JSON object");
  const json::object& o = parsed.as_object();
  auto str = [&](std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto opt = [&](std::string_view key) -> std::optional<int64_t> {
    const json::value* v = o.if_contains(key);
    if (v && v->is_int64()) return v->as_int64();
    return std::nullopt;
  };
  auto flag = [&](std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
  };
  ListQuery q;
  q.q = str("q");
  q.kind = str("kind");
  q.industry = str("industry");
  q.tag = str("tag");
  q.province = str("province");
  q.city = str("city");
  if (const json::value* c = o.if_contains("classification"); c && c->is_array()) {
    const json::array& values = c->as_array();
    for (size_t i = 0; i < q.classification.size() && i < values.size(); ++i)
      if (values[i].is_string()) q.classification[i] = std::string(values[i].as_string());
  }
  q.owner_id = opt("owner_id");
  q.team_id = opt("team_id");
  if (const std::string from = str("created_from"); !from.empty()) q.created_from = ParseRfc3339(from);
  if (const std::string before = str("updated_before"); !before.empty()) q.updated_before = ParseRfc3339(before);
  q.status.reset();
  if (const std::string status = str("status"); !status.empty()) {
    auto parsed_status = ParseStatus(status);
    if (!parsed_status) return Internal("export: stored query has an unknown status");
    q.status = *parsed_status;
  }
  q.personal_search = flag("personal_search");
  auto sort = ParseSort(str("sort"));
  if (!sort) return Internal("export: stored query has an unknown sort");
  q.sort = *sort;
  q.only_customer_id = opt("only_customer_id");
  q.owner_or_team_user = opt("owner_or_team_user");
  q.owner_or_team_team = opt("owner_or_team_team");
  q.none = flag("none");
  if (const json::value* ids = o.if_contains("ids"); ids && ids->is_array()) {
    q.ids.emplace();
    for (const json::value& id : ids->as_array())
      if (id.is_int64()) q.ids->push_back(id.as_int64());
  }
  return q;
}

ExportLayout ExportLayoutFromJson(std::string_view text) {
  ExportLayout layout;
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return layout;
  const json::object& o = parsed.as_object();
  if (const json::value* columns = o.if_contains("columns"); columns && columns->is_array())
    for (const json::value& key : columns->as_array())
      if (auto column = key.is_string() ? ImportColumnOfKey(key.as_string()) : std::nullopt)
        layout.columns.push_back(*column);
  if (const json::value* lang = o.if_contains("lang"); lang && lang->is_string() && lang->as_string() == "en")
    layout.lang = Language::kEn;
  return layout;
}

Result<StartedExport> StartExport(Scope& scope, ExportRequest request, const ExportSettings& settings,
                                  std::chrono::seconds* retry_after) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kExport));
  std::string reason;
  if (request.unmasked) {
    CONSIGN_TRY(Require(who, kExportUnmasked));
    auto stated = audit::ParseReason(request.reason, request.reason_text);
    if (!stated) return std::move(stated).error();
    reason = stated->Describe();
  }
  ListQuery query = std::move(request.query);
  CONSIGN_TRY(ApplyTab(query, who));  // the list's scope=mine|team, as the list applies it
  RestrictToScope(query, who);
  // As the list searches: contact names only for those who may see them, so a masked export cannot
  // confirm a hidden name by filtering on it.
  query.personal_search = MaySeePersonalData(who);
  query.after.reset();

  // The read transaction of this request (a GET): counting and reading never lock out writers.
  db::Transaction& reads = scope.tx();
  const int64_t total = CountCustomers(reads, query);

  const Instant now = scope.clock().Now();
  ExportRecord record;
  record.user_id = who.user_id.value();
  record.login = who.login;
  record.format = request.format;
  record.unmasked = request.unmasked;
  record.reason = reason;
  record.query_json = ExportQueryToJson(query, request.layout);
  record.total_rows = total;
  record.request_id = scope.request_id();
  record.created_at = now;
  record.updated_at = now;
  record.expires_at = now + settings.file_ttl;

  db::Database& writes = scope.database().Background();
  {
    auto tx = writes.Begin(db::TxMode::kWrite);
    LockUserExports(*tx, record.user_id);
    const ExportDecision decision =
        DecideExport(total, LoadExportHistory(*tx, record.user_id, now, kStaleRunning), settings.limits, now);
    switch (decision.kind) {
      case ExportDecision::Kind::kTooMany:
        if (retry_after) *retry_after = decision.retry_after;
        return MakeError(ErrorCode::kTooManyRequests,
                         "You have an export running or have exported too often; try again later.");
      case ExportDecision::Kind::kTooLarge:
        return InvalidField("limit", "out_of_range",
                            fmt::format("an export holds at most {} customers; narrow the filters",
                                        settings.limits.max_rows));
      case ExportDecision::Kind::kBackground:
        record.background = true;
        break;
      case ExportDecision::Kind::kNow:
        break;
    }
    record.id = InsertExport(*tx, record);
    if (record.background) jobs::Enqueue(*tx, kExportJob, std::to_string(record.id), now, 3);
    tx->Commit();
  }
  if (record.background) return StartedExport{std::move(record), {}};

  std::error_code ec;
  std::filesystem::create_directories(settings.dir, ec);
  const std::filesystem::path file = FileOf(settings, record, ".part");
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove_file{file};
  auto writer = SheetWriter::Open(record.format, file, ExportHeader(request.layout));
  if (!writer) {
    MarkFailed(writes, record, now);
    return std::move(writer).error();
  }
  const int64_t rows = WriteRows(reads, query, record.unmasked, request.layout, **writer, settings, nullptr);
  if (Status closed = (*writer)->Close(); !closed) {
    MarkFailed(writes, record, now);
    return std::move(closed).error();
  }
  auto bytes = ReadFile(file);
  if (!bytes) {
    MarkFailed(writes, record, now);
    return std::move(bytes).error();
  }
  CONSIGN_TRY(Finish(writes, record, rows, "", scope.clock().Now()));
  record.status = ExportStatus::kDone;
  record.rows_written = rows;
  return StartedExport{std::move(record), *std::move(bytes)};
}

Result<ExportRecord> GetExport(Scope& scope, int64_t id) {
  const Principal& who = scope.principal();
  CONSIGN_TRY(Require(who, kExport));
  std::optional<ExportRecord> record = LoadExport(scope.tx(), id);
  // Another user's export is not found: its id must not tell that it exists.
  if (!record || record->user_id != who.user_id.value()) return NotFound("Export");
  return *std::move(record);
}

Result<ExportDownload> ExportFile(Scope& scope, int64_t id, const ExportSettings& settings) {
  auto record = GetExport(scope, id);
  if (!record) return std::move(record).error();
  if (!record->background) return NotFound("Export file");  // answered with the request that asked
  const bool expired = record->status == ExportStatus::kExpired || record->expires_at <= scope.clock().Now();
  if (expired) return MakeError(ErrorCode::kInvalidState, "This export has expired; export again.");
  if (record->status != ExportStatus::kDone)
    return MakeError(ErrorCode::kInvalidState, "This export is not finished (" +
                                                   std::string(ExportStatusName(record->status)) + ").");
  return ExportDownload{settings.dir / record->file_name, record->format};
}

Status RunExportJob(db::Database& reads, db::Database& writes, const Clock& clock, int64_t export_id,
                    const ExportSettings& settings) {
  std::optional<ExportRecord> record;
  {
    auto tx = writes.Begin(db::TxMode::kRead);
    record = LoadExport(*tx, export_id);
  }
  if (!record || record->status != ExportStatus::kRunning) return Ok();  // done already, or gone
  auto query = ExportQueryFromJson(record->query_json);
  if (!query) {
    MarkFailed(writes, *record, clock.Now());
    return Ok();
  }
  std::error_code ec;
  std::filesystem::create_directories(settings.dir, ec);
  const std::filesystem::path part = FileOf(settings, *record, ".part");
  const ExportLayout layout = ExportLayoutFromJson(record->query_json);
  auto writer = SheetWriter::Open(record->format, part, ExportHeader(layout));
  if (!writer) return std::move(writer).error();  // the disk: worth a retry
  int64_t rows = 0;
  {
    auto tx = reads.Begin(db::TxMode::kRead);
    rows = WriteRows(*tx, *query, record->unmasked, layout, **writer, settings, [&](int64_t written) {
      auto progress = writes.Begin(db::TxMode::kWrite);
      UpdateExportProgress(*progress, record->id, written, clock.Now());
      progress->Commit();
    });
    tx->Commit();
  }
  if (Status closed = (*writer)->Close(); !closed) {
    std::filesystem::remove(part, ec);
    return closed;  // the disk: worth a retry
  }
  const std::filesystem::path file = FileOf(settings, *record);
  std::filesystem::rename(part, file, ec);
  if (ec) return Internal("export: cannot rename " + part.string() + ": " + ec.message());
  return Finish(writes, *record, rows, file.filename().string(), clock.Now());
}

Status ExpireExport(db::Database& writes, int64_t export_id, const Clock& clock, const ExportSettings& settings) {
  auto tx = writes.Begin(db::TxMode::kWrite);
  std::optional<ExportRecord> record = LoadExport(*tx, export_id);
  if (!record || record->status == ExportStatus::kExpired) return Ok();
  if (!record->file_name.empty()) {
    std::error_code ignored;
    std::filesystem::remove(settings.dir / record->file_name, ignored);
  }
  FinishExport(*tx, record->id, ExportStatus::kExpired, record->rows_written, "", clock.Now());
  tx->Commit();
  return Ok();
}

}  // namespace consign::customers
