// HTTP client of MAS mode: token introspection (RFC 7662) and the provider's discovery document.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "options.h"

namespace synapse_sim {

struct Introspection {
    bool active = false;
    std::optional<std::string> username;
    std::vector<std::string> scopes;
    std::optional<std::int64_t> exp;  // seconds since the epoch
    std::optional<std::string> device_id;
};

// Thread-safe: each call uses its own libcurl handle. curl_global_init must have run first.
class MasClient {
public:
    explicit MasClient(const Options& options);

    // POSTs token=...&token_type_hint=access_token to the introspection endpoint with the
    // configured client authentication. Returns nullopt when the endpoint cannot be reached or
    // does not respond with 200 and a JSON object. Results are never cached, so a revocation at the
    // provider takes effect on the next request.
    std::optional<Introspection> introspect(const std::string& token) const;

    // Returns <issuer>/.well-known/openid-configuration, fetched once and then kept; nullopt
    // (and the next call tries again) while the provider cannot be reached.
    std::optional<std::string> metadata();

    const std::string& issuer() const { return issuer_; }

private:
    std::string issuer_;
    std::string introspection_url_;
    std::string client_id_;
    std::string client_secret_;
    bool client_secret_post_;
    std::mutex metadata_mutex_;
    std::optional<std::string> metadata_;
};

}  // namespace synapse_sim
