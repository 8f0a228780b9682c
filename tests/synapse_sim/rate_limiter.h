// Token bucket behind --rate-limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace synapse_sim {

class RateLimiter {
public:
    // Refills `rate` tokens per second into a bucket of max(1, rate) tokens.
    explicit RateLimiter(double rate);

    // Takes one token. Returns nullopt when allowed, else the milliseconds
    // until a token is available (at least 1).
    std::optional<std::int64_t> acquire();

private:
    using Clock = std::chrono::steady_clock;

    std::mutex mutex_;
    double rate_;
    double capacity_;
    double tokens_;
    Clock::time_point last_refill_;
};

}  // namespace synapse_sim
