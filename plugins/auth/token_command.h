// The `auth token` command: prints the access token of the selected server
// for scripts.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::auth_commands {

inline constexpr const char* kTokenUsage =
    "Prints the access token of the selected server (-S) on standard output, logging in or "
    "refreshing first when the cached token cannot be used. It is meant for scripts, such as\n"
    "  curl -H \"Authorization: Bearer $(matrixctl auth token)\" https://matrix.example.org/...\n"
    "No other command prints a token. Anyone who reads the output can act as you until the "
    "token expires, so keep it out of logs and shell history.\n"
    "-o json and -o yaml print {\"access_token\": ..., \"expires_at\": <Unix seconds or null>}.";

class TokenCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::auth_commands
