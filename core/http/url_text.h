// URLs as they may appear in logs and error messages: without query
// strings, or with secret query values redacted.
#pragma once

#include <string>
#include <string_view>

namespace matrixctl::http {

// The URL up to (not including) its "?" or "#".
std::string without_query(std::string_view url);

// The URL with the values of secret query parameters (access_token,
// password, refresh_token, client_secret) replaced by log::redacted().
std::string redact_query_secrets(std::string_view url);

}  // namespace matrixctl::http
