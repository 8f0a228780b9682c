// Password login, logout and their interplay with the Admin API (synapse-sim without MAS).
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

const char* kLoginPath = "/_matrix/client/v3/login";
const char* kWhoamiPath = "/_matrix/client/v3/account/whoami";

std::vector<std::string> loginArgs() {
    std::vector<std::string> args = defaultArgs();
    args.insert(args.end(), {"--admin-password", "admin-pw"});
    return args;
}

class LoginTest : public ::testing::Test {
protected:
    SimProcess sim{loginArgs()};
    HttpClient client{sim.baseUrl()};

    HttpResult login(const std::string& body) { return client.request("POST", kLoginPath, body); }

    // Logs in and returns the access token, or "" after a failed expectation.
    std::string loginToken(const std::string& user, const std::string& password) {
        HttpResult result = login(R"({"type":"m.login.password","identifier":{"type":"m.id.user","user":")" + user +
                                  R"("},"password":")" + password + R"("})");
        EXPECT_EQ(result.status, 200) << result.body;
        if (result.status != 200) {
            return "";
        }
        return result.json()["access_token"].GetString();
    }
};

TEST_F(LoginTest, FlowsListPassword) {
    HttpResult result = client.get(kLoginPath, "");
    EXPECT_EQ(result.status, 200);
    EXPECT_STREQ(result.json()["flows"][0]["type"].GetString(), "m.login.password");
}

TEST_F(LoginTest, AdminPasswordGivesAdminToken) {
    HttpResult result = login(R"({"type":"m.login.password","identifier":{"type":"m.id.user","user":"admin"},"password":"admin-pw","device_id":"CLIDEVICE"})");
    ASSERT_EQ(result.status, 200) << result.body;
    rapidjson::Document json = result.json();
    EXPECT_STREQ(json["user_id"].GetString(), "@admin:example.org");
    EXPECT_STREQ(json["device_id"].GetString(), "CLIDEVICE");
    EXPECT_STREQ(json["home_server"].GetString(), "example.org");
    std::string token = json["access_token"].GetString();

    HttpResult whoami = client.get(kWhoamiPath, token);
    EXPECT_EQ(whoami.status, 200);
    EXPECT_STREQ(whoami.json()["device_id"].GetString(), "CLIDEVICE");
    EXPECT_EQ(client.get("/_synapse/admin/v2/users?limit=1", token).status, 200);
}

TEST_F(LoginTest, LegacyUserFieldAndFullUserId) {
    HttpResult legacy = login(R"({"type":"m.login.password","user":"@admin:example.org","password":"admin-pw"})");
    EXPECT_EQ(legacy.status, 200) << legacy.body;
}

TEST_F(LoginTest, WrongPasswordIs403) {
    HttpResult result = login(R"({"type":"m.login.password","user":"admin","password":"nope"})");
    EXPECT_EQ(result.status, 403);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_FORBIDDEN");
}

TEST_F(LoginTest, UnknownUserIs403) {
    HttpResult result = login(R"({"type":"m.login.password","user":"nobody","password":"admin-pw"})");
    EXPECT_EQ(result.status, 403);
}

TEST_F(LoginTest, OtherLoginTypeIs400) {
    HttpResult result = login(R"({"type":"m.login.token","token":"x"})");
    EXPECT_EQ(result.status, 400);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNKNOWN");
}

TEST_F(LoginTest, MissingPasswordIs400) {
    HttpResult result = login(R"({"type":"m.login.password","user":"admin"})");
    EXPECT_EQ(result.status, 400);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_MISSING_PARAM");
}

TEST_F(LoginTest, PasswordSetByAdminApiLogsIn) {
    HttpResult created = client.send("PUT", "/_synapse/admin/v2/users/@carol:example.org", kAdminToken,
                                     R"({"password":"carol-pw"})");
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token = loginToken("carol", "carol-pw");
    ASSERT_FALSE(token.empty());
    EXPECT_STREQ(client.get(kWhoamiPath, token).json()["user_id"].GetString(), "@carol:example.org");
    HttpResult admin_only = client.get("/_synapse/admin/v2/users", token);
    EXPECT_EQ(admin_only.status, 403);
}

TEST_F(LoginTest, NewPasswordEndsSessions) {
    std::string token = loginToken("admin", "admin-pw");
    ASSERT_FALSE(token.empty());
    HttpResult changed = client.send("PUT", "/_synapse/admin/v2/users/@admin:example.org", kAdminToken,
                                     R"({"password":"admin-pw2"})");
    ASSERT_EQ(changed.status, 200);
    EXPECT_EQ(client.get(kWhoamiPath, token).status, 401);
    EXPECT_FALSE(loginToken("admin", "admin-pw2").empty());
}

TEST_F(LoginTest, NewPasswordKeepsSessionsWithoutLogout) {
    std::string token = loginToken("admin", "admin-pw");
    HttpResult changed = client.send("PUT", "/_synapse/admin/v2/users/@admin:example.org", kAdminToken,
                                     R"({"password":"admin-pw2","logout_devices":false})");
    ASSERT_EQ(changed.status, 200);
    EXPECT_EQ(client.get(kWhoamiPath, token).status, 200);
}

TEST_F(LoginTest, LogoutEndsOnlyThatSession) {
    std::string first = loginToken("admin", "admin-pw");
    std::string second = loginToken("admin", "admin-pw");
    HttpResult logout = client.send("POST", "/_matrix/client/v3/logout", first, "{}");
    EXPECT_EQ(logout.status, 200);
    EXPECT_EQ(client.get(kWhoamiPath, first).status, 401);
    EXPECT_EQ(client.get(kWhoamiPath, second).status, 200);

    EXPECT_EQ(client.send("POST", "/_matrix/client/v3/logout/all", second, "{}").status, 200);
    EXPECT_EQ(client.get(kWhoamiPath, second).status, 401);
    EXPECT_EQ(client.get(kWhoamiPath, kAdminToken).status, 200);
}

TEST_F(LoginTest, DeactivationEndsSessions) {
    ASSERT_EQ(client.send("PUT", "/_synapse/admin/v2/users/@dave:example.org", kAdminToken, R"({"password":"dave-pw"})").status, 201);
    std::string token = loginToken("dave", "dave-pw");
    ASSERT_EQ(client.send("POST", "/_synapse/admin/v1/deactivate/@dave:example.org", kAdminToken, "{}").status, 200);
    EXPECT_EQ(client.get(kWhoamiPath, token).status, 401);
    EXPECT_EQ(login(R"({"type":"m.login.password","user":"dave","password":"dave-pw"})").status, 403);
}

TEST_F(LoginTest, AuthMetadataIs404WithoutMas) {
    HttpResult result = client.get("/_matrix/client/v1/auth_metadata", "");
    EXPECT_EQ(result.status, 404);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNRECOGNIZED");
}

}  // namespace
}  // namespace synapse_sim_test
