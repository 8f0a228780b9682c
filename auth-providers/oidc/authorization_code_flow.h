// Browser login: authorization code grant with PKCE and a loopback redirect (RFC 6749, 7636, 8252).
#pragma once

#include "oidc_config.h"
#include "token_endpoint.h"

#include <matrixctl/sdk.hpp>

#include <string>

namespace matrixctl::auth_oidc {

struct AuthorizationRequest {
  std::string endpoint;  // may already contain a query
  std::string client_id;
  std::string redirect_uri;
  std::string scope;
  std::string code_challenge;  // S256
  std::string state;
  std::string nonce;
};

// Builds the URL to open in the browser, with every value percent-encoded.
std::string build_authorization_url(const AuthorizationRequest& request);

// The tokens of a finished login and the nonce it sent, for the ID token check.
struct LoginResult {
  TokenResponse tokens;
  std::string nonce;
};

// Runs the browser login: listens on 127.0.0.1:<redirect_port>, prints the
// URL, opens the browser unless `open_browser` is false, waits for the
// callback and exchanges the code. A callback's iss parameter (RFC 9207)
// must equal `endpoints.issuer` when both are known. Throws sdk::Error on a
// port in use, an error callback, a timeout, Ctrl-C or a failed exchange.
LoginResult run_browser_login(const sdk::Call& call, const OidcConfig& config,
                              const Endpoints& endpoints, bool open_browser);

}  // namespace matrixctl::auth_oidc
