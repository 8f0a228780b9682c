// Recording of every API request, for GET /_sim/requests and the --record file.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http_message.h"
#include "url_codec.h"

namespace synapse_sim {

class RequestLog {
public:
    RequestLog() = default;
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;
    ~RequestLog();

    // Opens `path` for appending. Returns false and sets `error` on failure.
    bool openFile(const std::string& path, std::string& error);

    // Sequence numbers start at 1 and grow by one per request, in arrival order.
    std::uint64_t nextSequence();

    // Stores one request. `status` is nullopt when the connection was dropped
    // without a response.
    void add(std::uint64_t sequence, const HttpRequest& request, const std::vector<std::string>& segments,
             const QueryParams& query, std::optional<int> status);

    // JSON array of the records with a sequence number above `since`, by sequence number.
    std::string toJsonArray(std::uint64_t since) const;
    void clear();

private:
    mutable std::mutex mutex_;
    std::uint64_t last_sequence_ = 0;
    std::vector<std::pair<std::uint64_t, std::string>> records_;  // sorted by sequence number
    int file_ = -1;
};

}  // namespace synapse_sim
