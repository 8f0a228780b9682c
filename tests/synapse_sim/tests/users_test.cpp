// Account endpoints of synapse-sim, checked over HTTP against the real binary.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

// The default simulator has @admin, @alice and generated accounts k = 1..28.
constexpr int kGenerated = 28;

int countGenerated(bool (*predicate)(int)) {
    int count = 0;
    for (int k = 1; k <= kGenerated; ++k) {
        count += predicate(k) ? 1 : 0;
    }
    return count;
}

bool isDeactivated(int k) { return k % 7 == 0; }
bool isGuest(int k) { return k % 11 == 0; }
bool isBot(int k) { return k % 17 == 0; }

class UsersTest : public ::testing::Test {
protected:
    SimProcess sim;
    HttpClient client{sim.baseUrl()};
};

TEST_F(UsersTest, GuestsAndDeactivatedListEveryAccount) {
    HttpResult v2 = client.get("/_synapse/admin/v2/users?guests=true&deactivated=true", kAdminToken);
    ASSERT_EQ(v2.status, 200) << v2.body;
    EXPECT_EQ(v2.json()["total"].GetInt(), 30);
    EXPECT_EQ(v2.json()["users"].Size(), 30u);

    HttpResult v3 = client.get("/_synapse/admin/v3/users", kAdminToken);
    ASSERT_EQ(v3.status, 200) << v3.body;
    EXPECT_EQ(v3.json()["total"].GetInt(), 30);
}

TEST_F(UsersTest, DefaultListHidesDeactivated) {
    HttpResult result = client.get("/_synapse/admin/v2/users", kAdminToken);
    ASSERT_EQ(result.status, 200);
    int expected = 30 - countGenerated(isDeactivated);
    EXPECT_EQ(expected, 26);
    EXPECT_EQ(result.json()["total"].GetInt(), expected);
    EXPECT_FALSE(result.json().HasMember("next_token"));
}

TEST_F(UsersTest, LockedAccountNeedsLockedTrue) {
    HttpResult locked = client.send("PUT", "/_synapse/admin/v2/users/%40user000002%3Aexample.org", kAdminToken,
                                    R"({"locked":true})");
    ASSERT_EQ(locked.status, 200) << locked.body;
    EXPECT_TRUE(locked.json()["locked"].GetBool());

    EXPECT_EQ(client.get("/_synapse/admin/v2/users", kAdminToken).json()["total"].GetInt(), 25);
    HttpResult with_locked = client.get("/_synapse/admin/v2/users?locked=true", kAdminToken);
    EXPECT_EQ(with_locked.json()["total"].GetInt(), 26);
}

TEST_F(UsersTest, FiltersMatchSeedingRule) {
    HttpResult only_deactivated = client.get("/_synapse/admin/v3/users?deactivated=true", kAdminToken);
    EXPECT_EQ(only_deactivated.json()["total"].GetInt(), countGenerated(isDeactivated));

    HttpResult no_guests = client.get("/_synapse/admin/v2/users?guests=false&deactivated=true", kAdminToken);
    EXPECT_EQ(no_guests.json()["total"].GetInt(), 30 - countGenerated(isGuest));

    HttpResult no_bots =
        client.get("/_synapse/admin/v2/users?not_user_type=bot&deactivated=true", kAdminToken);
    EXPECT_EQ(no_bots.json()["total"].GetInt(), 30 - countGenerated(isBot));

    HttpResult admins = client.get("/_synapse/admin/v2/users?admins=true&deactivated=true", kAdminToken);
    EXPECT_EQ(admins.json()["total"].GetInt(), 1 + 2);  // @admin, user000013, user000026
}

TEST_F(UsersTest, NextTokenIsStringAndPagesAreContinuous) {
    std::vector<std::string> names;
    std::string from = "0";
    int pages = 0;
    while (true) {
        HttpResult page = client.get("/_synapse/admin/v2/users?limit=7&from=" + from, kAdminToken);
        ASSERT_EQ(page.status, 200) << page.body;
        rapidjson::Document json = page.json();
        for (const auto& user : json["users"].GetArray()) {
            names.push_back(user["name"].GetString());
        }
        ++pages;
        if (!json.HasMember("next_token")) {
            break;
        }
        ASSERT_TRUE(json["next_token"].IsString());
        EXPECT_EQ(std::stoi(json["next_token"].GetString()), std::stoi(from) + 7);
        from = json["next_token"].GetString();
    }
    EXPECT_EQ(pages, 4);
    EXPECT_EQ(names.size(), 26u);
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    EXPECT_EQ(names.front(), "@admin:example.org");
}

