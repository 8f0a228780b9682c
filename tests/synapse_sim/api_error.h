// Matrix error responses ({"errcode","error"}) raised by handlers as exceptions.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http_message.h"

namespace synapse_sim {

struct ApiError : std::runtime_error {
    ApiError(int status_code, std::string error_code, const std::string& message)
        : std::runtime_error(message), status(status_code), errcode(std::move(error_code)) {}

    int status;
    std::string errcode;
    std::optional<bool> soft_logout;        // sent for M_UNKNOWN_TOKEN
    std::optional<std::int64_t> retry_after_ms;  // sent for M_LIMIT_EXCEEDED
    std::vector<std::pair<std::string, std::string>> headers;
};

HttpResponse errorResponse(const ApiError& error);

// 429 M_LIMIT_EXCEEDED with retry_after_ms and Retry-After in whole seconds, rounded up.
ApiError rateLimitError(std::int64_t retry_after_ms);

}  // namespace synapse_sim
