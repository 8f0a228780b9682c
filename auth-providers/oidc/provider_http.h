// HTTP requests to the OpenID provider and the homeserver's auth metadata, through the host.
#pragma once

#include "form.h"

#include <matrixctl/sdk.hpp>

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <vector>

namespace matrixctl::auth_oidc {

// A response of any HTTP status, copied out of the host's buffer.
struct ProviderResponse {
  int32_t status = 0;
  std::string body;
};

// GETs an absolute URL without the access token. Throws sdk::Reported when
// no response arrived (the host has reported the network error).
ProviderResponse get_url(const sdk::Call& call, const std::string& url);

// GETs a path below the homeserver's base URL, without the access token.
ProviderResponse get_homeserver_path(const sdk::Call& call, const std::string& path);

// POSTs `fields` form-encoded to an absolute URL, with extra `headers` such
// as HTTP Basic auth. The host does not retry it, because an authorization
// code or refresh token must not be presented twice.
ProviderResponse post_form(const sdk::Call& call, const std::string& url, const FormFields& fields,
                           const std::vector<std::string>& headers = {});

// Parses a provider response that must be one JSON object. Throws
// sdk::Error (MCTL_ERR_SERVER) with `request` as the subject, e.g.
// "POST https://mas.example.org/oauth2/token".
rapidjson::Document parse_provider_object(std::string_view body, const std::string& request);

}  // namespace matrixctl::auth_oidc
