// Room deletion: synchronous DELETE /v1/rooms/<room_id> and the v2 task with its status polls.
//
// A v2 task advances one step per status request, by delete ID or by room ID.
// The first request reports "scheduled", the second "active", and the third
// and later "complete". An unknown room deleted without "block": true ends
// "failed" instead. The room's local members are kicked when "complete" is
// first reported, and with "purge" (the default) the room is removed then.
#include <rapidjson/stringbuffer.h>

#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_util.h"
#include "matrix_ids.h"

namespace synapse_sim {
namespace {

struct DeleteOptions {
    bool block = false;
    bool purge = true;
};

DeleteOptions readDeleteBody(ApiContext& context) {
    rapidjson::Document body = parseJsonObjectBody(context.request.body, false);
    DeleteOptions options;
    options.block = optionalBoolMember(body, "block", false);
    options.purge = optionalBoolMember(body, "purge", true);
    optionalBoolMember(body, "force_purge", false);
    auto new_room_user = body.FindMember("new_room_user_id");
    if (new_room_user != body.MemberEnd() && new_room_user->value.IsString()) {
        std::string user_id = new_room_user->value.GetString();
        if (!context.store.isLocal(user_id)) {
            throw ApiError(400, "M_UNKNOWN", "User must be our own: " + user_id);
        }
    }
    return options;
}

// Kicks the room's local members and, with purge, removes the room. Returns
// false when the room does not exist.
bool shutDownRoom(Store& store, const std::string& room_id, bool purge, std::vector<std::string>& kicked_users,
                  std::vector<std::string>& local_aliases) {
    Room* room = store.findRoom(room_id);
    if (room == nullptr) {
        return false;
    }
    std::vector<std::string> remaining;
    for (const std::string& member : room->members) {
        if (store.isLocal(member)) {
            kicked_users.push_back(member);
        } else {
            remaining.push_back(member);
        }
    }
    room->members = std::move(remaining);
    if (room->canonical_alias && store.isLocal(*room->canonical_alias)) {
        local_aliases.push_back(*room->canonical_alias);
    }
    if (purge) {
        store.removeRoom(room_id);
    } else {
        store.roomsChanged();
    }
    return true;
}

void writeShutdownResult(JsonWriter& writer, const std::vector<std::string>& kicked_users,
                         const std::vector<std::string>& local_aliases) {
    writer.StartObject();
    writer.Key("kicked_users");
    writer.StartArray();
    for (const std::string& user_id : kicked_users) {
        writeString(writer, user_id);
    }
    writer.EndArray();
    writer.Key("failed_to_kick_users");
    writer.StartArray();
    writer.EndArray();
    writer.Key("local_aliases");
    writer.StartArray();
    for (const std::string& alias : local_aliases) {
        writeString(writer, alias);
    }
    writer.EndArray();
    writer.Key("new_room_id");
    writer.Null();
    writer.EndObject();
}

HttpResponse deleteRoomNow(ApiContext& context) {
    requireAdmin(context);
    DeleteOptions options = readDeleteBody(context);
    const std::string& room_id = context.params[0];
    std::vector<std::string> kicked_users;
    std::vector<std::string> local_aliases;
    if (!shutDownRoom(context.store, room_id, options.purge, kicked_users, local_aliases) && !options.block) {
        throw ApiError(404, "M_NOT_FOUND", "Unknown room id " + room_id);
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writeShutdownResult(writer, kicked_users, local_aliases);
    return jsonResponse(200, buffer);
}

HttpResponse startRoomDelete(ApiContext& context) {
    requireAdmin(context);
    DeleteOptions options = readDeleteBody(context);
    const std::string& room_id = context.params[0];
    if (!isValidRoomId(room_id)) {
        throw ApiError(400, "M_UNKNOWN", room_id + " is not a legal room ID");
    }
    for (const DeleteTask& task : context.store.deleteTasks()) {
        if (task.room_id == room_id && (task.status == "scheduled" || task.status == "active")) {
            throw ApiError(400, "M_UNKNOWN", "Purge already in progress for " + room_id);
        }
    }
    DeleteTask task;
    task.delete_id = context.store.nextDeleteId();
    task.room_id = room_id;
    task.block = options.block;
    task.purge = options.purge;
    context.store.deleteTasks().push_back(task);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("delete_id");
    writeString(writer, task.delete_id);
    writer.EndObject();
    return jsonResponse(200, buffer);
}

// Moves the task one step along; the caller then reports task.status.
void advanceTask(Store& store, DeleteTask& task) {
    int step = task.status_requests++;
    if (step == 0 || task.status == "complete" || task.status == "failed") {
        return;
    }
    if (step == 1) {
        task.status = "active";
        return;
    }
    bool found = shutDownRoom(store, task.room_id, task.purge, task.kicked_users, task.local_aliases);
    task.status = found || task.block ? "complete" : "failed";
}

void writeTask(JsonWriter& writer, const DeleteTask& task) {
    writer.StartObject();
    writer.Key("delete_id");
    writeString(writer, task.delete_id);
    writer.Key("room_id");
    writeString(writer, task.room_id);
    writer.Key("status");
    writeString(writer, task.status);
    writer.Key("shutdown_room");
    // Synapse fills the task result only once the shutdown step has run.
    if (task.status == "scheduled" || task.status == "failed") {
        writer.Null();
    } else {
        writeShutdownResult(writer, task.kicked_users, task.local_aliases);
    }
    writer.EndObject();
}

HttpResponse statusByDeleteId(ApiContext& context) {
    requireAdmin(context);
    const std::string& delete_id = context.params[0];
    DeleteTask* task = context.store.findDeleteTask(delete_id);
    if (task == nullptr) {
        throw ApiError(404, "M_NOT_FOUND", "delete id '" + delete_id + "' not found");
    }
    advanceTask(context.store, *task);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writeTask(writer, *task);
    return jsonResponse(200, buffer);
}

HttpResponse statusByRoomId(ApiContext& context) {
    requireAdmin(context);
    const std::string& room_id = context.params[0];
    if (!isValidRoomId(room_id)) {
        throw ApiError(400, "M_UNKNOWN", room_id + " is not a legal room ID");
    }
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    bool found = false;
    writer.StartObject();
    writer.Key("results");
    writer.StartArray();
    for (DeleteTask& task : context.store.deleteTasks()) {
        if (task.room_id == room_id) {
            found = true;
            advanceTask(context.store, task);
            writeTask(writer, task);
        }
    }
    writer.EndArray();
    writer.EndObject();
    if (!found) {
        throw ApiError(404, "M_NOT_FOUND", "No delete task for room_id '" + room_id + "' found");
    }
    return jsonResponse(200, buffer);
}

}  // namespace

void addRoomDeleteRoutes(Router& router) {
    router.add("DELETE", "/_synapse/admin/v1/rooms/{room_id}", deleteRoomNow);
    router.add("DELETE", "/_synapse/admin/v2/rooms/{room_id}", startRoomDelete);
    router.add("GET", "/_synapse/admin/v2/rooms/delete_status/{delete_id}", statusByDeleteId);
    router.add("GET", "/_synapse/admin/v2/rooms/{room_id}/delete_status", statusByRoomId);
}

}  // namespace synapse_sim
