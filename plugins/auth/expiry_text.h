// Token expiry times as text: UTC date and time plus "in N minutes".
#pragma once

#include <cstdint>
#include <string>

namespace matrixctl::auth_commands {

// "2024-05-01 12:00:00 UTC" for Unix seconds.
std::string utc_time(int64_t unix_seconds);

// "5 minutes", "1 hour", "less than a minute": a rounded-down duration.
std::string duration_text(int64_t seconds);

// "2024-05-01 12:00:00 UTC (in 5 minutes)", "... (expired 2 hours ago)", or
// "never" when expires_at is 0.
std::string expiry_text(int64_t expires_at, int64_t now);

}  // namespace matrixctl::auth_commands
