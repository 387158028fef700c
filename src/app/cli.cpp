#include "app/cli.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "app/modules.hpp"
#include "app/serve.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::app {

Cli::Cli(CLI::App& app) : app_(app) {}

CLI::App* Cli::AddCommand(std::string name, std::string description) {
  return AddCommand(app_, std::move(name), std::move(description));
}

CLI::App* Cli::AddCommand(CLI::App& parent, std::string name, std::string description) {
  CLI::App* command = parent.add_subcommand(std::move(name), std::move(description));
  auto flags = std::make_unique<CommandFlags>();
  flags->config_file = command->add_option("--config", flags->config_path, "JSON configuration file");
  for (const ConfigKey& key : ConfigKeys()) {
    const std::string k(key.key);
    CLI::Option* option = command->add_option(FlagName(k), flags->values[k], std::string(key.help));
    flags->options.emplace_back(k, option);
  }
  flags_.emplace(command, std::move(flags));
  return command;
}

Config Cli::LoadConfig(const CLI::App* command) const {
  ConfigInputs inputs;
  auto it = flags_.find(command);
  if (it != flags_.end()) {
    const CommandFlags& flags = *it->second;
    if (flags.config_file->count() > 0) inputs.file = flags.config_path;
    for (const auto& [key, option] : flags.options)
      if (option->count() > 0) inputs.flags.emplace_back(key, flags.values.at(key));
  }
  Result<Config> config = app::LoadConfig(inputs);
  if (!config) {
    const Error& e = config.error();
    std::cerr << "consign: " << (e.fields.empty() ? e.public_message : e.fields.front().message) << "\n";
    throw CLI::RuntimeError(2);
  }
  return std::move(*config);
}

namespace {

// Escapes the log message so a JSON log line stays one valid JSON object whatever it says.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    for (char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      switch (c) {
        case '"': dest.append(std::string_view("\\\"")); break;
        case '\\': dest.append(std::string_view("\\\\")); break;
        case '\n': dest.append(std::string_view("\\n")); break;
        case '\r': dest.append(std::string_view("\\r")); break;
        case '\t': dest.append(std::string_view("\\t")); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            const std::string code = fmt::format("\\u{:04x}", static_cast<int>(c));
            dest.append(code.data(), code.data() + code.size());
          } else {
            dest.push_back(c);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonEscapedMessage>(); }
};

}  // namespace

void Cli::SetUpLogging(const Config& config) {
  // stderr: stdout belongs to command output and the "listening" line.
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("consign", sink);
  if (config.log_format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","msg":"%*"})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%fZ %l %v",
                                                                      spdlog::pattern_time_type::utc));
  }
  logger->set_level(spdlog::level::from_str(config.log_level));
  spdlog::set_default_logger(logger);

  // The access log is JSON lines whatever the format: each line is already a JSON object.
  // Its own sink: a sink owns its formatter, and this one prints the line as is. Both write each line
  // with one fwrite on stderr, which stdio locks, so lines never interleave.
  auto access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  access->set_pattern("%v");
  access->set_level(spdlog::level::from_str(config.log_level));
  spdlog::drop("access");
  spdlog::register_logger(access);
}

std::unique_ptr<Clock> Cli::MakeClock() {
  if (auto fake = ProcessEnv("CONSIGN_FAKE_NOW"); fake && !fake->empty()) {
    auto instant = ParseRfc3339(*fake);
    if (!instant) {
      std::cerr << "consign: CONSIGN_FAKE_NOW='" << *fake << "' is not an RFC 3339 instant\n";
      throw CLI::RuntimeError(2);
    }
    return std::make_unique<ManualClock>(*instant);
  }
  return std::make_unique<SystemClock>();
}

void Cli::RunComposed(const CLI::App* command, const std::function<int(Composition&)>& body) const {
  Config config = LoadConfig(command);
  SetUpLogging(config);
  auto composition = Compose(std::move(config), MakeClock(), ComposeMode::kMigrate);
  const int code = body(*composition);
  if (code != 0) throw CLI::RuntimeError(code);
}

