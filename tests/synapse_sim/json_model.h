// JSON shapes of accounts and rooms as the Synapse Admin API returns them.
#pragma once

#include "json_util.h"
#include "model.h"

namespace synapse_sim {

// Entry of GET /v2/users and /v3/users; creation_ts in milliseconds.
void writeUserListEntry(JsonWriter& writer, const User& user);
// Body of GET and PUT /v2/users/<user_id>; creation_ts in seconds, as Synapse
// returns the raw database value there.
void writeUserDetail(JsonWriter& writer, const User& user);

std::int64_t joinedLocalMembers(const Room& room, const std::string& server_name);
// Entry of GET /v1/rooms.
void writeRoomListFields(JsonWriter& writer, const Room& room, const std::string& server_name);
// Body of GET /v1/rooms/<room_id>: the list fields plus the detail-only ones.
void writeRoomDetail(JsonWriter& writer, const Room& room, const std::string& server_name);

}  // namespace synapse_sim
