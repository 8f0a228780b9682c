// Parses the optional `limit` positional of the list commands (users, rooms).
#pragma once

#include <matrixctl/sdk.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace matrixctl::plugin {

struct ListLimit {
  enum class Status { ok, not_integer, out_of_range };
  Status status = Status::ok;
  uint64_t max_items = 0;  // 0 = all, as in mctl_list_request
};

// Reads a decimal integer: -1 and 0 mean "all" (as in MatrixCtl), a positive
// value is the maximum number of items. Other negative values and values
// beyond int64 are out_of_range.
inline ListLimit parse_limit(std::string_view text) {
  int64_t value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error == std::errc::result_out_of_range) return {ListLimit::Status::out_of_range, 0};
  if (error != std::errc() || stop != end) return {ListLimit::Status::not_integer, 0};
  if (value == -1 || value == 0) return {ListLimit::Status::ok, 0};
  if (value < 0) return {ListLimit::Status::out_of_range, 0};
  return {ListLimit::Status::ok, static_cast<uint64_t>(value)};
}

// Builds the usage error for a `limit` that parse_limit() did not accept.
// `items` names what is listed, e.g. "users".
inline sdk::Error limit_error(std::string_view text, ListLimit::Status status,
                              const std::string& items) {
  const std::string reason = status == ListLimit::Status::not_integer
                                 ? "\"" + std::string(text) + "\" is not an integer"
                                 : "\"" + std::string(text) + "\" is out of range";
  return sdk::Error(MCTL_ERR_USAGE, "limit", reason,
                    "give the maximum number of " + items + " to list, or -1 or 0 for all");
}

}  // namespace matrixctl::plugin
