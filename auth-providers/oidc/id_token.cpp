// Verification of an OpenID Connect ID token: JWS signature against the provider's JWKS, then its
// claims.
#include "id_token.h"

#include "base64.h"
#include "jwks.h"

#include <plugin_json.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <array>
#include <ctime>
#include <memory>
#include <optional>
#include <vector>

namespace matrixctl::auth_oidc {
namespace {

// RSA keys shorter than this are rejected, as RFC 7518 section 3.3 requires.
constexpr int kMinRsaBits = 2048;

struct Algorithm {
  std::string_view name;
  std::string_view kty;
  const EVP_MD* (*digest)();
  bool pss;
  std::string_view curve;       // EC only
  std::size_t coordinate_size;  // EC only: bytes of r and of s
};

constexpr std::array<Algorithm, 8> kAlgorithms = {{
    {"RS256", "RSA", &EVP_sha256, false, "", 0},
    {"RS384", "RSA", &EVP_sha384, false, "", 0},
    {"RS512", "RSA", &EVP_sha512, false, "", 0},
    {"PS256", "RSA", &EVP_sha256, true, "", 0},
    {"PS384", "RSA", &EVP_sha384, true, "", 0},
    {"PS512", "RSA", &EVP_sha512, true, "", 0},
    {"ES256", "EC", &EVP_sha256, false, "P-256", 32},
    {"ES384", "EC", &EVP_sha384, false, "P-384", 48},
}};

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct EcdsaSignatureDeleter {
  void operator()(ECDSA_SIG* signature) const { ECDSA_SIG_free(signature); }
};

struct Jws {
  std::string header_json;
  std::string payload_json;
  std::string signature;
  std::string_view signing_input;  // "<header>.<payload>" as sent
};

Jws split_jws(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    throw IdTokenError(IdTokenProblem::malformed,
                       "the ID token is not a signed JWT (three dot-separated parts)");
  }
  auto header = base64url_decode(token.substr(0, first));
  auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(token.substr(second + 1));
  if (!header || !payload || !signature) {
    throw IdTokenError(IdTokenProblem::malformed, "the ID token has invalid base64url text");
  }
  return {std::move(*header), std::move(*payload), std::move(*signature), token.substr(0, second)};
}

rapidjson::Document parse_json_object(const std::string& json, const char* part) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) {
    throw IdTokenError(IdTokenProblem::malformed,
                       std::string("the ID token's ") + part + " is not a JSON object");
  }
  return document;
}

const Algorithm& find_algorithm(std::string_view name) {
  for (const Algorithm& algorithm : kAlgorithms) {
    if (algorithm.name == name) return algorithm;
  }
  throw IdTokenError(IdTokenProblem::unsupported_algorithm,
                     "the ID token is signed with \"" + std::string(name) +
                         "\", but only RS256/384/512, PS256/384/512, ES256 and ES384 are "
                         "accepted");
}

