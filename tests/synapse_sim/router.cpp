// Route table that matches decoded path segments and reports 404 or 405 like Synapse.
#include "router.h"

namespace synapse_sim {

void Router::add(const std::string& method, const std::string& pattern, ApiHandler handler) {
    Route route;
    route.method = method;
    for (std::string& segment : splitPath(pattern)) {
        bool placeholder = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
        route.is_placeholder.push_back(placeholder);
        route.pattern.push_back(placeholder ? std::string() : std::move(segment));
    }
    route.handler = std::move(handler);
    routes_.push_back(std::move(route));
}

Router::Match Router::match(const std::string& method, const std::vector<std::string>& segments) const {
    Match result;
    for (const Route& route : routes_) {
        if (route.pattern.size() != segments.size()) {
            continue;
        }
        std::vector<std::string> params;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) {
            if (route.is_placeholder[i]) {
                params.push_back(segments[i]);
            } else {
                matches = route.pattern[i] == segments[i];
            }
        }
        if (!matches) {
            continue;
        }
        if (route.method != method) {
            result.kind = MatchKind::MethodNotAllowed;
            continue;
        }
        result.kind = MatchKind::Found;
        result.handler = &route.handler;
        result.params = std::move(params);
        return result;
    }
    return result;
}

}  // namespace synapse_sim
