// Test-control endpoints under /_sim/: health, request recording and fault injection.
#pragma once

#include <string>
#include <vector>

#include "fault_queue.h"
#include "http_message.h"
#include "request_log.h"
#include "url_codec.h"

namespace synapse_sim {

// Serves GET /_sim/health, GET|DELETE /_sim/requests and GET|POST|DELETE
// /_sim/faults. Requests from other than a loopback address get 403.
HttpResponse handleControl(const HttpRequest& request, const std::vector<std::string>& segments,
                           const QueryParams& query, RequestLog& log, FaultQueue& faults);

}  // namespace synapse_sim
