// MAS mode: the OAuth 2.0 server metadata (MSC2965) that clients read to find the provider.
#include <rapidjson/stringbuffer.h>

#include "api_error.h"
#include "api_routes.h"
#include "json_util.h"

namespace synapse_sim {
namespace {

// Returns the provider's discovery document, fetched once with the store unlocked.
HttpResponse authMetadata(ApiContext& context) {
    context.store_lock.unlock();
    std::optional<std::string> metadata = context.mas->metadata();
    context.store_lock.lock();
    if (!metadata) {
        throw ApiError(503, "M_UNKNOWN", "Unable to fetch the authorization server metadata");
    }
    return jsonResponse(200, *metadata);
}

HttpResponse authIssuer(ApiContext& context) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("issuer");
    writeString(writer, context.mas->issuer());
    writer.EndObject();
    return jsonResponse(200, buffer);
}

}  // namespace

void addAuthMetadataRoutes(Router& router) {
    router.add("GET", "/_matrix/client/v1/auth_metadata", authMetadata);
    router.add("GET", "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata", authMetadata);
    router.add("GET", "/_matrix/client/unstable/org.matrix.msc2965/auth_issuer", authIssuer);
}

}  // namespace synapse_sim
