// synapse-sim in MAS mode against the real OpenID provider of tests/oidc: introspection, scopes, disabled endpoints.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "http_client.h"
#include "process_util.h"
#include "provider_process.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

const char* kWhoamiPath = "/_matrix/client/v3/account/whoami";
const char* kAdminScopes = "urn:matrix:client:api:* urn:synapse:admin:*";

std::vector<std::string> masArgs(const ProviderProcess& provider, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = defaultArgs();
    args.insert(args.end(), {"--mas-issuer", provider.issuer(), "--mas-client-id", kIntrospectionClientId,
                             "--mas-client-secret", kIntrospectionClientSecret});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

class MasModeTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string reason = providerUnavailableReason();
        if (!reason.empty()) {
            GTEST_SKIP() << reason;
        }
        provider = std::make_unique<ProviderProcess>(std::vector<std::string>{"--account", "bob:bob-password"});
        ASSERT_TRUE(provider->started());
        provider_client = std::make_unique<HttpClient>(provider->issuer());
        sim = std::make_unique<SimProcess>(masArgs(*provider));
        ASSERT_TRUE(sim->started());
        client = std::make_unique<HttpClient>(sim->baseUrl());
    }

    // Mints an access token at the provider through its test hook.
    std::string issueToken(const std::string& username, const std::string& scope, int expires_in = 60) {
        HttpResult result = provider_client->request(
            "POST", "/_test/issue-access-token",
            R"({"username":")" + username + R"(","scope":")" + scope + R"(","expires_in":)" + std::to_string(expires_in) + "}",
            {"Content-Type: application/json"});
        EXPECT_EQ(result.status, 200) << result.body;
        if (result.status != 200) {
            return "";
        }
        return result.json()["access_token"].GetString();
    }

    std::unique_ptr<ProviderProcess> provider;
    std::unique_ptr<HttpClient> provider_client;
    std::unique_ptr<SimProcess> sim;
    std::unique_ptr<HttpClient> client;
};

TEST_F(MasModeTest, AdminScopeTokenIsAdmin) {
    std::string token = issueToken("admin", kAdminScopes);
    HttpResult whoami = client->get(kWhoamiPath, token);
    ASSERT_EQ(whoami.status, 200) << whoami.body;
    EXPECT_STREQ(whoami.json()["user_id"].GetString(), "@admin:example.org");
    EXPECT_FALSE(whoami.json().HasMember("device_id"));
    EXPECT_EQ(client->get("/_synapse/admin/v2/users?guests=false", token).status, 200);
}

TEST_F(MasModeTest, NoAdminScopeIs403) {
    std::string token = issueToken("admin", "urn:matrix:client:api:*");
    HttpResult result = client->get("/_synapse/admin/v2/users?guests=false", token);
    EXPECT_EQ(result.status, 403);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_FORBIDDEN");
    EXPECT_STREQ(result.json()["error"].GetString(), "You are not a server admin");
}

TEST_F(MasModeTest, NoClientApiScopeIs401) {
    std::string token = issueToken("admin", "openid urn:synapse:admin:*");
    HttpResult result = client->get(kWhoamiPath, token);
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNKNOWN_TOKEN");
}

TEST_F(MasModeTest, UnstableScopeAndDeviceScope) {
    std::string token = issueToken("alice", "urn:matrix:org.matrix.msc2967.client:api:* urn:matrix:org.matrix.msc2967.client:device:CLIDEVICE01");
    HttpResult whoami = client->get(kWhoamiPath, token);
    ASSERT_EQ(whoami.status, 200) << whoami.body;
    EXPECT_STREQ(whoami.json()["user_id"].GetString(), "@alice:example.org");
    EXPECT_STREQ(whoami.json()["device_id"].GetString(), "CLIDEVICE01");
}

TEST_F(MasModeTest, UnknownTokenIs401) {
    HttpResult result = client->get(kWhoamiPath, "not-a-token");
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNKNOWN_TOKEN");
    EXPECT_FALSE(result.json()["soft_logout"].GetBool());
}

