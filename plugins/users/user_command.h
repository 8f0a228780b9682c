// The `user` command: shows one account with its third-party IDs.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::users {

inline constexpr mctl_option_desc kUserOptions[] = {
    sdk::positional("user", "The account: a localpart (alice) or an MXID (@alice:example.org)",
                    true),
    sdk::flag("to-json", 'j', "Print the account as a JSON object (same as -o json)"),
};

inline constexpr const char* kUserUsage =
    "Shows one local account: a \"User\" table, then one \"Threepid\" table per email address "
    "or phone number and one \"External ID\" table per SSO mapping. Times are UTC.\n"
    "-o json and -o yaml print the whole object Synapse returns.";

class UserCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::users
