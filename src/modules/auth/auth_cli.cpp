#include "modules/auth/auth_cli.hpp"

#include <iostream>
#include <string>

#include "app/cli.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/credentials.hpp"

namespace consign::auth {

namespace {

struct UserFlags {
  std::string login;
  std::string role;
  std::string name;
  std::string team;
  int64_t customer_id = 0;
  bool password_stdin = false;
};

// The first line of standard input, without its line ending.
std::string ReadPassword() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Report(const Error& error) {
  std::cerr << "consign: " << (error.fields.empty() ? error.public_message : error.fields.front().message) << "\n";
  return 1;
}

}  // namespace

void AddCommands(app::Cli& cli) {
  static UserFlags flags;  // bound options must outlive parsing
  CLI::App* user = cli.app().add_subcommand("user", "Manage users");
  user->require_subcommand(1);

  CLI::App* add = cli.AddCommand(*user, "add", "Create a user (password read from standard input)");
  add->add_option("--login", flags.login, "Login name")->required();
  add->add_option("--role", flags.role, "admin, manager, sales, agent, dispatcher, finance or portal")->required();
  add->add_flag("--password-stdin", flags.password_stdin, "Read the password from standard input")->required();
  add->add_option("--name", flags.name, "Display name");
  add->add_option("--team", flags.team, "Team name (created when missing)");
  add->add_option("--customer-id", flags.customer_id, "The customer account of a portal user");
  add->callback([&cli, add] {
    const std::optional<Role> role = ParseRole(flags.role);
    if (!role) {
      std::cerr << "consign: unknown role '" << flags.role
                << "' (admin, manager, sales, agent, dispatcher, finance, portal)\n";
      throw CLI::RuntimeError(2);
    }
    const std::string password = ReadPassword();
    if (password.empty()) {
      std::cerr << "consign: no password on standard input\n";
      throw CLI::RuntimeError(2);
    }
    NewUser input{flags.login, flags.name, *role, std::nullopt,
                  flags.customer_id > 0 ? std::optional<CustomerId>(CustomerId{flags.customer_id}) : std::nullopt,
                  false};
    if (Status s = ValidateNewUser(input, password); !s) throw CLI::RuntimeError(Report(s.error()));
    const std::string hash = HashPassword(password);
    cli.RunComposed(add, [&](app::AppParts& parts) {
      auto tx = parts.database.Begin(db::TxMode::kWrite);
      if (!flags.team.empty()) {
        auto team = FindOrCreateTeam(*tx, flags.team);
        if (!team) return Report(team.error());
        input.team_id = *team;
      }
      Principal cli_actor;
      cli_actor.login = "cli";
      auto created = CreateUser(*tx, cli_actor, input, hash, parts.clock.Now(), "cli");
      if (!created) return Report(created.error());
      tx->Commit();
      std::cout << "created user '" << created->login << "' (id " << created->id.value() << ", role "
                << RoleName(created->role) << ")\n";
      return 0;
    });
  });

  CLI::App* set = cli.AddCommand(*user, "set-password", "Set a user's password (read from standard input)");
  set->add_option("--login", flags.login, "Login name")->required();
  set->add_flag("--password-stdin", flags.password_stdin, "Read the password from standard input")->required();
  set->callback([&cli, set] {
    const std::string password = ReadPassword();
    if (password.empty()) {
      std::cerr << "consign: no password on standard input\n";
      throw CLI::RuntimeError(2);
    }
    if (Status s = CheckPasswordPolicy(password); !s) throw CLI::RuntimeError(Report(s.error()));
    cli.RunComposed(set, [&](app::AppParts& parts) {
      if (Status s = SetPasswordByLogin(parts.database, parts.clock, flags.login, password, false); !s)
        return Report(s.error());
      std::cout << "password of '" << flags.login << "' changed; their sessions were ended\n";
      return 0;
    });
  });
}

}  // namespace consign::auth
