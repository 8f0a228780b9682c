// The api.auth_oidc settings of the selected server: client, endpoints, scopes, flow and limits.
#include "oidc_config.h"

#include "scopes.h"

#include <plugin_json.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace matrixctl::auth_oidc {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// A value that is absent or only whitespace counts as unset.
std::optional<std::string> read_text(const sdk::Call& call, std::string_view name) {
  const std::string dotted = "api.auth_oidc." + std::string(name);
  const auto value = call.config(dotted.c_str());
  if (!value || trim(*value).empty()) return std::nullopt;
  return std::string(trim(*value));
}

ClientAuthMethod parse_auth_method(const std::string& text, const std::string& config_key) {
  if (text == "client_secret_post") return ClientAuthMethod::client_secret_post;
  if (text == "client_secret_basic") return ClientAuthMethod::client_secret_basic;
  if (text == "none") return ClientAuthMethod::none;
  throw sdk::Error(MCTL_ERR_CONFIG, config_key, "\"" + text + "\" is not supported",
                   "use client_secret_post, client_secret_basic or none");
}

LoginFlow parse_flow(const std::string& text, const std::string& config_key) {
  if (text == "browser") return LoginFlow::browser;
  if (text == "device") return LoginFlow::device;
  throw sdk::Error(MCTL_ERR_CONFIG, config_key, "\"" + text + "\" is not a login flow",
                   "use browser or device");
}

uint16_t parse_port(const std::string& text, const std::string& config_key) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > 65535) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key, "\"" + text + "\" is not a port number",
                     "use a port from 1 to 65535 that the client's redirect URIs allow, or 0 "
                     "for any free port");
  }
  return static_cast<uint16_t>(value);
}

std::chrono::seconds parse_timeout(const std::string& text, const std::string& config_key) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 1) || value > 86400) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key,
                     "\"" + text + "\" is not a number of seconds from 1 to 86400",
                     "set it to the time a login may take, e.g. login_timeout: 300");
  }
  return std::chrono::seconds(static_cast<long long>(std::ceil(value)));
}

std::string read_secret(const sdk::Call& call, const OidcConfig& config) {
  const auto secret = read_text(call, "client_secret");
  const auto secret_file = read_text(call, "client_secret_file");
  if (secret && secret_file) {
    call.warning("auth", "both " + config.key("client_secret") + " and " +
                             config.key("client_secret_file") + " are set: using " +
                             config.key("client_secret"));
  }
  if (secret) return *secret;
  if (!secret_file) return {};

  std::string content;
  try {
    content = call.read_file(*secret_file);
  } catch (const sdk::Reported&) {
    // The host's message names only the path; name the key as well.
    throw sdk::Error(MCTL_ERR_CONFIG, config.key("client_secret_file"),
                     "the file " + *secret_file + " cannot be read",
                     "check the path and its permissions");
  }
  const std::string_view value = trim(content);
  if (value.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, config.key("client_secret_file"),
                     "the file " + *secret_file + " is empty", "write the client secret into it");
  }
  return std::string(value);
}

void read_endpoints(const sdk::Call& call, Endpoints& endpoints) {
  const std::pair<const char*, std::string*> keys[] = {
      {"issuer", &endpoints.issuer},
      {"auth_endpoint", &endpoints.authorization},
      {"token_endpoint", &endpoints.token},
      {"userinfo_endpoint", &endpoints.userinfo},
      {"jwks_uri", &endpoints.jwks_uri},
      {"revocation_endpoint", &endpoints.revocation},
      {"device_authorization_endpoint", &endpoints.device_authorization},
  };
  for (const auto& [name, field] : keys) {
    if (auto value = read_text(call, name)) *field = std::move(*value);
  }
}

// Reads `scopes`, or MatrixCtl's older name `claims`, and checks the list.
std::vector<std::string> read_scopes(const sdk::Call& call, const OidcConfig& config) {
  const auto scopes = read_text(call, "scopes");
  const auto claims = read_text(call, "claims");
  if (scopes && claims) {
    call.warning("auth", "both " + config.key("scopes") + " and " + config.key("claims") +
                             " are set: using " + config.key("scopes"));
  }
  if (!scopes && !claims) return default_scopes();

  const std::string key = config.key(scopes ? "scopes" : "claims");
  std::vector<std::string> list = parse_scope_list(scopes ? *scopes : *claims, key);
  check_scope_families(list, key);
  return list;
}

}  // namespace

std::string OidcConfig::key(std::string_view name) const {
  return "servers." + server_name + ".api.auth_oidc." + std::string(name);
}

std::vector<std::string> parse_scope_list(std::string_view text, const std::string& config_key) {
  std::vector<std::string> items;
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (!document.HasParseError() && document.IsArray()) {
    for (const rapidjson::Value& item : document.GetArray()) {
      if (!item.IsString()) {
        throw sdk::Error(
            MCTL_ERR_CONFIG, config_key,
            "must be a list of scope strings, but an element is " + plugin::to_json(item),
            "write it as a YAML list, e.g. [openid, urn:synapse:admin:*]");
      }
      for (auto& scope : split_scope(std::string_view(item.GetString(), item.GetStringLength()))) {
        items.push_back(std::move(scope));
      }
    }
  } else {
    items = split_scope(text);
  }

  std::vector<std::string> unique;
  for (auto& scope : items) {
    if (std::find(unique.begin(), unique.end(), scope) == unique.end()) {
      unique.push_back(std::move(scope));
    }
  }
  if (unique.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, config_key, "the scope list is empty",
                     "remove the key to use the default scopes, or list the scopes to request");
  }
  return unique;
}

OidcConfig load_config(const sdk::Call& call) {
  OidcConfig config;
  config.server_name = std::string(call.server_name());

  const auto client_id = read_text(call, "client_id");
  if (!client_id) {
    throw sdk::Error(MCTL_ERR_CONFIG, config.key("client_id"), "missing",
                     "set it to the client ID registered at the OpenID provider (in MAS a "
                     "26-character ULID)");
  }
  config.client_id = *client_id;

  config.client_secret = read_secret(call, config);
  if (const auto method = read_text(call, "client_auth_method")) {
    config.client_auth_method = parse_auth_method(*method, config.key("client_auth_method"));
  } else {
    // Without a secret the only usable method is that of a public client.
    config.client_auth_method = config.client_secret.empty() ? ClientAuthMethod::none
                                                             : ClientAuthMethod::client_secret_post;
  }
  if (config.client_auth_method == ClientAuthMethod::none && !config.client_secret.empty()) {
    call.warning("auth", config.key("client_auth_method") +
                             " is none, so the configured client secret is not sent");
    config.client_secret.clear();
  }
  if (config.client_auth_method != ClientAuthMethod::none && config.client_secret.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, config.key("client_secret"),
                     "missing, but client_auth_method needs a client secret",
                     "set client_secret or client_secret_file, or set client_auth_method: none "
                     "for a public client");
  }

  if (auto discovery = read_text(call, "discovery_endpoint")) {
    config.discovery_endpoint = std::move(*discovery);
  }
  read_endpoints(call, config.explicit_endpoints);

  config.scopes = read_scopes(call, config);

  if (const auto port = read_text(call, "redirect_port")) {
    config.redirect_port = parse_port(*port, config.key("redirect_port"));
  }
  if (const auto flow = read_text(call, "flow")) {
    config.flow = parse_flow(*flow, config.key("flow"));
  }
  if (const auto timeout = read_text(call, "login_timeout")) {
    config.login_timeout = parse_timeout(*timeout, config.key("login_timeout"));
  }
  return config;
}

}  // namespace matrixctl::auth_oidc
