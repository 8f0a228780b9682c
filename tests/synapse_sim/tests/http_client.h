// libcurl client for the tests; one handle per client, so connections are reused.
#pragma once

#include <curl/curl.h>

#include <map>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace synapse_sim_test {

struct HttpResult {
    CURLcode curl_code = CURLE_OK;
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    long new_connections = 0;  // connections curl opened for this request
    double seconds = 0;

    rapidjson::Document json() const;
    std::string header(const std::string& lower_name) const;
};

class HttpClient {
public:
    explicit HttpClient(std::string base_url);
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;
    ~HttpClient();

    HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                       const std::vector<std::string>& headers = {});
    // GET with "Authorization: Bearer <token>"; an empty token sends no header.
    HttpResult get(const std::string& path, const std::string& token);
    HttpResult send(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body);

private:
    std::string base_url_;
    CURL* handle_;
};

}  // namespace synapse_sim_test
