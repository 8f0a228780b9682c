// Unit tests of form encoding, base64 and client authentication.
#include "oauth_form.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_client_credentials {
namespace {

ClientSettings settings(ClientAuthMethod method) {
  ClientSettings out;
  out.client_id = "01J44RKQYM4G3TNVANTMTDYTX6";
  out.client_secret = "s3cr&t =x";
  out.auth_method = method;
  out.scope = "urn:mas:admin openid";
  return out;
}

TEST(FormEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(form_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(form_encode("a b"), "a+b");
  EXPECT_EQ(form_encode("a+b&c=d/e:f*"), "a%2Bb%26c%3Dd%2Fe%3Af%2A");
  EXPECT_EQ(form_encode("ü"), "%C3%BC");
  EXPECT_EQ(form_encode(std::string_view("\0", 1)), "%00");
}

TEST(FormBody, JoinsEncodedPairs) {
  EXPECT_EQ(form_body({{"grant_type", "client_credentials"}, {"scope", "a b"}}),
            "grant_type=client_credentials&scope=a+b");
  EXPECT_EQ(form_body({}), "");
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("\xff\xfe\xfd"), "//79");
}

TEST(BasicAuthorization, EncodesIdAndSecretFirst) {
  // base64("client+id:p%40ss")
  EXPECT_EQ(basic_authorization("client id", "p@ss"),
            "Authorization: Basic Y2xpZW50K2lkOnAlNDBzcw==");
}

TEST(TokenRequest, ClientSecretPostPutsCredentialsInTheBody) {
  const ClientRequest request = token_request(settings(ClientAuthMethod::client_secret_post));
  EXPECT_EQ(request.body,
            "grant_type=client_credentials&scope=urn%3Amas%3Aadmin+openid"
            "&client_id=01J44RKQYM4G3TNVANTMTDYTX6&client_secret=s3cr%26t+%3Dx");
  EXPECT_TRUE(request.headers.empty());
}

TEST(TokenRequest, ClientSecretBasicPutsCredentialsInTheHeader) {
  const ClientRequest request = token_request(settings(ClientAuthMethod::client_secret_basic));
  EXPECT_EQ(request.body, "grant_type=client_credentials&scope=urn%3Amas%3Aadmin+openid");
  ASSERT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.headers[0],
            basic_authorization("01J44RKQYM4G3TNVANTMTDYTX6", "s3cr&t =x"));
  EXPECT_EQ(request.body.find("client_secret"), std::string::npos);
}

TEST(RevocationRequest, NamesTheAccessToken) {
  const ClientRequest request =
      revocation_request(settings(ClientAuthMethod::client_secret_post), "mat_abc");
  EXPECT_EQ(request.body.rfind("token=mat_abc&token_type_hint=access_token&client_id=", 0), 0u)
      << request.body;
}

}  // namespace
}  // namespace matrixctl::auth_client_credentials
