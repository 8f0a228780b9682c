// Unit tests of the config schema: type errors, syntax errors and unknown keys.
#include <gtest/gtest.h>

#include "config/config_internal.h"
#include "config/config_test_support.h"

namespace matrixctl::config {
namespace {

using test_support::load_text;
using test_support::load_text_failure;
using test_support::TempDir;

std::string file_in(const TempDir& dir) { return (dir.path() / "config.yml").string(); }

TEST(ConfigSchema, UnknownKeySuggestsSibling) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api:\n"
                                  "      domian: example.org\n");
  ASSERT_EQ(config.warnings_for("default").size(), 1u);
  EXPECT_EQ(config.warnings_for("default")[0], file_in(dir) +
                                      ":4:7: unknown key `servers.default.api.domian` is ignored; "
                                      "did you mean `servers.default.api.domain`?");
}

TEST(ConfigSchema, UnknownKeySuggestsOneLevelDown) {
  TempDir dir;
  const Config config = load_text(dir, "servers:\n  default:\n    domain: example.org\n");
  ASSERT_EQ(config.warnings_for("default").size(), 1u);
  EXPECT_NE(config.warnings_for("default")[0].find(":3:5: unknown key `servers.default.domain`"),
            std::string::npos);
  EXPECT_NE(config.warnings_for("default")[0].find("did you mean `servers.default.api.domain`?"),
            std::string::npos);
}

TEST(ConfigSchema, UnknownTopLevelKey) {
  TempDir dir;
  const Config config = load_text(dir, "vars:\n  domain: example.org\nservers: {}\n");
  ASSERT_EQ(config.warnings_for("default").size(), 1u);
  EXPECT_EQ(config.warnings_for("default")[0], file_in(dir) +
                                      ":1:1: unknown key `vars` is ignored except as a template "
                                      "variable");
}

TEST(ConfigSchema, WrongIntegerReportsPosition) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      domain: example.org\n"
                                            "      concurrent_limit: many\n");
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_EQ(failure.subject, file_in(dir) + ":5:25");
  EXPECT_EQ(
      failure.reason,
      "`servers.default.api.concurrent_limit` must be a whole number of at least 1, got `many`");
  EXPECT_EQ(failure.hint, "write it like `concurrent_limit: 4`");
}

TEST(ConfigSchema, ConcurrentLimitZeroRejected) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir, "servers:\n  default:\n    api: {concurrent_limit: 0}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":3:29");
  EXPECT_NE(failure.reason.find("at least 1, got `0`"), std::string::npos);
}

TEST(ConfigSchema, ServersMustBeMap) {
  TempDir dir;
  const Failure failure = load_text_failure(dir, "servers: [default, prod]\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":1:10");
  EXPECT_EQ(failure.reason, "`servers` must be a map of keys, got a list");
  EXPECT_NE(failure.hint.find("servers: {default: {api:"), std::string::npos);
}

TEST(ConfigSchema, AuthTokenStringRejectedWithoutEcho) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      auth_token: syt_secret_value\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:19");
  EXPECT_EQ(failure.reason,
            "`servers.default.api.auth_token` must be a map of keys, got a single value");
  EXPECT_EQ(failure.hint, "write it like `auth_token: {token: ...}`");
  EXPECT_EQ(format(failure).find("syt_secret_value"), std::string::npos);
}

TEST(ConfigSchema, AuthTypeListsAllowedValues) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir, "servers:\n  default:\n    api:\n      auth_type: basic\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:18");
  EXPECT_EQ(failure.reason,
            "`servers.default.api.auth_type` must be one of token, oidc, password, "
            "client_credentials, got `basic`");
}

TEST(ConfigSchema, BaseUrlMustBeHttp) {
  TempDir dir;
  const Failure failure = load_text_failure(
      dir, "servers:\n  default:\n    api:\n      base_url: matrix.example.org\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:17");
  EXPECT_NE(failure.reason.find("must be an http:// or https:// URL, got `matrix.example.org`"),
            std::string::npos);
}

TEST(ConfigSchema, TokenCommandMustBeList) {
  TempDir dir;
  const Failure failure = load_text_failure(
      dir, "servers:\n  default:\n    api:\n      auth_token: {token_command: pass show x}\n");
  EXPECT_NE(failure.reason.find("must be a list of strings"), std::string::npos);
  EXPECT_EQ(failure.hint, "write it like `token_command: [pass, show, matrix/admin-token]`");
}

TEST(ConfigSchema, MaintenanceTaskChecked) {
  TempDir dir;
  const Failure failure = load_text_failure(
      dir, "servers:\n  default:\n    maintenance:\n      tasks: [vacuum, reindex]\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:23");
  EXPECT_EQ(failure.reason,
            "`servers.default.maintenance.tasks[1]` must be one of vacuum, compress-state, got "
            "`reindex`");
}

