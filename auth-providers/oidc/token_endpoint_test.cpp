// Tests of token responses, OAuth error messages and device authorization responses.
#include "device_flow.h"
#include "token_endpoint.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_oidc {
namespace {

const std::string kEndpoint = "https://mas.example.org/oauth2/token";

OidcConfig sample_config() {
  OidcConfig config;
  config.server_name = "default";
  config.client_id = "01J44RKQYM4G3TNVANTMTDYTX6";
  return config;
}

TEST(TokenResponse, ReadsAllFields) {
  const TokenResponse tokens = parse_token_response(
      R"({"access_token": "mat_a", "token_type": "Bearer", "expires_in": 300,
          "refresh_token": "mar_r", "id_token": "x.y.z", "scope": "openid"})",
      kEndpoint);
  EXPECT_EQ(tokens.access_token, "mat_a");
  EXPECT_EQ(tokens.refresh_token, "mar_r");
  EXPECT_EQ(tokens.id_token, "x.y.z");
  EXPECT_EQ(tokens.scope, "openid");
  ASSERT_TRUE(tokens.expires_in);
  EXPECT_EQ(*tokens.expires_in, 300);
}

TEST(TokenResponse, AcceptsLowerCaseBearerAndNoExpiry) {
  const TokenResponse tokens =
      parse_token_response(R"({"access_token": "a", "token_type": "bearer"})", kEndpoint);
  EXPECT_FALSE(tokens.expires_in);
}

TEST(TokenResponse, RejectsMissingAccessTokenAndOtherTypes) {
  EXPECT_THROW(parse_token_response(R"({"token_type": "Bearer"})", kEndpoint), sdk::Error);
  EXPECT_THROW(parse_token_response(R"({"access_token": "a", "token_type": "mac"})", kEndpoint),
               sdk::Error);
  EXPECT_THROW(parse_token_response("not json", kEndpoint), sdk::Error);
}

TEST(OAuthError, MessageNamesEndpointAndError) {
  ProviderResponse response;
  response.status = 400;
  response.body = R"({"error": "invalid_grant", "error_description": "The code\nwas used"})";
  const sdk::Error error = oauth_request_error(response, kEndpoint, sample_config());
  EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
  EXPECT_EQ(error.subject(), "POST " + kEndpoint);
  EXPECT_EQ(error.reason(), "the provider returned HTTP 400 invalid_grant: The code was used");
  EXPECT_NE(error.hint().find("matrixctl -S default auth login"), std::string::npos);
}

TEST(OAuthError, ServerErrorAndNonJsonBody) {
  ProviderResponse response;
  response.status = 502;
  response.body = "<html>Bad Gateway</html>";
  const sdk::Error error = oauth_request_error(response, kEndpoint, sample_config());
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_EQ(error.reason(), "the provider returned HTTP 502 without an OAuth error code");
}

TEST(OAuthError, ParsesErrorBody) {
  const OAuthError error = parse_oauth_error(R"({"error": "authorization_pending"})");
  EXPECT_EQ(error.error, "authorization_pending");
  EXPECT_EQ(error.description, "");
  EXPECT_EQ(parse_oauth_error("[]").error, "");
}

TEST(DeviceAuthorization, ReadsResponse) {
  const DeviceAuthorization device = parse_device_authorization(
      R"({"device_code": "dc", "user_code": "ABC123", "verification_uri": "https://m/link",
          "verification_uri_complete": "https://m/link?code=ABC123", "expires_in": 1200,
          "interval": 5})",
      "https://m/oauth2/device");
  EXPECT_EQ(device.device_code, "dc");
  EXPECT_EQ(device.user_code, "ABC123");
  EXPECT_EQ(device.verification_uri, "https://m/link");
  EXPECT_EQ(device.verification_uri_complete, "https://m/link?code=ABC123");
  EXPECT_EQ(device.expires_in, 1200);
  EXPECT_EQ(device.interval, 5);
}

TEST(DeviceAuthorization, DefaultsIntervalAndRequiresCodes) {
  const DeviceAuthorization device = parse_device_authorization(
      R"({"device_code": "dc", "user_code": "U", "verification_uri": "https://m/link",
          "expires_in": 60})",
      "https://m/oauth2/device");
  EXPECT_EQ(device.interval, 5);
  EXPECT_THROW(parse_device_authorization(R"({"device_code": "dc", "verification_uri": "x"})",
                                          "https://m/oauth2/device"),
               sdk::Error);
}

}  // namespace
}  // namespace matrixctl::auth_oidc