// JWS carries an ECDSA signature as r and s of fixed size; OpenSSL expects DER.
std::optional<std::string> ecdsa_signature_to_der(std::string_view raw, std::size_t size) {
  if (raw.size() != 2 * size) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSignatureDeleter> signature(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(size), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + size, static_cast<int>(size), nullptr);
  if (!signature || r == nullptr || s == nullptr || ECDSA_SIG_set0(signature.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (length <= 0) return std::nullopt;
  std::string der(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_ECDSA_SIG(signature.get(), &out);
  return der;
}

bool key_fits(const Jwk& jwk, const Algorithm& algorithm) {
  if (jwk.kty != algorithm.kty || jwk.use == "enc") return false;
  if (!jwk.alg.empty() && jwk.alg != algorithm.name) return false;
  if (algorithm.kty == "EC") return jwk.crv == algorithm.curve;
  return EVP_PKEY_get_bits(jwk.key.get()) >= kMinRsaBits;
}

bool signature_matches(EVP_PKEY* key, const Algorithm& algorithm, std::string_view input,
                       const std::string& signature) {
  std::string der;
  std::string_view checked = signature;
  if (algorithm.kty == "EC") {
    auto converted = ecdsa_signature_to_der(signature, algorithm.coordinate_size);
    if (!converted) return false;
    der = std::move(*converted);
    checked = der;
  }

  std::unique_ptr<EVP_MD_CTX, DigestContextDeleter> context(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_context = nullptr;
  bool ok = context && EVP_DigestVerifyInit(context.get(), &key_context, algorithm.digest(),
                                            nullptr, key) == 1;
  if (ok && algorithm.pss) {
    ok = EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(key_context, RSA_PSS_SALTLEN_DIGEST) == 1;
  }
  ok = ok && EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(checked.data()),
                              checked.size(), reinterpret_cast<const unsigned char*>(input.data()),
                              input.size()) == 1;
  ERR_clear_error();
  return ok;
}

std::vector<const Jwk*> matching_keys(const std::vector<Jwk>& keys, const Algorithm& algorithm,
                                      const std::optional<std::string_view>& kid) {
  std::vector<const Jwk*> found;
  for (const Jwk& jwk : keys) {
    if (kid && jwk.kid != *kid) continue;
    if (key_fits(jwk, algorithm)) found.push_back(&jwk);
  }
  return found;
}

std::vector<Jwk> load_jwks(const JwksFetcher& fetch_jwks, bool refresh) {
  auto keys = parse_jwks(fetch_jwks(refresh));
  if (!keys) {
    throw IdTokenError(IdTokenProblem::unknown_key,
                       "the provider's JWKS is not a JSON object with a \"keys\" list");
  }
  return std::move(*keys);
}

void verify_signature(const Jws& jws, const JwksFetcher& fetch_jwks) {
  const rapidjson::Document header = parse_json_object(jws.header_json, "header");
  const auto name = plugin::string_member(header, "alg");
  if (!name) throw IdTokenError(IdTokenProblem::malformed, "the ID token header has no alg");
  const Algorithm& algorithm = find_algorithm(*name);
  const auto kid = plugin::string_member(header, "kid");

  std::vector<Jwk> keys = load_jwks(fetch_jwks, false);
  std::vector<const Jwk*> candidates = matching_keys(keys, algorithm, kid);
  if (candidates.empty() && kid) {
    // The provider may have rotated its keys since the JWKS was cached.
    keys = load_jwks(fetch_jwks, true);
    candidates = matching_keys(keys, algorithm, kid);
  }
  if (candidates.empty()) {
    throw IdTokenError(IdTokenProblem::unknown_key,
                       kid ? "the provider's JWKS has no " + std::string(algorithm.kty) +
                                 " key with kid \"" + std::string(*kid) + "\" for " +
                                 std::string(algorithm.name)
                           : "the provider's JWKS has no " + std::string(algorithm.kty) +
                                 " key for " + std::string(algorithm.name));
  }
  for (const Jwk* jwk : candidates) {
    if (signature_matches(jwk->key.get(), algorithm, jws.signing_input, jws.signature)) return;
  }
  throw IdTokenError(IdTokenProblem::bad_signature,
                     "the ID token has a bad signature: it does not verify with the " +
                         std::string(algorithm.name) + " key" +
                         (kid ? " \"" + std::string(*kid) + "\"" : std::string()) +
                         " of the provider's JWKS");
}

std::string utc_time(int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

void check_audience(const rapidjson::Document& claims, const IdTokenExpectations& expected) {
  const auto audience = claims.FindMember("aud");
  std::vector<std::string_view> audiences;
  if (audience != claims.MemberEnd() && audience->value.IsString()) {
    audiences.emplace_back(audience->value.GetString(), audience->value.GetStringLength());
  } else if (audience != claims.MemberEnd() && audience->value.IsArray()) {
    for (const rapidjson::Value& item : audience->value.GetArray()) {
      if (item.IsString()) audiences.emplace_back(item.GetString(), item.GetStringLength());
    }
  }
  bool found = false;
  std::string listed;
  for (const std::string_view item : audiences) {
    found = found || item == expected.client_id;
    listed += (listed.empty() ? "\"" : ", \"") + std::string(item) + "\"";
  }
  if (!found) {
    throw IdTokenError(IdTokenProblem::wrong_audience,
                       "the ID token is for another audience (" +
                           (listed.empty() ? std::string("none") : listed) +
                           "), not for client ID \"" + expected.client_id + "\"");
  }

  const auto authorized_party = plugin::string_member(claims, "azp");
  if (authorized_party && *authorized_party != expected.client_id) {
    throw IdTokenError(IdTokenProblem::wrong_authorized_party,
                       "the ID token was issued to the authorized party \"" +
                           std::string(*authorized_party) + "\", not to client ID \"" +
                           expected.client_id + "\"");
  }
  if (!authorized_party && audiences.size() > 1) {
    throw IdTokenError(IdTokenProblem::wrong_authorized_party,
                       "the ID token has several audiences but no azp claim naming this client");
  }
}

IdTokenClaims check_claims(const rapidjson::Document& claims, const IdTokenExpectations& expected) {
  const auto issuer = plugin::string_member(claims, "iss");
  if (!issuer || *issuer != expected.issuer) {
    throw IdTokenError(IdTokenProblem::wrong_issuer, "the ID token is from the wrong issuer \"" +
                                                         std::string(issuer.value_or("")) +
                                                         "\", expected \"" + expected.issuer +
                                                         "\"");
  }

  check_audience(claims, expected);

  const auto expiry = claims.FindMember("exp");
  if (expiry == claims.MemberEnd() || !expiry->value.IsNumber()) {
    throw IdTokenError(IdTokenProblem::malformed, "the ID token has no numeric exp claim");
  }
  const auto expires_at = static_cast<int64_t>(expiry->value.GetDouble());
  if (expected.now > expires_at + expected.leeway_seconds) {
    throw IdTokenError(IdTokenProblem::expired, "the ID token expired at " + utc_time(expires_at) +
                                                    " (now " + utc_time(expected.now) + ")");
  }

  if (!expected.nonce.empty()) {
    const auto nonce = plugin::string_member(claims, "nonce");
    if (!nonce || *nonce != expected.nonce) {
      throw IdTokenError(IdTokenProblem::wrong_nonce,
                         nonce ? "the ID token has a wrong nonce, not the one sent with this login"
                               : "the ID token has no nonce, but this login sent one");
    }
  }

  IdTokenClaims result;
  result.subject = std::string(plugin::string_member(claims, "sub").value_or(""));
  result.expires_at = expires_at;
  return result;
}

}  // namespace

IdTokenClaims verify_id_token(std::string_view token, const IdTokenExpectations& expected,
                              const JwksFetcher& fetch_jwks) {
  const Jws jws = split_jws(token);
  verify_signature(jws, fetch_jwks);
  const rapidjson::Document claims = parse_json_object(jws.payload_json, "payload");
  return check_claims(claims, expected);
}

}  // namespace matrixctl::auth_oidc
