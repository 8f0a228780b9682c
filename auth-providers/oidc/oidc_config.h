// The api.auth_oidc settings of the selected server: client, endpoints, scopes, flow and limits.
#pragma once

#include <matrixctl/sdk.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::auth_oidc {

enum class ClientAuthMethod { client_secret_post, client_secret_basic, none };
enum class LoginFlow { browser, device };

// Provider endpoints; an empty string is an unknown endpoint.
struct Endpoints {
  std::string issuer;
  std::string authorization;
  std::string token;
  std::string userinfo;
  std::string jwks_uri;
  std::string revocation;
  std::string device_authorization;
};

struct OidcConfig {
  std::string server_name;
  std::string client_id;
  std::string client_secret;  // empty for client_auth_method none
  ClientAuthMethod client_auth_method = ClientAuthMethod::client_secret_post;
  std::string discovery_endpoint;
  Endpoints explicit_endpoints;
  std::vector<std::string> scopes;
  uint16_t redirect_port = 8298;  // 0 = any free port
  LoginFlow flow = LoginFlow::browser;
  std::chrono::seconds login_timeout{300};

  // Full name of a key below api.auth_oidc, e.g. "servers.default.api.auth_oidc.client_id".
  std::string key(std::string_view name) const;
};

// Reads and checks api.auth_oidc of the selected server, including the
// client secret file. Throws sdk::Error (MCTL_ERR_CONFIG) naming the key.
OidcConfig load_config(const sdk::Call& call);

// Reads a scope list from the config's JSON text (a list of strings); plain
// text is taken as a space-separated scope value. Duplicates are dropped,
// the first occurrence keeps its place.
std::vector<std::string> parse_scope_list(std::string_view text, const std::string& config_key);

}  // namespace matrixctl::auth_oidc
