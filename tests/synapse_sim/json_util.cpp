// RapidJSON helpers shared by the endpoint handlers.
#include "json_util.h"

#include "api_error.h"

namespace synapse_sim {

namespace {

// Returns the length of the valid UTF-8 sequence at text[i], or 0 if invalid.
std::size_t utf8SequenceLength(const std::string& text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) >> 6) != 0x2) {
            return 0;
        }
    }
    return length;
}

}  // namespace

std::string toValidUtf8(const std::string& text) {
    std::string valid;
    valid.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            valid += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            valid.append(text, i, length);
            i += length;
        }
    }
    return valid;
}

void writeString(JsonWriter& writer, const std::string& value) {
    bool plain_ascii = true;
    for (char c : value) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            plain_ascii = false;
            break;
        }
    }
    if (plain_ascii) {
        writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        return;
    }
    std::string valid = toValidUtf8(value);
    writer.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

void writeOptionalString(JsonWriter& writer, const std::optional<std::string>& value) {
    if (value) {
        writeString(writer, *value);
    } else {
        writer.Null();
    }
}

void writeOptionalInt(JsonWriter& writer, const std::optional<std::int64_t>& value) {
    if (value) {
        writer.Int64(*value);
    } else {
        writer.Null();
    }
}

HttpResponse jsonResponse(int status, const rapidjson::StringBuffer& buffer) {
    return jsonResponse(status, std::string(buffer.GetString(), buffer.GetSize()));
}

HttpResponse jsonResponse(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

rapidjson::Document parseJsonObjectBody(const std::string& body, bool allow_empty) {
    rapidjson::Document document;
    if (body.empty()) {
        if (allow_empty) {
            document.SetObject();
            return document;
        }
        throw ApiError(400, "M_NOT_JSON", "Content not JSON.");
    }
    document.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
    if (document.HasParseError()) {
        throw ApiError(400, "M_NOT_JSON", "Content not JSON.");
    }
    if (!document.IsObject()) {
        throw ApiError(400, "M_BAD_JSON", "Content must be a JSON object.");
    }
    return document;
}

bool optionalBoolMember(const rapidjson::Value& object, const char* name, bool fallback) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd()) {
        return fallback;
    }
    if (!member->value.IsBool()) {
        throw ApiError(400, "M_BAD_JSON", std::string("Param '") + name + "' must be a boolean, if given");
    }
    return member->value.GetBool();
}

HttpResponse errorResponse(const ApiError& error) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("errcode");
    writeString(writer, error.errcode);
    writer.Key("error");
    writer.String(error.what());
    if (error.soft_logout) {
        writer.Key("soft_logout");
        writer.Bool(*error.soft_logout);
    }
    if (error.retry_after_ms) {
        writer.Key("retry_after_ms");
        writer.Int64(*error.retry_after_ms);
    }
    writer.EndObject();
    HttpResponse response = jsonResponse(error.status, buffer);
    response.headers = error.headers;
    return response;
}

ApiError rateLimitError(std::int64_t retry_after_ms) {
    ApiError error(429, "M_LIMIT_EXCEEDED", "Too Many Requests");
    error.retry_after_ms = retry_after_ms;
    std::int64_t seconds = (retry_after_ms + 999) / 1000;
    error.headers.emplace_back("Retry-After", std::to_string(seconds));
    return error;
}

}  // namespace synapse_sim
