// Canned responses queued through POST /_sim/faults for the next matching requests.
#include "fault_queue.h"

#include "api_error.h"
#include "json_util.h"

namespace synapse_sim {
namespace {

std::string stringMember(const rapidjson::Value& object, const char* name, const std::string& fallback) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd()) {
        return fallback;
    }
    if (!member->value.IsString()) {
        throw ApiError(400, "M_BAD_JSON", std::string("'") + name + "' must be a string");
    }
    return std::string(member->value.GetString(), member->value.GetStringLength());
}

std::optional<std::int64_t> integerMember(const rapidjson::Value& object, const char* name, std::int64_t minimum,
                                          std::int64_t maximum) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd()) {
        return std::nullopt;
    }
    if (!member->value.IsInt64() || member->value.GetInt64() < minimum || member->value.GetInt64() > maximum) {
        throw ApiError(400, "M_BAD_JSON",
                       std::string("'") + name + "' must be an integer from " + std::to_string(minimum) + " to " +
                           std::to_string(maximum));
    }
    return member->value.GetInt64();
}

}  // namespace

Fault parseFault(const std::string& body) {
    rapidjson::Document document = parseJsonObjectBody(body, false);
    Fault fault;
    fault.method = stringMember(document, "method", "");
    fault.path_prefix = stringMember(document, "path_prefix", "");
    if (auto status = integerMember(document, "status", 100, 599)) {
        fault.status = static_cast<int>(*status);
    }
    fault.content_type = stringMember(document, "content_type", fault.content_type);

    auto body_member = document.FindMember("body");
    if (body_member != document.MemberEnd()) {
        if (body_member->value.IsString()) {
            fault.body = std::string(body_member->value.GetString(), body_member->value.GetStringLength());
        } else {
            // Any other JSON value is sent as its serialization.
            rapidjson::StringBuffer buffer;
            JsonWriter writer(buffer);
            body_member->value.Accept(writer);
            fault.body = std::string(buffer.GetString(), buffer.GetSize());
        }
    }

    auto headers = document.FindMember("headers");
    if (headers != document.MemberEnd()) {
        if (!headers->value.IsObject()) {
            throw ApiError(400, "M_BAD_JSON", "'headers' must be an object of strings");
        }
        for (const auto& header : headers->value.GetObject()) {
            if (!header.value.IsString()) {
                throw ApiError(400, "M_BAD_JSON", "'headers' must be an object of strings");
            }
            std::string name(header.name.GetString(), header.name.GetStringLength());
            std::string value(header.value.GetString(), header.value.GetStringLength());
            if (name.find_first_of(":\r\n") != std::string::npos || value.find_first_of("\r\n") != std::string::npos) {
                throw ApiError(400, "M_BAD_JSON", "header names and values must not contain ':' or line breaks");
            }
            fault.headers.emplace_back(std::move(name), std::move(value));
        }
    }

    fault.times = integerMember(document, "times", 1, 1000000000).value_or(1);
    fault.delay_ms = integerMember(document, "delay_ms", 0, 600000).value_or(0);
    fault.close_connection = optionalBoolMember(document, "close_connection", false);
    fault.rate_limit_ms = integerMember(document, "rate_limit_ms", 0, 86400000);
    if (fault.rate_limit_ms && fault.status && *fault.status != 429) {
        throw ApiError(400, "M_BAD_JSON", "'rate_limit_ms' sends 429; drop 'status' or set it to 429");
    }
    return fault;
}

std::int64_t FaultQueue::add(Fault fault) {
    std::lock_guard lock(mutex_);
    fault.id = ++last_id_;
    faults_.push_back(std::move(fault));
    return last_id_;
}

std::optional<Fault> FaultQueue::take(const std::string& method, const std::string& raw_path,
                                      const std::string& decoded_path) {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (!it->method.empty() && it->method != method) {
            continue;
        }
        if (raw_path.rfind(it->path_prefix, 0) != 0 && decoded_path.rfind(it->path_prefix, 0) != 0) {
            continue;
        }
        Fault matched = *it;
        if (--it->times <= 0) {
            faults_.erase(it);
        }
        return matched;
    }
    return std::nullopt;
}

void FaultQueue::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

std::string FaultQueue::toJsonArray() const {
    std::lock_guard lock(mutex_);
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartArray();
    for (const Fault& fault : faults_) {
        writer.StartObject();
        writer.Key("id");
        writer.Int64(fault.id);
        writer.Key("method");
        writeString(writer, fault.method);
        writer.Key("path_prefix");
        writeString(writer, fault.path_prefix);
        writer.Key("status");
        if (fault.status) {
            writer.Int(*fault.status);
        } else {
            writer.Null();
        }
        writer.Key("times_left");
        writer.Int64(fault.times);
        writer.Key("delay_ms");
        writer.Int64(fault.delay_ms);
        writer.Key("close_connection");
        writer.Bool(fault.close_connection);
        writer.Key("rate_limit_ms");
        writeOptionalInt(writer, fault.rate_limit_ms);
        writer.EndObject();
    }
    writer.EndArray();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace synapse_sim
