// libcurl client for the tests; one handle per client, so connections are reused.
#include "http_client.h"

#include <cctype>

namespace synapse_sim_test {
namespace {

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::size_t storeHeader(char* data, std::size_t size, std::size_t count, void* target) {
    std::string line(data, size * count);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        std::string value = line.substr(colon + 1);
        std::size_t first = value.find_first_not_of(" \t");
        std::size_t last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
    }
    return size * count;
}

}  // namespace

rapidjson::Document HttpResult::json() const {
    rapidjson::Document document;
    document.Parse(body.c_str());
    return document;
}

std::string HttpResult::header(const std::string& lower_name) const {
    auto found = headers.find(lower_name);
    return found == headers.end() ? std::string() : found->second;
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)), handle_(curl_easy_init()) {}

HttpClient::~HttpClient() {
    curl_easy_cleanup(handle_);
}

HttpResult HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                               const std::vector<std::string>& headers) {
    HttpResult result;
    std::string url = base_url_ + path;
    curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(handle_, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
    if (method == "GET") {
        curl_easy_setopt(handle_, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, nullptr);
    } else {
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    curl_slist* header_list = nullptr;
    for (const std::string& header : headers) {
        header_list = curl_slist_append(header_list, header.c_str());
    }
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, header_list);
    curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(handle_, CURLOPT_HEADERFUNCTION, storeHeader);
    curl_easy_setopt(handle_, CURLOPT_HEADERDATA, &result.headers);
    curl_easy_setopt(handle_, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(handle_, CURLOPT_NOPROXY, "*");

    result.curl_code = curl_easy_perform(handle_);
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &result.status);
    curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &result.new_connections);
    curl_easy_getinfo(handle_, CURLINFO_TOTAL_TIME, &result.seconds);
    curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(header_list);
    return result;
}

HttpResult HttpClient::get(const std::string& path, const std::string& token) {
    std::vector<std::string> headers;
    if (!token.empty()) {
        headers.push_back("Authorization: Bearer " + token);
    }
    return request("GET", path, "", headers);
}

HttpResult HttpClient::send(const std::string& method, const std::string& path, const std::string& token,
                            const std::string& body) {
    return request(method, path, body, {"Authorization: Bearer " + token, "Content-Type: application/json"});
}

}  // namespace synapse_sim_test
