// Test-control endpoints under /_sim/: health, request recording and fault injection.
#include "controls.h"

#include "api_error.h"
#include "json_util.h"
#include "query_parsing.h"

namespace synapse_sim {
namespace {

HttpResponse unrecognized(int status) {
    return errorResponse(ApiError(status, "M_UNRECOGNIZED", "Unrecognized request"));
}

HttpResponse requestsControl(const HttpRequest& request, const QueryParams& query, RequestLog& log) {
    if (request.method == "GET") {
        auto since = static_cast<std::uint64_t>(parseIntegerParam(query, "since", 0));
        return jsonResponse(200, log.toJsonArray(since));
    }
    if (request.method == "DELETE") {
        log.clear();
        return jsonResponse(200, "{}");
    }
    return unrecognized(405);
}

HttpResponse faultsControl(const HttpRequest& request, FaultQueue& faults) {
    if (request.method == "GET") {
        return jsonResponse(200, faults.toJsonArray());
    }
    if (request.method == "POST") {
        std::int64_t id = faults.add(parseFault(request.body));
        return jsonResponse(200, "{\"id\":" + std::to_string(id) + "}");
    }
    if (request.method == "DELETE") {
        faults.clear();
        return jsonResponse(200, "{}");
    }
    return unrecognized(405);
}

}  // namespace

HttpResponse handleControl(const HttpRequest& request, const std::vector<std::string>& segments,
                           const QueryParams& query, RequestLog& log, FaultQueue& faults) {
    if (!request.peer_is_loopback) {
        return errorResponse(ApiError(403, "M_FORBIDDEN", "Test controls only accept loopback clients"));
    }
    try {
        if (segments.size() == 2 && segments[1] == "health") {
            return request.method == "GET" ? jsonResponse(200, "{}") : unrecognized(405);
        }
        if (segments.size() == 2 && segments[1] == "requests") {
            return requestsControl(request, query, log);
        }
        if (segments.size() == 2 && segments[1] == "faults") {
            return faultsControl(request, faults);
        }
        return unrecognized(404);
    } catch (const ApiError& error) {
        return errorResponse(error);
    }
}

}  // namespace synapse_sim
