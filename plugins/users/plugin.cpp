// Descriptor and entry point of the plugin "users".
#include "adduser_command.h"
#include "user_command.h"
#include "users_command.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;
namespace users = matrixctl::users;

constexpr mctl_command_desc kCommands[] = {
    sdk::command<users::UsersCommand>("users", "user", "List the user accounts",
                                      users::kUsersOptions, users::kUsersUsage),
    sdk::command<users::UserCommand>("user", "user", "Show one user account",
                                     users::kUserOptions, users::kUserUsage),
    sdk::command<users::AddUserCommand>("adduser", "user", "Create a user account",
                                        users::kAddUserOptions, users::kAddUserUsage),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "users",
    MATRIXCTL_PLUGIN_VERSION,
    "List, show and create user accounts",
    kCommands,
    sizeof kCommands / sizeof kCommands[0],
    nullptr,
    0,
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
