// Device login: OAuth 2.0 device authorization grant (RFC 8628) for hosts without a browser.
#pragma once

#include "oidc_config.h"
#include "token_endpoint.h"

#include <matrixctl/sdk.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

struct DeviceAuthorization {
  std::string device_code;  // a secret: never printed
  std::string user_code;
  std::string verification_uri;
  std::string verification_uri_complete;  // empty when the provider sends none
  int64_t expires_in = 0;                 // seconds
  int64_t interval = 5;                   // seconds between token requests
};

// Reads a device authorization response. Throws sdk::Error
// (MCTL_ERR_SERVER) naming `endpoint` when a required member is missing.
DeviceAuthorization parse_device_authorization(std::string_view body, const std::string& endpoint);

// Runs the device login: requests a user code, shows where to enter it and
// polls the token endpoint until the user approves or denies it, the code
// expires or Ctrl-C is pressed.
TokenResponse run_device_login(const sdk::Call& call, const OidcConfig& config,
                               const std::string& device_endpoint,
                               const std::string& token_endpoint);

}  // namespace matrixctl::auth_oidc