TEST_F(MasModeTest, RevokedTokenIs401AtOnce) {
    std::string token = issueToken("admin", kAdminScopes);
    ASSERT_EQ(client->get(kWhoamiPath, token).status, 200);
    HttpResult revoked = provider_client->request("POST", "/_test/revoke-access-tokens", R"({"username":"admin"})");
    ASSERT_EQ(revoked.status, 200);
    EXPECT_EQ(client->get(kWhoamiPath, token).status, 401);
}

TEST_F(MasModeTest, ExpiredTokenIs401) {
    std::string token = issueToken("admin", kAdminScopes, 1);
    ASSERT_EQ(client->get(kWhoamiPath, token).status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(client->get(kWhoamiPath, token).status, 401);
}

TEST_F(MasModeTest, StaticAdminTokenStillWorks) {
    EXPECT_EQ(client->get("/_synapse/admin/v2/users?guests=false", kAdminToken).status, 200);
}

TEST_F(MasModeTest, NewUserIsProvisioned) {
    std::string token = issueToken("bob", "urn:matrix:client:api:*");
    HttpResult whoami = client->get(kWhoamiPath, token);
    ASSERT_EQ(whoami.status, 200) << whoami.body;
    EXPECT_STREQ(whoami.json()["user_id"].GetString(), "@bob:example.org");
    EXPECT_EQ(client->get("/_synapse/admin/v2/users/@bob:example.org", kAdminToken).status, 200);
}

TEST_F(MasModeTest, GuestsParameterIs400) {
    std::string token = issueToken("admin", kAdminScopes);
    for (const char* path : {"/_synapse/admin/v2/users", "/_synapse/admin/v2/users?guests=true", "/_synapse/admin/v3/users"}) {
        HttpResult result = client->get(path, token);
        EXPECT_EQ(result.status, 400) << path;
        EXPECT_STREQ(result.json()["errcode"].GetString(), "M_INVALID_PARAM") << path;
    }
    EXPECT_EQ(client->get("/_synapse/admin/v3/users?guests=false", token).status, 200);
}

TEST_F(MasModeTest, DisabledEndpointsAre404) {
    std::string token = issueToken("admin", kAdminScopes);
    HttpResult get_admin = client->get("/_synapse/admin/v1/users/@alice:example.org/admin", token);
    EXPECT_EQ(get_admin.status, 404);
    EXPECT_STREQ(get_admin.json()["errcode"].GetString(), "M_UNRECOGNIZED");
    EXPECT_EQ(client->send("PUT", "/_synapse/admin/v1/users/@alice:example.org/admin", token, R"({"admin":true})").status, 404);
    EXPECT_EQ(client->send("POST", "/_synapse/admin/v1/users/@alice:example.org/login", token, "{}").status, 404);
    EXPECT_EQ(client->send("POST", "/_synapse/admin/v1/reset_password/@alice:example.org", token, "{}").status, 404);
    EXPECT_EQ(client->get("/_synapse/admin/v1/registration_tokens", token).status, 404);
    EXPECT_EQ(client->request("POST", "/_matrix/client/v3/login", R"({"type":"m.login.password"})").status, 404);
}

TEST_F(MasModeTest, AuthMetadataIsProviderDiscovery) {
    for (const char* path : {"/_matrix/client/v1/auth_metadata", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"}) {
        HttpResult result = client->get(path, "");
        ASSERT_EQ(result.status, 200) << path;
        rapidjson::Document json = result.json();
        EXPECT_EQ(std::string(json["issuer"].GetString()), provider->issuer());
        EXPECT_EQ(std::string(json["token_endpoint"].GetString()), provider->issuer() + "/oauth2/token");
        EXPECT_EQ(std::string(json["device_authorization_endpoint"].GetString()), provider->issuer() + "/oauth2/device");
    }
    HttpResult issuer = client->get("/_matrix/client/unstable/org.matrix.msc2965/auth_issuer", "");
    EXPECT_EQ(std::string(issuer.json()["issuer"].GetString()), provider->issuer());
}

TEST_F(MasModeTest, ProviderDownIs503) {
    std::string token = issueToken("admin", kAdminScopes);
    provider->stop();
    HttpResult result = client->get(kWhoamiPath, token);
    EXPECT_EQ(result.status, 503);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNKNOWN");
    EXPECT_STREQ(result.json()["error"].GetString(), "Unable to introspect the access token");
}

TEST_F(MasModeTest, IntrospectionCountsEveryRequest) {
    std::string token = issueToken("admin", kAdminScopes);
    ASSERT_EQ(provider_client->request("DELETE", "/_test/stats").status, 200);
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(client->get(kWhoamiPath, token).status, 200);
    }
    HttpResult stats = provider_client->get("/_test/stats", "");
    EXPECT_EQ(stats.json()["introspections"].GetInt(), 3);
}

TEST(MasModeClientAuthTest, WrongAuthMethodIs503) {
    std::string reason = providerUnavailableReason();
    if (!reason.empty()) {
        GTEST_SKIP() << reason;
    }
    ProviderProcess provider;
    ASSERT_TRUE(provider.started());
    SimProcess sim(masArgs(provider, {"--mas-client-auth", "client_secret_post"}));
    HttpClient provider_client(provider.issuer());
    HttpResult issued = provider_client.request("POST", "/_test/issue-access-token",
                                                R"({"username":"admin","scope":"urn:matrix:client:api:*"})");
    ASSERT_EQ(issued.status, 200);
    HttpClient client(sim.baseUrl());
    // The provider registers the introspection client for client_secret_basic only.
    EXPECT_EQ(client.get(kWhoamiPath, issued.json()["access_token"].GetString()).status, 503);
}

// The whole chain: device authorization at the provider, approval in headless
// Chromium, token from the token endpoint, admin request at the simulator.
TEST_F(MasModeTest, DeviceFlowThroughBrowser) {
    const char* chromium = std::getenv("MATRIXCTL_TEST_CHROMIUM");
    if (::access(chromium != nullptr ? chromium : "/usr/bin/chromium", X_OK) != 0) {
        GTEST_SKIP() << "/usr/bin/chromium is missing; run scripts/bootstrap to run the browser test";
    }
    const char* public_client = "01J44RKQYM4G3TNVANTMTDYTX8";
    HttpResult device = provider_client->request(
        "POST", "/oauth2/device",
        std::string("client_id=") + public_client + "&scope=openid%20urn%3Amatrix%3Aclient%3Aapi%3A*%20urn%3Asynapse%3Aadmin%3A*",
        {"Content-Type: application/x-www-form-urlencoded"});
    ASSERT_EQ(device.status, 200) << device.body;
    rapidjson::Document device_json = device.json();

    std::string dir = makeTempDir("browser-device-test");
    pid_t pid = spawnProcess({"node", std::string(OIDC_PROVIDER_DIR) + "/browser-device.mjs",
                              device_json["verification_uri"].GetString(), device_json["user_code"].GetString()},
                             dir + "/stdout", dir + "/stderr");
    ASSERT_GT(pid, 0);
    int exit_code = waitForExit(pid, std::chrono::seconds(60));
    ASSERT_EQ(exit_code, 0) << readFile(dir + "/stdout") << readFile(dir + "/stderr");

    HttpResult token = provider_client->request(
        "POST", "/oauth2/token",
        std::string("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=") + public_client +
            "&device_code=" + device_json["device_code"].GetString(),
        {"Content-Type: application/x-www-form-urlencoded"});
    ASSERT_EQ(token.status, 200) << token.body;
    std::string access_token = token.json()["access_token"].GetString();
    EXPECT_EQ(client->get("/_synapse/admin/v2/users?guests=false", access_token).status, 200);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

}  // namespace
}  // namespace synapse_sim_test
