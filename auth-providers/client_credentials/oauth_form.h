// Form bodies and client authentication of OAuth 2.0 token and revocation
// requests (RFC 6749 appendix B and section 2.3.1, RFC 7009).
#pragma once

#include "client_settings.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace matrixctl::auth_client_credentials {

inline constexpr const char* kFormContentType = "application/x-www-form-urlencoded";

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Encodes one name or value as application/x-www-form-urlencoded: space as
// "+", and every byte outside ALPHA, DIGIT and "-._~" as %XX.
std::string form_encode(std::string_view text);

// "name=value&name=value" with both sides form-encoded.
std::string form_body(const FormFields& fields);

// Standard base64 with "=" padding (RFC 4648 section 4).
std::string base64_encode(std::string_view bytes);

// The header line "Authorization: Basic ..." of client_secret_basic, whose
// user and password are the form-encoded client ID and secret.
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

// A token or revocation request: its form body and the extra header lines
// that the client authentication method needs.
struct ClientRequest {
  std::string body;
  std::vector<std::string> headers;
};

// grant_type=client_credentials with the scope and the client's credentials.
ClientRequest token_request(const ClientSettings& settings);

// An RFC 7009 revocation request for an access token.
ClientRequest revocation_request(const ClientSettings& settings, std::string_view access_token);

}  // namespace matrixctl::auth_client_credentials
