// GET /_synapse/admin/v2/users and /v3/users: filtered, ordered account pages.
#include <rapidjson/stringbuffer.h>

#include "api_error.h"
#include "api_routes.h"
#include "auth.h"
#include "json_model.h"
#include "query_parsing.h"
#include "user_query.h"

namespace synapse_sim {
namespace {

std::optional<std::string> asciiStringParam(const QueryParams& query, const std::string& name) {
    std::optional<std::string> value = parseStringParam(query, name);
    if (value) {
        for (char c : *value) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                throw ApiError(400, "M_UNKNOWN", "Query parameter '" + name + "' must be ascii");
            }
        }
    }
    return value;
}

HttpResponse listUsers(ApiContext& context, bool v3_semantics) {
    requireAdmin(context);
    const QueryParams& query = context.query;
    std::int64_t start = parseIntegerParam(query, "from", 0);
    std::int64_t limit = parseIntegerParam(query, "limit", 100);

    UserListFilter filter;
    filter.user_id = asciiStringParam(query, "user_id");
    filter.name = parseStringParam(query, "name");
    // Synapse skips both filters when they are empty strings.
    if (filter.user_id && filter.user_id->empty()) {
        filter.user_id.reset();
    }
    if (filter.name && filter.name->empty()) {
        filter.name.reset();
    }
    filter.guests = parseBooleanParam(query, "guests").value_or(true);
    // Under MAS there are no guests, and Synapse rejects the default guests=true too.
    if (context.options.masMode() && filter.guests) {
        throw ApiError(400, "M_INVALID_PARAM", "The guests parameter is not supported when authentication is delegated to MAS; pass guests=false");
    }
    std::optional<bool> deactivated = parseBooleanParam(query, "deactivated");
    if (v3_semantics) {
        filter.deactivated = deactivated;
    } else if (!deactivated.value_or(false)) {
        // v2: deactivated=true includes them; absent or false hides them.
        filter.deactivated = false;
    }
    filter.include_locked = parseBooleanParam(query, "locked").value_or(false);
    filter.admins = parseBooleanParam(query, "admins");
    filter.order_by = parseStringParam(query, "order_by", kUserOrderColumns).value_or("name");
    filter.backwards = parseBackwardsDirection(query);
    filter.not_user_types = query.all("not_user_type");

    const std::vector<User>& users = context.store.users();
    const std::vector<std::uint32_t>& index =
        context.store.userIndex(filter.cacheKey(), [&] { return selectUsers(users, filter); });
    auto total = static_cast<std::int64_t>(index.size());
    std::int64_t page_end = std::min(total, start + limit);

    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("users");
    writer.StartArray();
    for (std::int64_t i = start; i < page_end; ++i) {
        writeUserListEntry(writer, users[index[static_cast<std::size_t>(i)]]);
    }
    writer.EndArray();
    writer.Key("total");
    writer.Int64(total);
    if (start + limit < total) {
        // A string, unlike most other paginated admin endpoints.
        writer.Key("next_token");
        writeString(writer, std::to_string(start + std::max<std::int64_t>(0, page_end - start)));
    }
    writer.EndObject();
    return jsonResponse(200, buffer);
}

}  // namespace

void addUserListRoutes(Router& router) {
    router.add("GET", "/_synapse/admin/v2/users", [](ApiContext& context) { return listUsers(context, false); });
    router.add("GET", "/_synapse/admin/v3/users", [](ApiContext& context) { return listUsers(context, true); });
}

}  // namespace synapse_sim
