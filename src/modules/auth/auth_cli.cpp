#include "modules/auth/auth_cli.hpp"

#include <iostream>
#include <string>

#include "modules/auth/auth_service.hpp"
#include "modules/auth/credentials.hpp"

namespace consign::auth {

namespace {

using Kind = module::CommandOption::Kind;

// The first line of standard input, without its line ending.
std::string ReadPassword(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Report(std::ostream& err, const Error& error) {
  err << "consign: " << (error.fields.empty() ? error.public_message : error.fields.front().message) << "\n";
  return 1;
}

int AddUser(const module::CommandArgs& args, module::CommandEnv& env) {
  const std::string role_name = args.Text("role").value_or("");
  const std::optional<Role> role = ParseRole(role_name);
  if (!role) {
    env.err << "consign: unknown role '" << role_name << "' (admin, manager, sales, agent, dispatcher, finance, portal)\n";
    return 2;
  }
  const std::string password = ReadPassword(env.in);
  if (password.empty()) {
    env.err << "consign: no password on standard input\n";
    return 2;
  }
  const int64_t customer_id = args.Integer("customer-id").value_or(0);
  NewUser input{args.Text("login").value_or(""), args.Text("name").value_or(""), *role, std::nullopt,
                customer_id > 0 ? std::optional<CustomerId>(CustomerId{customer_id}) : std::nullopt, false};
  if (Status s = ValidateNewUser(input, password); !s) return Report(env.err, s.error());
  const std::string hash = HashPassword(password);
  auto tx = env.database.Begin(db::TxMode::kWrite);
  if (auto team_name = args.Text("team"); team_name && !team_name->empty()) {
    auto team = FindOrCreateTeam(*tx, *team_name);
    if (!team) return Report(env.err, team.error());
    input.team_id = *team;
  }
  auto created = CreateUser(*tx, Principal::System("cli"), input, hash, env.clock.Now(), "cli",
                            env.services.Get<CustomerAccounts>());
  if (!created) return Report(env.err, created.error());
  tx->Commit();
  env.out << "created user '" << created->login << "' (id " << created->id.value() << ", role "
          << RoleName(created->role) << ")\n";
  return 0;
}

int SetPassword(const module::CommandArgs& args, module::CommandEnv& env) {
  const std::string password = ReadPassword(env.in);
  if (password.empty()) {
    env.err << "consign: no password on standard input\n";
    return 2;
  }
  const std::string login = args.Text("login").value_or("");
  if (Status s = CheckPasswordPolicy(password, "password", login); !s) return Report(env.err, s.error());
  if (Status s = SetPasswordByLogin(env.database, env.clock, login, password, false); !s)
    return Report(env.err, s.error());
  env.out << "password of '" << login << "' changed; their sessions were ended\n";
  return 0;
}

}  // namespace

std::vector<module::Command> Commands() {
  return {
      {.path = {"user"}, .description = "Manage users", .options = {}, .run = {}},
      {.path = {"user", "add"},
       .description = "Create a user (password read from standard input)",
       .options =
           {
               {.name = "login", .help = "Login name", .required = true},
               {.name = "role", .help = "admin, manager, sales, agent, dispatcher, finance or portal", .required = true},
               {.name = "password-stdin", .help = "Read the password from standard input", .kind = Kind::kFlag,
                .required = true},
               {.name = "name", .help = "Display name"},
               {.name = "team", .help = "Team name (created when missing)"},
               {.name = "customer-id", .help = "The customer account of a portal user", .kind = Kind::kInteger,
                .min = 1},
           },
       .run = AddUser},
      {.path = {"user", "set-password"},
       .description = "Set a user's password (read from standard input)",
       .options =
           {
               {.name = "login", .help = "Login name", .required = true},
               {.name = "password-stdin", .help = "Read the password from standard input", .kind = Kind::kFlag,
                .required = true},
           },
       .run = SetPassword},
  };
}

}  // namespace consign::auth
