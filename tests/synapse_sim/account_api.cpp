// Per-account admin endpoints: deactivate, admin flag, username check, joined rooms, whois.
#include <rapidjson/stringbuffer.h>

#include "account_actions.h"
#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_util.h"
#include "matrix_ids.h"
#include "query_parsing.h"

namespace synapse_sim {
namespace {

HttpResponse deactivate(ApiContext& context) {
    requireAdmin(context);
    rapidjson::Document body = parseJsonObjectBody(context.request.body, true);
    bool erase = optionalBoolMember(body, "erase", false);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "Can only deactivate local users");
    }
    User* user = context.store.findUser(user_id);
    if (user == nullptr) {
        throw ApiError(404, "M_NOT_FOUND", "User not found");
    }
    deactivateAccount(context.store, *user, erase);
    return jsonResponse(200, R"({"id_server_unbind_result":"success"})");
}

HttpResponse getAdminFlag(ApiContext& context) {
    requireAdmin(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "Only local users can be admins of this homeserver");
    }
    // Synapse returns false, not 404, for an account that does not exist.
    const User* user = context.store.findUser(user_id);
    bool admin = user != nullptr && user->admin;
    return jsonResponse(200, admin ? R"({"admin":true})" : R"({"admin":false})");
}

// Python truthiness, which Synapse applies to the "admin" value here.
bool isTruthy(const rapidjson::Value& value) {
    if (value.IsBool()) {
        return value.GetBool();
    }
    if (value.IsNumber()) {
        return value.GetDouble() != 0;
    }
    if (value.IsString()) {
        return value.GetStringLength() > 0;
    }
    if (value.IsArray()) {
        return !value.Empty();
    }
    if (value.IsObject()) {
        return value.MemberCount() > 0;
    }
    return false;
}

HttpResponse putAdminFlag(ApiContext& context) {
    Requester requester = requireAdmin(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    rapidjson::Document body = parseJsonObjectBody(context.request.body, false);
    auto admin_member = body.FindMember("admin");
    if (admin_member == body.MemberEnd()) {
        throw ApiError(400, "M_MISSING_PARAM", "Missing params: ['admin']");
    }
    bool set_admin_to = isTruthy(admin_member->value);
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "Only local users can be admins of this homeserver");
    }
    if (user_id == requester.user_id && !set_admin_to) {
        throw ApiError(400, "M_UNKNOWN", "You may not demote yourself.");
    }
    User* user = context.store.findUser(user_id);
    if (user == nullptr) {
        throw ApiError(404, "M_NOT_FOUND", "User not found");
    }
    user->admin = set_admin_to;
    context.store.usersChanged();
    return jsonResponse(200, "{}");
}

HttpResponse usernameAvailable(ApiContext& context) {
    requireAdmin(context);
    std::optional<std::string> username = parseStringParam(context.query, "username");
    if (!username) {
        throw ApiError(400, "M_MISSING_PARAM", "Missing string query parameter username");
    }
    requireRegistrableLocalpart(*username);
    if (context.store.findUser("@" + *username + ":" + context.store.serverName()) != nullptr) {
        throw ApiError(400, "M_USER_IN_USE", "User ID already taken.");
    }
    return jsonResponse(200, R"({"available":true})");
}

HttpResponse joinedRooms(ApiContext& context) {
    requireAdmin(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    std::vector<std::string> rooms = context.store.joinedRooms(user_id);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("joined_rooms");
    writer.StartArray();
    for (const std::string& room_id : rooms) {
        writeString(writer, room_id);
    }
    writer.EndArray();
    writer.Key("total");
    writer.Int64(static_cast<std::int64_t>(rooms.size()));
    writer.EndObject();
    return jsonResponse(200, buffer);
}

std::string deviceIdFor(const std::string& user_id, const Options& options) {
    if (user_id == "@admin:" + options.server_name) {
        return "SIMADMINDEVICE";
    }
    if (user_id == "@alice:" + options.server_name) {
        return "SIMALICEDEVICE";
    }
    return "SIMDEVICE_" + localpartOf(user_id);
}

HttpResponse whois(ApiContext& context) {
    Requester requester = authenticate(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    if (user_id != requester.user_id && !requester.admin) {
        throw ApiError(403, "M_FORBIDDEN", "You are not a server admin");
    }
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "Can only whois a local user");
    }

    // Accounts with a last_seen_ts get one device with one connection;
    // Synapse returns an empty device map for unknown accounts.
    const User* user = context.store.findUser(user_id);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("user_id");
    writeString(writer, user_id);
    writer.Key("devices");
    writer.StartObject();
    if (user != nullptr && !user->deactivated && user->last_seen_ts) {
        writeString(writer, deviceIdFor(user_id, context.options));
        writer.StartObject();
        writer.Key("sessions");
        writer.StartArray();
        writer.StartObject();
        writer.Key("connections");
        writer.StartArray();
        writer.StartObject();
        writer.Key("ip");
        writer.String("127.0.0.1");
        writer.Key("last_seen");
        writer.Int64(*user->last_seen_ts);
        writer.Key("user_agent");
        writer.String("synapse-sim");
        writer.EndObject();
        writer.EndArray();
        writer.EndObject();
        writer.EndArray();
        writer.EndObject();
    }
    writer.EndObject();
    writer.EndObject();
    return jsonResponse(200, buffer);
}

HttpResponse serverVersion(ApiContext& context) {
    // Synapse serves this endpoint without authentication.
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("server_version");
    writeString(writer, context.options.version_string);
    writer.EndObject();
    return jsonResponse(200, buffer);
}

HttpResponse whoami(ApiContext& context) {
    Requester requester = authenticate(context);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("user_id");
    writeString(writer, requester.user_id);
    if (!requester.device_id.empty()) {
        writer.Key("device_id");
        writeString(writer, requester.device_id);
    }
    writer.Key("is_guest");
    writer.Bool(requester.is_guest);
    writer.EndObject();
    return jsonResponse(200, buffer);
}

HttpResponse clientVersions(ApiContext&) {
    return jsonResponse(200, R"({"versions":["v1.1","v1.2","v1.3","v1.4","v1.5","v1.6","v1.7","v1.8","v1.9","v1.10","v1.11"],"unstable_features":{}})");
}

}  // namespace

void addServerRoutes(Router& router) {
    router.add("GET", "/_synapse/admin/v1/server_version", serverVersion);
    router.add("GET", "/_matrix/client/v3/account/whoami", whoami);
    router.add("GET", "/_matrix/client/r0/account/whoami", whoami);
    router.add("GET", "/_matrix/client/versions", clientVersions);
}

void addAccountRoutes(Router& router, bool mas_mode) {
    router.add("POST", "/_synapse/admin/v1/deactivate/{user_id}", deactivate);
    if (!mas_mode) {
        router.add("GET", "/_synapse/admin/v1/users/{user_id}/admin", getAdminFlag);
        router.add("PUT", "/_synapse/admin/v1/users/{user_id}/admin", putAdminFlag);
    }
    router.add("GET", "/_synapse/admin/v1/username_available", usernameAvailable);
    router.add("GET", "/_synapse/admin/v1/users/{user_id}/joined_rooms", joinedRooms);
    router.add("GET", "/_synapse/admin/v1/whois/{user_id}", whois);
}

}  // namespace synapse_sim
