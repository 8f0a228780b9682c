// GET and PUT /_synapse/admin/v2/users/<user_id>: query, create or modify one account.
#include <algorithm>

#include <rapidjson/stringbuffer.h>

#include "account_actions.h"
#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_model.h"
#include "matrix_ids.h"

namespace synapse_sim {
namespace {

// Time stamp for threepids added through the API; the simulator reads no clock.
constexpr std::int64_t kApiChangeTimeMs = 1735689600000;  // 2025-01-01T00:00:00Z

HttpResponse userObjectResponse(int status, const User& user) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writeUserDetail(writer, user);
    return jsonResponse(status, buffer);
}

HttpResponse getUser(ApiContext& context) {
    requireAdmin(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "Can only look up local users");
    }
    const User* user = context.store.findUser(user_id);
    if (user == nullptr) {
        throw ApiError(404, "M_NOT_FOUND", "User not found");
    }
    return userObjectResponse(200, *user);
}

// Body fields of PUT /v2/users/<user_id>, checked before anything changes.
struct UserChanges {
    const rapidjson::Value* body = nullptr;
    std::optional<std::vector<Threepid>> threepids;
    std::optional<std::vector<ExternalId>> external_ids;
    bool has_user_type = false;
    std::optional<std::string> user_type;
    bool has_admin = false;
    bool admin = false;
    std::optional<std::string> password;
    bool logout_devices = true;  // with a new password, end the account's login sessions
    bool has_deactivated = false;
    bool deactivated = false;
    bool has_locked = false;
    bool locked = false;
};

std::string requiredStringMember(const rapidjson::Value& object, const char* name) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd()) {
        throw ApiError(400, "M_MISSING_PARAM", std::string("Missing params: ['") + name + "']");
    }
    if (!member->value.IsString()) {
        throw ApiError(400, "M_INVALID_PARAM", std::string("'") + name + "' must be a string");
    }
    return member->value.GetString();
}

bool strictBoolMember(const rapidjson::Value& body, const char* name, bool& present) {
    auto member = body.FindMember(name);
    present = member != body.MemberEnd();
    if (!present) {
        return false;
    }
    if (!member->value.IsBool()) {
        throw ApiError(400, "M_UNKNOWN", std::string("'") + name + "' parameter is not of type boolean");
    }
    return member->value.GetBool();
}

// Returns the array member `name`, or nullptr when it is absent or null.
const rapidjson::Value* optionalObjectList(const rapidjson::Value& body, const char* name) {
    auto member = body.FindMember(name);
    if (member == body.MemberEnd() || member->value.IsNull()) {
        return nullptr;
    }
    if (!member->value.IsArray()) {
        throw ApiError(400, "M_BAD_JSON", std::string("'") + name + "' must be a list");
    }
    for (const auto& entry : member->value.GetArray()) {
        if (!entry.IsObject()) {
            throw ApiError(400, "M_BAD_JSON", std::string("each entry of '") + name + "' must be an object");
        }
    }
    return &member->value;
}

UserChanges readUserChanges(const rapidjson::Value& body) {
    UserChanges changes;
    changes.body = &body;

    if (const rapidjson::Value* threepids = optionalObjectList(body, "threepids")) {
        changes.threepids.emplace();
        for (const auto& entry : threepids->GetArray()) {
            std::string medium = requiredStringMember(entry, "medium");
            std::string address = requiredStringMember(entry, "address");
            changes.threepids->push_back(Threepid{medium, address, kApiChangeTimeMs, kApiChangeTimeMs});
        }
    }

    if (const rapidjson::Value* external_ids = optionalObjectList(body, "external_ids")) {
        changes.external_ids.emplace();
        for (const auto& entry : external_ids->GetArray()) {
            std::string provider = requiredStringMember(entry, "auth_provider");
            std::string external_id = requiredStringMember(entry, "external_id");
            changes.external_ids->push_back(ExternalId{provider, external_id});
        }
    }

    auto user_type = body.FindMember("user_type");
    if (user_type != body.MemberEnd()) {
        changes.has_user_type = true;
        if (!user_type->value.IsNull()) {
            std::string type = user_type->value.IsString() ? user_type->value.GetString() : "";
            if (type != "bot" && type != "support") {
                throw ApiError(400, "M_UNKNOWN", "Invalid user type");
            }
            changes.user_type = type;
        }
    }

    auto admin = body.FindMember("admin");
    if (admin != body.MemberEnd()) {
        if (!admin->value.IsBool()) {
            throw ApiError(400, "M_BAD_JSON", "Param 'admin' must be a boolean, if given");
        }
        changes.has_admin = true;
        changes.admin = admin->value.GetBool();
    }

    auto password = body.FindMember("password");
    if (password != body.MemberEnd() && !password->value.IsNull()) {
        if (!password->value.IsString() || password->value.GetStringLength() > 512) {
            throw ApiError(400, "M_UNKNOWN", "Invalid password");
        }
        changes.password = password->value.GetString();
    }

    bool has_logout_devices = false;
    bool logout_devices = strictBoolMember(body, "logout_devices", has_logout_devices);
    changes.logout_devices = !has_logout_devices || logout_devices;
    changes.deactivated = strictBoolMember(body, "deactivated", changes.has_deactivated);
    changes.locked = strictBoolMember(body, "locked", changes.has_locked);
    if (changes.deactivated && changes.locked) {
        throw ApiError(400, "M_UNKNOWN", "An user can't be deactivated and locked");
    }
    return changes;
}

