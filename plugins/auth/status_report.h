// The content of `auth status`: whether a token is usable without a new
// login, and the record shown as a table or as JSON/YAML. Never a token.
#pragma once

#include "auth_state.h"

#include <cstdint>
#include <string>

namespace matrixctl::auth_commands {

enum class TokenAvailability {
  usable,         // cached and valid, refreshable, or configured (auth_type token)
  not_logged_in,  // nothing cached
  expired,        // expired, or expiring within a minute, without a refresh token
};

// Decides from the cache state alone, so that `auth status` never starts an
// interactive login. The host renews a token that expires within a minute,
// which without a refresh token means a new login, so such a token counts
// as expired.
TokenAvailability token_availability(const AuthState& state, int64_t now);

// The result of GET /_matrix/client/v3/account/whoami with the token.
struct UserCheck {
  enum class Result { ok, failed, skipped };
  Result result = Result::skipped;
  std::string user_id;    // for ok
  std::string device_id;  // for ok; empty when the token has no device
  std::string message;    // for failed and skipped: why there is no user
};

// The structured record for -o json and -o yaml: the auth_info fields plus
// user_id, device_id and user_error; empty values become null.
std::string status_json(const AuthState& state, const UserCheck& user);

// The key/value record for the table, its keys being the row titles.
std::string status_table_json(const AuthState& state, const UserCheck& user, int64_t now);

}  // namespace matrixctl::auth_commands
