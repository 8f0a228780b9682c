// Provider endpoints: explicit config, OpenID discovery, or the homeserver's auth metadata.
#include "discovery.h"

#include "provider_http.h"

#include <plugin_json.h>

namespace matrixctl::auth_oidc {
namespace {

constexpr std::string_view kOpenIdSuffix = "/.well-known/openid-configuration";
constexpr std::string_view kOAuthMarker = "/.well-known/oauth-authorization-server";
constexpr const char* kAuthMetadataPath = "/_matrix/client/v1/auth_metadata";
constexpr const char* kUnstableAuthMetadataPath =
    "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata";

std::string_view without_trailing_slash(std::string_view text) {
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);
  return text;
}

bool any_endpoint_set(const Endpoints& endpoints) {
  return !endpoints.authorization.empty() || !endpoints.token.empty() ||
         !endpoints.userinfo.empty() || !endpoints.jwks_uri.empty() ||
         !endpoints.revocation.empty() || !endpoints.device_authorization.empty();
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host.substr(0, 4) == "127." || host == "[::1]";
}

// Warns about plain-HTTP endpoints on other hosts than this one, where
// tokens and the client secret would cross the network unencrypted.
void warn_if_plain_http(const sdk::Call& call, const Endpoints& endpoints) {
  for (const std::string* url :
       {&endpoints.authorization, &endpoints.token, &endpoints.device_authorization,
        &endpoints.revocation, &endpoints.jwks_uri, &endpoints.userinfo}) {
    constexpr std::string_view kScheme = "http://";
    if (std::string_view(*url).substr(0, kScheme.size()) != kScheme) continue;
    const std::string_view authority = std::string_view(*url).substr(kScheme.size());
    std::string_view host = authority.substr(0, authority.find_first_of("/?#"));
    if (!host.empty() && host.front() != '[') host = host.substr(0, host.find(':'));
    if (is_loopback_host(host)) continue;
    call.warning("auth", "the OpenID provider endpoint " + *url +
                             " uses plain HTTP, so tokens cross the network unencrypted");
    return;
  }
}

Endpoints fetch_metadata(const sdk::Call& call, const std::string& url) {
  call.debug("auth", "fetching the OpenID provider metadata from " + url);
  const ProviderResponse response = get_url(call, url);
  if (response.status != 200) {
    throw sdk::Error(MCTL_ERR_SERVER, "GET " + url,
                     "the discovery request failed with HTTP " + std::to_string(response.status),
                     "check api.auth_oidc.discovery_endpoint");
  }
  return parse_provider_metadata(response.body, "GET " + url);
}

Endpoints fetch_homeserver_metadata(const sdk::Call& call, const OidcConfig& config) {
  std::string path = kAuthMetadataPath;
  call.debug("auth", "fetching the auth metadata of the homeserver from " + path);
  ProviderResponse response = get_homeserver_path(call, path);
  if (response.status == 404) {
    path = kUnstableAuthMetadataPath;
    response = get_homeserver_path(call, path);
  }
  if (response.status == 404) {
    throw sdk::Error(MCTL_ERR_CONFIG, config.key("discovery_endpoint"),
                     "missing, and the homeserver does not publish auth metadata "
                     "(GET " +
                         std::string(kAuthMetadataPath) +
                         " returned HTTP 404), so it "
                         "does not delegate logins to an OpenID provider",
                     "set discovery_endpoint to the provider's "
                     ".well-known/openid-configuration URL, or set the endpoints explicitly");
  }
  if (response.status != 200) {
    throw sdk::Error(MCTL_ERR_SERVER, "GET " + path,
                     "the homeserver returned HTTP " + std::to_string(response.status),
                     "check api.base_url, or set api.auth_oidc.discovery_endpoint");
  }
  return parse_provider_metadata(response.body, "GET " + path);
}

}  // namespace

std::optional<std::string> issuer_implied_by(std::string_view discovery_url) {
  const std::size_t query = discovery_url.find_first_of("?#");
  const std::string_view url = discovery_url.substr(0, query);

  if (url.size() > kOpenIdSuffix.size() &&
      url.substr(url.size() - kOpenIdSuffix.size()) == kOpenIdSuffix) {
    return std::string(url.substr(0, url.size() - kOpenIdSuffix.size()));
  }

  const std::size_t marker = url.find(kOAuthMarker);
  const std::size_t scheme_end = url.find("://");
  if (marker != std::string_view::npos && scheme_end != std::string_view::npos &&
      url.find('/', scheme_end + 3) == marker) {
    return std::string(url.substr(0, marker)) +
           std::string(url.substr(marker + kOAuthMarker.size()));
  }
  return std::nullopt;
}

