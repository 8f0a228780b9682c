// Descriptor and entry point of the plugin "auth": commands for the token
// cache of the selected server.
#include "login_command.h"
#include "logout_command.h"
#include "status_command.h"
#include "token_command.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;
namespace auth = matrixctl::auth_commands;

constexpr mctl_command_desc kCommands[] = {
    sdk::command<auth::LoginCommand>("login", "auth",
                                     "Log in to the selected server and cache its tokens",
                                     auth::kLoginOptions, auth::kLoginUsage),
    sdk::command<auth::StatusCommand>("status", "auth",
                                      "Show the auth state of the selected server, without tokens",
                                      auth::kStatusUsage),
    sdk::command<auth::LogoutCommand>("logout", "auth",
                                      "Revoke and remove the cached tokens of the selected server",
                                      auth::kLogoutUsage),
    sdk::command<auth::TokenCommand>("token", "auth",
                                     "Print the access token of the selected server, for scripts",
                                     auth::kTokenUsage),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "auth",
    MATRIXCTL_PLUGIN_VERSION,
    "Log in, show the auth state, log out, and print the access token",
    kCommands,
    sizeof kCommands / sizeof kCommands[0],
    nullptr,
    0,
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
