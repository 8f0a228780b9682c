// Descriptor and entry point of the plugin "auth-client-credentials", which
// provides auth_type "client_credentials".
#include "client_credentials_provider.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;
using matrixctl::auth_client_credentials::ClientCredentialsProvider;

// A client credentials client asks for a new token instead of refreshing,
// so the descriptor has no refresh callback.
constexpr mctl_auth_provider_desc kProviders[] = {
    {sizeof(mctl_auth_provider_desc), "client_credentials",
     "OAuth 2.0 client credentials grant, for the MAS admin API (Synapse rejects its tokens)",
     &sdk::acquire_tokens<ClientCredentialsProvider>, nullptr,
     &sdk::revoke_tokens<ClientCredentialsProvider>},
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "auth-client-credentials",
    MATRIXCTL_PLUGIN_VERSION,
    "Auth provider \"client_credentials\": a token for a client without a user",
    nullptr,
    0,
    kProviders,
    sizeof kProviders / sizeof kProviders[0],
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
