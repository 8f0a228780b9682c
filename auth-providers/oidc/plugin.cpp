// Descriptor and entry point of the plugin "auth-oidc", which provides auth_type "oidc".
#include "oidc_provider.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;

constexpr mctl_auth_provider_desc kProviders[] = {
    sdk::refreshing_auth_provider<matrixctl::auth_oidc::OidcProvider>(
        "oidc", "Login at an OpenID provider such as MAS, in a browser or with a device code"),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "auth-oidc",
    MATRIXCTL_PLUGIN_VERSION,
    "Auth provider \"oidc\": OAuth 2.0 / OpenID Connect login with token refresh",
    nullptr,
    0,
    kProviders,
    sizeof kProviders / sizeof kProviders[0],
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
