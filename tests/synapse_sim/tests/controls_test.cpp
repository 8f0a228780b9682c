// Test controls of synapse-sim: fault injection and request recording.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

class ControlsTest : public ::testing::Test {
protected:
    SimProcess sim;
    HttpClient client{sim.baseUrl()};

    void addFault(const std::string& body) {
        HttpResult result = client.request("POST", "/_sim/faults", body);
        ASSERT_EQ(result.status, 200) << result.body;
    }
};

const char* kUsersPath = "/_synapse/admin/v2/users";

TEST_F(ControlsTest, HealthAnswersEmptyObject) {
    HttpResult result = client.get("/_sim/health", "");
    EXPECT_EQ(result.status, 200);
    EXPECT_EQ(result.body, "{}");
}

TEST_F(ControlsTest, RateLimitFaultThenSuccess) {
    addFault(R"({"path_prefix":"/_synapse/admin/v2/users","rate_limit_ms":50,"times":1})");
    HttpResult limited = client.get(kUsersPath, kAdminToken);
    EXPECT_EQ(limited.status, 429);
    EXPECT_STREQ(limited.json()["errcode"].GetString(), "M_LIMIT_EXCEEDED");
    EXPECT_STREQ(limited.json()["error"].GetString(), "Too Many Requests");
    EXPECT_EQ(limited.json()["retry_after_ms"].GetInt(), 50);
    EXPECT_EQ(limited.header("retry-after"), "1");

    HttpResult next = client.get(kUsersPath, kAdminToken);
    EXPECT_EQ(next.status, 200);
}

TEST_F(ControlsTest, HtmlBadGatewayFault) {
    addFault(R"({"method":"GET","path_prefix":"/_synapse/admin/v2/users","status":502,)"
             R"("content_type":"text/html","body":"<html>bad gateway</html>","times":1,)"
             R"("headers":{"Retry-After":"1"}})");
    HttpResult failed = client.get(kUsersPath, kAdminToken);
    EXPECT_EQ(failed.status, 502);
    EXPECT_EQ(failed.header("content-type"), "text/html");
    EXPECT_EQ(failed.header("retry-after"), "1");
    EXPECT_EQ(failed.body, "<html>bad gateway</html>");

    EXPECT_EQ(client.get(kUsersPath, kAdminToken).status, 200);
}

TEST_F(ControlsTest, FaultMatchesMethodAndCountsTimes) {
    addFault(R"({"method":"PUT","path_prefix":"/_synapse/admin/v2/users/","status":500,"times":2})");
    EXPECT_EQ(client.get("/_synapse/admin/v2/users/%40admin%3Aexample.org", kAdminToken).status, 200);
    const std::string path = "/_synapse/admin/v2/users/%40new%3Aexample.org";
    EXPECT_EQ(client.send("PUT", path, kAdminToken, "{}").status, 500);
    EXPECT_EQ(client.send("PUT", path, kAdminToken, "{}").status, 500);
    EXPECT_EQ(client.send("PUT", path, kAdminToken, "{}").status, 201);
}

TEST_F(ControlsTest, FaultMatchesDecodedPath) {
    addFault(R"({"path_prefix":"/_synapse/admin/v2/users/@admin:example.org","status":503})");
    EXPECT_EQ(client.get("/_synapse/admin/v2/users/%40admin%3Aexample.org", kAdminToken).status, 503);
}

TEST_F(ControlsTest, CloseConnectionFault) {
    addFault(R"({"path_prefix":"/_synapse/admin/v2/users","close_connection":true})");
    // A fresh client, because libcurl silently retries a request once when a
    // reused connection closes without a response.
    HttpClient fresh_client(sim.baseUrl());
    HttpResult dropped = fresh_client.get(kUsersPath, kAdminToken);
    EXPECT_EQ(dropped.curl_code, CURLE_GOT_NOTHING);
    EXPECT_EQ(fresh_client.get(kUsersPath, kAdminToken).status, 200);

    HttpResult log = client.get("/_sim/requests", "");
    rapidjson::Document json = log.json();
    ASSERT_EQ(json.Size(), 2u) << log.body;
    EXPECT_TRUE(json[0]["status"].IsNull());
    EXPECT_EQ(json[1]["status"].GetInt(), 200);
}

