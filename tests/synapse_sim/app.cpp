// Request pipeline: test controls, recording, injected faults, rate limit, routing.
#include "app.h"

#include <chrono>
#include <thread>

#include "api_error.h"
#include "api_routes.h"
#include "controls.h"
#include "json_util.h"

namespace synapse_sim {
namespace {

std::string joinDecodedPath(const std::vector<std::string>& segments) {
    std::string path;
    for (const std::string& segment : segments) {
        path += "/" + segment;
    }
    return path;
}

HttpResponse faultResponse(const Fault& fault) {
    HttpResponse response;
    if (fault.rate_limit_ms) {
        response = errorResponse(rateLimitError(*fault.rate_limit_ms));
    } else {
        response.status = *fault.status;
        response.content_type = fault.content_type;
        response.body = fault.body.value_or(R"({"errcode":"M_UNKNOWN","error":"Injected fault"})");
    }
    for (const auto& header : fault.headers) {
        response.headers.push_back(header);
    }
    return response;
}

}  // namespace

App::App(const Options& options, Store& store, RequestLog& log, MasClient* mas)
    : options_(options), store_(store), log_(log), mas_(mas) {
    if (options.rate_limit > 0) {
        rate_limiter_ = std::make_unique<RateLimiter>(options.rate_limit);
    }
    addServerRoutes(router_);
    addUserListRoutes(router_);
    addUserRoutes(router_);
    addAccountRoutes(router_, options.masMode());
    addLoginRoutes(router_, options.masMode());
    if (options.masMode()) {
        addAuthMetadataRoutes(router_);
    }
    addRoomRoutes(router_);
    addRoomDeleteRoutes(router_);
}

HttpResponse App::handle(HttpRequest& request) {
    std::vector<std::string> segments = splitPath(request.path);
    QueryParams query(request.query_string);
    if (!segments.empty() && segments.front() == "_sim") {
        return handleControl(request, segments, query, log_, faults_);
    }
    std::uint64_t sequence = log_.nextSequence();
    HttpResponse response = answer(request, segments, query);
    std::optional<int> status;
    if (!response.drop_connection) {
        status = response.status;
    }
    log_.add(sequence, request, segments, query, status);
    return response;
}

HttpResponse App::answer(const HttpRequest& request, const std::vector<std::string>& segments,
                         const QueryParams& query) {
    if (std::optional<Fault> fault = faults_.take(request.method, request.path, joinDecodedPath(segments))) {
        if (fault->delay_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(fault->delay_ms));
        }
        if (fault->close_connection) {
            HttpResponse dropped;
            dropped.drop_connection = true;
            return dropped;
        }
        if (fault->status || fault->rate_limit_ms) {
            return faultResponse(*fault);
        }
        // A fault with only delay_ms slows the request down and then lets it through.
    }
    if (rate_limiter_) {
        if (std::optional<std::int64_t> wait_ms = rate_limiter_->acquire()) {
            return errorResponse(rateLimitError(*wait_ms));
        }
    }

    Router::Match match = router_.match(request.method, segments);
    if (match.kind == Router::MatchKind::NotFound) {
        return errorResponse(ApiError(404, "M_UNRECOGNIZED", "Unrecognized request"));
    }
    if (match.kind == Router::MatchKind::MethodNotAllowed) {
        return errorResponse(ApiError(405, "M_UNRECOGNIZED", "Unrecognized request"));
    }
    std::unique_lock lock(store_.mutex());
    ApiContext context{request, segments, query, std::move(match.params), store_, options_, lock, mas_};
    try {
        return (*match.handler)(context);
    } catch (const ApiError& error) {
        return errorResponse(error);
    }
}

}  // namespace synapse_sim
