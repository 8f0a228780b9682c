// Requests to the provider's token-like endpoints: client authentication, token responses and OAuth
// errors.
#pragma once

#include "form.h"
#include "oidc_config.h"
#include "provider_http.h"

#include <matrixctl/sdk.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

struct TokenResponse {
  std::string access_token;
  std::string token_type;
  std::string refresh_token;  // empty when none was issued
  std::string id_token;       // empty when none was issued
  std::string scope;          // empty when the response has none
  std::optional<int64_t> expires_in;
};

// An OAuth 2.0 error body (RFC 6749 section 5.2).
struct OAuthError {
  std::string error;        // empty when the body has no error code
  std::string description;  // error_description, reduced to one line
};

// POSTs `fields` to `url` with client_id and the client authentication that
// client_auth_method selects: client_secret in the body, HTTP Basic, or none.
ProviderResponse post_with_client_auth(const sdk::Call& call, const OidcConfig& config,
                                       const std::string& url, FormFields fields);

OAuthError parse_oauth_error(std::string_view body);

// Reads a successful token response. Throws sdk::Error (MCTL_ERR_SERVER)
// naming `endpoint` when it has no access token or is not a Bearer token.
TokenResponse parse_token_response(std::string_view body, const std::string& endpoint);

// Builds the one-line error for a failed request to `endpoint`, naming the
// HTTP status and the OAuth error code and description.
sdk::Error oauth_request_error(const ProviderResponse& response, const std::string& endpoint,
                               const OidcConfig& config);

// POSTs a token request and returns the tokens of a 200 response. Throws
// oauth_request_error() for any other status.
TokenResponse request_tokens(const sdk::Call& call, const OidcConfig& config,
                             const std::string& endpoint, FormFields fields);

}  // namespace matrixctl::auth_oidc
