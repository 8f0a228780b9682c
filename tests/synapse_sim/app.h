// Request pipeline: test controls, recording, injected faults, rate limit, routing.
#pragma once

#include <memory>

#include "fault_queue.h"
#include "http_message.h"
#include "mas_client.h"
#include "options.h"
#include "rate_limiter.h"
#include "request_log.h"
#include "router.h"
#include "store.h"

namespace synapse_sim {

class App {
public:
    // `mas` is null unless options.masMode(); it must outlive the App.
    App(const Options& options, Store& store, RequestLog& log, MasClient* mas);

    // Entry point for the HTTP server; safe to call from many threads.
    HttpResponse handle(HttpRequest& request);

private:
    HttpResponse answer(const HttpRequest& request, const std::vector<std::string>& segments, const QueryParams& query);

    const Options& options_;
    Store& store_;
    RequestLog& log_;
    MasClient* mas_;
    FaultQueue faults_;
    std::unique_ptr<RateLimiter> rate_limiter_;
    Router router_;
};

}  // namespace synapse_sim
