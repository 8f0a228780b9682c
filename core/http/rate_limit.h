// How long to wait before retrying a request the homeserver rate limited
// (429 M_LIMIT_EXCEEDED).
#pragma once

#include "transport.h"

namespace matrixctl::http {

// Milliseconds to wait before retry number `retry` (0-based) of a 429
// response: the body's `retry_after_ms`, else the Retry-After header in
// seconds, else 500 ms doubled per retry. Never more than `max_wait_ms`.
long rate_limit_wait_ms(const Response& response, unsigned retry, long max_wait_ms);

}  // namespace matrixctl::http
