// Unit tests of the pure parts of the client credentials settings.
#include "client_settings.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_client_credentials {
namespace {

constexpr const char* kKey = "servers.prod.api.auth_oidc.client_auth_method";

TEST(AuthMethod, DefaultsToClientSecretPost) {
  EXPECT_EQ(parse_auth_method("", kKey), ClientAuthMethod::client_secret_post);
  EXPECT_EQ(parse_auth_method("client_secret_post", kKey), ClientAuthMethod::client_secret_post);
}

TEST(AuthMethod, AcceptsBasicInAnyCase) {
  EXPECT_EQ(parse_auth_method("Client_Secret_Basic", kKey),
            ClientAuthMethod::client_secret_basic);
}

TEST(AuthMethod, RejectsNoneAndJwt) {
  for (const char* method : {"none", "private_key_jwt", "client_secret_jwt"}) {
    try {
      parse_auth_method(method, kKey);
      ADD_FAILURE() << "accepted " << method;
    } catch (const sdk::Error& error) {
      EXPECT_EQ(error.status(), MCTL_ERR_CONFIG) << method;
      EXPECT_EQ(error.subject(), kKey) << method;
      EXPECT_NE(error.hint().find("client_secret_basic"), std::string::npos) << method;
    }
  }
}

TEST(Scope, JoinsAJsonList) {
  EXPECT_EQ(parse_scope(R"(["urn:mas:admin","openid"])", "k"), "urn:mas:admin openid");
}

TEST(Scope, KeepsAScalarAsItIs) {
  EXPECT_EQ(parse_scope("  urn:mas:admin openid ", "k"), "urn:mas:admin openid");
}

TEST(Scope, EmptyListMeansTheDefault) { EXPECT_EQ(parse_scope("[]", "k"), kDefaultScope); }

TEST(Scope, RejectsInvalidItems) {
  for (const char* value : {R"([1])", R"([""])", R"(["a b"])", R"(["a\"b"])", "[broken"}) {
    EXPECT_THROW(parse_scope(value, "k"), sdk::Error) << value;
  }
}

TEST(EndpointUrl, AcceptsHttpAndHttps) {
  EXPECT_TRUE(is_absolute_http_url("https://auth.example.org/oauth2/token"));
  EXPECT_TRUE(is_absolute_http_url("HTTP://127.0.0.1:8080/token"));
}

TEST(EndpointUrl, RejectsRelativeAndOtherSchemes) {
  for (const char* url : {"/oauth2/token", "auth.example.org/token", "ftp://x/y", "https://",
                          "https:///token", "https://a b/token", ""}) {
    EXPECT_FALSE(is_absolute_http_url(url)) << url;
    EXPECT_THROW(check_endpoint_url(url, "k"), sdk::Error) << url;
  }
}

TEST(UnencryptedRemote, LoopbackAndHttpsAreFine) {
  for (const char* url : {"https://auth.example.org/token", "http://127.0.0.1:8080/token",
                          "http://localhost/token", "http://[::1]:99/token",
                          "http://user@127.0.0.2/token"}) {
    EXPECT_FALSE(is_unencrypted_remote(url)) << url;
  }
}

TEST(UnencryptedRemote, PlainHttpToAnotherHost) {
  for (const char* url : {"http://auth.example.org/token", "http://localhost.example.org/",
                          "http://[2001:db8::1]/token", "http://127.0.0.1@evil.example/"}) {
    EXPECT_TRUE(is_unencrypted_remote(url)) << url;
  }
}

}  // namespace
}  // namespace matrixctl::auth_client_credentials
