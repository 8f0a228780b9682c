// Password login and logout of the client-server API (without MAS): /login, /logout, /logout/all.
#include <rapidjson/stringbuffer.h>

#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_util.h"
#include "matrix_ids.h"

namespace synapse_sim {
namespace {

const char* kPasswordLoginType = "m.login.password";

std::string stringMember(const rapidjson::Value& object, const char* name) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd() || !member->value.IsString()) {
        return std::string();
    }
    return member->value.GetString();
}

// Returns the user ID that the login body names, through "identifier" or the legacy "user".
std::string requestedUserId(const rapidjson::Value& body, const std::string& server_name) {
    std::string user;
    auto identifier = body.FindMember("identifier");
    if (identifier != body.MemberEnd()) {
        if (!identifier->value.IsObject()) {
            throw ApiError(400, "M_INVALID_PARAM", "'identifier' must be an object");
        }
        if (stringMember(identifier->value, "type") != "m.id.user") {
            throw ApiError(400, "M_UNKNOWN", "Unknown login identifier type");
        }
        user = stringMember(identifier->value, "user");
    } else {
        user = stringMember(body, "user");
    }
    if (user.empty()) {
        throw ApiError(400, "M_MISSING_PARAM", "Missing 'identifier.user' or 'user'");
    }
    return user.front() == '@' ? user : "@" + user + ":" + server_name;
}

HttpResponse loginFlows(ApiContext&) {
    return jsonResponse(200, R"({"flows":[{"type":"m.login.password"}]})");
}

HttpResponse login(ApiContext& context) {
    rapidjson::Document body = parseJsonObjectBody(context.request.body, false);
    std::string type = stringMember(body, "type");
    if (type != kPasswordLoginType) {
        throw ApiError(400, "M_UNKNOWN", "Unsupported login type '" + type + "'; this server offers m.login.password");
    }
    std::string user_id = requestedUserId(body, context.store.serverName());
    auto password = body.FindMember("password");
    if (password == body.MemberEnd() || !password->value.IsString()) {
        throw ApiError(400, "M_MISSING_PARAM", "Missing 'password'");
    }

    const User* user = context.store.findUser(user_id);
    if (user == nullptr || !context.store.checkPassword(user_id, password->value.GetString())) {
        throw ApiError(403, "M_FORBIDDEN", "Invalid username or password");
    }
    if (user->deactivated) {
        throw ApiError(403, "M_USER_DEACTIVATED", "This account has been deactivated");
    }
    if (user->locked) {
        throw ApiError(401, "M_USER_LOCKED", "This account has been locked");
    }

    std::string device_id = stringMember(body, "device_id");
    if (device_id.empty()) {
        device_id = context.store.randomUppercase(10);
    }
    std::string access_token = context.store.addLoginSession(user_id, device_id);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("user_id");
    writeString(writer, user_id);
    writer.Key("access_token");
    writeString(writer, access_token);
    writer.Key("device_id");
    writeString(writer, device_id);
    writer.Key("home_server");
    writeString(writer, context.store.serverName());
    writer.EndObject();
    return jsonResponse(200, buffer);
}

// Ends the session of the token used. --admin-token and --user-token stay valid.
HttpResponse logout(ApiContext& context) {
    Requester requester = authenticate(context);
    context.store.removeLoginSession(requester.access_token);
    return jsonResponse(200, "{}");
}

HttpResponse logoutAll(ApiContext& context) {
    Requester requester = authenticate(context);
    context.store.removeLoginSessions(requester.user_id);
    return jsonResponse(200, "{}");
}

}  // namespace

void addLoginRoutes(Router& router, bool mas_mode) {
    if (mas_mode) {
        return;
    }
    for (const char* version : {"v3", "r0"}) {
        std::string base = std::string("/_matrix/client/") + version;
        router.add("GET", base + "/login", loginFlows);
        router.add("POST", base + "/login", login);
        router.add("POST", base + "/logout", logout);
        router.add("POST", base + "/logout/all", logoutAll);
    }
}

}  // namespace synapse_sim
