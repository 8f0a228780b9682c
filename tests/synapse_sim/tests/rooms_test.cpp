// Room endpoints of synapse-sim, checked over HTTP against the real binary.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

// The default simulator has rooms j = 1..12 ("!room00000J:example.org").
class RoomsTest : public ::testing::Test {
protected:
    SimProcess sim;
    HttpClient client{sim.baseUrl()};
};

TEST_F(RoomsTest, NextBatchIsIntegerAndPagesAreContinuous) {
    std::set<std::string> room_ids;
    int from = 0;
    int pages = 0;
    while (true) {
        HttpResult page = client.get("/_synapse/admin/v1/rooms?limit=5&from=" + std::to_string(from), kAdminToken);
        ASSERT_EQ(page.status, 200) << page.body;
        rapidjson::Document json = page.json();
        EXPECT_EQ(json["total_rooms"].GetInt(), 12);
        EXPECT_EQ(json["offset"].GetInt(), from);
        EXPECT_EQ(json.HasMember("prev_batch"), from > 0);
        for (const auto& room : json["rooms"].GetArray()) {
            room_ids.insert(room["room_id"].GetString());
        }
        ++pages;
        if (!json.HasMember("next_batch")) {
            break;
        }
        ASSERT_TRUE(json["next_batch"].IsInt());
        EXPECT_EQ(json["next_batch"].GetInt(), from + 5);
        from = json["next_batch"].GetInt();
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(room_ids.size(), 12u);
}

TEST_F(RoomsTest, RoomEntryHasExactKeys) {
    HttpResult result = client.get("/_synapse/admin/v1/rooms?limit=1", kAdminToken);
    rapidjson::Document json = result.json();
    std::set<std::string> keys;
    for (const auto& member : json["rooms"][0].GetObject()) {
        keys.insert(member.name.GetString());
    }
    std::set<std::string> expected = {"room_id",   "name",        "canonical_alias", "joined_members",
                                      "joined_local_members", "version", "creator", "encryption",
                                      "federatable", "public",    "join_rules",      "guest_access",
                                      "history_visibility", "state_events", "room_type"};
    EXPECT_EQ(keys, expected);
}

TEST_F(RoomsTest, OrderBySizeIsLargestFirst) {
    HttpResult result = client.get("/_synapse/admin/v1/rooms?order_by=size", kAdminToken);
    rapidjson::Document json = result.json();
    int previous = INT32_MAX;
    for (const auto& room : json["rooms"].GetArray()) {
        EXPECT_LE(room["joined_members"].GetInt(), previous);
        previous = room["joined_members"].GetInt();
    }
    // Room 8 has 8 % 9 + 1 = 9 local members, the most of rooms 1..12.
    EXPECT_STREQ(json["rooms"][0]["room_id"].GetString(), "!room000008:example.org");
    EXPECT_EQ(previous, 0);
}

TEST_F(RoomsTest, FiltersMatchSeedingRule) {
    HttpResult empty = client.get("/_synapse/admin/v1/rooms?empty_rooms=true", kAdminToken);
    EXPECT_EQ(empty.json()["total_rooms"].GetInt(), 2);  // rooms 5 and 10

    HttpResult public_rooms = client.get("/_synapse/admin/v1/rooms?public_rooms=true", kAdminToken);
    EXPECT_EQ(public_rooms.json()["total_rooms"].GetInt(), 4);  // rooms 3, 6, 9, 12

    HttpResult cafe = client.get("/_synapse/admin/v1/rooms?search_term=caf%C3%A9", kAdminToken);
    EXPECT_EQ(cafe.json()["total_rooms"].GetInt(), 2);  // "Café 1", "Café 11"

    HttpResult by_id = client.get("/_synapse/admin/v1/rooms?search_term=%21room000004%3Aexample.org", kAdminToken);
    EXPECT_EQ(by_id.json()["total_rooms"].GetInt(), 1);

    HttpResult empty_term = client.get("/_synapse/admin/v1/rooms?search_term=", kAdminToken);
    EXPECT_EQ(empty_term.status, 400);
    EXPECT_STREQ(empty_term.json()["errcode"].GetString(), "M_INVALID_PARAM");
}

TEST_F(RoomsTest, DetailsAndMembers) {
    HttpResult details = client.get("/_synapse/admin/v1/rooms/%21room000003%3Aexample.org", kAdminToken);
    ASSERT_EQ(details.status, 200) << details.body;
    rapidjson::Document json = details.json();
    EXPECT_STREQ(json["name"].GetString(), "Random 3");
    // Room 3: 3 % 9 + 1 = 4 local members plus one remote visitor.
    EXPECT_EQ(json["joined_members"].GetInt(), 5);
    EXPECT_EQ(json["joined_local_members"].GetInt(), 4);
    EXPECT_TRUE(json.HasMember("topic"));

    HttpResult members = client.get("/_synapse/admin/v1/rooms/%21room000003%3Aexample.org/members", kAdminToken);
    ASSERT_EQ(members.status, 200);
    EXPECT_EQ(members.json()["total"].GetInt(), 5);
    EXPECT_EQ(members.json()["members"].Size(), 5u);

    HttpResult missing = client.get("/_synapse/admin/v1/rooms/%21nope%3Aexample.org", kAdminToken);
    EXPECT_EQ(missing.status, 404);
    EXPECT_STREQ(missing.json()["error"].GetString(), "Room not found");
}

TEST_F(RoomsTest, DeleteStatusAdvancesPerPoll) {
    HttpResult started = client.send("DELETE", "/_synapse/admin/v2/rooms/%21room000001%3Aexample.org", kAdminToken, "{}");
    ASSERT_EQ(started.status, 200) << started.body;
    std::string delete_id = started.json()["delete_id"].GetString();

    const std::string status_path = "/_synapse/admin/v2/rooms/delete_status/" + delete_id;
    HttpResult first = client.get(status_path, kAdminToken);
    EXPECT_STREQ(first.json()["status"].GetString(), "scheduled");
    HttpResult second = client.get(status_path, kAdminToken);
    EXPECT_STREQ(second.json()["status"].GetString(), "active");
    HttpResult third = client.get(status_path, kAdminToken);
    EXPECT_STREQ(third.json()["status"].GetString(), "complete");
    EXPECT_EQ(third.json()["shutdown_room"]["kicked_users"].Size(), 2u);  // 1 % 9 + 1 members

    EXPECT_EQ(client.get("/_synapse/admin/v1/rooms/%21room000001%3Aexample.org", kAdminToken).status, 404);
    EXPECT_EQ(client.get("/_synapse/admin/v1/rooms", kAdminToken).json()["total_rooms"].GetInt(), 11);

    HttpResult by_room = client.get("/_synapse/admin/v2/rooms/%21room000001%3Aexample.org/delete_status", kAdminToken);
    ASSERT_EQ(by_room.status, 200);
    EXPECT_STREQ(by_room.json()["results"][0]["status"].GetString(), "complete");

    HttpResult unknown = client.get("/_synapse/admin/v2/rooms/delete_status/nope", kAdminToken);
    EXPECT_EQ(unknown.status, 404);
}

TEST_F(RoomsTest, JoinedRoomsOfUser) {
    // Every member of room 2 must list room 2 among its joined rooms.
    HttpResult members = client.get("/_synapse/admin/v1/rooms/%21room000002%3Aexample.org/members", kAdminToken);
    rapidjson::Document json = members.json();
    ASSERT_GT(json["total"].GetInt(), 0);
    for (const auto& member : json["members"].GetArray()) {
        std::string user_id = member.GetString();
        std::string encoded = "%40" + user_id.substr(1, user_id.find(':') - 1) + "%3Aexample.org";
        HttpResult joined = client.get("/_synapse/admin/v1/users/" + encoded + "/joined_rooms", kAdminToken);
        ASSERT_EQ(joined.status, 200);
        bool found = false;
        for (const auto& room : joined.json()["joined_rooms"].GetArray()) {
            found = found || std::string(room.GetString()) == "!room000002:example.org";
        }
        EXPECT_TRUE(found) << user_id;
    }
}

}  // namespace
}  // namespace synapse_sim_test
