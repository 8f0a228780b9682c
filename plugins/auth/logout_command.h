// The `auth logout` command: revokes and removes the cached tokens of the
// selected server.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::auth_commands {

inline constexpr const char* kLogoutUsage =
    "Revokes the cached tokens of the selected server (-S) at its auth provider, where the "
    "provider supports that, and removes that server's entry from the token cache. Entries of "
    "other servers stay.";

class LogoutCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::auth_commands