// Applies a displayname or avatar_url member: "" or null clears the value.
void applyProfileField(const rapidjson::Value& body, const char* name, const char* label, std::size_t max_length,
                       std::optional<std::string>& field) {
    auto member = body.FindMember(name);
    if (member == body.MemberEnd()) {
        return;
    }
    if (member->value.IsNull()) {
        field.reset();
        return;
    }
    if (!member->value.IsString()) {
        throw ApiError(400, "M_INVALID_PARAM", std::string("'") + name + "' must be a string");
    }
    std::string value = member->value.GetString();
    if (value.size() > max_length) {
        throw ApiError(400, "M_UNKNOWN", std::string(label) + " is too long (max " + std::to_string(max_length) + ")");
    }
    field = value.empty() ? std::nullopt : std::optional<std::string>(value);
}

void checkExternalIdsFree(Store& store, const std::vector<ExternalId>& requested, const std::string& owner) {
    for (const User& other : store.users()) {
        if (other.name == owner) {
            continue;
        }
        for (const ExternalId& taken : other.external_ids) {
            for (const ExternalId& candidate : requested) {
                if (taken.auth_provider == candidate.auth_provider && taken.external_id == candidate.external_id) {
                    throw ApiError(409, "M_UNKNOWN", "External id is already in use.");
                }
            }
        }
    }
}

HttpResponse modifyUser(ApiContext& context, const Requester& requester, User& user, const UserChanges& changes) {
    const rapidjson::Value& body = *changes.body;
    applyProfileField(body, "displayname", "Displayname", 256, user.displayname);

    if (changes.threepids) {
        std::vector<Threepid> merged;
        for (const Threepid& requested : *changes.threepids) {
            auto existing = std::find_if(user.threepids.begin(), user.threepids.end(), [&](const Threepid& current) {
                return current.medium == requested.medium && current.address == requested.address;
            });
            // Threepids the account already has keep their original time stamps.
            merged.push_back(existing != user.threepids.end() ? *existing : requested);
        }
        user.threepids = std::move(merged);
    }
    if (changes.external_ids) {
        checkExternalIdsFree(context.store, *changes.external_ids, user.name);
        user.external_ids = *changes.external_ids;
    }
    applyProfileField(body, "avatar_url", "Avatar URL", 1000, user.avatar_url);

    if (changes.has_admin && changes.admin != user.admin) {
        if (user.name == requester.user_id && !changes.admin) {
            throw ApiError(400, "M_UNKNOWN", "You may not demote yourself.");
        }
        user.admin = changes.admin;
    }
    if (changes.password) {
        user.has_password = true;
        context.store.setPassword(user.name, *changes.password);
        if (changes.logout_devices) {
            context.store.removeLoginSessions(user.name);
        }
    }

    if (changes.has_deactivated) {
        if (changes.deactivated && !user.deactivated) {
            deactivateAccount(context.store, user, false);
        } else if (!changes.deactivated && user.deactivated) {
            if (!changes.password) {
                throw ApiError(400, "M_UNKNOWN", "Must provide a password to re-activate an account.");
            }
            reactivateAccount(context.store, user);
        }
    }

    if (changes.has_locked) {
        user.locked = changes.locked;
    }
    if (changes.has_user_type) {
        user.user_type = changes.user_type;
    }
    context.store.usersChanged();
    return userObjectResponse(200, user);
}

HttpResponse createUser(ApiContext& context, const std::string& user_id, const UserChanges& changes) {
    requireRegistrableLocalpart(localpartOf(user_id));
    if (changes.external_ids) {
        checkExternalIdsFree(context.store, *changes.external_ids, user_id);
    }
    User user;
    user.name = user_id;
    // Synapse registers a new account with its localpart as display name.
    user.displayname = localpartOf(user_id);
    applyProfileField(*changes.body, "displayname", "Displayname", 256, user.displayname);
    applyProfileField(*changes.body, "avatar_url", "Avatar URL", 1000, user.avatar_url);
    user.admin = changes.admin;
    user.user_type = changes.user_type;
    user.has_password = changes.password.has_value();
    user.locked = changes.locked;
    user.threepids = changes.threepids.value_or(std::vector<Threepid>{});
    user.external_ids = changes.external_ids.value_or(std::vector<ExternalId>{});
    user.creation_ts = context.store.nextCreationTs();
    User& stored = context.store.insertUser(std::move(user));
    if (changes.password) {
        context.store.setPassword(stored.name, *changes.password);
    }
    if (changes.deactivated) {
        deactivateAccount(context.store, stored, false);
    }
    return userObjectResponse(201, stored);
}

HttpResponse putUser(ApiContext& context) {
    Requester requester = requireAdmin(context);
    const std::string& user_id = context.params[0];
    requireValidUserId(user_id);
    rapidjson::Document body = parseJsonObjectBody(context.request.body, false);
    if (!context.store.isLocal(user_id)) {
        throw ApiError(400, "M_UNKNOWN", "This endpoint can only be used with local users");
    }
    UserChanges changes = readUserChanges(body);
    User* user = context.store.findUser(user_id);
    if (user != nullptr) {
        return modifyUser(context, requester, *user, changes);
    }
    return createUser(context, user_id, changes);
}

}  // namespace

void addUserRoutes(Router& router) {
    router.add("GET", "/_synapse/admin/v2/users/{user_id}", getUser);
    router.add("PUT", "/_synapse/admin/v2/users/{user_id}", putUser);
}

}  // namespace synapse_sim
