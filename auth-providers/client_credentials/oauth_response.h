// Responses of OAuth 2.0 endpoints: provider metadata, token responses and
// error bodies (RFC 8414, RFC 6749 section 5, RFC 7009), free of host calls
// so that they can be unit tested.
#pragma once

#include "client_settings.h"

#include <matrixctl/sdk.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace matrixctl::auth_client_credentials {

// The endpoints matrixctl uses from a discovery document.
struct ProviderMetadata {
  std::string issuer;               // empty when absent
  std::string token_endpoint;       // empty when absent
  std::string revocation_endpoint;  // empty when absent
};

// Reads a discovery document fetched from `url`. Throws sdk::Error
// (MCTL_ERR_SERVER) when it is not a JSON object or an endpoint in it is not
// an absolute http or https URL.
ProviderMetadata parse_metadata(std::string_view body, const std::string& url);

// Reads a 2xx token response. `now` is the current Unix time in seconds.
// The granted scope is the requested one when the response names none
// (RFC 6749 section 5.1). A refresh token is left out, because a client
// credentials client gets a new token with its credentials instead. Throws
// sdk::Error (MCTL_ERR_SERVER) when the response has no usable bearer token.
sdk::Tokens parse_token_response(std::string_view body, int64_t now,
                                 const std::string& requested_scope, const std::string& endpoint);

// "HTTP 401 invalid_client: <error_description>" for an OAuth error response.
std::string describe_oauth_error(const sdk::HttpResponse& response);

// The error for a failed token request; `server` is the -S name.
sdk::Error token_error(const sdk::HttpResponse& response, const ClientSettings& settings,
                       const std::string& endpoint, const std::string& server);

// The error for a failed revocation request.
sdk::Error revocation_error(const sdk::HttpResponse& response, const ClientSettings& settings,
                            const std::string& endpoint, const std::string& server);

}  // namespace matrixctl::auth_client_credentials
