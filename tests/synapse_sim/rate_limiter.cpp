// Token bucket behind --rate-limit.
#include "rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace synapse_sim {

RateLimiter::RateLimiter(double rate)
    : rate_(rate), capacity_(std::max(1.0, rate)), tokens_(std::max(1.0, rate)), last_refill_(Clock::now()) {}

std::optional<std::int64_t> RateLimiter::acquire() {
    std::lock_guard lock(mutex_);
    Clock::time_point now = Clock::now();
    double elapsed_seconds = std::chrono::duration<double>(now - last_refill_).count();
    last_refill_ = now;
    tokens_ = std::min(capacity_, tokens_ + elapsed_seconds * rate_);
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        return std::nullopt;
    }
    double wait_ms = (1.0 - tokens_) / rate_ * 1000.0;
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_ms)));
}

}  // namespace synapse_sim