TEST_F(ControlsTest, DelayFaultSlowsRequest) {
    addFault(R"({"path_prefix":"/_synapse/admin/v1/server_version","delay_ms":300})");
    HttpResult slow = client.get("/_synapse/admin/v1/server_version", "");
    EXPECT_EQ(slow.status, 200);
    EXPECT_GE(slow.seconds, 0.3);
}

TEST_F(ControlsTest, BadFaultBodyIs400) {
    HttpResult result = client.request("POST", "/_sim/faults", R"({"status":"502"})");
    EXPECT_EQ(result.status, 400);
    EXPECT_STREQ(result.json()["errcode"].GetString(), "M_BAD_JSON");
}

TEST_F(ControlsTest, RequestsAreRecorded) {
    client.request("PUT", "/_synapse/admin/v2/users/%40a%2Fb%3Aexample.org?x=1&x=two+words&y=%26",
                   R"({"displayname":"A"})",
                   {"Authorization: Bearer " + std::string(kAdminToken), "Content-Type: application/json",
                    "X-Custom: Value"});
    client.get("/_synapse/admin/v2/users", "");
    client.get("/_sim/health", "");  // controls are not recorded

    HttpResult log = client.get("/_sim/requests", "");
    ASSERT_EQ(log.status, 200);
    rapidjson::Document json = log.json();
    ASSERT_TRUE(json.IsArray());
    ASSERT_EQ(json.Size(), 2u);

    const auto& put = json[0];
    EXPECT_EQ(put["seq"].GetInt(), 1);
    EXPECT_STREQ(put["method"].GetString(), "PUT");
    EXPECT_STREQ(put["path"].GetString(), "/_synapse/admin/v2/users/%40a%2Fb%3Aexample.org");
    ASSERT_EQ(put["segments"].Size(), 5u);
    EXPECT_STREQ(put["segments"][4].GetString(), "@a/b:example.org");
    EXPECT_STREQ(put["query_string"].GetString(), "x=1&x=two+words&y=%26");
    ASSERT_EQ(put["query"]["x"].Size(), 2u);
    EXPECT_STREQ(put["query"]["x"][1].GetString(), "two words");
    EXPECT_STREQ(put["query"]["y"][0].GetString(), "&");
    EXPECT_EQ(std::string(put["headers"]["authorization"].GetString()), std::string("Bearer ") + kAdminToken);
    EXPECT_STREQ(put["headers"]["x-custom"].GetString(), "Value");
    EXPECT_STREQ(put["body"].GetString(), R"({"displayname":"A"})");
    EXPECT_STREQ(put["body_json"]["displayname"].GetString(), "A");
    EXPECT_EQ(put["status"].GetInt(), 201);

    EXPECT_EQ(json[1]["seq"].GetInt(), 2);
    EXPECT_EQ(json[1]["status"].GetInt(), 401);

    HttpResult since = client.get("/_sim/requests?since=1", "");
    EXPECT_EQ(since.json().Size(), 1u);

    EXPECT_EQ(client.request("DELETE", "/_sim/requests").status, 200);
    EXPECT_EQ(client.get("/_sim/requests", "").json().Size(), 0u);
}

TEST(RecordFileTest, AppendsOneLinePerRequest) {
    std::string record_path = ::testing::TempDir() + "synapse_sim_record_test.jsonl";
    std::remove(record_path.c_str());
    std::vector<std::string> args = defaultArgs();
    args.insert(args.end(), {"--record", record_path});
    SimProcess sim(args);
    HttpClient client(sim.baseUrl());
    client.get("/_synapse/admin/v1/server_version", "");
    client.get("/_synapse/admin/v2/users", kAdminToken);

    std::ifstream in(record_path);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
        rapidjson::Document json;
        json.Parse(line.c_str());
        ASSERT_FALSE(json.HasParseError()) << line;
        EXPECT_EQ(json["seq"].GetInt(), lines + 1);
        ++lines;
    }
    EXPECT_EQ(lines, 2);
    std::remove(record_path.c_str());
}

}  // namespace
}  // namespace synapse_sim_test
