// Provider endpoints: explicit config, OpenID discovery, or the homeserver's auth metadata.
#pragma once

#include "oidc_config.h"

#include <matrixctl/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

// The issuer that a discovery URL implies: the part before
// "/.well-known/openid-configuration", or for an RFC 8414 URL
// "https://host/.well-known/oauth-authorization-server/path" the issuer
// "https://host/path". std::nullopt for any other URL.
std::optional<std::string> issuer_implied_by(std::string_view discovery_url);

// Reads the endpoints of a provider metadata document. Throws sdk::Error
// (MCTL_ERR_SERVER) naming `source` when it is not a JSON object.
Endpoints parse_provider_metadata(std::string_view json, const std::string& source);

// Throws sdk::Error (MCTL_ERR_CONFIG) when `found` and `expected` differ,
// ignoring one trailing slash on either. The message names `expected_from`
// as the source of the expected issuer.
void check_issuer(std::string_view found, std::string_view expected, const std::string& source,
                  const std::string& expected_from);

// Takes each endpoint from `configured` when set, else from `discovered`.
Endpoints merge_endpoints(const Endpoints& configured, const Endpoints& discovered);

// Returns the endpoints of the selected server, where explicit keys win over
// discovered values. Discovery runs when discovery_endpoint is set. When no
// endpoint is configured at all, it fetches the homeserver's auth metadata
// (GET /_matrix/client/v1/auth_metadata). A fully explicit setup sends no
// request.
Endpoints resolve_endpoints(const sdk::Call& call, const OidcConfig& config);

// Returns `value`, or throws sdk::Error (MCTL_ERR_CONFIG) saying that
// neither `config_key` nor the provider metadata gives this endpoint.
const std::string& require_endpoint(const std::string& value, const OidcConfig& config,
                                    const char* config_key, const char* metadata_field);

}  // namespace matrixctl::auth_oidc
