// The auth provider "client_credentials": the OAuth 2.0 client credentials
// grant, for automation against the MAS admin API.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string_view>

namespace matrixctl::auth_client_credentials {

// Gets a token for a confidential client (api.auth_oidc) without a user.
// Synapse's Admin API does not accept such user-less tokens, so every
// acquire warns about that. There is no refresh: the host acquires again.
class ClientCredentialsProvider {
 public:
  sdk::Tokens acquire(sdk::Call& call);
  // Revokes the access token at the revocation endpoint, if the config or
  // the discovery document names one.
  void revoke(sdk::Call& call, std::string_view refresh_token, std::string_view access_token);
};

}  // namespace matrixctl::auth_client_credentials
