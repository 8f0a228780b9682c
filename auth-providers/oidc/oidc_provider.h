// The auth provider "oidc": login at an OpenID provider such as MAS, token refresh and revocation.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string_view>

namespace matrixctl::auth_oidc {

// Reads api.auth_oidc of the selected server on every call. Tokens, the
// client secret, the authorization code and the PKCE verifier never appear
// in a message.
class OidcProvider {
 public:
  // Logs in with the browser or device flow (config key `flow`, or the
  // provider arg "flow"); fails without prompting when "no-input" is set.
  sdk::Tokens acquire(sdk::Call& call);

  // Exchanges a refresh token. Throws sdk::Error with MCTL_ERR_REAUTH when
  // the provider returns invalid_grant.
  sdk::Tokens refresh(sdk::Call& call, std::string_view refresh_token);

  // Revokes both tokens at the revocation endpoint (RFC 7009) when the
  // provider has one. Logs a failed request or discovery as a warning
  // instead of throwing it.
  void revoke(sdk::Call& call, std::string_view refresh_token, std::string_view access_token);
};

}  // namespace matrixctl::auth_oidc
