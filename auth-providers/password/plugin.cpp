// Descriptor and entry point of the plugin "auth-password", which provides
// auth_type "password".
#include "password_provider.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;

constexpr mctl_auth_provider_desc kProviders[] = {
    sdk::refreshing_auth_provider<matrixctl::auth_password::PasswordProvider>(
        "password",
        "Password login (m.login.password) for homeservers without MAS; with MAS the tokens "
        "lack the admin scope"),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "auth-password",
    MATRIXCTL_PLUGIN_VERSION,
    "Auth provider \"password\": log in with a user name and password",
    nullptr,
    0,
    kProviders,
    sizeof kProviders / sizeof kProviders[0],
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
