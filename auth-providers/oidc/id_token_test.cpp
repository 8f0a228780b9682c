// Tests of ID-token verification with RSA and EC keys generated here by OpenSSL.
#include "base64.h"
#include "id_token.h"
#include "jwks.h"

#include <gtest/gtest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <vector>

namespace matrixctl::auth_oidc {
namespace {

constexpr int64_t kNow = 1'700'000'000;
const std::string kIssuer = "https://mas.example.org/";
const std::string kClientId = "01J44RKQYM4G3TNVANTMTDYTX6";
const std::string kNonce = "nonce-of-this-login";

PublicKey generate_rsa_key() {
  return PublicKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
}

PublicKey generate_ec_key() {
  return PublicKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

std::string big_endian(const BIGNUM* number) {
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  return bytes;
}

std::string rsa_jwk(EVP_PKEY* key, const std::string& kid) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e);
  const std::string jwk = R"({"kty": "RSA", "use": "sig", "alg": "RS256", "kid": ")" + kid +
                          R"(", "n": ")" + base64url_encode(big_endian(n)) + R"(", "e": ")" +
                          base64url_encode(big_endian(e)) + "\"}";
  BN_free(n);
  BN_free(e);
  return jwk;
}

std::string ec_jwk(EVP_PKEY* key, const std::string& kid) {
  unsigned char point[65];
  size_t length = 0;
  EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
  EXPECT_EQ(length, 65u) << "expected an uncompressed P-256 point";
  const std::string x(reinterpret_cast<const char*>(point + 1), 32);
  const std::string y(reinterpret_cast<const char*>(point + 33), 32);
  return R"({"kty": "EC", "crv": "P-256", "kid": ")" + kid + R"(", "x": ")" + base64url_encode(x) +
         R"(", "y": ")" + base64url_encode(y) + "\"}";
}

std::string jwks_of(const std::vector<std::string>& keys) {
  std::string json = R"({"keys": [)";
  for (std::size_t i = 0; i < keys.size(); ++i) json += (i > 0 ? ", " : "") + keys[i];
  return json + "]}";
}

// Signs like a JWS producer: RSA PKCS#1 v1.5, or ECDSA with r and s as
// fixed-size big-endian numbers instead of DER.
std::string sign(EVP_PKEY* key, bool ec, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  EXPECT_EQ(EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key), 1);
  size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSign(context.get(), nullptr, &length, data, input.size());
  std::string signature(length, '\0');
  EXPECT_EQ(EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()),
                           &length, data, input.size()),
            1);
  signature.resize(length);
  if (!ec) return signature;

  const auto* der = reinterpret_cast<const unsigned char*>(signature.data());
  ECDSA_SIG* parsed = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size()));
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(parsed), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(parsed), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(parsed);
  return raw;
}

std::string make_token(EVP_PKEY* key, const std::string& alg, const std::string& kid,
                       const std::string& claims) {
  const std::string header = R"({"alg": ")" + alg + R"(", "typ": "JWT", "kid": ")" + kid + "\"}";
  const std::string input = base64url_encode(header) + "." + base64url_encode(claims);
  return input + "." + base64url_encode(sign(key, alg == "ES256", input));
}

std::string claims(const std::string& aud = "\"" + kClientId + "\"", int64_t exp = kNow + 300,
                   const std::string& nonce = kNonce, const std::string& iss = kIssuer,
                   const std::string& extra = "") {
  return R"({"iss": ")" + iss + R"(", "sub": "01HUSER", "aud": )" + aud + R"(, "exp": )" +
         std::to_string(exp) + R"(, "iat": )" + std::to_string(kNow - 10) + R"(, "nonce": ")" +
         nonce + "\"" + extra + "}";
}

IdTokenExpectations expectations() {
  IdTokenExpectations expected;
  expected.issuer = kIssuer;
  expected.client_id = kClientId;
  expected.nonce = kNonce;
  expected.now = kNow;
  return expected;
}

class IdTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rsa_ = generate_rsa_key();
    ec_ = generate_ec_key();
    ASSERT_TRUE(rsa_);
    ASSERT_TRUE(ec_);
    jwks_ = jwks_of({rsa_jwk(rsa_.get(), "rsa-1"), ec_jwk(ec_.get(), "ec-1")});
  }

  JwksFetcher fetcher() {
    return [this](bool refresh) {
      fetches_.push_back(refresh);
      return jwks_;
    };
  }

  IdTokenProblem problem_of(const std::string& token,
                            const IdTokenExpectations& expected = expectations()) {
    try {
      verify_id_token(token, expected, fetcher());
    } catch (const IdTokenError& error) {
      return error.problem();
    }
    ADD_FAILURE() << "the token was accepted";
    return IdTokenProblem::malformed;
  }

  PublicKey rsa_;
  PublicKey ec_;
  std::string jwks_;
  std::vector<bool> fetches_;
};

TEST_F(IdTokenTest, Rs256GoodTokenIsAccepted) {
  const IdTokenClaims result = verify_id_token(make_token(rsa_.get(), "RS256", "rsa-1", claims()),
                                               expectations(), fetcher());
  EXPECT_EQ(result.subject, "01HUSER");
  EXPECT_EQ(result.expires_at, kNow + 300);
  EXPECT_EQ(fetches_, std::vector<bool>{false});
}

TEST_F(IdTokenTest, Es256GoodTokenIsAccepted) {
  EXPECT_NO_THROW(
      verify_id_token(make_token(ec_.get(), "ES256", "ec-1", claims()), expectations(), fetcher()));
}

TEST_F(IdTokenTest, Rs256BadSignatureIsRejected) {
  std::string token = make_token(rsa_.get(), "RS256", "rsa-1", claims());
  // Changes the payload after signing: the signature no longer covers it.
  const std::size_t dot = token.find('.');
  const std::string other = base64url_encode(claims("\"" + kClientId + "\"", kNow + 99999));
  token.replace(dot + 1, token.find('.', dot + 1) - dot - 1, other);
  EXPECT_EQ(problem_of(token), IdTokenProblem::bad_signature);
}

TEST_F(IdTokenTest, Es256BadSignatureIsRejected) {
  std::string token = make_token(ec_.get(), "ES256", "ec-1", claims());
  const std::size_t last = token.rfind('.');
  std::string signature = *base64url_decode(token.substr(last + 1));
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  token = token.substr(0, last + 1) + base64url_encode(signature);
  EXPECT_EQ(problem_of(token), IdTokenProblem::bad_signature);
}

TEST_F(IdTokenTest, ForeignKeySignatureIsRejected) {
  const PublicKey other = generate_rsa_key();
  EXPECT_EQ(problem_of(make_token(other.get(), "RS256", "rsa-1", claims())),
            IdTokenProblem::bad_signature);
}

TEST_F(IdTokenTest, WrongAudienceIsRejected) {
  EXPECT_EQ(problem_of(make_token(rsa_.get(), "RS256", "rsa-1", claims("\"another-client\""))),
            IdTokenProblem::wrong_audience);
  EXPECT_EQ(problem_of(make_token(ec_.get(), "ES256", "ec-1", claims("[\"another-client\"]"))),
            IdTokenProblem::wrong_audience);
}

TEST_F(IdTokenTest, SeveralAudiencesNeedMatchingAzp) {
  const std::string audiences = "[\"" + kClientId + "\", \"other\"]";
  EXPECT_EQ(problem_of(make_token(rsa_.get(), "RS256", "rsa-1", claims(audiences))),
            IdTokenProblem::wrong_authorized_party);
  EXPECT_NO_THROW(verify_id_token(make_token(rsa_.get(), "RS256", "rsa-1",
                                             claims(audiences, kNow + 300, kNonce, kIssuer,
                                                    R"(, "azp": ")" + kClientId + "\"")),
                                  expectations(), fetcher()));
  EXPECT_EQ(
      problem_of(make_token(rsa_.get(), "RS256", "rsa-1",
                            claims(audiences, kNow + 300, kNonce, kIssuer, R"(, "azp": "other")"))),
      IdTokenProblem::wrong_authorized_party);
}

TEST_F(IdTokenTest, WrongNonceIsRejected) {
  EXPECT_EQ(problem_of(make_token(rsa_.get(), "RS256", "rsa-1",
                                  claims("\"" + kClientId + "\"", kNow + 300, "other-nonce"))),
            IdTokenProblem::wrong_nonce);
  EXPECT_EQ(problem_of(make_token(ec_.get(), "ES256", "ec-1",
                                  claims("\"" + kClientId + "\"", kNow + 300, "other-nonce"))),
            IdTokenProblem::wrong_nonce);
}

