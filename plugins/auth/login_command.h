// The `auth login` command: logs in through the server's auth provider and
// fills the token cache.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::auth_commands {

inline constexpr mctl_option_desc kLoginOptions[] = {
    sdk::flag("device", 0,
              "Log in with the OAuth 2.0 device authorization grant: enter a code shown here on "
              "any device with a browser (auth_type oidc)"),
};

inline constexpr const char* kLoginUsage =
    "Logs in to the selected server (-S) through the auth provider its auth_type names, and "
    "stores the tokens in matrixctl's token cache, replacing the cached ones. Other commands "
    "log in by themselves when nothing usable is cached; this command does it ahead of time.\n"
    "auth_type password: on a homeserver that delegates authentication to MAS, a password "
    "login gets a compatibility token without the urn:synapse:admin:* scope, so the Admin API "
    "answers 403. Use auth_type oidc for such servers.";

class LoginCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::auth_commands
