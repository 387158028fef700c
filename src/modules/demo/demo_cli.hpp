#pragma once
// `consign demo --customers N [--seed S]`: loads the demo company through the customers module's
// bulk insert (InsertCustomers), so demo accounts are stored, indexed and searchable exactly like
// accounts created over the API.
namespace consign::app {
class Cli;
}

namespace consign::demo {

void AddCommands(app::Cli& cli);

}  // namespace consign::demo
