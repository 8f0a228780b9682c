// End-to-end tests of version, rooms, adduser and the command line itself.
#include "harness.h"

#include <gtest/gtest.h>

namespace e2e {
namespace {

constexpr const char* kToken = "admin-token-commands";

TEST(Version, PrintsServerVersion) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1", "--version-string",
                 "1.157.1 (b=e2e)"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Server Version: 1.157.1 (b=e2e)")) << result.out;
  const auto json = matrixctl(home, {"-c", config, "version", "-o", "json"});
  EXPECT_EQ(parse_json(json.out)["server_version"].GetString(), std::string("1.157.1 (b=e2e)"));
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v1/server_version");
  ASSERT_EQ(sent.size(), 2u);
  // Synapse serves the version without a token, so none is sent (and
  // none needs to be obtained).
  const auto& headers = (*sent[0])["headers"];
  EXPECT_FALSE(headers.HasMember("authorization"));
  EXPECT_EQ(std::string(headers["user-agent"].GetString()).rfind("matrixctl/", 0), 0u);

  ASSERT_EQ(matrixctl(home, {"-c", config, "users"}).exit_code, 0);
  const auto all = sim.requests();
  const auto listed = requests_to(all, "/_synapse/admin/v2/users");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(std::string((*listed[0])["headers"]["authorization"].GetString()),
            std::string("Bearer ") + kToken);
}

TEST(Rooms, ListsEveryRoom) {
  Simulator sim({"--admin-token", kToken, "--users", "20", "--rooms", "230"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "rooms", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto rooms = parse_json(result.out);
  ASSERT_TRUE(rooms.IsArray());
  EXPECT_EQ(rooms.Size(), 230u);
  const auto table = matrixctl(home, {"-c", config, "room", "rooms"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(contains(table.out, "| Name ")) << table.out;
  EXPECT_TRUE(contains(table.out, "Total number of rooms: 230\n")) << table.out;
}

// A "#" in a search term must reach the server as part of the value.
TEST(Rooms, AliasWithHashAsFilter) {
  Simulator sim({"--admin-token", kToken, "--users", "20", "--rooms", "30"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "rooms", "#room:example.org", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v1/rooms");
  ASSERT_EQ(sent.size(), 1u);
  const auto& term = (*sent[0])["query"]["search_term"];
  EXPECT_EQ(std::string(term.IsArray() ? term[0].GetString() : term.GetString()),
            "#room:example.org");
}

TEST(AddUser, CreatesWithPasswordFromStdin) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(
      home, {"-c", config, "adduser", "--admin", "bob", "--password-stdin", "--yes"},
      "correct horse battery\n");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "@bob:example.org")) << result.out;
  EXPECT_FALSE(contains(result.out + result.err, "correct horse battery"));
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v2/users/%40bob%3Aexample.org");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_STREQ((*sent[0])["method"].GetString(), "GET");
  EXPECT_STREQ((*sent[1])["method"].GetString(), "PUT");
  const auto body = parse_json((*sent[1])["body"].GetString());
  EXPECT_STREQ(body["password"].GetString(), "correct horse battery");
  EXPECT_TRUE(body["admin"].GetBool());

  const auto user = parse_json(matrixctl(home, {"-c", config, "user", "bob", "-o", "json"}).out);
  EXPECT_TRUE(user["admin"].GetBool());
}

TEST(AddUser, RefusesExistingAccount) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(
      home, {"-c", config, "user", "adduser", "admin", "--password-stdin", "--yes"}, "pw\n");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(contains(result.err, "@admin:example.org")) << result.err;
  EXPECT_TRUE(contains(result.err, "--update-existing")) << result.err;
  const auto requests = sim.requests();
  for (const auto* request : requests_to(requests, "/_synapse/admin/v2/users/")) {
    EXPECT_STRNE((*request)["method"].GetString(), "PUT");
  }
}

TEST(AddUser, DeclinedConfirmationChangesNothing) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result =
      matrixctl_in_terminal(home, {"-c", config, "adduser", "carol"}, "pw one\npw one\nn\n");
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_TRUE(contains(result.out, "Password (again):")) << result.out;
  EXPECT_TRUE(contains(result.out, "Password: **HIDDEN**")) << result.out;
  EXPECT_TRUE(contains(result.out, "Admin: no")) << result.out;
  EXPECT_TRUE(contains(result.out, "Is everything ok? [y/n]")) << result.out;
  EXPECT_TRUE(contains(result.out, "nothing was changed")) << result.out;
  const auto requests = sim.requests();
  for (const auto* request : requests_to(requests, "/_synapse/admin/v2/users/")) {
    EXPECT_STRNE((*request)["method"].GetString(), "PUT");
  }
}

// Enter twice generates a password, sent to Synapse and shown once.
TEST(AddUser, EmptyPasswordTwiceGeneratesOne) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result =
      matrixctl_in_terminal(home, {"-c", config, "adduser", "--admin", "erin"}, "\n\ny\n");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  const auto marker = result.out.find("Generated password: ");
  ASSERT_NE(marker, std::string::npos) << result.out;
  const auto start = marker + std::string("Generated password: ").size();
  const std::string password = result.out.substr(start, result.out.find_first_of("\r\n", start) - start);
  EXPECT_GE(password.size(), 20u);
  EXPECT_EQ(result.out.find(password), start) << "the password is shown more than once";
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v2/users/%40erin%3Aexample.org");
  ASSERT_EQ(sent.size(), 2u);
  const auto body = parse_json((*sent[1])["body"].GetString());
  EXPECT_EQ(std::string(body["password"].GetString()), password);
  EXPECT_TRUE(body["admin"].GetBool());
}

TEST(CommandLine, HelpListsCommandsGrouped) {
  TempDir home;
  const auto result = matrixctl(home, {"--help"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* command : {"users", "user", "adduser", "rooms", "version"}) {
    EXPECT_TRUE(contains(result.out, std::string("    ") + command + " ")) << command;
  }
  EXPECT_TRUE(contains(result.out, "  user:\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "  room:\n")) << result.out;
}

TEST(CommandLine, CommandHelpNeedsNoConfig) {
  TempDir home;
  const auto result = matrixctl(home, {"adduser", "--help"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "--password-stdin")) << result.out;
  EXPECT_TRUE(contains(result.out, "--admin")) << result.out;
}

TEST(CommandLine, UnknownCommandSuggests) {
  TempDir home;
  const auto result = matrixctl(home, {"usres"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "unknown command")) << result.err;
  EXPECT_TRUE(contains(result.err, "did you mean users")) << result.err;
}

TEST(CommandLine, CompletionFromDescriptors) {
  TempDir home;
  const auto config = home.write("config.yml",
                                 "servers:\n  default:\n    api: {domain: a.example}\n"
                                 "  staging:\n    api: {domain: b.example}\n");
  EXPECT_EQ(matrixctl(home, {"__complete", "user", ""}).out, "adduser\nuser\nusers\n");
  EXPECT_EQ(matrixctl(home, {"__complete", "users", "--with"}).out,
            "--with-deactivated\n--with-guests\n");
  EXPECT_EQ(matrixctl(home, {"__complete", "-c", config, "-S", ""}).out, "default\nstaging\n");
  const auto all = matrixctl(home, {"__complete", ""}).out;
  EXPECT_TRUE(contains(all, "rooms\n")) << all;
  EXPECT_TRUE(contains(all, "version\n")) << all;
}

TEST(CommandLine, NegativeLimitIsPositional) {
  Simulator sim({"--admin-token", kToken, "--users", "7", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "users", "-1", "-a", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(parse_json(result.out).Size(), 7u);
}

TEST(CommandLine, UnknownGlobalOptionNamed) {
  TempDir home;
  const auto result = matrixctl(home, {"--bogus", "users"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "--bogus: unknown global option")) << result.err;
}

TEST(CommandLine, VersionWithoutConfig) {
  TempDir home;
  const auto result = matrixctl(home, {"--version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("matrixctl ", 0), 0u) << result.out;
}

TEST(CommandLine, DebugShowsLoadedPlugins) {
  Simulator sim({"--admin-token", kToken, "--users", "3", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "-d", "users"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "loaded and initialised users")) << result.err;
  EXPECT_TRUE(contains(result.err, "loaded and initialised auth-token")) << result.err;
  EXPECT_FALSE(contains(result.err, "loaded and initialised server")) << result.err;
  EXPECT_FALSE(contains(result.err, "loaded and initialised rooms")) << result.err;
  // version needs no token, so no auth provider is initialised for it.
  const auto version = matrixctl(home, {"-c", config, "-d", "version"});
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_TRUE(contains(version.err, "loaded and initialised server")) << version.err;
  EXPECT_FALSE(contains(version.err, "loaded and initialised auth-token")) << version.err;
}

}  // namespace
}  // namespace e2e
