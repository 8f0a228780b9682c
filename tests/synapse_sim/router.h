// Route table that matches decoded path segments and reports 404 or 405 like Synapse.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "http_message.h"
#include "mas_client.h"
#include "options.h"
#include "store.h"
#include "url_codec.h"

namespace synapse_sim {

// Everything a handler needs. The store mutex is held while a handler runs,
// except while authenticate() waits for MAS (see auth.h).
struct ApiContext {
    const HttpRequest& request;
    const std::vector<std::string>& segments;  // percent-decoded path segments
    const QueryParams& query;
    std::vector<std::string> params;  // values of the {placeholders}, in order
    Store& store;
    const Options& options;
    std::unique_lock<std::mutex>& store_lock;  // holds store.mutex()
    MasClient* mas;  // null unless MAS mode is on
};

using ApiHandler = std::function<HttpResponse(ApiContext&)>;

class Router {
public:
    // `pattern` is a path such as "/_synapse/admin/v2/users/{user_id}"; a
    // {placeholder} matches exactly one segment, which may be empty.
    void add(const std::string& method, const std::string& pattern, ApiHandler handler);

    enum class MatchKind { Found, NotFound, MethodNotAllowed };
    struct Match {
        MatchKind kind = MatchKind::NotFound;
        const ApiHandler* handler = nullptr;
        std::vector<std::string> params;
    };
    // Routes are tried in the order they were added.
    Match match(const std::string& method, const std::vector<std::string>& segments) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> pattern;  // empty string marks a placeholder
        std::vector<bool> is_placeholder;
        ApiHandler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace synapse_sim
