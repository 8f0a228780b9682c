// Unit tests of loading, merging and server look-ups of the config.
#include <gtest/gtest.h>

#include "config/config_test_support.h"
#include "log.h"

namespace matrixctl::config {
namespace {

using test_support::load_failure;
using test_support::load_text;
using test_support::load_text_failure;
using test_support::only_file;
using test_support::TempDir;

constexpr const char* kMinimal =
    "servers:\n"
    "  default:\n"
    "    api:\n"
    "      domain: example.org\n"
    "      auth_token:\n"
    "        token: syt_abc\n";

Failure server_failure(const Config& config, const std::string& name) {
  try {
    config.server(name);
  } catch (const Error& error) {
    return error.failure();
  }
  ADD_FAILURE() << "server(\"" << name << "\") returned without an error";
  return {};
}

TEST(ConfigLoad, MinimalFile) {
  TempDir dir;
  const Config config = load_text(dir, kMinimal);
  ASSERT_EQ(config.files_read().size(), 1u);
  EXPECT_TRUE(config.warnings_for("default").empty());
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.name(), "default");
  EXPECT_EQ(server.domain(), "example.org");
  EXPECT_EQ(server.base_url(), "https://matrix.example.org");
  EXPECT_EQ(server.auth_type(), "token");
  EXPECT_EQ(server.lookup("api.auth_token.token"), "syt_abc");
  EXPECT_EQ(server.lookup("api.missing"), std::nullopt);
  EXPECT_EQ(server.source_file(), (dir.path() / "config.yml").string());
}

TEST(ConfigLoad, UserFileOverridesEtcDeeply) {
  TempDir dir;
  const auto etc = dir.write("etc/config.yml",
                             "servers:\n"
                             "  default:\n"
                             "    api:\n"
                             "      domain: etc.example.org\n"
                             "      concurrent_limit: 8\n"
                             "      auth_token: {token: etc_token, username: admin}\n"
                             "  other:\n"
                             "    api: {domain: other.example.org}\n");
  const auto user = dir.write("home/config.yml",
                              "servers:\n"
                              "  default:\n"
                              "    api:\n"
                              "      auth_token: {token: user_token}\n");
  LoadOptions options;
  options.search_paths = {etc, dir.path() / "etc/config.yaml", user};
  const Config config = Config::load(options);

  ASSERT_EQ(config.files_read().size(), 2u);
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.lookup("api.auth_token.token"), "user_token");
  EXPECT_EQ(server.lookup("api.auth_token.username"), "admin");
  EXPECT_EQ(server.domain(), "etc.example.org");
  EXPECT_EQ(server.concurrent_limit(), 8u);
  EXPECT_EQ(server.source_file(), user.string());

  const ServerConfig other = config.server("other");
  EXPECT_EQ(other.domain(), "other.example.org");
  EXPECT_EQ(other.source_file(), etc.string());
  EXPECT_EQ(config.server_names(), (std::vector<std::string>{"default", "other"}));
}

TEST(ConfigLoad, ExplicitPathMissing) {
  TempDir dir;
  LoadOptions options;
  options.explicit_path = dir.path() / "nope.yml";
  const Failure failure = load_failure(options);
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_EQ(failure.subject, (dir.path() / "nope.yml").string());
  EXPECT_EQ(failure.reason, "config file not found");
  EXPECT_NE(failure.hint.find("-c"), std::string::npos);
}

TEST(ConfigLoad, ExplicitPathReadsOnlyThatFile) {
  TempDir dir;
  const auto searched = dir.write("searched.yml", "servers: {other: {api: {domain: other.org}}}\n");
  LoadOptions options;
  options.search_paths = {searched};
  options.explicit_path = dir.write("explicit.yml", kMinimal);
  const Config config = Config::load(options);
  ASSERT_EQ(config.files_read().size(), 1u);
  EXPECT_EQ(config.files_read()[0], options.explicit_path->string());
  EXPECT_EQ(config.server_names(), std::vector<std::string>{"default"});
}

TEST(ConfigLoad, NoFileFailsOnlyAtServer) {
  TempDir dir;
  LoadOptions options;
  options.search_paths = {dir.path() / "a/config.yml", dir.path() / "b/config.yml"};
  const Config config = Config::load(options);
  EXPECT_TRUE(config.files_read().empty());

  const Failure failure = server_failure(config, "default");
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_NE(failure.reason.find((dir.path() / "a/config.yml").string()), std::string::npos);
  EXPECT_NE(failure.reason.find((dir.path() / "b/config.yml").string()), std::string::npos);
  EXPECT_NE(failure.hint.find("create " + (dir.path() / "b/config.yml").string()),
            std::string::npos);
  EXPECT_NE(failure.hint.find("servers: {default: {api: {domain: example.org"), std::string::npos);
}

