// Random values for a login (PKCE verifier, state, nonce) and the PKCE S256 challenge (RFC 7636).
#include "pkce.h"

#include "base64.h"

#include <matrixctl/sdk.hpp>

#include <openssl/rand.h>
#include <openssl/sha.h>

namespace matrixctl::auth_oidc {

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw sdk::Error(MCTL_ERR_FAILED, "OpenSSL", "the random number generator failed",
                     "check that the system entropy source works");
  }
  return bytes;
}

std::string random_token(std::size_t count) { return base64url_encode(random_bytes(count)); }

std::string sha256(std::string_view data) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

std::string pkce_challenge(std::string_view verifier) { return base64url_encode(sha256(verifier)); }

Pkce make_pkce() {
  Pkce pkce;
  pkce.verifier = random_token(32);
  pkce.challenge = pkce_challenge(pkce.verifier);
  return pkce;
}

}  // namespace matrixctl::auth_oidc
