#include "modules/auth/module.hpp"

#include <iostream>
#include <stdexcept>

#include "modules/auth/access.hpp"
#include "modules/auth/auth_cli.hpp"
#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/authenticator.hpp"

namespace consign::auth {

module::Module Module() {
  return {
      .name = "auth",
      .depends = {"audit"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            // THE matrix: every module's table, merged once; a duplicate stops the program here.
            std::vector<ModuleAccess> tables;
            for (const module::Module& m : ctx.modules) tables.push_back({m.name, m.access});
            auto merged = Matrix::Merge(tables);
            if (!merged) throw std::logic_error("permission matrix: " + merged.error().public_message);
            const Matrix& matrix = ctx.services.Provide(std::make_unique<Matrix>(std::move(*merged)));
            // Filled by the customers module when it starts (auth cannot depend on customers).
            const CustomerAccounts& accounts = ctx.services.Provide(std::make_unique<CustomerAccounts>());
            RegisterRoutes(ctx.router, ctx.database, matrix, accounts);
            ctx.authenticator = MakeAuthenticator(ctx.database, matrix);
            db::Database* database = &ctx.database;
            const Clock* clock = &ctx.clock;
            ctx.on_start.push_back([database, clock] {
              // First start: an administrator with a one-time password printed once, never a default one.
              if (Status s = EnsureAdmin(*database, *clock, std::cout); !s)
                throw std::runtime_error("cannot create the first administrator: " + s.error().public_message);
            });
          },
      .commands = Commands(),
  };
}

}  // namespace consign::auth
