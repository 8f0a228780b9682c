// RapidJSON helpers shared by the endpoint handlers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "http_message.h"

namespace synapse_sim {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Replaces each byte that is not part of valid UTF-8 with U+FFFD.
std::string toValidUtf8(const std::string& text);

// Writes a JSON string; invalid UTF-8 (say from a %FF escape) becomes U+FFFD.
void writeString(JsonWriter& writer, const std::string& value);
void writeOptionalString(JsonWriter& writer, const std::optional<std::string>& value);
void writeOptionalInt(JsonWriter& writer, const std::optional<std::int64_t>& value);

HttpResponse jsonResponse(int status, const rapidjson::StringBuffer& buffer);
HttpResponse jsonResponse(int status, std::string body);

// Parses a request body that must be a JSON object, as Synapse does: an empty
// or unparsable body is 400 M_NOT_JSON unless `allow_empty` (then it reads as
// {}), and any other JSON value is 400 M_BAD_JSON. Throws ApiError.
rapidjson::Document parseJsonObjectBody(const std::string& body, bool allow_empty);

// Reads an optional boolean member: absent gives `fallback`, a non-boolean
// throws 400 M_BAD_JSON "Param '<name>' must be a boolean, if given".
bool optionalBoolMember(const rapidjson::Value& object, const char* name, bool fallback);

}  // namespace synapse_sim
