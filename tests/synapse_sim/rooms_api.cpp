// GET /_synapse/admin/v1/rooms, /v1/rooms/<room_id> and /v1/rooms/<room_id>/members.
#include <rapidjson/stringbuffer.h>

#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_model.h"
#include "query_parsing.h"
#include "room_query.h"

namespace synapse_sim {
namespace {

HttpResponse listRooms(ApiContext& context) {
    requireAdmin(context);
    const QueryParams& query = context.query;
    std::int64_t start = parseIntegerParam(query, "from", 0);
    std::int64_t limit = parseIntegerParam(query, "limit", 100);
    RoomListFilter filter;
    filter.order_by = parseStringParam(query, "order_by", kRoomOrderColumns).value_or("name");
    filter.search_term = parseStringParam(query, "search_term");
    if (filter.search_term && filter.search_term->empty()) {
        throw ApiError(400, "M_INVALID_PARAM", "search_term cannot be an empty string");
    }
    filter.public_rooms = parseBooleanParam(query, "public_rooms");
    filter.empty_rooms = parseBooleanParam(query, "empty_rooms");
    filter.backwards = parseBackwardsDirection(query);

    const std::vector<Room>& rooms = context.store.rooms();
    const std::string& server_name = context.store.serverName();
    const std::vector<std::uint32_t>& index = context.store.roomIndex(
        filter.cacheKey(), [&] { return selectRooms(rooms, filter, server_name); });
    auto total = static_cast<std::int64_t>(index.size());
    std::int64_t page_end = std::min(total, start + limit);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("offset");
    writer.Int64(start);
    writer.Key("rooms");
    writer.StartArray();
    for (std::int64_t i = start; i < page_end; ++i) {
        writer.StartObject();
        writeRoomListFields(writer, rooms[index[static_cast<std::size_t>(i)]], server_name);
        writer.EndObject();
    }
    writer.EndArray();
    writer.Key("total_rooms");
    writer.Int64(total);
    // Integers here, unlike the string next_token of the user list.
    if (start + limit < total) {
        writer.Key("next_batch");
        writer.Int64(start + limit);
    }
    if (start > 0) {
        writer.Key("prev_batch");
        writer.Int64(start > limit ? start - limit : 0);
    }
    writer.EndObject();
    return jsonResponse(200, buffer);
}

const Room& requireRoom(ApiContext& context) {
    const Room* room = context.store.findRoom(context.params[0]);
    if (room == nullptr) {
        throw ApiError(404, "M_NOT_FOUND", "Room not found");
    }
    return *room;
}

HttpResponse roomDetails(ApiContext& context) {
    requireAdmin(context);
    const Room& room = requireRoom(context);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writeRoomDetail(writer, room, context.store.serverName());
    return jsonResponse(200, buffer);
}

HttpResponse roomMembers(ApiContext& context) {
    requireAdmin(context);
    const Room& room = requireRoom(context);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("members");
    writer.StartArray();
    for (const std::string& member : room.members) {
        writeString(writer, member);
    }
    writer.EndArray();
    writer.Key("total");
    writer.Int64(static_cast<std::int64_t>(room.members.size()));
    writer.EndObject();
    return jsonResponse(200, buffer);
}

}  // namespace

void addRoomRoutes(Router& router) {
    router.add("GET", "/_synapse/admin/v1/rooms", listRooms);
    router.add("GET", "/_synapse/admin/v1/rooms/{room_id}", roomDetails);
    router.add("GET", "/_synapse/admin/v1/rooms/{room_id}/members", roomMembers);
}

}  // namespace synapse_sim
