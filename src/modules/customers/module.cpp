#include "modules/customers/module.hpp"

#include <memory>

#include "modules/auth/auth_service.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/customers_http.hpp"

namespace consign::customers {

module::Module Module() {
  return {
      .name = "customers",
      .depends = {"audit", "auth"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            // Kept by Services for the program's life; set once the migrations have made its table.
            CursorKey& cursor_key = ctx.services.Provide(std::make_unique<CursorKey>());
            RegisterRoutes(ctx.router, cursor_key);
            RegisterRevealRoutes(ctx.router);
            // auth links portal users to accounts but cannot depend on this module: it asks here.
            ctx.services.Get<auth::CustomerAccounts>().SetExists(
                [](db::Transaction& tx, CustomerId id) { return CustomerExists(tx, id.value()); });
            db::Database* database = &ctx.database;
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