TEST_F(UsersTest, ListEntryHasExactKeys) {
    HttpResult result = client.get("/_synapse/admin/v2/users?limit=1", kAdminToken);
    rapidjson::Document json = result.json();
    const auto& user = json["users"][0];
    std::set<std::string> keys;
    for (const auto& member : user.GetObject()) {
        keys.insert(member.name.GetString());
    }
    std::set<std::string> expected = {"name",          "is_guest",    "admin",        "user_type",
                                      "deactivated",   "erased",      "shadow_banned", "displayname",
                                      "avatar_url",    "creation_ts", "last_seen_ts", "locked"};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(user["creation_ts"].GetInt64(), 1577836800000);  // ms in the list
}

TEST_F(UsersTest, DetailUsesSecondsAndFindsUser) {
    HttpResult result = client.get("/_synapse/admin/v2/users/%40admin%3Aexample.org", kAdminToken);
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.json()["creation_ts"].GetInt64(), 1577836800);
    EXPECT_STREQ(result.json()["name"].GetString(), "@admin:example.org");
    EXPECT_TRUE(result.json()["threepids"].IsArray());
}

TEST_F(UsersTest, UnknownAndRemoteUsers) {
    HttpResult unknown = client.get("/_synapse/admin/v2/users/%40nobody%3Aexample.org", kAdminToken);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_STREQ(unknown.json()["errcode"].GetString(), "M_NOT_FOUND");
    EXPECT_STREQ(unknown.json()["error"].GetString(), "User not found");

    HttpResult remote = client.get("/_synapse/admin/v2/users/%40bob%3Aother.org", kAdminToken);
    EXPECT_EQ(remote.status, 400);
    EXPECT_STREQ(remote.json()["error"].GetString(), "Can only look up local users");
}

TEST_F(UsersTest, UserIdWithSlashRoundTrips) {
    const std::string path = "/_synapse/admin/v2/users/%40a%2Fb%3Aexample.org";
    HttpResult created = client.send("PUT", path, kAdminToken, R"({"password":"pw","displayname":"Zoë Slash"})");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_STREQ(created.json()["name"].GetString(), "@a/b:example.org");
    EXPECT_FALSE(created.json().HasMember("password"));

    HttpResult fetched = client.get(path, kAdminToken);
    ASSERT_EQ(fetched.status, 200);
    EXPECT_STREQ(fetched.json()["displayname"].GetString(), "Zoë Slash");

    HttpResult modified = client.send("PUT", path, kAdminToken, R"({"admin":true})");
    EXPECT_EQ(modified.status, 200);
    EXPECT_TRUE(modified.json()["admin"].GetBool());

    HttpResult listed = client.get("/_synapse/admin/v2/users?user_id=a/b", kAdminToken);
    EXPECT_EQ(listed.json()["total"].GetInt(), 1);
}

TEST_F(UsersTest, PutRejectsBadBodies) {
    const std::string path = "/_synapse/admin/v2/users/%40user000001%3Aexample.org";
    HttpResult not_bool = client.send("PUT", path, kAdminToken, R"({"admin":"yes"})");
    EXPECT_EQ(not_bool.status, 400);
    EXPECT_STREQ(not_bool.json()["errcode"].GetString(), "M_BAD_JSON");

    HttpResult not_json = client.send("PUT", path, kAdminToken, "not json");
    EXPECT_EQ(not_json.status, 400);
    EXPECT_STREQ(not_json.json()["errcode"].GetString(), "M_NOT_JSON");
    EXPECT_STREQ(not_json.json()["error"].GetString(), "Content not JSON.");
}

TEST_F(UsersTest, DeactivateHidesFromDefaultList) {
    HttpResult before = client.get("/_synapse/admin/v2/users", kAdminToken);
    HttpResult deactivated =
        client.send("POST", "/_synapse/admin/v1/deactivate/%40user000001%3Aexample.org", kAdminToken, R"({"erase":true})");
    ASSERT_EQ(deactivated.status, 200) << deactivated.body;
    EXPECT_STREQ(deactivated.json()["id_server_unbind_result"].GetString(), "success");

    HttpResult after = client.get("/_synapse/admin/v2/users", kAdminToken);
    EXPECT_EQ(after.json()["total"].GetInt(), before.json()["total"].GetInt() - 1);
    HttpResult detail = client.get("/_synapse/admin/v2/users/%40user000001%3Aexample.org", kAdminToken);
    EXPECT_TRUE(detail.json()["deactivated"].GetBool());
    EXPECT_TRUE(detail.json()["erased"].GetBool());
    EXPECT_TRUE(detail.json()["displayname"].IsNull());
}

