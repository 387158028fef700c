#include "modules/customers/module.hpp"

#include <algorithm>
#include <memory>

#include "modules/auth/auth_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_export_service.hpp"
#include "modules/customers/customer_export_store.hpp"
#include "modules/customers/customer_import_store.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/customers_http.hpp"
#include "platform/http/handler.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::customers {

std::vector<db::Migration> AllMigrations() {
  std::vector<db::Migration> all = Migrations();
  all.push_back(ExportsMigration());
  all.push_back(ImportsMigration());
  all.push_back(PhoneIndexMigration());
  std::stable_sort(all.begin(), all.end(),
                   [](const db::Migration& a, const db::Migration& b) { return a.version < b.version; });
  return all;
}

module::Module Module() {
  return {
      .name = "customers",
      .depends = {"audit", "auth"},
      .migrations = AllMigrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            // Kept by Services for the program's life; set once the migrations have made its table.
            CursorKey& cursor_key = ctx.services.Provide(std::make_unique<CursorKey>());
            RegisterRoutes(ctx.router, cursor_key, ctx.services.Provide(std::make_unique<AnswerCache>()));
            RegisterRevealRoutes(ctx.router);
            RegisterBulkRoutes(ctx.router);
            RegisterBrandRoutes(ctx.router);
            // auth links portal users to accounts but cannot depend on this module: it asks here.
            ctx.services.Get<auth::CustomerAccounts>().SetExists(
                [](db::Transaction& tx, CustomerId id) { return CustomerExists(tx, id.value()); });
            auto export_settings = std::make_unique<ExportSettings>();
            export_settings->dir = ctx.settings.export_dir;
            export_settings->limits.async_rows = ctx.settings.export_async_rows;
            export_settings->limits.max_rows = ctx.settings.export_max_rows;
            export_settings->limits.per_hour = ctx.settings.export_per_hour;
            export_settings->file_ttl = ctx.settings.export_ttl;
            export_settings->test_hold = ctx.settings.test_hooks;
            const ExportSettings& exports = ctx.services.Provide(std::move(export_settings));
            RegisterExportRoutes(ctx.router, cursor_key, exports, ctx.jobs);
            db::Database* database = &ctx.database;
            const Clock* clock = &ctx.clock;
            // The export reads through the request pool (`database`); its bookkeeping and the queue go
            // through Background(), which the runner hands the handler.
            ctx.jobs.Register(std::string(kExportJob), [database, clock, &exports](const jobs::Job& job, db::Database& writes) {
              auto id = http::ParsePositiveInt(job.payload);
              if (!id) return Status(Internal("customers.export: bad payload"));
              return RunExportJob(*database, writes, *clock, *id, exports);
            });
            ctx.jobs.Register(std::string(kExpireExportJob), [clock, &exports](const jobs::Job& job, db::Database& writes) {
              auto id = http::ParsePositiveInt(job.payload);
              if (!id) return Status(Internal("customers.export.expire: bad payload"));
              return ExpireExport(writes, *id, *clock, exports);
            });
            ctx.on_start.push_back([database, &cursor_key] {
              {
                auto tx = database->Begin(db::TxMode::kWrite);
                cursor_key = LoadCursorKey(*tx);
                tx->Commit();
              }
              // Accounts indexed before contact names had grams of their own: rewritten once, in
              // batches, before the first request (searches without pii.view skip them meanwhile).
              for (;;) {
                auto tx = database->Begin(db::TxMode::kWrite);
                const size_t rewritten = ReindexSearch(*tx, 500);
                tx->Commit();
                if (rewritten == 0) break;
              }
            });
          },
      .commands = {},
  };
}

}  // namespace consign::customers
