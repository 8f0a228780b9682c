// Request bodies, token responses and errors of the Matrix endpoints
// /_matrix/client/v3/login and /refresh, free of host calls so that they can
// be unit tested.
#pragma once

#include <matrixctl/sdk.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace matrixctl::auth_password {

inline constexpr const char* kLoginPath = "/_matrix/client/v3/login";
inline constexpr const char* kRefreshPath = "/_matrix/client/v3/refresh";
inline constexpr const char* kLogoutPath = "/_matrix/client/v3/logout";

// An m.login.password request for `user` (a localpart or an MXID). It
// requests a refresh token, which servers without refresh-token support
// ignore.
std::string login_body(std::string_view user, std::string_view password);

// The body of a /refresh request.
std::string refresh_body(std::string_view refresh_token);

// A successful /login or /refresh response.
struct LoginResult {
  sdk::Tokens tokens;     // cacheable; expires_at is 0 when the token does not expire
  std::string user_id;    // empty when the response has none (/refresh never has one)
  std::string device_id;  // empty when the response has none
};

// Reads the JSON body of a 2xx /login or /refresh response. `now` is the
// current Unix time in seconds; `request` names the request in errors.
// Throws sdk::Error (MCTL_ERR_SERVER) when the body has no usable
// access_token.
LoginResult parse_token_response(std::string_view body, int64_t now, const std::string& request);

// The error for a failed /login. `user` is the MXID that tried to log in,
// `server` the -S name of the selected server.
sdk::Error login_error(const sdk::HttpResponse& response, const std::string& user,
                       const std::string& server);

// The error for a failed /refresh: MCTL_ERR_REAUTH for a 401, which makes
// the host drop the cached tokens and log in again.
sdk::Error refresh_error(const sdk::HttpResponse& response, const std::string& server);

}  // namespace matrixctl::auth_password