TEST_F(UsersTest, OrderByCreationTsDescending) {
    HttpResult result = client.get("/_synapse/admin/v2/users?order_by=creation_ts&dir=b&limit=100", kAdminToken);
    ASSERT_EQ(result.status, 200);
    rapidjson::Document json = result.json();
    std::int64_t previous = INT64_MAX;
    for (const auto& user : json["users"].GetArray()) {
        EXPECT_LE(user["creation_ts"].GetInt64(), previous);
        previous = user["creation_ts"].GetInt64();
    }
    EXPECT_STRNE(json["users"][0]["name"].GetString(), "@admin:example.org");
}

TEST_F(UsersTest, NameFilterMatchesDisplayName) {
    // Display names "Zoë K" belong to k % 8 == 0 and k % 5 != 0: k = 8, 16, 24.
    HttpResult result = client.get("/_synapse/admin/v2/users?name=zo%C3%AB&deactivated=true", kAdminToken);
    ASSERT_EQ(result.status, 200);
    EXPECT_EQ(result.json()["total"].GetInt(), 3);
}

TEST_F(UsersTest, InvalidQueryParameters) {
    HttpResult negative = client.get("/_synapse/admin/v2/users?from=-1", kAdminToken);
    EXPECT_EQ(negative.status, 400);
    EXPECT_STREQ(negative.json()["errcode"].GetString(), "M_INVALID_PARAM");

    HttpResult not_integer = client.get("/_synapse/admin/v2/users?limit=ten", kAdminToken);
    EXPECT_EQ(not_integer.status, 400);
    EXPECT_STREQ(not_integer.json()["error"].GetString(), "Query parameter limit must be an integer");

    HttpResult bad_dir = client.get("/_synapse/admin/v2/users?dir=x", kAdminToken);
    EXPECT_EQ(bad_dir.status, 400);
    EXPECT_STREQ(bad_dir.json()["errcode"].GetString(), "M_INVALID_PARAM");

    HttpResult bad_order = client.get("/_synapse/admin/v2/users?order_by=password", kAdminToken);
    EXPECT_EQ(bad_order.status, 400);
}

TEST_F(UsersTest, AdminFlagAndUsernameAvailable) {
    HttpResult flag = client.get("/_synapse/admin/v1/users/%40user000013%3Aexample.org/admin", kAdminToken);
    ASSERT_EQ(flag.status, 200);
    EXPECT_TRUE(flag.json()["admin"].GetBool());

    HttpResult demote_self =
        client.send("PUT", "/_synapse/admin/v1/users/%40admin%3Aexample.org/admin", kAdminToken, R"({"admin":false})");
    EXPECT_EQ(demote_self.status, 400);

    HttpResult taken = client.get("/_synapse/admin/v1/username_available?username=user000002", kAdminToken);
    EXPECT_EQ(taken.status, 400);
    EXPECT_STREQ(taken.json()["errcode"].GetString(), "M_USER_IN_USE");

    HttpResult free_name = client.get("/_synapse/admin/v1/username_available?username=newcomer", kAdminToken);
    EXPECT_EQ(free_name.status, 200);
    EXPECT_TRUE(free_name.json()["available"].GetBool());
}

TEST_F(UsersTest, WhoamiForBothTokens) {
    HttpResult admin = client.get("/_matrix/client/v3/account/whoami", kAdminToken);
    ASSERT_EQ(admin.status, 200);
    EXPECT_STREQ(admin.json()["user_id"].GetString(), "@admin:example.org");
    EXPECT_FALSE(admin.json()["is_guest"].GetBool());

    HttpResult alice = client.get("/_matrix/client/v3/account/whoami", kUserToken);
    ASSERT_EQ(alice.status, 200);
    EXPECT_STREQ(alice.json()["user_id"].GetString(), "@alice:example.org");
}

}  // namespace
}  // namespace synapse_sim_test
