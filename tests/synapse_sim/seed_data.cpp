// Deterministic accounts and rooms that the simulator starts with.
//
// Accounts (N = --users in total, in this order):
//   @admin:<server>   admin, displayname "Admin", never one of the flags below.
//   @alice:<server>   only with --user-token; not admin, displayname "Alice".
//   @userKKKKKK:<server> for k = 1 .. N - (specials above), zero-padded to 6 digits:
//     deactivated     k % 7 == 0   (no password, no threepids, in no room)
//     erased          k % 14 == 0  (subset of deactivated; displayname and avatar null)
//     is_guest        k % 11 == 0
//     admin           k % 13 == 0
//     user_type       "bot" if k % 17 == 0, else "support" if k % 19 == 0, else null
//     shadow_banned   k % 29 == 0
//     displayname     null if k % 5 == 0 or erased, else NAMES[k % 8] + " " + k,
//                     NAMES = Zoë, Ana, Björn, Chen, Dana, Émile, Farah, Gus
//     avatar_url      "mxc://<server>/avatarK" if k % 3 == 0 and not erased, else null
//     creation_ts     1577836800 + (k % 10) * 2592000 + k * 60 seconds
//     last_seen_ts    null if k % 4 == 0, else 1700000000000 + k * 1000 ms
//     threepids       one email "userKKKKKK@mail.example.org" if k is odd and not deactivated
//   No seeded account is locked, because Synapse hides locked accounts unless
//   locked=true, and guests=true&deactivated=true (v2) must list all N.
//   PUT /v2/users/<user_id> with "locked": true makes one.
//   The admin account has creation_ts 1577836800, @alice 1577836860.
//   So the default user list (deactivated hidden, guests shown) has
//   N - #{k: k % 7 == 0} entries.
//
// Rooms (M = --rooms), j = 1 .. M, room ID "!roomJJJJJJ:<server>":
//   name              null if j % 6 == 0, else TOPICS[j % 5] + " " + j,
//                     TOPICS = General, Café, Support, Random, Ops
//   canonical_alias   null if j % 4 == 0, else "#roomJJJJJJ:<server>"
//   members           none if j % 5 == 0 (empty room); else c = min(j % 9 + 1, A) local
//                     members ACTIVE[(3j + m) % A] for m = 0 .. c-1, where ACTIVE is
//                     the A non-deactivated accounts in user ID order; rooms with
//                     j % 10 == 3 also have the remote member "@visitorJJJJJJ:remote.example"
//   creator           first member, or @admin for an empty room
//   version           "10", "9", "6", "11" for j % 4 = 0, 1, 2, 3
//   encryption        "m.megolm.v1.aes-sha2" if j % 2 == 0, else null
//   federatable       j % 7 != 0
//   public            j % 3 == 0 (join_rules "public"), else join_rules "invite"
//   guest_access      "can_join" if j % 8 == 0, else "forbidden"
//   history_visibility "world_readable" if j % 9 == 0, else "shared"
//   room_type         "m.space" if j % 12 == 0, else null
//   topic             "Topic of room J" if j % 3 == 1, else null
//   state_events      5 + (j % 3) + number of members
#include "seed_data.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace synapse_sim {
namespace {

constexpr std::int64_t kEpochSeconds = 1577836800;  // 2020-01-01T00:00:00Z

std::string padded(const char* prefix, std::int64_t number) {
    char text[48];
    std::snprintf(text, sizeof text, "%s%06lld", prefix, static_cast<long long>(number));
    return text;
}

User makeSpecialUser(const std::string& localpart, const std::string& server_name, const std::string& displayname,
                     bool admin, std::int64_t creation_ts) {
    User user;
    user.name = "@" + localpart + ":" + server_name;
    user.displayname = displayname;
    user.admin = admin;
    user.has_password = true;
    user.creation_ts = creation_ts;
    user.last_seen_ts = 1700000000000;
    return user;
}

User makeGeneratedUser(std::int64_t k, const std::string& server_name) {
    static const std::array<const char*, 8> kNames = {"Zoë", "Ana", "Björn", "Chen", "Dana", "Émile", "Farah", "Gus"};
    User user;
    std::string localpart = generatedLocalpart(k);
    user.name = "@" + localpart + ":" + server_name;

    user.deactivated = k % 7 == 0;
    user.erased = k % 14 == 0;
    user.is_guest = k % 11 == 0;
    user.admin = k % 13 == 0;
    if (k % 17 == 0) {
        user.user_type = "bot";
    } else if (k % 19 == 0) {
        user.user_type = "support";
    }
    user.shadow_banned = k % 29 == 0;

    if (k % 5 != 0 && !user.erased) {
        user.displayname = std::string(kNames[static_cast<std::size_t>(k % 8)]) + " " + std::to_string(k);
    }
    if (k % 3 == 0 && !user.erased) {
        user.avatar_url = "mxc://" + server_name + "/avatar" + std::to_string(k);
    }

    user.creation_ts = kEpochSeconds + (k % 10) * 2592000 + k * 60;
    if (k % 4 != 0) {
        user.last_seen_ts = 1700000000000 + k * 1000;
    }

    user.has_password = !user.deactivated;
    if (k % 2 == 1 && !user.deactivated) {
        std::int64_t added_ms = user.creation_ts * 1000;
        user.threepids.push_back(Threepid{"email", localpart + "@mail.example.org", added_ms, added_ms});
    }
    return user;
}

Room makeRoom(std::int64_t j, const std::string& server_name, const std::vector<std::string>& active_users) {
    static const std::array<const char*, 5> kTopics = {"General", "Café", "Support", "Random", "Ops"};
    static const std::array<const char*, 4> kVersions = {"10", "9", "6", "11"};
    Room room;
    room.room_id = padded("!room", j) + ":" + server_name;
    if (j % 6 != 0) {
        room.name = std::string(kTopics[static_cast<std::size_t>(j % 5)]) + " " + std::to_string(j);
    }
    if (j % 4 != 0) {
        room.canonical_alias = padded("#room", j) + ":" + server_name;
    }

    if (j % 5 != 0 && !active_users.empty()) {
        auto active_count = static_cast<std::int64_t>(active_users.size());
        std::int64_t local_count = std::min<std::int64_t>(j % 9 + 1, active_count);
        for (std::int64_t m = 0; m < local_count; ++m) {
            room.members.push_back(active_users[static_cast<std::size_t>((3 * j + m) % active_count)]);
        }
        if (j % 10 == 3) {
            room.members.push_back(padded("@visitor", j) + ":remote.example");
        }
    }
    room.creator = room.members.empty() ? "@admin:" + server_name : room.members.front();

    room.version = kVersions[static_cast<std::size_t>(j % 4)];
    if (j % 2 == 0) {
        room.encryption = "m.megolm.v1.aes-sha2";
    }
    room.federatable = j % 7 != 0;
    room.is_public = j % 3 == 0;
    room.join_rules = room.is_public ? "public" : "invite";
    room.guest_access = j % 8 == 0 ? "can_join" : "forbidden";
    room.history_visibility = j % 9 == 0 ? "world_readable" : "shared";
    if (j % 12 == 0) {
        room.room_type = "m.space";
    }
    if (j % 3 == 1) {
        room.topic = "Topic of room " + std::to_string(j);
    }
    room.non_member_state_events = 5 + j % 3;
    return room;
}

}  // namespace

std::string generatedLocalpart(std::int64_t k) {
    return padded("user", k);
}

void seedStore(Store& store, const SeedConfig& config) {
    std::int64_t generated = config.users - 1;
    store.insertUser(makeSpecialUser("admin", config.server_name, "Admin", true, kEpochSeconds));
    if (config.with_alice) {
        store.insertUser(makeSpecialUser("alice", config.server_name, "Alice", false, kEpochSeconds + 60));
        --generated;
    }
    for (std::int64_t k = 1; k <= generated; ++k) {
        store.insertUser(makeGeneratedUser(k, config.server_name));
    }

    std::vector<std::string> active_users;
    for (const User& user : store.users()) {
        if (!user.deactivated) {
            active_users.push_back(user.name);
        }
    }
    for (std::int64_t j = 1; j <= config.rooms; ++j) {
        store.addRoom(makeRoom(j, config.server_name, active_users));
    }
}

}  // namespace synapse_sim