TEST_F(IdTokenTest, NonceIsNotCheckedWhenNoneWasSent) {
  IdTokenExpectations expected = expectations();
  expected.nonce.clear();
  EXPECT_NO_THROW(verify_id_token(
      make_token(rsa_.get(), "RS256", "rsa-1", claims("\"" + kClientId + "\"", kNow + 300, "x")),
      expected, fetcher()));
}

TEST_F(IdTokenTest, ExpiredTokenIsRejected) {
  EXPECT_EQ(problem_of(make_token(rsa_.get(), "RS256", "rsa-1",
                                  claims("\"" + kClientId + "\"", kNow - 120))),
            IdTokenProblem::expired);
  EXPECT_EQ(problem_of(make_token(ec_.get(), "ES256", "ec-1",
                                  claims("\"" + kClientId + "\"", kNow - 120))),
            IdTokenProblem::expired);
}

TEST_F(IdTokenTest, ExpiryWithinClockSkewIsAccepted) {
  EXPECT_NO_THROW(verify_id_token(
      make_token(rsa_.get(), "RS256", "rsa-1", claims("\"" + kClientId + "\"", kNow - 30)),
      expectations(), fetcher()));
}

TEST_F(IdTokenTest, WrongIssuerIsRejected) {
  EXPECT_EQ(problem_of(make_token(
                rsa_.get(), "RS256", "rsa-1",
                claims("\"" + kClientId + "\"", kNow + 300, kNonce, "https://evil.example.org/"))),
            IdTokenProblem::wrong_issuer);
}

TEST_F(IdTokenTest, UnknownKidIsRejectedAfterOneRefetch) {
  EXPECT_EQ(problem_of(make_token(rsa_.get(), "RS256", "rotated-away", claims())),
            IdTokenProblem::unknown_key);
  EXPECT_EQ(fetches_, (std::vector<bool>{false, true}));
}

TEST_F(IdTokenTest, RotatedKeyIsFoundByRefetch) {
  const PublicKey rotated = generate_ec_key();
  const std::string fresh_jwks = jwks_of({ec_jwk(rotated.get(), "ec-2")});
  const JwksFetcher fetch = [&](bool refresh) {
    fetches_.push_back(refresh);
    return refresh ? fresh_jwks : jwks_;
  };
  EXPECT_NO_THROW(
      verify_id_token(make_token(rotated.get(), "ES256", "ec-2", claims()), expectations(), fetch));
  EXPECT_EQ(fetches_, (std::vector<bool>{false, true}));
}

TEST_F(IdTokenTest, KidOfOtherKeyTypeIsUnknown) {
  // An ES256 header naming the RSA key's kid must not be checked with it.
  EXPECT_EQ(problem_of(make_token(ec_.get(), "ES256", "rsa-1", claims())),
            IdTokenProblem::unknown_key);
}

TEST_F(IdTokenTest, UnsignedAndHmacTokensAreRejected) {
  const std::string payload = "." + base64url_encode(claims()) + ".";
  EXPECT_EQ(problem_of(base64url_encode(R"({"alg": "none"})") + payload),
            IdTokenProblem::unsupported_algorithm);
  EXPECT_EQ(problem_of(base64url_encode(R"({"alg": "HS256"})") + payload + "c2ln"),
            IdTokenProblem::unsupported_algorithm);
}

TEST_F(IdTokenTest, MalformedTokensAreRejected) {
  EXPECT_EQ(problem_of("only.two"), IdTokenProblem::malformed);
  EXPECT_EQ(problem_of("a.b.c.d"), IdTokenProblem::malformed);
  EXPECT_EQ(problem_of("!!.!!.!!"), IdTokenProblem::malformed);
}

TEST(Jwks, SkipsUnsupportedAndBrokenKeys) {
  const auto keys = parse_jwks(
      R"({"keys": [{"kty": "oct", "k": "c2VjcmV0"}, {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
                   {"kty": "RSA", "n": "", "e": "AQAB"}, 7]})");
  ASSERT_TRUE(keys);
  EXPECT_TRUE(keys->empty());
  EXPECT_FALSE(parse_jwks("[]"));
  EXPECT_FALSE(parse_jwks(R"({"keys": {}})"));
}

}  // namespace
}  // namespace matrixctl::auth_oidc
