// Canned responses queued through POST /_sim/faults for the next matching requests.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace synapse_sim {

struct Fault {
    std::int64_t id = 0;
    std::string method;       // empty matches every method
    std::string path_prefix;  // matched against the raw and the decoded path
    std::optional<int> status;  // nullopt: only delay, then handle the request normally
    std::string content_type = "application/json";
    std::optional<std::string> body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::int64_t times = 1;
    std::int64_t delay_ms = 0;
    bool close_connection = false;
    std::optional<std::int64_t> rate_limit_ms;
};

// Parses the body of POST /_sim/faults. Throws ApiError 400 M_BAD_JSON or
// M_NOT_JSON naming the offending key.
Fault parseFault(const std::string& body);

class FaultQueue {
public:
    std::int64_t add(Fault fault);
    // Takes one use of the first queued fault that matches, in the order added.
    std::optional<Fault> take(const std::string& method, const std::string& raw_path, const std::string& decoded_path);
    void clear();
    std::string toJsonArray() const;

private:
    mutable std::mutex mutex_;
    std::vector<Fault> faults_;
    std::int64_t last_id_ = 0;
};

}  // namespace synapse_sim
