// Base64 (RFC 4648 section 4) and base64url (section 5) encoding and decoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

// Encodes with the URL-safe alphabet and without "=" padding, as JWS and PKCE use it.
std::string base64url_encode(std::string_view bytes);

// Decodes base64url with or without padding. Returns std::nullopt for a
// character outside the alphabet or an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

// Encodes with the standard alphabet and padding, as HTTP Basic auth uses it.
std::string base64_encode(std::string_view bytes);

}  // namespace matrixctl::auth_oidc
