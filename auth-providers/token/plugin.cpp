// Descriptor and entry point of the plugin "auth-token", which provides auth_type "token".
#include "token_provider.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;

constexpr mctl_auth_provider_desc kProviders[] = {
    sdk::auth_provider<matrixctl::auth_token::TokenProvider>(
        "token", "Access token from the config, a file or a command"),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "auth-token",
    MATRIXCTL_PLUGIN_VERSION,
    "Auth provider \"token\": a fixed access token",
    nullptr,
    0,
    kProviders,
    sizeof kProviders / sizeof kProviders[0],
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
