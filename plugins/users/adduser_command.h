// The `adduser` command: creates an account over the Admin API.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::users {

inline constexpr mctl_option_desc kAddUserOptions[] = {
    sdk::positional("user", "The account: a localpart (alice) or an MXID (@alice:example.org)",
                    true),
    sdk::flag("admin", 'a', "Make the account a server admin (default: a regular account)"),
    sdk::flag("yes", 'y', "Skip the \"Is everything ok?\" confirmation"),
    sdk::flag("password-stdin", 0,
              "Read the password from the first line of standard input and ask nothing, "
              "not even for confirmation"),
    sdk::flag("update-existing", 0,
              "If the account exists, replace its password and set its admin flag to --admin "
              "(Synapse then logs out its devices)"),
};

inline constexpr const char* kAddUserUsage =
    "Creates a local account with PUT /_synapse/admin/v2/users/<MXID>.\n"
    "Asks for the password twice without echo; pressing Enter at both prompts generates a "
    "24-character random password, printed once at the end. Then it shows a "
    "summary and asks \"Is everything ok? [y/n]\".\n"
    "An existing account is left alone unless --update-existing is given.\n"
    "For scripts: printf '%s\\n' \"$PASSWORD\" | matrixctl adduser alice --password-stdin";

class AddUserCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::users
