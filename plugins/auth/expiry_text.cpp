// Token expiry times as text: UTC date and time plus "in N minutes".
#include "expiry_text.h"

#include <ctime>

namespace matrixctl::auth_commands {
namespace {

std::string count(int64_t value, const char* unit) {
  return std::to_string(value) + " " + unit + (value == 1 ? "" : "s");
}

}  // namespace

std::string utc_time(int64_t unix_seconds) {
  const auto time = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  if (gmtime_r(&time, &parts) == nullptr) return std::to_string(unix_seconds);
  char text[64];
  const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return size == 0 ? std::to_string(unix_seconds) : std::string(text, size);
}

std::string duration_text(int64_t seconds) {
  constexpr int64_t kMinute = 60;
  constexpr int64_t kHour = 60 * kMinute;
  constexpr int64_t kDay = 24 * kHour;
  if (seconds < kMinute) return "less than a minute";
  if (seconds < 2 * kHour) return count(seconds / kMinute, "minute");
  if (seconds < 2 * kDay) return count(seconds / kHour, "hour");
  return count(seconds / kDay, "day");
}

std::string expiry_text(int64_t expires_at, int64_t now) {
  if (expires_at == 0) return "never";
  const std::string when = utc_time(expires_at);
  if (expires_at > now) return when + " (in " + duration_text(expires_at - now) + ")";
  return when + " (expired " + duration_text(now - expires_at) + " ago)";
}

}  // namespace matrixctl::auth_commands
