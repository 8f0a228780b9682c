// Wait time before retrying a rate-limited request.
#include "rate_limit.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace matrixctl::http {
namespace {

constexpr long kFirstBackoffMs = 500;

std::optional<long> retry_after_ms_from_body(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str(), body.size());
  if (json.HasParseError() || !json.IsObject()) return std::nullopt;
  const auto member = json.FindMember("retry_after_ms");
  // Synapse sends the key with null when it has no estimate.
  if (member == json.MemberEnd() || !member->value.IsNumber()) return std::nullopt;
  const double value = member->value.GetDouble();
  if (value < 0) return std::nullopt;
  return static_cast<long>(std::min(value, 1e12));
}

// Only the delay-seconds form; an HTTP-date falls back to the back-off.
std::optional<long> retry_after_ms_from_header(const std::string& header) {
  const auto first = header.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  const auto last = header.find_last_not_of(" \t");
  long seconds = 0;
  const char* begin = header.data() + first;
  const char* end = header.data() + last + 1;
  const auto [stop, error] = std::from_chars(begin, end, seconds);
  if (error != std::errc() || stop != end || seconds < 0) return std::nullopt;
  return std::min(seconds, 1000000000L) * 1000;
}

}  // namespace

long rate_limit_wait_ms(const Response& response, unsigned retry, long max_wait_ms) {
  long wait = 0;
  if (const auto from_body = retry_after_ms_from_body(response.body)) {
    wait = *from_body;
  } else if (const auto from_header = retry_after_ms_from_header(response.retry_after)) {
    wait = *from_header;
  } else {
    wait = kFirstBackoffMs << std::min(retry, 20u);
  }
  return std::clamp(wait, 0L, std::max(max_wait_ms, 0L));
}

}  // namespace matrixctl::http
