#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace consign::app {
namespace {

using std::chrono::milliseconds;

struct FakeEnv {
  std::map<std::string, std::string, std::less<>> vars;
  auto Getter() {
    return [this](std::string_view name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

std::string WriteFile(std::string_view text) {
  static int n = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("consign-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".json");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsWhenNothingIsGiven) {
  FakeEnv env;
  auto config = LoadConfig({.file = std::nullopt, .getenv = env.Getter(), .flags = {}});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->db, "sqlite:data/consign.db");
  EXPECT_EQ(config->json_max_depth, 32u);
  EXPECT_GE(config->import_body_limit, 20u * 1024 * 1024) << "a 20 MiB import must fit";
  EXPECT_EQ(config->body_limit, 64u * 1024) << "every other body is a form";
  EXPECT_GT(config->max_connections, 0);
  EXPECT_GT(config->max_connections_per_address, 0);
  EXPECT_GT(config->max_queued_requests, 0);
  EXPECT_EQ(config->static_dir, "web/dist");
}

TEST(Config, FlagsBeatEnvironmentBeatFileBeatDefaults) {
  const std::string file = WriteFile(R"({"listen":"0.0.0.0:9000","db":"sqlite:/file.db","worker_threads":4,
                                          "body_limit":"1MiB","read_timeout":"5s"})");
  FakeEnv env;
  env.vars["CONSIGN_DB"] = "sqlite:/env.db";
  env.vars["CONSIGN_WORKER_THREADS"] = "6";
  auto config = LoadConfig({.file = file, .getenv = env.Getter(), .flags = {{"worker_threads", "9"}}});
  ASSERT_TRUE(config) << config.error().fields.front().message;
  EXPECT_EQ(config->listen_port, 9000);           // file
  EXPECT_EQ(config->listen_host, "0.0.0.0");
  EXPECT_EQ(config->db, "sqlite:/env.db");        // env over file
  EXPECT_EQ(config->worker_threads, 9);           // flag over env
  EXPECT_EQ(config->body_limit, 1024u * 1024);    // file
  EXPECT_EQ(config->read_timeout, milliseconds(5000));
  EXPECT_EQ(config->idle_timeout, milliseconds(60'000));  // default
  std::filesystem::remove(file);
}

TEST(Config, LimitsAndCapsAreSetAndCheckedLikeAnyKey) {
  FakeEnv env;
  env.vars["CONSIGN_IMPORT_BODY_LIMIT"] = "50MiB";
  env.vars["CONSIGN_MAX_CONNECTIONS_PER_ADDRESS"] = "0";  // behind nginx: every connection is nginx's
  auto config = LoadConfig({.file = std::nullopt,
                            .getenv = env.Getter(),
                            .flags = {{"max_connections", "5000"}, {"max_queued_requests", "0"}}});
  ASSERT_TRUE(config) << config.error().fields.front().message;
  EXPECT_EQ(config->import_body_limit, 50u * 1024 * 1024);
  EXPECT_EQ(config->max_connections_per_address, 0);
  EXPECT_EQ(config->max_connections, 5000);
  EXPECT_EQ(config->max_queued_requests, 0);
  auto bad = LoadConfig({.file = std::nullopt, .getenv = FakeEnv().Getter(), .flags = {{"max_connections", "-1"}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.front().field, "max_connections");
}

TEST(Config, ConfigFileFromEnvironment) {
  const std::string file = WriteFile(R"({"log_level":"warn"})");
  FakeEnv env;
  env.vars["CONSIGN_CONFIG"] = file;
  auto config = LoadConfig({.file = std::nullopt, .getenv = env.Getter(), .flags = {}});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->log_level, "warn");
  std::filesystem::remove(file);
}

std::string ErrorOf(const Result<Config>& r) {
  EXPECT_FALSE(r);
  return r ? "" : r.error().fields.front().message;
}

TEST(Config, BadValuesNameKeyValueAndSource) {
  FakeEnv env;
  env.vars["CONSIGN_BODY_LIMIT"] = "lots";
  std::string message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = env.Getter(), .flags = {}}));
  EXPECT_NE(message.find("body_limit"), std::string::npos) << message;
  EXPECT_NE(message.find("'lots'"), std::string::npos) << message;
  EXPECT_NE(message.find("environment CONSIGN_BODY_LIMIT"), std::string::npos) << message;

  FakeEnv clean;
  message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = clean.Getter(), .flags = {{"listen", "8080"}}}));
  EXPECT_NE(message.find("flag --listen"), std::string::npos) << message;
  message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = clean.Getter(), .flags = {{"listen", "h:70000"}}}));
  EXPECT_NE(message.find("listen"), std::string::npos) << message;
  message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = clean.Getter(), .flags = {{"db", "mysql://x"}}}));
  EXPECT_NE(message.find("sqlite:PATH"), std::string::npos) << message;
  message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = clean.Getter(), .flags = {{"log_level", "loud"}}}));
  EXPECT_NE(message.find("log_level"), std::string::npos) << message;
  message = ErrorOf(LoadConfig({.file = std::nullopt, .getenv = clean.Getter(), .flags = {{"io_threads", "0"}}}));
  EXPECT_NE(message.find("io_threads"), std::string::npos) << message;
}