TEST(ConfigLoad, EmptyFileIsEmptyConfig) {
  TempDir dir;
  const Config config = load_text(dir, "");
  EXPECT_EQ(config.files_read().size(), 1u);
  EXPECT_TRUE(config.server_names().empty());
  const Failure failure = server_failure(config, "default");
  EXPECT_NE(failure.reason.find("no servers are defined"), std::string::npos);
}

TEST(ConfigLoad, CommentOnlyFileIsEmptyConfig) {
  TempDir dir;
  const Config config = load_text(dir, "# nothing here yet\n");
  EXPECT_TRUE(config.server_names().empty());
  EXPECT_EQ(config.lookup("ui.image.enabled"), "false");
}

TEST(ConfigServer, UnknownServerSuggestsClosest) {
  TempDir dir;
  const Config config = load_text(
      dir, "servers:\n  prod: {api: {domain: a.org}}\n  default: {api: {domain: b.org}}\n");
  const Failure failure = server_failure(config, "prd");
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_EQ(failure.subject, "server \"prd\"");
  EXPECT_NE(failure.reason.find((dir.path() / "config.yml").string()), std::string::npos);
  EXPECT_NE(failure.reason.find("known servers: prod, default"), std::string::npos);
  EXPECT_NE(failure.hint.find("did you mean \"prod\"? Use -S prod"), std::string::npos);
  EXPECT_NE(failure.hint.find("servers.prd"), std::string::npos);
}

TEST(ConfigServer, UnknownServerWithoutCloseName) {
  TempDir dir;
  const Config config = load_text(dir, kMinimal);
  const Failure failure = server_failure(config, "staging");
  EXPECT_EQ(failure.hint.find("did you mean"), std::string::npos);
  EXPECT_NE(failure.hint.find("-S NAME"), std::string::npos);
}

TEST(ConfigServer, BaseUrlTrailingSlashRemoved) {
  TempDir dir;
  const Config config =
      load_text(dir, "servers:\n  default:\n    api:\n      base_url: http://127.0.0.1:8008//\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:8008");
  EXPECT_EQ(server.lookup("api.base_url"), "http://127.0.0.1:8008");
  EXPECT_EQ(server.domain(), "127.0.0.1");
}

TEST(ConfigServer, BaseUrlOverridesDomainDefault) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n  default:\n    api: {domain: example.org, base_url: "
                                  "'https://synapse.internal:8448/'}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.base_url(), "https://synapse.internal:8448");
  EXPECT_EQ(server.domain(), "example.org");
}

TEST(ConfigServer, NoDomainNorBaseUrl) {
  TempDir dir;
  const Config config = load_text(dir, "servers:\n  default:\n    ssh: {address: host}\n");
  const ServerConfig server = config.server("default");
  try {
    server.base_url();
    FAIL() << "base_url() returned without an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_CONFIG);
    EXPECT_NE(error.failure().reason.find("neither api.domain nor api.base_url"),
              std::string::npos);
  }
}

TEST(ConfigServer, ConcurrentLimitDefaultKeepsApiKeys) {
  TempDir dir;
  const Config config = load_text(dir, kMinimal);
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.concurrent_limit(), 4u);
  EXPECT_EQ(server.lookup("api.concurrent_limit"), "4");
  EXPECT_EQ(server.lookup("api.domain"), "example.org");
  EXPECT_EQ(server.lookup("api.auth_token.token"), "syt_abc");
}

TEST(ConfigServer, ConcurrentLimitSet) {
  TempDir dir;
  const Config config =
      load_text(dir, "servers: {default: {api: {domain: a.org, concurrent_limit: 16}}}\n");
  EXPECT_EQ(config.server("default").concurrent_limit(), 16u);
}

TEST(ConfigServer, AuthTypeIsCaseInsensitive) {
  TempDir dir;
  const Config config =
      load_text(dir, "servers: {default: {api: {domain: a.org, auth_type: OIDC}}}\n");
  EXPECT_EQ(config.server("default").auth_type(), "oidc");
  EXPECT_EQ(config.server("default").lookup("api.auth_type"), "oidc");
}

TEST(ConfigServer, LegacyTokenMovedWithWarning) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api:\n"
                                  "      domain: example.org\n"
                                  "      username: admin\n"
                                  "      token: syt_legacy\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.lookup("api.auth_token.token"), "syt_legacy");
  EXPECT_EQ(server.lookup("api.auth_token.username"), "admin");
  EXPECT_EQ(server.lookup("api.token"), std::nullopt);
  ASSERT_EQ(config.warnings_for("default").size(), 2u);
  const std::string path = (dir.path() / "config.yml").string();
  EXPECT_EQ(config.warnings_for("default")[1], path +
                                      ":6:7: `servers.default.api.token` is deprecated; move it "
                                      "to `servers.default.api.auth_token.token`");
}

