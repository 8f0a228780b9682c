// Filtering and ordering of the room list for GET /v1/rooms.
#include "room_query.h"

#include <algorithm>
#include <functional>

#include "json_model.h"
#include "sql_like.h"

namespace synapse_sim {

const std::vector<std::string> kRoomOrderColumns = {
    "alphabetical", "size",    "name",        "canonical_alias", "joined_members",
    "joined_local_members", "version", "creator", "encryption", "federatable",
    "public",       "join_rules", "guest_access", "history_visibility", "state_events",
};

namespace {

using RoomCompare = std::function<int(const Room&, const Room&)>;

template <typename T>
int compareOptional(const std::optional<T>& left, const std::optional<T>& right) {
    if (!left || !right) {
        return static_cast<int>(!left) - static_cast<int>(!right);
    }
    return *left < *right ? -1 : (*right < *left ? 1 : 0);
}

template <typename T>
int compareValues(const T& left, const T& right) {
    return left < right ? -1 : (right < left ? 1 : 0);
}

// Returns the comparator of a column and whether Synapse sorts it ascending by default.
std::pair<RoomCompare, bool> columnOrder(const std::string& column, const std::string& server_name) {
    if (column == "name" || column == "alphabetical") {
        return {[](const Room& a, const Room& b) { return compareOptional(a.name, b.name); }, true};
    }
    if (column == "canonical_alias") {
        return {[](const Room& a, const Room& b) { return compareOptional(a.canonical_alias, b.canonical_alias); }, true};
    }
    if (column == "joined_members" || column == "size") {
        return {[](const Room& a, const Room& b) { return compareValues(a.members.size(), b.members.size()); }, false};
    }
    if (column == "joined_local_members") {
        return {[server_name](const Room& a, const Room& b) {
                    return compareValues(joinedLocalMembers(a, server_name), joinedLocalMembers(b, server_name));
                },
                false};
    }
    if (column == "version") {
        return {[](const Room& a, const Room& b) { return compareValues(a.version, b.version); }, false};
    }
    if (column == "creator") {
        return {[](const Room& a, const Room& b) { return compareValues(a.creator, b.creator); }, true};
    }
    if (column == "encryption") {
        return {[](const Room& a, const Room& b) { return compareOptional(a.encryption, b.encryption); }, true};
    }
    if (column == "federatable") {
        return {[](const Room& a, const Room& b) { return compareValues(a.federatable, b.federatable); }, true};
    }
    if (column == "public") {
        return {[](const Room& a, const Room& b) { return compareValues(a.is_public, b.is_public); }, true};
    }
    if (column == "join_rules") {
        return {[](const Room& a, const Room& b) { return compareValues(a.join_rules, b.join_rules); }, true};
    }
    if (column == "guest_access") {
        return {[](const Room& a, const Room& b) { return compareOptional(a.guest_access, b.guest_access); }, true};
    }
    if (column == "history_visibility") {
        return {[](const Room& a, const Room& b) { return compareValues(a.history_visibility, b.history_visibility); },
                true};
    }
    // state_events
    return {[](const Room& a, const Room& b) {
                return compareValues(a.non_member_state_events + static_cast<std::int64_t>(a.members.size()),
                                     b.non_member_state_events + static_cast<std::int64_t>(b.members.size()));
            },
            false};
}

bool matchesSearch(const Room& room, const std::string& term) {
    std::string lower_term = lowerAscii(term);
    if (room.name && likeMatch(lowerAscii(*room.name), "%" + lower_term + "%")) {
        return true;
    }
    if (room.canonical_alias && likeMatch(lowerAscii(*room.canonical_alias), "#%" + lower_term + "%:%")) {
        return true;
    }
    return room.room_id == term;
}

const char* triStateKey(const std::optional<bool>& value) {
    if (!value) {
        return "-";
    }
    return *value ? "1" : "0";
}

}  // namespace

std::string RoomListFilter::cacheKey() const {
    std::string key = "s=" + (search_term ? "+" + *search_term : std::string("-"));
    key += std::string("\x1fp=") + triStateKey(public_rooms);
    key += std::string("\x1f" "e=") + triStateKey(empty_rooms);
    key += "\x1fo=" + order_by + (backwards ? "\x1f" "b" : "\x1f" "f");
    return key;
}

std::vector<std::uint32_t> selectRooms(const std::vector<Room>& rooms, const RoomListFilter& filter,
                                       const std::string& server_name) {
    std::vector<std::uint32_t> selected;
    for (std::size_t i = 0; i < rooms.size(); ++i) {
        const Room& room = rooms[i];
        if (filter.search_term && !matchesSearch(room, *filter.search_term)) {
            continue;
        }
        if (filter.public_rooms && room.is_public != *filter.public_rooms) {
            continue;
        }
        if (filter.empty_rooms && room.members.empty() != *filter.empty_rooms) {
            continue;
        }
        selected.push_back(static_cast<std::uint32_t>(i));
    }

    auto [compare, ascending] = columnOrder(filter.order_by, server_name);
    if (filter.backwards) {
        ascending = !ascending;
    }
    std::sort(selected.begin(), selected.end(), [&](std::uint32_t left, std::uint32_t right) {
        int order = compare(rooms[left], rooms[right]);
        if (order == 0) {
            order = compareValues(rooms[left].room_id, rooms[right].room_id);
        }
        return ascending ? order < 0 : order > 0;
    });
    return selected;
}

}  // namespace synapse_sim