TEST(ConfigSchema, RoomAliasNeedsRoomId) {
  TempDir dir;
  const Failure failure = load_text_failure(
      dir, "servers:\n  default:\n    alias:\n      room:\n        - name: lobby\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":5:11");
  EXPECT_EQ(failure.reason, "`servers.default.alias.room[0]` needs the key `room_id`");
}

TEST(ConfigSchema, BooleansNormalized) {
  TempDir dir;
  const Config config =
      load_text(dir, "servers:\n  default:\n    api: {domain: a.org, verify_tls: No}\n");
  EXPECT_EQ(config.server("default").lookup("api.verify_tls"), "false");
}

TEST(ConfigSchema, MergeKeysExpanded) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default: &base\n"
                                  "    api: {domain: example.org, concurrent_limit: 2}\n"
                                  "    ssh: {port: 2222}\n"
                                  "  staging:\n"
                                  "    <<: *base\n"
                                  "    api: {domain: staging.example.org}\n");
  EXPECT_TRUE(config.warnings_for("default").empty());
  const ServerConfig staging = config.server("staging");
  EXPECT_EQ(staging.domain(), "staging.example.org");
  EXPECT_EQ(staging.lookup("ssh.port"), "2222");
  // The map written in place replaces the merged one as a whole, as in YAML.
  EXPECT_EQ(staging.concurrent_limit(), 4u);
}

TEST(ConfigSchema, DuplicateKeyLaterWins) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api: {domain: a.example.org, concurrent_limit: 2}\n"
                                  "    api: {domain: b.example.org}\n");
  ASSERT_EQ(config.warnings_for("default").size(), 1u);
  EXPECT_EQ(config.warnings_for("default")[0], file_in(dir) +
                                      ":4:5: `servers.default.api` is set more than once; the "
                                      "later value wins key by key");
  EXPECT_EQ(config.server("default").domain(), "b.example.org");
  EXPECT_EQ(config.server("default").concurrent_limit(), 2u);
}

TEST(ConfigSchema, BadIndentationReportsPosition) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      domain: example.org\n"
                                            "     token: abc\n");
  EXPECT_EQ(failure.status, MCTL_ERR_CONFIG);
  EXPECT_EQ(failure.subject, file_in(dir) + ":5:6");
  EXPECT_EQ(failure.reason, "end of map not found");
  EXPECT_NE(failure.hint.find("fix the YAML syntax"), std::string::npos);
  EXPECT_EQ(format(failure).find("abc"), std::string::npos);
}

TEST(ConfigSchema, UnclosedQuoteReportsPosition) {
  TempDir dir;
  const Failure failure = load_text_failure(dir,
                                            "servers:\n"
                                            "  default:\n"
                                            "    api:\n"
                                            "      domain: \"example.org\n"
                                            "      concurrent_limit: 4\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":4:15");
  EXPECT_NE(failure.reason.find("unclosed quote"), std::string::npos);
  EXPECT_EQ(failure.hint, "add the closing quote");
}

TEST(ConfigSchema, QuotedStringsWithEscapesAccepted) {
  TempDir dir;
  const Config config = load_text(dir,
                                  "servers:\n"
                                  "  default:\n"
                                  "    api:\n"
                                  "      domain: 'it''s.example.org'\n"
                                  "      auth_token: {token: \"a\\\"b\"}\n");
  EXPECT_EQ(config.server("default").domain(), "it's.example.org");
  EXPECT_EQ(config.server("default").lookup("api.auth_token.token"), "a\"b");
}

TEST(ConfigSchema, TopLevelListRejected) {
  TempDir dir;
  const Failure failure = load_text_failure(dir, "- servers\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":1:1");
  EXPECT_NE(failure.reason.find("must be a map"), std::string::npos);
}

TEST(ConfigSchema, RecursiveAliasRejected) {
  TempDir dir;
  const Failure failure = load_text_failure(dir, "servers:\n  default: &a\n    api: *a\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":3:5");
  EXPECT_EQ(failure.reason, "an alias here refers to a map or list that contains the alias itself");
}

TEST(ConfigSchema, SecondDocumentRejected) {
  TempDir dir;
  const Failure failure =
      load_text_failure(dir, "servers: {default: {api: {domain: a.org}}}\n---\nui: {}\n");
  EXPECT_EQ(failure.subject, file_in(dir) + ":3:1");
  EXPECT_EQ(failure.reason, "a second YAML document starts here, after a `---` line");
}

TEST(ConfigSuggest, EditDistanceCountsSwapAsOne) {
  EXPECT_EQ(detail::edit_distance("domian", "domain"), 1u);
  EXPECT_EQ(detail::edit_distance("", "abc"), 3u);
  EXPECT_EQ(detail::edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(detail::closest_match("prd", {"prod", "default"}), "prod");
  EXPECT_EQ(detail::closest_match("xyz", {"prod", "default"}), std::nullopt);
}

TEST(ConfigJson, SecretKeyNames) {
  EXPECT_TRUE(detail::is_secret_key("token"));
  EXPECT_TRUE(detail::is_secret_key("client_secret"));
  EXPECT_TRUE(detail::is_secret_key("synapse_password"));
  EXPECT_TRUE(detail::is_secret_key("refresh_token"));
  EXPECT_FALSE(detail::is_secret_key("token_file"));
  EXPECT_FALSE(detail::is_secret_key("username"));
}

TEST(ConfigJson, ScalarTypes) {
  const YAML::Node node = YAML::Load("{a: 1, b: '1', c: 1.5, d: true, e: ~, f: text, g: 0x1f}");
  EXPECT_EQ(detail::to_json(node, false),
            R"({"a":1,"b":"1","c":1.5,"d":true,"e":null,"f":"text","g":31})");
}

}  // namespace
}  // namespace matrixctl::config
