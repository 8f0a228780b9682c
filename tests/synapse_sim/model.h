// Records the simulator keeps in memory: accounts, rooms and room-deletion tasks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace synapse_sim {

struct Threepid {
    std::string medium;
    std::string address;
    std::int64_t added_at = 0;      // ms
    std::int64_t validated_at = 0;  // ms
};

struct ExternalId {
    std::string auth_provider;
    std::string external_id;
};

struct User {
    std::string name;  // full user ID, "@localpart:server"
    std::optional<std::string> displayname;
    std::optional<std::string> avatar_url;
    std::optional<std::string> user_type;  // null, "bot" or "support"
    bool is_guest = false;
    bool admin = false;
    bool deactivated = false;
    bool erased = false;
    bool shadow_banned = false;
    bool locked = false;
    bool suspended = false;
    bool has_password = false;  // the password itself is kept in Store, for POST /login
    std::int64_t creation_ts = 0;  // seconds, as Synapse stores it
    std::optional<std::int64_t> last_seen_ts;  // ms
    std::vector<Threepid> threepids;
    std::vector<ExternalId> external_ids;
};

struct Room {
    std::string room_id;
    std::optional<std::string> name;
    std::optional<std::string> canonical_alias;
    std::optional<std::string> topic;
    std::optional<std::string> avatar;
    std::optional<std::string> encryption;
    std::optional<std::string> room_type;
    std::string version;
    std::string creator;
    std::string join_rules;
    std::optional<std::string> guest_access;
    std::string history_visibility;
    bool federatable = true;
    bool is_public = false;
    std::int64_t non_member_state_events = 0;  // state events besides m.room.member
    std::vector<std::string> members;  // joined user IDs, local and remote
};

struct DeleteTask {
    std::string delete_id;
    std::string room_id;
    int status_requests = 0;  // drives scheduled -> active -> complete
    std::string status = "scheduled";
    bool block = false;
    bool purge = true;
    std::vector<std::string> kicked_users;
    std::vector<std::string> local_aliases;
};

}  // namespace synapse_sim