TEST(Config, FileErrorsNameTheFile) {
  FakeEnv env;
  const std::string typo = WriteFile(R"({"listn":"0.0.0.0:1"})");
  std::string message = ErrorOf(LoadConfig({.file = typo, .getenv = env.Getter(), .flags = {}}));
  EXPECT_NE(message.find("unknown key 'listn'"), std::string::npos) << message;
  EXPECT_NE(message.find(typo), std::string::npos) << message;
  const std::string broken = WriteFile(R"({"listen": )");
  message = ErrorOf(LoadConfig({.file = broken, .getenv = env.Getter(), .flags = {}}));
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
  message = ErrorOf(LoadConfig({.file = "/nonexistent/consign.json", .getenv = env.Getter(), .flags = {}}));
  EXPECT_NE(message.find("cannot read"), std::string::npos) << message;
  std::filesystem::remove(typo);
  std::filesystem::remove(broken);
}

TEST(Config, Ipv6AndEphemeralPorts) {
  Config c;
  ASSERT_TRUE(SetConfigValue(c, "listen", "[::1]:0", "test"));
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.listen_port, 0);
}

TEST(Config, MetricsListenerIsOffUnlessGivenAnAddress) {
  Config c;
  EXPECT_TRUE(c.metrics_host.empty());
  ASSERT_TRUE(SetConfigValue(c, "metrics_listen", "127.0.0.1:9464", "test"));
  EXPECT_EQ(c.metrics_host, "127.0.0.1");
  EXPECT_EQ(c.metrics_port, 9464);
  ASSERT_TRUE(SetConfigValue(c, "metrics_listen", "off", "test"));
  EXPECT_TRUE(c.metrics_host.empty());
  EXPECT_FALSE(SetConfigValue(c, "metrics_listen", "9464", "test"));
}

TEST(Config, PublicOriginIsAnOriginAndHttpsMeansTls) {
  Config c;
  EXPECT_FALSE(c.https());
  ASSERT_TRUE(SetConfigValue(c, "public_origin", "https://consign.example.com/", "test"));
  EXPECT_EQ(c.public_origin, "https://consign.example.com");
  EXPECT_TRUE(c.https());
  ASSERT_TRUE(SetConfigValue(c, "public_origin", "http://10.0.0.5:8080", "test"));
  EXPECT_FALSE(c.https());
  for (std::string_view bad : {"consign.example.com", "https://", "https://h/path", "ftp://h", "https://u@h"})
    EXPECT_FALSE(SetConfigValue(c, "public_origin", bad, "test")) << bad;
}

TEST(ConfigParsers, SizesAndDurations) {
  EXPECT_EQ(ParseSize("1024"), 1024u);
  EXPECT_EQ(ParseSize("16KiB"), 16u * 1024);
  EXPECT_EQ(ParseSize("20MiB"), 20u * 1024 * 1024);
  EXPECT_EQ(ParseSize("2g"), 2ull << 30);
  EXPECT_FALSE(ParseSize("MiB"));
  EXPECT_FALSE(ParseSize("10 parsecs"));
  EXPECT_FALSE(ParseSize("-1"));
  EXPECT_EQ(ParseDuration("500ms"), milliseconds(500));
  EXPECT_EQ(ParseDuration("30"), milliseconds(30'000));
  EXPECT_EQ(ParseDuration("2m"), milliseconds(120'000));
  EXPECT_FALSE(ParseDuration("soon"));
  EXPECT_FALSE(ParseDuration("5 fortnights"));
}

TEST(ConfigNames, FlagAndEnvironmentNamesFollowTheKey) {
  EXPECT_EQ(FlagName("body_limit"), "--body-limit");
  EXPECT_EQ(EnvName("body_limit"), "CONSIGN_BODY_LIMIT");
  for (const ConfigKey& k : ConfigKeys()) {
    Config c;
    // Every documented key is known to SetConfigValue (an unknown key says so).
    Status s = SetConfigValue(c, k.key, "", "test");
    if (!s) {
      EXPECT_NE(s.error().fields.front().reason, "unknown_key") << k.key;
    }
  }
}

}  // namespace
}  // namespace consign::app
