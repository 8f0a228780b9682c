// Access-token checks and routing errors of synapse-sim.
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

class AuthTest : public ::testing::Test {
protected:
    SimProcess sim;
    HttpClient client{sim.baseUrl()};
};

const char* kUsersPath = "/_synapse/admin/v2/users";

TEST_F(AuthTest, MissingTokenIs401) {
    HttpResult result = client.get(kUsersPath, "");
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_MISSING_TOKEN");
    EXPECT_STREQ(result.json()["error"].GetString(), "Missing access token");
    EXPECT_EQ(result.header("content-type"), "application/json");
}

TEST_F(AuthTest, UnknownTokenIs401WithSoftLogout) {
    HttpResult result = client.get(kUsersPath, "not_a_token");
    EXPECT_EQ(result.status, 401);
    rapidjson::Document json = result.json();
    EXPECT_STREQ(json["errcode"].GetString(), "M_UNKNOWN_TOKEN");
    ASSERT_TRUE(json.HasMember("soft_logout"));
    EXPECT_FALSE(json["soft_logout"].GetBool());
}

TEST_F(AuthTest, NonAdminIs403) {
    HttpResult result = client.get(kUsersPath, kUserToken);
    EXPECT_EQ(result.status, 403);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_FORBIDDEN");
    EXPECT_STREQ(result.json()["error"].GetString(), "You are not a server admin");
}

TEST_F(AuthTest, QueryParameterTokenIsAccepted) {
    HttpResult result = client.get(std::string(kUsersPath) + "?access_token=" + kAdminToken, "");
    EXPECT_EQ(result.status, 200);
}

TEST_F(AuthTest, HeaderAndQueryTokenTogetherIs401) {
    HttpResult result = client.get(std::string(kUsersPath) + "?access_token=" + kAdminToken, kAdminToken);
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_MISSING_TOKEN");
}

TEST_F(AuthTest, NonBearerSchemeIs401) {
    HttpResult result = client.request("GET", kUsersPath, "", {"Authorization: Basic YWRtaW46cHc="});
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_MISSING_TOKEN");
}

TEST_F(AuthTest, UnknownPathIs404Unrecognized) {
    HttpResult result = client.get("/_synapse/admin/v1/no_such_thing", kAdminToken);
    EXPECT_EQ(result.status, 404);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNRECOGNIZED");
    EXPECT_STREQ(result.json()["error"].GetString(), "Unrecognized request");

    HttpResult trailing_slash = client.get("/_synapse/admin/v2/users/", kAdminToken);
    EXPECT_EQ(trailing_slash.status, 400);  // matches users/<user_id> with an empty, invalid user ID
}

TEST_F(AuthTest, WrongMethodIs405Unrecognized) {
    HttpResult result = client.send("POST", kUsersPath, kAdminToken, "{}");
    EXPECT_EQ(result.status, 405);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNRECOGNIZED");
}

TEST_F(AuthTest, NonBooleanGuestsIs400) {
    HttpResult result = client.get(std::string(kUsersPath) + "?guests=yes", kAdminToken);
    EXPECT_EQ(result.status, 400);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_INVALID_PARAM");
}

TEST_F(AuthTest, ServerVersionNeedsNoToken) {
    HttpResult result = client.get("/_synapse/admin/v1/server_version", "");
    ASSERT_EQ(result.status, 200);
    EXPECT_STREQ(result.json()["server_version"].GetString(), "1.157.1 (b=sim)");
}

TEST_F(AuthTest, DeactivatedAdminTokenStopsWorking) {
    HttpResult deactivated =
        client.send("POST", "/_synapse/admin/v1/deactivate/%40alice%3Aexample.org", kAdminToken, "");
    ASSERT_EQ(deactivated.status, 200) << deactivated.body;
    HttpResult result = client.get("/_matrix/client/v3/account/whoami", kUserToken);
    EXPECT_EQ(result.status, 401);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_UNKNOWN_TOKEN");
}

}  // namespace
}  // namespace synapse_sim_test
