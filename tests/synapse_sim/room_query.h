// Filtering and ordering of the room list for GET /v1/rooms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace synapse_sim {

extern const std::vector<std::string> kRoomOrderColumns;

struct RoomListFilter {
    std::optional<std::string> search_term;
    std::optional<bool> public_rooms;  // nullopt: both
    std::optional<bool> empty_rooms;   // nullopt: both; empty means no joined members
    std::string order_by = "name";
    bool backwards = false;

    std::string cacheKey() const;
};

// Returns positions in `rooms` in Synapse's order: by the order column (member
// counts, state event counts and version largest first unless dir=b; names
// and other text smallest first; nulls after values when ascending), then by
// room ID in the same direction.
std::vector<std::uint32_t> selectRooms(const std::vector<Room>& rooms, const RoomListFilter& filter,
                                       const std::string& server_name);

}  // namespace synapse_sim