Endpoints parse_provider_metadata(std::string_view json, const std::string& source) {
  const rapidjson::Document document = parse_provider_object(json, source);
  const auto text = [&document](const char* key) {
    return std::string(plugin::string_member(document, key).value_or(""));
  };
  Endpoints endpoints;
  endpoints.issuer = text("issuer");
  endpoints.authorization = text("authorization_endpoint");
  endpoints.token = text("token_endpoint");
  endpoints.userinfo = text("userinfo_endpoint");
  endpoints.jwks_uri = text("jwks_uri");
  endpoints.revocation = text("revocation_endpoint");
  endpoints.device_authorization = text("device_authorization_endpoint");
  return endpoints;
}

void check_issuer(std::string_view found, std::string_view expected, const std::string& source,
                  const std::string& expected_from) {
  if (without_trailing_slash(found) == without_trailing_slash(expected)) return;
  throw sdk::Error(MCTL_ERR_CONFIG, source,
                   "the provider metadata names the issuer \"" + std::string(found) + "\", but " +
                       expected_from + " is \"" + std::string(expected) + "\"",
                   "check api.auth_oidc.discovery_endpoint and api.auth_oidc.issuer; a "
                   "mismatch can also mean the metadata comes from the wrong server");
}

Endpoints merge_endpoints(const Endpoints& configured, const Endpoints& discovered) {
  const auto pick = [](const std::string& first, const std::string& second) {
    return first.empty() ? second : first;
  };
  Endpoints merged;
  merged.issuer = pick(configured.issuer, discovered.issuer);
  merged.authorization = pick(configured.authorization, discovered.authorization);
  merged.token = pick(configured.token, discovered.token);
  merged.userinfo = pick(configured.userinfo, discovered.userinfo);
  merged.jwks_uri = pick(configured.jwks_uri, discovered.jwks_uri);
  merged.revocation = pick(configured.revocation, discovered.revocation);
  merged.device_authorization =
      pick(configured.device_authorization, discovered.device_authorization);
  return merged;
}

Endpoints resolve_endpoints(const sdk::Call& call, const OidcConfig& config) {
  const Endpoints& configured = config.explicit_endpoints;
  if (config.discovery_endpoint.empty() && any_endpoint_set(configured)) {
    warn_if_plain_http(call, configured);
    return configured;
  }

  Endpoints discovered;
  std::string source;
  if (!config.discovery_endpoint.empty()) {
    source = "GET " + config.discovery_endpoint;
    discovered = fetch_metadata(call, config.discovery_endpoint);
  } else {
    source = "GET " + std::string(kAuthMetadataPath);
    discovered = fetch_homeserver_metadata(call, config);
  }

  if (discovered.issuer.empty()) {
    throw sdk::Error(MCTL_ERR_SERVER, source, "the provider metadata has no issuer",
                     "check that the URL points to an OpenID provider's discovery document");
  }
  if (!configured.issuer.empty()) {
    check_issuer(discovered.issuer, configured.issuer, source, config.key("issuer"));
  } else if (const auto implied = issuer_implied_by(config.discovery_endpoint)) {
    check_issuer(discovered.issuer, *implied, source,
                 "the issuer that " + config.key("discovery_endpoint") + " implies");
  }
  Endpoints merged = merge_endpoints(configured, discovered);
  // The ID token's iss claim must match the provider's own spelling, which
  // may differ from the configured issuer by a trailing slash.
  merged.issuer = discovered.issuer;
  warn_if_plain_http(call, merged);
  return merged;
}

const std::string& require_endpoint(const std::string& value, const OidcConfig& config,
                                    const char* config_key, const char* metadata_field) {
  if (!value.empty()) return value;
  const bool discovered =
      !config.discovery_endpoint.empty() || !any_endpoint_set(config.explicit_endpoints);
  throw sdk::Error(MCTL_ERR_CONFIG, config.key(config_key),
                   discovered
                       ? std::string("missing, and the provider metadata has no ") + metadata_field
                       : std::string("missing"),
                   std::string("set ") + config_key + " to the provider's " + metadata_field +
                       (discovered ? "" : ", or set discovery_endpoint"));
}

}  // namespace matrixctl::auth_oidc
