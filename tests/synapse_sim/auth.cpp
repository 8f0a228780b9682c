// Access-token checks of the client-server and admin APIs: legacy Synapse auth, or MAS introspection.
#include "auth.h"

#include <algorithm>
#include <ctime>

#include "api_error.h"
#include "matrix_ids.h"

namespace synapse_sim {
namespace {

const char* kClientApiScope = "urn:matrix:client:api:*";
const char* kUnstableClientApiScope = "urn:matrix:org.matrix.msc2967.client:api:*";
const char* kSynapseAdminScope = "urn:synapse:admin:*";
const char* kDeviceScopePrefixes[] = {"urn:matrix:client:device:", "urn:matrix:org.matrix.msc2967.client:device:"};

std::string extractToken(const ApiContext& context) {
    int header_count = context.request.headerCount("authorization");
    bool in_query = context.query.has("access_token");
    if (header_count > 0) {
        if (in_query) {
            throw ApiError(401, "M_MISSING_TOKEN", "Mixing Authorization headers and access_token query parameters.");
        }
        if (header_count > 1) {
            throw ApiError(401, "M_MISSING_TOKEN", "Too many Authorization headers.");
        }
        const std::string& value = *context.request.header("authorization");
        const std::string scheme = "Bearer ";
        if (value.rfind(scheme, 0) != 0 || value.size() == scheme.size() ||
            value.find(' ', scheme.size()) != std::string::npos) {
            throw ApiError(401, "M_MISSING_TOKEN", "Invalid Authorization header.");
        }
        return value.substr(scheme.size());
    }
    if (!in_query) {
        throw ApiError(401, "M_MISSING_TOKEN", "Missing access token");
    }
    return *context.query.first("access_token");
}

ApiError unknownToken(const std::string& message = "Unrecognised access token") {
    ApiError error(401, "M_UNKNOWN_TOKEN", message);
    error.soft_logout = false;
    return error;
}

bool hasScope(const Introspection& result, const std::string& scope) {
    return std::find(result.scopes.begin(), result.scopes.end(), scope) != result.scopes.end();
}

// The device of a MAS token: the device_id field, else the one device scope.
std::string deviceIdOf(const Introspection& result) {
    if (result.device_id) {
        return *result.device_id;
    }
    std::string device_id;
    int device_scopes = 0;
    for (const std::string& scope : result.scopes) {
        for (const char* prefix : kDeviceScopePrefixes) {
            if (scope.rfind(prefix, 0) == 0) {
                device_id = scope.substr(std::string(prefix).size());
                ++device_scopes;
            }
        }
    }
    return device_scopes == 1 ? device_id : std::string();
}

// Introspects `token` at MAS with the store unlocked, and checks the result as Synapse does.
Requester authenticateWithMas(ApiContext& context, const std::string& token) {
    context.store_lock.unlock();
    std::optional<Introspection> result = context.mas->introspect(token);
    context.store_lock.lock();
    if (!result) {
        throw ApiError(503, "M_UNKNOWN", "Unable to introspect the access token");
    }
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    if (!result->active || (result->exp && *result->exp <= now)) {
        throw unknownToken("Token is not active");
    }
    if (!hasScope(*result, kClientApiScope) && !hasScope(*result, kUnstableClientApiScope)) {
        throw unknownToken("Token doesn't grant access to the Matrix C-S API");
    }
    if (!result->username || !isValidLocalpart(*result->username)) {
        throw unknownToken("Token has no valid username");
    }

    Requester requester;
    requester.access_token = token;
    requester.user_id = "@" + *result->username + ":" + context.options.server_name;
    requester.device_id = deviceIdOf(*result);
    requester.admin = hasScope(*result, kSynapseAdminScope);
    // Synapse creates the account of a MAS user on the user's first request.
    User* user = context.store.findUser(requester.user_id);
    if (user == nullptr) {
        User created;
        created.name = requester.user_id;
        created.displayname = *result->username;
        created.creation_ts = context.store.nextCreationTs();
        user = &context.store.insertUser(std::move(created));
    }
    if (user->deactivated) {
        throw unknownToken("Token is not active");
    }
    requester.is_guest = user->is_guest;
    return requester;
}

}  // namespace

Requester authenticate(ApiContext& context) {
    std::string token = extractToken(context);
    Requester requester;
    requester.access_token = token;
    if (token == context.options.admin_token) {
        requester.user_id = "@admin:" + context.options.server_name;
        requester.device_id = "SIMADMINDEVICE";
    } else if (context.options.user_token && token == *context.options.user_token) {
        requester.user_id = "@alice:" + context.options.server_name;
        requester.device_id = "SIMALICEDEVICE";
    } else if (const LoginSession* session = context.store.findLoginSession(token)) {
        requester.user_id = session->user_id;
        requester.device_id = session->device_id;
    } else if (context.mas != nullptr) {
        return authenticateWithMas(context, token);
    } else {
        throw unknownToken();
    }
    // Deactivating an account logs out all its sessions in Synapse.
    const User* user = context.store.findUser(requester.user_id);
    if (user == nullptr || user->deactivated) {
        throw unknownToken();
    }
    requester.admin = user->admin;
    requester.is_guest = user->is_guest;
    return requester;
}

Requester requireAdmin(ApiContext& context) {
    Requester requester = authenticate(context);
    if (!requester.admin) {
        throw ApiError(403, "M_FORBIDDEN", "You are not a server admin");
    }
    return requester;
}

}  // namespace synapse_sim
