// HTTP request and response values passed between the server loop and the handlers.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace synapse_sim {

struct HttpRequest {
    std::string method;
    std::string target;        // request-target as sent, path plus "?query"
    std::string path;          // raw path, still percent-encoded
    std::string query_string;  // raw query without the "?"
    std::string version;       // "HTTP/1.1" or "HTTP/1.0"
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    bool peer_is_loopback = false;

    // Returns the first header with this lower-case name, or nullptr.
    const std::string* header(const std::string& lower_name) const;
    int headerCount(const std::string& lower_name) const;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool drop_connection = false; // close the connection without any response
};

const char* reasonPhrase(int status);

}  // namespace synapse_sim
