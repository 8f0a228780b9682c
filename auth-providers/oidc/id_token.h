// Verification of an OpenID Connect ID token: JWS signature against the provider's JWKS, then its
// claims.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

enum class IdTokenProblem {
  malformed,
  unsupported_algorithm,
  unknown_key,
  bad_signature,
  wrong_issuer,
  wrong_audience,
  wrong_authorized_party,
  expired,
  wrong_nonce,
};

class IdTokenError : public std::runtime_error {
 public:
  IdTokenError(IdTokenProblem problem, const std::string& message)
      : std::runtime_error(message), problem_(problem) {}
  IdTokenProblem problem() const noexcept { return problem_; }

 private:
  IdTokenProblem problem_;
};

struct IdTokenExpectations {
  std::string issuer;           // compared exactly with the iss claim
  std::string client_id;        // must be in aud, and equal azp when present
  std::string nonce;            // the nonce sent with the login; empty skips the check
  int64_t now = 0;              // Unix seconds
  int64_t leeway_seconds = 60;  // allowed clock skew for exp
};

struct IdTokenClaims {
  std::string subject;
  int64_t expires_at = 0;
};

// Returns the provider's JWK Set document. `refresh` is false for the first
// call and true for the one repeat after the token named an unknown key,
// which lets a cache fetch a fresh copy after a key rotation.
using JwksFetcher = std::function<std::string(bool refresh)>;

// Checks the compact JWS `token` (RS256/384/512, PS256/384/512, ES256 or
// ES384) against a key of the JWK Set, then iss, aud, azp, exp and nonce.
// Throws IdTokenError for the first check that fails; `fetch_jwks` may throw
// too.
IdTokenClaims verify_id_token(std::string_view token, const IdTokenExpectations& expected,
                              const JwksFetcher& fetch_jwks);

}  // namespace matrixctl::auth_oidc
