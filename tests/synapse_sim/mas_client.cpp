// HTTP client of MAS mode: token introspection (RFC 7662) and the provider's discovery document.
#include "mas_client.h"

#include <curl/curl.h>

#include <iostream>
#include <memory>

#include <rapidjson/document.h>

namespace synapse_sim {
namespace {

constexpr long kConnectTimeoutMs = 2000;
constexpr long kTotalTimeoutMs = 5000;

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

size_t appendBody(char* data, size_t size, size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::string urlEncode(CURL* handle, const std::string& text) {
    char* encoded = curl_easy_escape(handle, text.data(), static_cast<int>(text.size()));
    std::string result = encoded == nullptr ? std::string() : std::string(encoded);
    curl_free(encoded);
    return result;
}

struct HttpOutcome {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
};

// Sends one request; a non-empty `form` makes it a POST. Loopback only: the URLs were checked
// when the options were parsed.
HttpOutcome perform(CURL* handle, const std::string& url, const std::string& form, curl_slist* headers) {
    HttpOutcome outcome;
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, kTotalTimeoutMs);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &outcome.body);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    if (!form.empty()) {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, form.c_str());
    }
    outcome.code = curl_easy_perform(handle);
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &outcome.status);
    return outcome;
}

std::vector<std::string> splitScopes(const std::string& text) {
    std::vector<std::string> scopes;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        if (end > start) {
            scopes.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return scopes;
}

std::optional<Introspection> parseIntrospection(const std::string& body) {
    rapidjson::Document json;
    json.Parse(body.data(), body.size());
    if (json.HasParseError() || !json.IsObject()) {
        return std::nullopt;
    }
    Introspection result;
    auto active = json.FindMember("active");
    result.active = active != json.MemberEnd() && active->value.IsBool() && active->value.GetBool();
    auto username = json.FindMember("username");
    if (username != json.MemberEnd() && username->value.IsString()) {
        result.username = username->value.GetString();
    }
    auto scope = json.FindMember("scope");
    if (scope != json.MemberEnd() && scope->value.IsString()) {
        result.scopes = splitScopes(scope->value.GetString());
    }
    auto exp = json.FindMember("exp");
    if (exp != json.MemberEnd() && exp->value.IsInt64()) {
        result.exp = exp->value.GetInt64();
    }
    auto device_id = json.FindMember("device_id");
    if (device_id != json.MemberEnd() && device_id->value.IsString()) {
        result.device_id = device_id->value.GetString();
    }
    return result;
}

}  // namespace

MasClient::MasClient(const Options& options)
    : issuer_(options.mas_issuer),
      introspection_url_(options.mas_introspection_url),
      client_id_(options.mas_client_id),
      client_secret_(options.mas_client_secret),
      client_secret_post_(options.mas_client_secret_post) {}

std::optional<Introspection> MasClient::introspect(const std::string& token) const {
    std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (!handle) {
        return std::nullopt;
    }
    std::string form = "token=" + urlEncode(handle.get(), token) + "&token_type_hint=access_token";
    std::unique_ptr<curl_slist, HeaderListDeleter> headers(
        curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded"));
    headers.reset(curl_slist_append(headers.release(), "Accept: application/json"));
    // Synapse announces that it reads device_id from the introspection result.
    headers.reset(curl_slist_append(headers.release(), "X-MAS-Supports-Device-Id: 1"));

    // RFC 6749 section 2.3.1: the client ID and secret are form-encoded in both methods.
    std::string encoded_id = urlEncode(handle.get(), client_id_);
    std::string encoded_secret = urlEncode(handle.get(), client_secret_);
    if (client_secret_post_) {
        form += "&client_id=" + encoded_id + "&client_secret=" + encoded_secret;
    } else {
        curl_easy_setopt(handle.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(handle.get(), CURLOPT_USERNAME, encoded_id.c_str());
        curl_easy_setopt(handle.get(), CURLOPT_PASSWORD, encoded_secret.c_str());
    }

    HttpOutcome outcome = perform(handle.get(), introspection_url_, form, headers.get());
    std::optional<Introspection> result;
    if (outcome.code == CURLE_OK && outcome.status == 200) {
        result = parseIntrospection(outcome.body);
    }
    if (!result) {
        std::string reason = outcome.code != CURLE_OK ? curl_easy_strerror(outcome.code)
                             : outcome.status != 200  ? "HTTP " + std::to_string(outcome.status)
                                                      : "the answer is not a JSON object";
        std::cerr << "synapse-sim: introspection at " << introspection_url_ << " failed: " << reason << std::endl;
    }
    return result;
}

std::optional<std::string> MasClient::metadata() {
    std::lock_guard lock(metadata_mutex_);
    if (metadata_) {
        return metadata_;
    }
    std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (!handle) {
        return std::nullopt;
    }
    std::string url = issuer_ + "/.well-known/openid-configuration";
    std::unique_ptr<curl_slist, HeaderListDeleter> headers(curl_slist_append(nullptr, "Accept: application/json"));
    HttpOutcome outcome = perform(handle.get(), url, "", headers.get());
    rapidjson::Document json;
    json.Parse(outcome.body.data(), outcome.body.size());
    if (outcome.code != CURLE_OK || outcome.status != 200 || json.HasParseError() || !json.IsObject()) {
        std::cerr << "synapse-sim: fetching " << url << " failed: "
                  << (outcome.code != CURLE_OK ? curl_easy_strerror(outcome.code) : "HTTP " + std::to_string(outcome.status))
                  << std::endl;
        return std::nullopt;
    }
    metadata_ = outcome.body;
    return metadata_;
}

}  // namespace synapse_sim
