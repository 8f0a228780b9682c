// JSON shapes of accounts and rooms as the Synapse Admin API returns them.
#include "json_model.h"

namespace synapse_sim {

void writeUserListEntry(JsonWriter& writer, const User& user) {
    writer.StartObject();
    writer.Key("name");
    writeString(writer, user.name);
    writer.Key("is_guest");
    writer.Bool(user.is_guest);
    writer.Key("admin");
    writer.Bool(user.admin);
    writer.Key("user_type");
    writeOptionalString(writer, user.user_type);
    writer.Key("deactivated");
    writer.Bool(user.deactivated);
    writer.Key("erased");
    writer.Bool(user.erased);
    writer.Key("shadow_banned");
    writer.Bool(user.shadow_banned);
    writer.Key("displayname");
    writeOptionalString(writer, user.displayname);
    writer.Key("avatar_url");
    writeOptionalString(writer, user.avatar_url);
    writer.Key("creation_ts");
    writer.Int64(user.creation_ts * 1000);
    writer.Key("last_seen_ts");
    writeOptionalInt(writer, user.last_seen_ts);
    writer.Key("locked");
    writer.Bool(user.locked);
    writer.EndObject();
}

void writeUserDetail(JsonWriter& writer, const User& user) {
    writer.StartObject();
    writer.Key("name");
    writeString(writer, user.name);
    writer.Key("displayname");
    writeOptionalString(writer, user.displayname);
    writer.Key("threepids");
    writer.StartArray();
    for (const Threepid& threepid : user.threepids) {
        writer.StartObject();
        writer.Key("medium");
        writeString(writer, threepid.medium);
        writer.Key("address");
        writeString(writer, threepid.address);
        writer.Key("added_at");
        writer.Int64(threepid.added_at);
        writer.Key("validated_at");
        writer.Int64(threepid.validated_at);
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("avatar_url");
    writeOptionalString(writer, user.avatar_url);
    writer.Key("is_guest");
    writer.Bool(user.is_guest);
    writer.Key("admin");
    writer.Bool(user.admin);
    writer.Key("deactivated");
    writer.Bool(user.deactivated);
    writer.Key("erased");
    writer.Bool(user.erased);
    writer.Key("shadow_banned");
    writer.Bool(user.shadow_banned);
    writer.Key("creation_ts");
    writer.Int64(user.creation_ts);
    writer.Key("last_seen_ts");
    writeOptionalInt(writer, user.last_seen_ts);
    writer.Key("appservice_id");
    writer.Null();
    writer.Key("consent_server_notice_sent");
    writer.Null();
    writer.Key("consent_version");
    writer.Null();
    writer.Key("consent_ts");
    writer.Null();
    writer.Key("external_ids");
    writer.StartArray();
    for (const ExternalId& external_id : user.external_ids) {
        writer.StartObject();
        writer.Key("auth_provider");
        writeString(writer, external_id.auth_provider);
        writer.Key("external_id");
        writeString(writer, external_id.external_id);
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("user_type");
    writeOptionalString(writer, user.user_type);
    writer.Key("locked");
    writer.Bool(user.locked);
    writer.Key("suspended");
    writer.Bool(user.suspended);
    writer.EndObject();
}

std::int64_t joinedLocalMembers(const Room& room, const std::string& server_name) {
    std::int64_t count = 0;
    for (const std::string& member : room.members) {
        std::size_t colon = member.find(':');
        if (colon != std::string::npos && member.compare(colon + 1, std::string::npos, server_name) == 0) {
            ++count;
        }
    }
    return count;
}

void writeRoomListFields(JsonWriter& writer, const Room& room, const std::string& server_name) {
    writer.Key("room_id");
    writeString(writer, room.room_id);
    writer.Key("name");
    writeOptionalString(writer, room.name);
    writer.Key("canonical_alias");
    writeOptionalString(writer, room.canonical_alias);
    writer.Key("joined_members");
    writer.Int64(static_cast<std::int64_t>(room.members.size()));
    writer.Key("joined_local_members");
    writer.Int64(joinedLocalMembers(room, server_name));
    writer.Key("version");
    writeString(writer, room.version);
    writer.Key("creator");
    writeString(writer, room.creator);
    writer.Key("encryption");
    writeOptionalString(writer, room.encryption);
    writer.Key("federatable");
    writer.Bool(room.federatable);
    writer.Key("public");
    writer.Bool(room.is_public);
    writer.Key("join_rules");
    writeString(writer, room.join_rules);
    writer.Key("guest_access");
    writeOptionalString(writer, room.guest_access);
    writer.Key("history_visibility");
    writeString(writer, room.history_visibility);
    writer.Key("state_events");
    writer.Int64(room.non_member_state_events + static_cast<std::int64_t>(room.members.size()));
    writer.Key("room_type");
    writeOptionalString(writer, room.room_type);
}

void writeRoomDetail(JsonWriter& writer, const Room& room, const std::string& server_name) {
    writer.StartObject();
    writeRoomListFields(writer, room, server_name);
    writer.Key("topic");
    writeOptionalString(writer, room.topic);
    writer.Key("avatar");
    writeOptionalString(writer, room.avatar);
    writer.Key("joined_local_devices");
    // The simulator gives every local member exactly one device.
    writer.Int64(joinedLocalMembers(room, server_name));
    writer.Key("forgotten");
    writer.Bool(false);
    writer.Key("tombstoned");
    writer.Bool(false);
    writer.Key("replacement_room");
    writer.Null();
    writer.EndObject();
}

}  // namespace synapse_sim