TEST(ConfigServer, LegacyTokenInUserFileBeatsEtcToken) {
  TempDir dir;
  const auto etc = dir.write("etc.yml", kMinimal);
  const auto user = dir.write("user.yml", "servers: {default: {api: {token: syt_user}}}\n");
  LoadOptions options;
  options.search_paths = {etc, user};
  const Config config = Config::load(options);
  EXPECT_EQ(config.server("default").lookup("api.auth_token.token"), "syt_user");
}

TEST(ConfigServer, TokenCommandAsJsonList) {
  TempDir dir;
  const Config config =
      load_text(dir,
                "servers:\n  default:\n    api:\n      domain: a.org\n"
                "      auth_token:\n        token_command: [pass, show, \"matrix/admin token\"]\n");
  EXPECT_EQ(config.server("default").lookup("api.auth_token.token_command"),
            R"(["pass","show","matrix/admin token"])");
}

TEST(ConfigServer, LookupOfListsAndMapsAsJson) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    alias:\n"
                                  "      room:\n"
                                  "        - {name: lobby, room_id: '!abc:example.org'}\n"
                                  "        - {name: '123', room_id: '!def:example.org'}\n"
                                  "    ssh: {address: db.example.org, port: 2222, user: admin}\n"
                                  "    database: {tunnel: yes}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(
      server.lookup("alias.room"),
      R"([{"name":"lobby","room_id":"!abc:example.org"},{"name":"123","room_id":"!def:example.org"}])");
  EXPECT_EQ(server.lookup("alias.room.1.room_id"), "!def:example.org");
  EXPECT_EQ(server.lookup("ssh"), R"({"address":"db.example.org","port":2222,"user":"admin"})");
  EXPECT_EQ(server.lookup("database"), R"({"tunnel":true})");
  EXPECT_EQ(server.lookup("ssh.port"), "2222");
}

TEST(ConfigLoad, UiImageDefaultsKeepEnabled) {
  TempDir dir;
  const Config config = load_text(dir, "ui:\n  image:\n    enabled: true\n");
  EXPECT_EQ(config.lookup("ui.image.enabled"), "true");
  EXPECT_EQ(config.lookup("ui.image.scale_factor"), "1.0");
  EXPECT_EQ(config.lookup("ui.image.max_height_of_terminal"), "0.33");
}

TEST(ConfigLoad, DebugOutputRedactsSecrets) {
  TempDir dir;
  log::configure(true, "config");
  ::testing::internal::CaptureStderr();
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api:\n"
                                  "      domain: example.org\n"
                                  "      auth_token: {token: syt_topsecret, username: admin}\n"
                                  "      auth_oidc: {client_id: cli, client_secret: hush1234}\n"
                                  "    database: {synapse_password: dbpass99}\n");
  config.server("default");
  const std::string output = ::testing::internal::GetCapturedStderr();
  log::configure(false);

  EXPECT_NE(output.find("[config] read "), std::string::npos);
  EXPECT_NE(output.find("[config] merged config: "), std::string::npos);
  EXPECT_NE(output.find("\"username\":\"admin\""), std::string::npos);
  EXPECT_NE(output.find("\"token\":\"<redacted, 13 chars>\""), std::string::npos);
  EXPECT_EQ(output.find("syt_topsecret"), std::string::npos);
  EXPECT_EQ(output.find("hush1234"), std::string::npos);
  EXPECT_EQ(output.find("dbpass99"), std::string::npos);
}

TEST(ConfigLoad, DefaultSearchPathsUseXdgConfigHome) {
  if (std::filesystem::exists("/etc/matrixctl")) GTEST_SKIP() << "/etc/matrixctl exists here";
  TempDir dir;
  test_support::ScopedEnv xdg("XDG_CONFIG_HOME", dir.path().string());
  dir.write("matrixctl/config.yaml", kMinimal);
  const Config config = Config::load(LoadOptions{});
  ASSERT_EQ(config.searched_paths().size(), 4u);
  EXPECT_EQ(config.searched_paths()[0], "/etc/matrixctl/config.yml");
  EXPECT_EQ(config.searched_paths()[2], (dir.path() / "matrixctl/config.yml").string());
  ASSERT_EQ(config.files_read().size(), 1u);
  EXPECT_EQ(config.files_read()[0], (dir.path() / "matrixctl/config.yaml").string());
}

TEST(ConfigServer, MistakeInOtherServerDoesNotStopThisOne) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api: {domain: example.org, auth_token: {token: t}}\n"
                                  "  broken:\n"
                                  "    api: {concurrent_limit: many, token: legacy}\n");
  const ServerConfig server = config.server("default");
  EXPECT_EQ(server.lookup("api.domain"), "example.org");
  EXPECT_TRUE(config.warnings_for("default").empty());
  try {
    config.server("broken");
    FAIL() << "the broken server was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.failure().subject, (dir.path() / "config.yml").string() + ":5:29");
    EXPECT_NE(error.failure().reason.find("concurrent_limit"), std::string::npos);
  }
}

}  // namespace
}  // namespace matrixctl::config