void AddServeCommand(Cli& cli) {
  CLI::App* serve = cli.AddCommand("serve", "Run the HTTP server (API, console, background jobs)");
  serve->callback([&cli, serve] {
    Config config = cli.LoadConfig(serve);
    Cli::SetUpLogging(config);
    const int code = Serve(std::move(config), Cli::MakeClock());
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

void AddMigrateCommand(Cli& cli) {
  CLI::App* migrate = cli.AddCommand("migrate", "Bring the database schema to the current version");
  migrate->callback([&cli, migrate] {
    cli.RunComposed(migrate, [](Composition& c) {
      std::cout << "migrated " << c.config.db << " (" << c.migrations.size() << " migrations known)\n";
      return 0;
    });
  });
}

void AddRoutesCommand(Cli& cli) {
  CLI::App* routes = cli.AddCommand("routes", "Print every route: METHOD PATTERN resource.action|public");
  routes->callback([&cli, routes] {
    Config config = cli.LoadConfig(routes);
    config.log_level = "warn";
    Cli::SetUpLogging(config);
    // No database: listing routes must work anywhere, without touching data.
    auto composition = Compose(std::move(config), Cli::MakeClock(), ComposeMode::kNoDatabase);
    for (const http::Route& route : composition->router.routes()) {
      std::cout << http::MethodName(route.method) << ' ' << route.pattern << ' ' << route.access.Describe() << '\n';
    }
  });
}

}  // namespace consign::app

namespace consign::app {

namespace {

// The subcommand at `path` under the program, made (without configuration flags) when missing.
CLI::App* GroupAt(CLI::App& root, const std::vector<std::string>& path, size_t depth) {
  CLI::App* at = &root;
  for (size_t i = 0; i < depth; ++i) {
    CLI::App* next = nullptr;
    try {
      next = at->get_subcommand(path[i]);
    } catch (const CLI::OptionNotFound&) {
      next = at->add_subcommand(path[i], "");
      next->require_subcommand(1);
    }
    at = next;
  }
  return at;
}

}  // namespace

void AddModuleCommands(Cli& cli) {
  // Bound option values must outlive parsing: one store for the whole program.
  static std::map<std::string, std::string> values;
  for (const module::Module& m : AllModules()) {
    for (const module::Command& command : m.commands) {
      if (command.path.empty()) continue;
      CLI::App* parent = GroupAt(cli.app(), command.path, command.path.size() - 1);
      if (!command.run) {  // a group: its description
        CLI::App* group = GroupAt(cli.app(), command.path, command.path.size());
        group->description(command.description);
        continue;
      }
      CLI::App* sub = cli.AddCommand(*parent, command.path.back(), command.description);
      std::string prefix;
      for (const std::string& part : command.path) prefix += part + " ";
      std::vector<std::pair<std::string, CLI::Option*>> bound;
      for (const module::CommandOption& option : command.options) {
        const std::string key = prefix + option.name;
        CLI::Option* o = nullptr;
        if (option.kind == module::CommandOption::Kind::kFlag) {
          o = sub->add_flag("--" + option.name, option.help);
        } else {
          o = sub->add_option("--" + option.name, values[key], option.help);
          if (option.kind == module::CommandOption::Kind::kInteger) o->check(CLI::Range(option.min, option.max));
        }
        if (option.required) o->required();
        bound.emplace_back(option.name, o);
      }
      sub->callback([&cli, sub, command, bound, prefix] {
        std::map<std::string, std::string> given;
        for (const auto& [name, option] : bound)
          if (option->count() > 0) given[name] = values[prefix + name];
        const module::CommandArgs args(given);
        cli.RunComposed(sub, [&](Composition& c) {
          module::CommandEnv env{*c.database, *c.clock, *c.services, std::cin, std::cout, std::cerr};
          return command.run(args, env);
        });
      });
    }
  }
}

}  // namespace consign::app
