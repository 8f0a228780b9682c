// Access-token checks of the client-server and admin APIs (legacy Synapse auth).
#include "auth.h"

#include "api_error.h"

namespace synapse_sim {
namespace {

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

ApiError unknownToken() {
    ApiError error(401, "M_UNKNOWN_TOKEN", "Unrecognised access token");
    error.soft_logout = false;
    return error;
}

}  // namespace

Requester authenticate(ApiContext& context) {
    std::string token = extractToken(context);
    Requester requester;
    if (token == context.options.admin_token) {
        requester.user_id = "@admin:" + context.options.server_name;
        requester.device_id = "SIMADMINDEVICE";
    } else if (context.options.user_token && token == *context.options.user_token) {
        requester.user_id = "@alice:" + context.options.server_name;
        requester.device_id = "SIMALICEDEVICE";
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
