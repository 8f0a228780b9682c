// The auth provider "password": m.login.password at the homeserver's client
// API, for servers that do not delegate authentication to MAS.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string_view>

namespace matrixctl::auth_password {

// Logs in as api.auth_password.username and hands the host a cacheable
// token set. With MAS, such logins get compatibility tokens, which never
// carry the urn:synapse:admin:* scope, so the Admin API returns 403.
class PasswordProvider {
 public:
  sdk::Tokens acquire(sdk::Call& call);
  // Throws sdk::Error with MCTL_ERR_REAUTH when the homeserver rejects the
  // refresh token.
  sdk::Tokens refresh(sdk::Call& call, std::string_view refresh_token);
  void revoke(sdk::Call& call, std::string_view refresh_token, std::string_view access_token);
};

}  // namespace matrixctl::auth_password
