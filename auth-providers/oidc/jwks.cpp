// Public keys of a JSON Web Key Set (RFC 7517): RSA from n/e and EC P-256/P-384 from x/y.
#include "jwks.h"

#include "base64.h"

#include <plugin_json.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

namespace matrixctl::auth_oidc {
namespace {

struct BignumDeleter {
  void operator()(BIGNUM* number) const { BN_free(number); }
};
struct ParamBuilderDeleter {
  void operator()(OSSL_PARAM_BLD* builder) const { OSSL_PARAM_BLD_free(builder); }
};
struct ParamsDeleter {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};
struct KeyContextDeleter {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};

using Bignum = std::unique_ptr<BIGNUM, BignumDeleter>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, ParamBuilderDeleter>;
using Params = std::unique_ptr<OSSL_PARAM, ParamsDeleter>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, KeyContextDeleter>;

Bignum to_bignum(const std::string& bytes) {
  return Bignum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()), nullptr));
}

PublicKey key_from_params(const char* type, OSSL_PARAM_BLD* builder) {
  const Params params(OSSL_PARAM_BLD_to_param(builder));
  const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return PublicKey(key);
}

std::optional<std::string> decoded_member(const rapidjson::Value& object, const char* name) {
  const auto text = plugin::string_member(object, name);
  if (!text || text->empty()) return std::nullopt;
  return base64url_decode(*text);
}

PublicKey rsa_key(const rapidjson::Value& object) {
  const auto modulus = decoded_member(object, "n");
  const auto exponent = decoded_member(object, "e");
  if (!modulus || !exponent) return nullptr;
  const Bignum n = to_bignum(*modulus);
  const Bignum e = to_bignum(*exponent);
  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!n || !e || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return nullptr;
  }
  return key_from_params("RSA", builder.get());
}

PublicKey ec_key(const rapidjson::Value& object, const std::string& curve) {
  const char* group = nullptr;
  std::size_t coordinate_size = 0;
  if (curve == "P-256") {
    group = "prime256v1";
    coordinate_size = 32;
  } else if (curve == "P-384") {
    group = "secp384r1";
    coordinate_size = 48;
  } else {
    return nullptr;
  }
  const auto x = decoded_member(object, "x");
  const auto y = decoded_member(object, "y");
  if (!x || !y || x->size() != coordinate_size || y->size() != coordinate_size) return nullptr;

  // An uncompressed SEC 1 point: 0x04, then x and y.
  const std::string point = std::string(1, '\x04') + *x + *y;
  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return nullptr;
  }
  return key_from_params("EC", builder.get());
}

}  // namespace

std::optional<std::vector<Jwk>> parse_jwks(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  const auto keys = document.FindMember("keys");
  if (keys == document.MemberEnd() || !keys->value.IsArray()) return std::nullopt;

  std::vector<Jwk> parsed;
  for (const rapidjson::Value& object : keys->value.GetArray()) {
    if (!object.IsObject()) continue;
    Jwk jwk;
    jwk.kid = std::string(plugin::string_member(object, "kid").value_or(""));
    jwk.kty = std::string(plugin::string_member(object, "kty").value_or(""));
    jwk.crv = std::string(plugin::string_member(object, "crv").value_or(""));
    jwk.alg = std::string(plugin::string_member(object, "alg").value_or(""));
    jwk.use = std::string(plugin::string_member(object, "use").value_or(""));
    if (jwk.kty == "RSA") {
      jwk.key = rsa_key(object);
    } else if (jwk.kty == "EC") {
      jwk.key = ec_key(object, jwk.crv);
    }
    if (jwk.key) parsed.push_back(std::move(jwk));
  }
  return parsed;
}

}  // namespace matrixctl::auth_oidc
