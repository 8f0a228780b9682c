// The auth provider "oidc": login at an OpenID provider such as MAS, token refresh and revocation.
#include "oidc_provider.h"

#include "authorization_code_flow.h"
#include "device_flow.h"
#include "discovery.h"
#include "id_token.h"
#include "oidc_config.h"
#include "scopes.h"
#include "token_endpoint.h"

#include <ctime>

namespace matrixctl::auth_oidc {
namespace {

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

LoginFlow chosen_flow(const sdk::Call& call, const OidcConfig& config) {
  const auto flow = call.arg("flow");
  if (!flow || flow->empty()) return config.flow;
  if (*flow == "device") return LoginFlow::device;
  if (*flow == "browser") return LoginFlow::browser;
  throw sdk::Error(MCTL_ERR_USAGE, "login flow", "\"" + std::string(*flow) + "\" is unknown",
                   "use browser or device");
}

std::string id_token_hint(IdTokenProblem problem, const OidcConfig& config) {
  switch (problem) {
    case IdTokenProblem::wrong_issuer:
      return "check " + config.key("issuer") + " and " + config.key("discovery_endpoint");
    case IdTokenProblem::wrong_audience:
    case IdTokenProblem::wrong_authorized_party: return "check " + config.key("client_id");
    case IdTokenProblem::expired: return "check that this host's clock is right";
    case IdTokenProblem::wrong_nonce:
      return "start the login again; a wrong nonce can mean a replayed or injected response";
    case IdTokenProblem::unknown_key:
    case IdTokenProblem::bad_signature:
      return "check " + config.key("jwks_uri") +
             "; otherwise the token was altered on its way and must not be trusted";
    default: return {};
  }
}

void verify_id_token_of(const sdk::Call& call, const OidcConfig& config, const Endpoints& endpoints,
                        const std::string& id_token, const std::string& nonce) {
  const std::string& jwks_uri =
      require_endpoint(endpoints.jwks_uri, config, "jwks_uri", "jwks_uri");
  const std::string& issuer = require_endpoint(endpoints.issuer, config, "issuer", "issuer");

  IdTokenExpectations expected;
  expected.issuer = issuer;
  expected.client_id = config.client_id;
  expected.nonce = nonce;
  expected.now = unix_now();
  const JwksFetcher fetch_jwks = [&call, &jwks_uri](bool refresh) {
    if (refresh) call.debug("auth", "the ID token names an unknown key; fetching the JWKS again");
    const ProviderResponse response = get_url(call, jwks_uri);
    if (response.status != 200) {
      throw sdk::Error(
          MCTL_ERR_SERVER, "GET " + jwks_uri,
          "fetching the provider's JWKS failed with HTTP " + std::to_string(response.status));
    }
    return response.body;
  };

  try {
    const IdTokenClaims claims = verify_id_token(id_token, expected, fetch_jwks);
    call.debug("auth", "the ID token of subject " + claims.subject + " is valid");
  } catch (const IdTokenError& error) {
    throw sdk::Error(MCTL_ERR_AUTH, "ID token from " + issuer, error.what(),
                     id_token_hint(error.problem(), config));
  }
}

// Checks what a token request returned and turns it into the host's token set.
sdk::Tokens accept_tokens(const sdk::Call& call, const OidcConfig& config,
                          const Endpoints& endpoints, TokenResponse response,
                          const std::string& nonce) {
  if (!response.id_token.empty()) {
    verify_id_token_of(call, config, endpoints, response.id_token, nonce);
  }
  // RFC 6749 section 5.1 lets a response omit the scope when it is the
  // requested one.
  // NOTE: after a refresh that omits it, this is the configured scope, which
  // can differ from what the provider granted at login.
  const std::string scope = response.scope.empty() ? join_scope(config.scopes) : response.scope;
  check_admin_scope_granted(config.scopes, scope, config.server_name);

  sdk::Tokens tokens;
  tokens.access_token = std::move(response.access_token);
  tokens.refresh_token = std::move(response.refresh_token);
  tokens.id_token = std::move(response.id_token);
  tokens.scope = scope;
  tokens.expires_at = response.expires_in ? unix_now() + *response.expires_in : 0;
  tokens.cacheable = true;
  return tokens;
}

}  // namespace

sdk::Tokens OidcProvider::acquire(sdk::Call& call) {
  const OidcConfig config = load_config(call);
  if (call.flag("no-input")) {
    throw sdk::Error(MCTL_ERR_AUTH, "server \"" + config.server_name + "\"",
                     "no usable token is cached, and --no-input forbids an interactive login",
                     "log in first: matrixctl -S " + config.server_name + " auth login");
  }
  const LoginFlow flow = chosen_flow(call, config);
  const Endpoints endpoints = resolve_endpoints(call, config);
  const std::string& token_endpoint =
      require_endpoint(endpoints.token, config, "token_endpoint", "token_endpoint");

  std::string nonce;
  TokenResponse response;
  if (flow == LoginFlow::device) {
    const std::string& device_endpoint =
        require_endpoint(endpoints.device_authorization, config, "device_authorization_endpoint",
                         "device_authorization_endpoint");
    response = run_device_login(call, config, device_endpoint, token_endpoint);
  } else {
    require_endpoint(endpoints.authorization, config, "auth_endpoint", "authorization_endpoint");
    LoginResult login = run_browser_login(call, config, endpoints, !call.flag("no-browser"));
    response = std::move(login.tokens);
    nonce = std::move(login.nonce);
  }

  return accept_tokens(call, config, endpoints, std::move(response), nonce);
}

sdk::Tokens OidcProvider::refresh(sdk::Call& call, std::string_view refresh_token) {
  const OidcConfig config = load_config(call);
  const Endpoints endpoints = resolve_endpoints(call, config);
  const std::string& token_endpoint =
      require_endpoint(endpoints.token, config, "token_endpoint", "token_endpoint");

  const ProviderResponse reply = post_with_client_auth(
      call, config, token_endpoint,
      {{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}});
  if (reply.status != 200) {
    const OAuthError error = parse_oauth_error(reply.body);
    if (error.error == "invalid_grant") {
      throw sdk::Error(MCTL_ERR_REAUTH, "POST " + token_endpoint,
                       "the provider rejected the refresh token (invalid_grant" +
                           (error.description.empty() ? "" : ": " + error.description) + ")",
                       "log in again: matrixctl -S " + config.server_name + " auth login");
    }
    throw oauth_request_error(reply, token_endpoint, config);
  }

  TokenResponse response = parse_token_response(reply.body, token_endpoint);
  // A provider that does not rotate refresh tokens sends none back; the
  // old one stays valid then.
  if (response.refresh_token.empty()) response.refresh_token = std::string(refresh_token);
  call.debug("auth", "refreshed the access token at " + token_endpoint);
  return accept_tokens(call, config, endpoints, std::move(response), {});
}

void OidcProvider::revoke(sdk::Call& call, std::string_view refresh_token,
                          std::string_view access_token) {
  std::string revocation_endpoint;
  OidcConfig config;
  try {
    config = load_config(call);
    revocation_endpoint = resolve_endpoints(call, config).revocation;
  } catch (const sdk::Error& error) {
    call.warning("auth", "cannot revoke the tokens: " + error.subject() + ": " + error.reason());
    return;
  } catch (const sdk::Reported&) {
    call.warning("auth", "cannot revoke the tokens: the provider metadata could not be fetched");
    return;
  }
  if (revocation_endpoint.empty()) {
    call.debug("auth",
               "the provider has no revocation endpoint; the tokens stay valid until "
               "they expire");
    return;
  }

  // Revoking the refresh token first ends the whole grant at providers
  // such as MAS; the access token is revoked too for those that do not.
  const std::pair<std::string_view, const char*> tokens[] = {{refresh_token, "refresh_token"},
                                                             {access_token, "access_token"}};
  for (const auto& [token, hint] : tokens) {
    if (token.empty()) continue;
    try {
      const ProviderResponse reply =
          post_with_client_auth(call, config, revocation_endpoint,
                                {{"token", std::string(token)}, {"token_type_hint", hint}});
      if (reply.status == 200) {
        call.debug("auth", std::string("revoked the ") + hint + " at " + revocation_endpoint);
        continue;
      }
      const sdk::Error error = oauth_request_error(reply, revocation_endpoint, config);
      call.warning("auth", std::string("revoking the ") + hint + " failed: " + error.subject() +
                               ": " + error.reason());
    } catch (const sdk::Reported&) {
      call.warning("auth", std::string("revoking the ") + hint + " failed: no response from " +
                               revocation_endpoint);
    } catch (const sdk::Error& error) {
      call.warning("auth", std::string("revoking the ") + hint + " failed: " + error.reason());
    }
  }
}

}  // namespace matrixctl::auth_oidc
