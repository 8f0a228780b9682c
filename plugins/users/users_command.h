// The `users` command: lists the accounts of the homeserver.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::users {

inline constexpr mctl_option_desc kUsersOptions[] = {
    sdk::positional("limit", "Maximum number of users to list; -1 or 0 lists all", false, "-1"),
    sdk::flag("all", 'a', "Also list guests and deactivated users (same as -g -D)"),
    sdk::flag("with-guests", 'g',
              "Also list guest accounts (Synapse rejects this when it delegates auth to MAS)"),
    sdk::flag("with-deactivated", 'D', "Also list deactivated accounts"),
    sdk::flag("to-json", 'j', "Print the users as a JSON array (same as -o json)"),
};

inline constexpr const char* kUsersUsage =
    "Lists the local accounts in Synapse's order (by name). Guests and deactivated accounts "
    "are left out unless -g, -D or -a asks for them.\n"
    "The table shows the localpart as Name; -o json and -o yaml print every field Synapse "
    "returns, with the full MXID.";

class UsersCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::users
