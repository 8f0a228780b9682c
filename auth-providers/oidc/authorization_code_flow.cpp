// Browser login: authorization code grant with PKCE and a loopback redirect (RFC 6749, 7636, 8252).
#include "authorization_code_flow.h"

#include "browser.h"
#include "form.h"
#include "loopback_listener.h"
#include "pkce.h"
#include "scopes.h"

#include <cstdlib>
#include <memory>

namespace matrixctl::auth_oidc {
namespace {

// xdg-open without a graphical session may start a text browser, which
// cannot work with standard input on /dev/null.
bool has_graphical_session() {
  return std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr;
}

std::unique_ptr<BrowserLaunch> open_browser_at(const sdk::Call& call, const std::string& url) {
  const char* browser = std::getenv("BROWSER");
  const bool browser_set = browser != nullptr && browser_command(browser).front() != "xdg-open";
  if (!browser_set && !has_graphical_session()) {
    call.debug("auth", "neither BROWSER nor a graphical session is set: not opening a browser");
    return nullptr;
  }
  auto launch = std::make_unique<BrowserLaunch>(browser_command(browser), url);
  if (auto failure = launch->failure()) {
    call.warning("auth", *failure + "; open the URL above by hand");
  }
  return launch;
}

// Throws for a callback from another issuer (RFC 9207 mix-up defence) or
// with an OAuth error.
void check_callback(const CallbackResult& result, const OidcConfig& config,
                    const std::string& issuer) {
  const std::string subject = "browser login of server \"" + config.server_name + "\"";
  if (!result.issuer.empty() && !issuer.empty() && result.issuer != issuer) {
    throw sdk::Error(MCTL_ERR_AUTH, subject,
                     "the callback comes from the issuer \"" + result.issuer +
                         "\", but the login was started at \"" + issuer + "\"",
                     "start the login again; check " + config.key("issuer") + " if this repeats");
  }
  if (result.error.empty()) return;

  std::string reason = "the provider ended the login with " + result.error;
  if (!result.error_description.empty()) reason += ": " + result.error_description;
  std::string hint = "start the login again: matrixctl -S " + config.server_name + " auth login";
  if (result.error == "invalid_scope") {
    hint = "check " + config.key("scopes") +
           "; MAS grants urn:synapse:admin:* only to users with can_request_admin";
  } else if (result.error == "access_denied") {
    hint = "the login was declined in the browser; " + hint;
  }
  throw sdk::Error(MCTL_ERR_AUTH, subject, reason, hint);
}

}  // namespace

std::string build_authorization_url(const AuthorizationRequest& request) {
  return append_query(request.endpoint, {
                                            {"response_type", "code"},
                                            {"client_id", request.client_id},
                                            {"redirect_uri", request.redirect_uri},
                                            {"scope", request.scope},
                                            {"state", request.state},
                                            {"nonce", request.nonce},
                                            {"code_challenge", request.code_challenge},
                                            {"code_challenge_method", "S256"},
                                        });
}

LoginResult run_browser_login(const sdk::Call& call, const OidcConfig& config,
                              const Endpoints& endpoints, bool open_browser) {
  const std::string& authorization_endpoint = endpoints.authorization;
  const std::string& token_endpoint = endpoints.token;
  // Bound before anything else, so a port in use fails before the user
  // is sent to the browser.
  LoopbackListener listener(config.redirect_port, config.key("redirect_port"));

  const Pkce pkce = make_pkce();
  AuthorizationRequest request;
  request.endpoint = authorization_endpoint;
  request.client_id = config.client_id;
  request.redirect_uri = listener.redirect_uri();
  request.scope = join_scope(config.scopes);
  request.code_challenge = pkce.challenge;
  request.state = random_token();
  request.nonce = random_token();
  const std::string url = build_authorization_url(request);

  const std::string port = std::to_string(listener.port());
  call.log(MCTL_LOG_INFO, "auth",
           "To log in to server \"" + config.server_name +
               "\", open this URL in a browser:\n\n    " + url + "\n");
  call.log(MCTL_LOG_INFO, "auth",
           "If the browser runs on another host than matrixctl, forward the port first: "
           "ssh -L " +
               port + ":127.0.0.1:" + port + " <this host>");

  std::unique_ptr<BrowserLaunch> browser;
  if (open_browser) browser = open_browser_at(call, url);

  const auto timeout = config.login_timeout;
  call.log(MCTL_LOG_INFO, "auth",
           "Waiting up to " + std::to_string(timeout.count()) +
               " s for the login to finish in the browser (Ctrl-C to stop)...");
  const auto on_tick = [&call, &browser] {
    if (call.cancelled()) {
      throw sdk::Error(MCTL_ERR_CANCELLED, "browser login", "interrupted while waiting");
    }
    if (browser) {
      if (auto failure = browser->failure()) {
        call.warning("auth", *failure + "; open the URL above by hand");
      }
    }
  };
  const auto log = [&call](int32_t level, const std::string& message) {
    call.log(level, "auth", message);
  };
  const auto result = listener.wait_for_callback(
      request.state, LoopbackListener::Clock::now() + timeout, on_tick, log);
  if (!result) {
    throw sdk::Error(MCTL_ERR_AUTH, "browser login of server \"" + config.server_name + "\"",
                     "no login arrived at " + listener.redirect_uri() + " within " +
                         std::to_string(timeout.count()) + " s",
                     "open the printed URL and finish the login in time (the limit is " +
                         config.key("login_timeout") +
                         "), or log in without a browser: "
                         "matrixctl -S " +
                         config.server_name + " auth login --device");
  }
  check_callback(*result, config, endpoints.issuer);

  call.debug("auth", "received the authorization code; exchanging it at " + token_endpoint);
  LoginResult login;
  login.nonce = request.nonce;
  login.tokens = request_tokens(call, config, token_endpoint,
                                {
                                    {"grant_type", "authorization_code"},
                                    {"code", result->code},
                                    {"redirect_uri", request.redirect_uri},
                                    {"code_verifier", pkce.verifier},
                                });
  return login;
}

}  // namespace matrixctl::auth_oidc
