// The auth provider "token": an access token that does not expire, from the server's config.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::auth_token {

// Takes the token from the first of these keys below servers.<name> that is
// set: api.auth_token.token, api.token (legacy), api.auth_token.token_file,
// api.auth_token.token_command. The token is never printed or logged.
class TokenProvider {
 public:
  sdk::Tokens acquire(sdk::Call& call);
};

}  // namespace matrixctl::auth_token
