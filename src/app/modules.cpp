// The one place that knows every module. Add a module in RegisterModules, in dependency order (a
// module registers after those it uses), and its library to consign_app in CMakeLists.txt:
//   Append(parts.migrations, customers::Migrations());
//   customers::Register(parts);
#include "app/modules.hpp"

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
}

}  // namespace consign::app
