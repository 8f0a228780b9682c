// The settings of the client credentials grant, read from the
// api.auth_oidc keys of the selected server.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string>
#include <string_view>

namespace matrixctl::auth_client_credentials {

enum class ClientAuthMethod { client_secret_post, client_secret_basic };

struct ClientSettings {
  std::string client_id;
  std::string client_secret;
  ClientAuthMethod auth_method = ClientAuthMethod::client_secret_post;
  std::string token_endpoint;       // empty: from discovery
  std::string discovery_endpoint;   // empty: the homeserver's auth_metadata
  std::string revocation_endpoint;  // empty: from discovery, if it has one
  std::string scope;                // space-separated
};

inline constexpr const char* kDefaultScope = "urn:mas:admin";

// Reads and checks every setting. Throws sdk::Error (MCTL_ERR_CONFIG)
// naming the key when one is missing or invalid.
ClientSettings read_client_settings(const sdk::Call& call);

// Parses client_auth_method; an empty value is the default
// client_secret_post. `key` names the setting in errors.
ClientAuthMethod parse_auth_method(std::string_view text, const std::string& key);

// Turns a scopes or claims value into a space-separated scope: the host
// returns a YAML list as JSON text and a scalar as it is.
std::string parse_scope(std::string_view value, const std::string& key);

// True for an absolute http or https URL with a host.
bool is_absolute_http_url(std::string_view url);

// Throws sdk::Error (MCTL_ERR_CONFIG, subject `origin`) unless
// is_absolute_http_url(url).
void check_endpoint_url(std::string_view url, const std::string& origin);

// True for a plain-http URL whose host is not a loopback address, where a
// client secret would travel unencrypted over a network.
bool is_unencrypted_remote(std::string_view url);

}  // namespace matrixctl::auth_client_credentials
