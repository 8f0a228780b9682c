// Recording of every API request, for GET /_sim/requests and the --record file.
#include "request_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <rapidjson/document.h>

#include "json_util.h"

namespace synapse_sim {
namespace {

std::string serializeRecord(std::uint64_t sequence, const HttpRequest& request,
                            const std::vector<std::string>& segments, const QueryParams& query,
                            std::optional<int> status) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("seq");
    writer.Uint64(sequence);
    writer.Key("method");
    writeString(writer, request.method);
    writer.Key("path");
    writeString(writer, request.path);
    writer.Key("segments");
    writer.StartArray();
    for (const std::string& segment : segments) {
        writeString(writer, segment);
    }
    writer.EndArray();
    writer.Key("query_string");
    writeString(writer, request.query_string);
    writer.Key("query");
    writer.StartObject();
    std::vector<std::string> written_keys;
    for (const auto& item : query.items()) {
        if (std::find(written_keys.begin(), written_keys.end(), item.first) != written_keys.end()) {
            continue;
        }
        written_keys.push_back(item.first);
        writeString(writer, item.first);
        writer.StartArray();
        for (const std::string& value : query.all(item.first)) {
            writeString(writer, value);
        }
        writer.EndArray();
    }
    writer.EndObject();
    writer.Key("headers");
    writer.StartObject();
    std::vector<std::string> written_headers;
    for (const auto& header : request.headers) {
        if (std::find(written_headers.begin(), written_headers.end(), header.first) != written_headers.end()) {
            continue;
        }
        written_headers.push_back(header.first);
        // Repeated headers are joined with ", " as RFC 9110 allows.
        std::string joined;
        for (const auto& other : request.headers) {
            if (other.first == header.first) {
                joined += (joined.empty() ? "" : ", ") + other.second;
            }
        }
        writeString(writer, header.first);
        writeString(writer, joined);
    }
    writer.EndObject();
    writer.Key("body");
    writeString(writer, request.body);
    writer.Key("body_json");
    rapidjson::Document body_json;
    body_json.Parse<rapidjson::kParseValidateEncodingFlag>(request.body.data(), request.body.size());
    if (request.body.empty() || body_json.HasParseError()) {
        writer.Null();
    } else {
        body_json.Accept(writer);
    }
    writer.Key("status");
    if (status) {
        writer.Int(*status);
    } else {
        writer.Null();
    }
    writer.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

RequestLog::~RequestLog() {
    if (file_ >= 0) {
        ::close(file_);
    }
}

bool RequestLog::openFile(const std::string& path, std::string& error) {
    file_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (file_ < 0) {
        error = std::strerror(errno);
        return false;
    }
    return true;
}

std::uint64_t RequestLog::nextSequence() {
    std::lock_guard lock(mutex_);
    return ++last_sequence_;
}

void RequestLog::add(std::uint64_t sequence, const HttpRequest& request, const std::vector<std::string>& segments,
                     const QueryParams& query, std::optional<int> status) {
    std::string record = serializeRecord(sequence, request, segments, query, status);
    std::lock_guard lock(mutex_);
    if (file_ >= 0) {
        // One write(2) per line on an O_APPEND file, so lines never interleave
        // and each reaches the file before the response is sent.
        std::string line = record + "\n";
        ssize_t written = ::write(file_, line.data(), line.size());
        (void)written;
    }
    auto position = std::upper_bound(records_.begin(), records_.end(), sequence,
                                     [](std::uint64_t value, const auto& entry) { return value < entry.first; });
    records_.emplace(position, sequence, std::move(record));
}

std::string RequestLog::toJsonArray(std::uint64_t since) const {
    std::lock_guard lock(mutex_);
    std::string out = "[";
    bool first = true;
    for (const auto& [sequence, record] : records_) {
        if (sequence <= since) {
            continue;
        }
        if (!first) {
            out += ",";
        }
        first = false;
        out += record;
    }
    out += "]";
    return out;
}

void RequestLog::clear() {
    std::lock_guard lock(mutex_);
    records_.clear();
}

}  // namespace synapse_sim
