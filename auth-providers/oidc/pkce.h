// Random values for a login (PKCE verifier, state, nonce) and the PKCE S256 challenge (RFC 7636).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

// Returns `count` bytes from OpenSSL's CSPRNG. Throws sdk::Error when it fails.
std::string random_bytes(std::size_t count);

// Returns `count` random bytes as base64url text, for state and nonce values.
std::string random_token(std::size_t count = 32);

// Returns the SHA-256 digest of `data` (32 raw bytes).
std::string sha256(std::string_view data);

// Returns BASE64URL(SHA256(verifier)), the code_challenge for method S256.
std::string pkce_challenge(std::string_view verifier);

struct Pkce {
  std::string verifier;   // 43 characters from 32 random bytes; a secret until the code exchange
  std::string challenge;  // S256 of the verifier
};

Pkce make_pkce();

}  // namespace matrixctl::auth_oidc
