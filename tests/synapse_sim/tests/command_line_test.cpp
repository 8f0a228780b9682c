// Command-line handling of synapse-sim: usage errors, help, start-up line, signals.
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

TEST(CommandLineTest, UnknownFlagExits2) {
    CommandResult result = runSim({"--admin-token", "t", "--userz", "5"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.stderr_text.find("synapse-sim: error: --userz: unknown option"), std::string::npos)
        << result.stderr_text;
    EXPECT_NE(result.stderr_text.find("--users"), std::string::npos);
}

TEST(CommandLineTest, BadValueNamesTheFlag) {
    CommandResult result = runSim({"--admin-token", "t", "--users", "many"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.stderr_text.rfind("synapse-sim: error: --users:", 0), 0u) << result.stderr_text;
}

TEST(CommandLineTest, MissingAdminTokenExits2) {
    CommandResult result = runSim({"--users", "5"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.stderr_text.find("--admin-token"), std::string::npos);
}

TEST(CommandLineTest, UserTokenNeedsTwoUsers) {
    CommandResult result = runSim({"--admin-token", "a", "--user-token", "b", "--users", "1"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.stderr_text.find("--users"), std::string::npos);
}

TEST(CommandLineTest, HelpPrintsUsage) {
    CommandResult result = runSim({"--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.stdout_text.rfind("Usage: synapse-sim", 0), 0u);
}

TEST(CommandLineTest, PrintsListeningLineAndStopsOnSigterm) {
    SimProcess sim;
    ASSERT_TRUE(sim.started());
    EXPECT_EQ(sim.readStdout(), "listening on http://127.0.0.1:" + std::to_string(sim.port()) + "\n");
    EXPECT_EQ(sim.terminate(), 0);
}

TEST(CommandLineTest, SeedsExactlyOneAccountWithoutUserToken) {
    SimProcess sim({"--admin-token", kAdminToken, "--users", "1", "--rooms", "0", "--server-name", "sim.test"});
    HttpClient client(sim.baseUrl());
    HttpResult users = client.get("/_synapse/admin/v3/users", kAdminToken);
    ASSERT_EQ(users.status, 200) << users.body;
    EXPECT_EQ(users.json()["total"].GetInt(), 1);
    EXPECT_STREQ(users.json()["users"][0]["name"].GetString(), "@admin:sim.test");
    EXPECT_EQ(client.get("/_synapse/admin/v1/rooms", kAdminToken).json()["total_rooms"].GetInt(), 0);
    EXPECT_EQ(client.get("/_matrix/client/v3/account/whoami", kUserToken).status, 401);
}

TEST(CommandLineTest, SameFlagsGiveSameData) {
    std::vector<std::string> args = {"--admin-token", kAdminToken, "--users", "500", "--rooms", "40"};
    std::string first;
    std::string second;
    {
        SimProcess sim(args);
        HttpClient client(sim.baseUrl());
        first = client.get("/_synapse/admin/v2/users?limit=500&deactivated=true&locked=true", kAdminToken).body +
                client.get("/_synapse/admin/v1/rooms", kAdminToken).body;
    }
    {
        SimProcess sim(args);
        HttpClient client(sim.baseUrl());
        second = client.get("/_synapse/admin/v2/users?limit=500&deactivated=true&locked=true", kAdminToken).body +
                 client.get("/_synapse/admin/v1/rooms", kAdminToken).body;
    }
    EXPECT_GT(first.size(), 1000u);
    EXPECT_EQ(first, second);
}

TEST(CommandLineTest, MasIssuerMustBeLoopback) {
    CommandResult result = runSim({"--admin-token", "t", "--mas-issuer", "http://auth.example.org:8080",
                                   "--mas-client-id", "c", "--mas-client-secret", "s"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.stderr_text.rfind("synapse-sim: error: --mas-issuer: invalid URL", 0), 0u) << result.stderr_text;
}

TEST(CommandLineTest, MasModeNeedsClientCredentials) {
    CommandResult result = runSim({"--admin-token", "t", "--mas-issuer", "http://127.0.0.1:8080"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.stderr_text.find("--mas-client-id: missing"), std::string::npos) << result.stderr_text;
}

TEST(CommandLineTest, MasClientAuthMethodChecked) {
    CommandResult result = runSim({"--admin-token", "t", "--mas-issuer", "http://127.0.0.1:8080", "--mas-client-id", "c",
                                   "--mas-client-secret", "s", "--mas-client-auth", "private_key_jwt"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.stderr_text.find("client_secret_basic or client_secret_post"), std::string::npos) << result.stderr_text;
}

}  // namespace
}  // namespace synapse_sim_test
