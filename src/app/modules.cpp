// The one place that knows every module. Add a module in RegisterModules, in dependency order (a
// module registers after those it uses), and its library to consign_app in CMakeLists.txt:
//   Append(parts.migrations, customers::Migrations());
//   customers::Register(parts);
#include "app/modules.hpp"

#include <iostream>
#include <stdexcept>

#include "modules/audit/audit_http.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"
#include "modules/auth/auth_http.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/authenticator.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/customers_http.hpp"
#include "modules/views/saved_view_store.hpp"
#include "modules/views/views_http.hpp"
#include "platform/jobs/job_queue.hpp"

namespace consign::app {

namespace {

template <class List>
void Append(std::vector<db::Migration>& into, const List& migrations) {
  into.insert(into.end(), std::begin(migrations), std::end(migrations));
}

}  // namespace

void RegisterModules(AppParts& parts) {
  Append(parts.migrations, jobs::Migrations());

  Append(parts.migrations, audit::Migrations());
  audit::Register(parts.router);
  // Unmasked views of personal data, from every module that shows it, share durable commits.
  audit::GroupAppender& pii_views = parts.Keep(std::make_unique<audit::GroupAppender>(parts.database));

  Append(parts.migrations, auth::Migrations());
  auth::Register(parts.router, parts.database);
  parts.authenticator = auth::MakeAuthenticator(parts.database);
  parts.authorizer = auth::MakeAuthorizer();
  parts.on_start.push_back([&parts] {
    // First start: an administrator with a one-time password printed once, never a default one.
    if (Status s = auth::EnsureAdmin(parts.database, parts.clock, std::cout); !s)
      throw std::runtime_error("cannot create the first administrator: " + s.error().public_message);
  });

  Append(parts.migrations, customers::Migrations());
  customers::Register(parts.router, pii_views);

  Append(parts.migrations, views::Migrations());
  views::Register(parts.router);
}

}  // namespace consign::app
