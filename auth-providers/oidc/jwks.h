// Public keys of a JSON Web Key Set (RFC 7517): RSA from n/e and EC P-256/P-384 from x/y.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::auth_oidc {

struct PublicKeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PublicKey = std::unique_ptr<EVP_PKEY, PublicKeyDeleter>;

struct Jwk {
  std::string kid;  // empty when the key has none
  std::string kty;  // "RSA" or "EC"
  std::string crv;  // "P-256" or "P-384" for EC keys
  std::string alg;  // empty when the key is not restricted to one algorithm
  std::string use;  // "sig", "enc" or empty
  PublicKey key;
};

// Parses a JWK Set and skips keys of other types or curves and keys with
// invalid parameters. Returns std::nullopt when `json` is not an object with
// a "keys" array.
std::optional<std::vector<Jwk>> parse_jwks(std::string_view json);

}  // namespace matrixctl::auth_oidc
