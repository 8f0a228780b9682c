// The `auth status` command: the auth state of the selected server and the
// user its access token belongs to.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::auth_commands {

inline constexpr const char* kStatusUsage =
    "Shows the server, its auth_type, the user and device the access token belongs to, the "
    "granted scopes, when the access token expires, whether a refresh token is cached, and the "
    "token cache file. It never shows a token.\n"
    "The user comes from GET /_matrix/client/v3/account/whoami, which also proves that the "
    "homeserver accepts the token; when that request fails, its error is shown as the user. "
    "The command never starts a login: it exits with status 4 when no usable token is cached "
    "or the homeserver rejects the token, and with the request's status when the check could "
    "not be made.";

class StatusCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::auth_commands
